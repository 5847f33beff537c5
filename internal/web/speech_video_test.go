package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video"
)

const videoSpeechPath = forumPath + "/speeches/wang-yi-video-address"

// addSubtitles stores the demo video address's subtitles: Chinese (its
// original) written by people, Russian machine-translated from it, English
// translated by people, three cues each over the first six seconds.
func addSubtitles(t *testing.T, db *store.DB, speechID int64) {
	t.Helper()
	cues := func(lines ...string) []subtitle.Cue {
		var cs []subtitle.Cue
		for i, l := range lines {
			cs = append(cs, subtitle.Cue{Start: int64(i) * 2000, End: int64(i)*2000 + 1900, Lines: []string{l}})
		}
		return cs
	}
	zh := cues("亲爱的朋友们，", "同事们！", "条约至今仍然有效。")
	zh[0].Voice, zh[1].Voice = "发言人", "发言人" // a WebVTT file's <v 发言人>
	for _, tr := range []*subtitle.Track{
		{SpeechID: speechID, Lang: "zh", Provenance: subtitle.Human, Cues: zh},
		{SpeechID: speechID, Lang: "ru", Provenance: subtitle.Machine, SourceLang: "zh", Cues: cues("Дорогие друзья,", "коллеги!", "Договор по-прежнему действует.")},
		{SpeechID: speechID, Lang: "en", Provenance: subtitle.Human, SourceLang: "zh", Cues: cues("Dear friends,", "colleagues!", "The treaty remains in force.")},
	} {
		if err := subtitle.Put(context.Background(), db, tr); err != nil {
			t.Fatal(err)
		}
	}
}

// publishVideo approves video id for every host of its speech's forum,
// as the demo's loader does, so that the public sees it.
func publishVideo(t *testing.T, db *store.DB, id int64) {
	t.Helper()
	ctx := context.Background()
	err := db.Transact(ctx, func(tx *store.Tx) error {
		v, err := video.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		hosts, err := forum.SpeechHosts(ctx, tx, v.ItemID)
		if err != nil {
			return err
		}
		for _, h := range hosts {
			if _, err := video.Approve(ctx, tx, id, h, video.Actor{Name: "test"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// publishSubtitles approves every subtitle track of a speech, as it is,
// for every host, so that the public sees them.
func publishSubtitles(t *testing.T, db *store.DB, speechID int64) {
	t.Helper()
	ctx := context.Background()
	err := db.Transact(ctx, func(tx *store.Tx) error {
		return subtitle.ApproveAll(ctx, tx, speechID, subtitle.Approver{Name: "test"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSpeechVideoPlayer: the demo's video address shows no player until
// its video is ready and every host approved it; then the page has the browser's player with the
// poster, both renditions, a subtitle track per language labelled in its
// own language (the reader's the default), a download link with the size,
// who made each track, a transcript with a link per cue and the original
// beside it, and a VideoObject in its JSON-LD. The files are served with
// ranges, and not at all before the video is ready or once the forum is
// withdrawn.
func TestSpeechVideoPlayer(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		var speechID int64
		if err := s.db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&speechID); err != nil {
			t.Fatal(err)
		}
		addSubtitles(t, s.db, speechID)
		files := map[string][]byte{}
		for name, n := range map[string]int{"main.mp4": 300000, "720p.mp4": 120000, "poster.jpg": 5000} {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(i * 7 % 251)
			}
			files[name] = b
			if _, err := s.blobs.Put(ctx, "videos/77/"+name, bytes.NewReader(b)); err != nil {
				t.Fatal(err)
			}
		}
		media := "/ru" + videoSpeechPath + "/video/v77/"
		status := func(path string) int {
			t.Helper()
			resp := s.get(path)
			io.Copy(io.Discard, resp.Body)
			return resp.StatusCode
		}
		noPlayer := func(when string) {
			t.Helper()
			doc := s.page("/ru"+videoSpeechPath, 200)
			if n := doc.Find("video, #transcript, .speech-video").Length(); n != 0 {
				t.Errorf("%s: the page has %d elements of a player", when, n)
			}
			if ld := jsonLD(t, doc); ld["recordedIn"] != nil {
				t.Errorf("%s: the JSON-LD has a video: %v", when, ld["recordedIn"])
			}
			for _, f := range []string{"main.mp4", "720p.mp4", "poster.jpg"} {
				if st := status(media + f); st != 404 {
					t.Errorf("%s: GET %s: %d, want 404", when, f, st)
				}
			}
		}
		noPlayer("without a video")

		now := time.Date(2021, 7, 10, 8, 0, 0, 0, time.UTC)
		if _, err := s.db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, progress, created_at, updated_at) VALUES (77, ?, 'uploads/x', 'processing', 500, ?, ?)`,
			speechID, now, now); err != nil {
			t.Fatal(err)
		}
		noPlayer("while the video is processed")

		rends := fmt.Sprintf(`[{"name":"main","key":"videos/77/main.mp4","width":1920,"height":1080,"size":%d,"video_codec":"h264","audio_codec":"aac","bit_rate":1},
			{"name":"720p","key":"videos/77/720p.mp4","width":1280,"height":720,"size":%d,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]`,
			len(files["main.mp4"]), len(files["720p.mp4"]))
		if _, err := s.db.Exec(ctx, `UPDATE videos SET state = 'ready', progress = 1000, duration_ms = 754500, width = 1920, height = 1080,
			renditions = ?, poster_key = 'videos/77/poster.jpg' WHERE id = 77`, rends); err != nil {
			t.Fatal(err)
		}
		if err := forum.Touch(ctx, s.db); err != nil {
			t.Fatal(err)
		}
		noPlayer("while the processed video awaits the hosts' approval")
		publishVideo(t, s.db, 77)
		publishSubtitles(t, s.db, speechID)

		doc := s.page("/ru"+videoSpeechPath, 200)
		v := doc.Find("video#speech-video")
		if v.Length() != 1 {
			t.Fatalf("no player on the page: %s", text(doc, "main"))
		}
		if _, ok := v.Attr("controls"); !ok || attr(doc, "video", "preload") != "metadata" || attr(doc, "video", "poster") != media+"poster.jpg" {
			t.Errorf("the video element: controls %v, preload %q, poster %q", ok, attr(doc, "video", "preload"), attr(doc, "video", "poster"))
		}
		var sources []string
		v.Find("source").Each(func(_ int, e *goquery.Selection) {
			src, _ := e.Attr("src")
			typ, _ := e.Attr("type")
			sources = append(sources, src+" "+typ)
		})
		if want := []string{media + "720p.mp4 video/mp4", media + "main.mp4 video/mp4"}; fmt.Sprint(sources) != fmt.Sprint(want) {
			t.Errorf("sources %q, want %q", sources, want)
		}
		var tracks []string
		v.Find("track").Each(func(_ int, e *goquery.Selection) {
			src, _ := e.Attr("src")
			kind, _ := e.Attr("kind")
			l, _ := e.Attr("srclang")
			label, _ := e.Attr("label")
			_, def := e.Attr("default")
			tracks = append(tracks, fmt.Sprintf("%s %s %s %s %v", kind, l, label, src, def))
		})
		sub := "/ru" + videoSpeechPath + "/subtitles/"
		// Each address carries the approved version, so that a browser
		// fetches a changed track at once after its approval.
		ver := map[string]string{}
		for _, l := range []string{"zh", "ru", "en"} {
			var h string
			if err := s.db.QueryRow(ctx, `SELECT public_hash FROM subtitle_tracks WHERE speech_id = ? AND lang = ?`, speechID, l).Scan(&h); err != nil || len(h) < 12 {
				t.Fatalf("public hash of %s: %q %v", l, h, err)
			}
			ver[l] = "?v=" + h[:12]
		}
		if want := []string{"subtitles zh 中文 " + sub + "zh.vtt" + ver["zh"] + " false", "subtitles ru Русский " + sub + "ru.vtt" + ver["ru"] + " true",
			"subtitles en English " + sub + "en.vtt" + ver["en"] + " false"}; fmt.Sprint(tracks) != fmt.Sprint(want) {
			t.Errorf("tracks\n%q, want\n%q", tracks, want)
		}
		if d := attr(doc, ".video-download a", "download"); attr(doc, ".video-download a", "href") != media+"main.mp4" || d != "treaty-20-wang-yi-video-address.mp4" && !strings.HasSuffix(d, "-wang-yi-video-address.mp4") {
			t.Errorf("download link %q saved as %q", attr(doc, ".video-download a", "href"), d)
		}
		if got := strings.Join(strings.Fields(text(doc, ".video-download")), " "); got != "Скачать видео MP4, 1920×1080, 293,0 КиБ, длительность 12:34" {
			t.Errorf("the download reads %q", got)
		}
		for l, want := range map[string]string{"zh": "написаны людьми", "ru": "машинный перевод с китайского", "en": "переведены людьми с китайского"} {
			if got := text(doc, ".video-tracks .track-"+l+" .provenance"); got != want {
				t.Errorf("the %s track's provenance reads %q, want %q", l, got, want)
			}
		}
		if got := text(doc, ".transcript-source"); !strings.Contains(got, "По русским субтитрам (машинный перевод с китайского).") ||
			!strings.Contains(got, "Рядом с каждой строкой — китайский оригинал.") {
			t.Errorf("the transcript's source reads %q", got)
		}
		if doc.Find("#video-illustration").Length() != 0 {
			t.Errorf("a recorded video is labelled as an illustration")
		}
		// The demo's made-up videos say what they are under the player.
		if _, err := s.db.Exec(ctx, `UPDATE videos SET illustration = ? WHERE id = 77`, true); err != nil {
			t.Fatal(err)
		}
		if err := forum.Touch(ctx, s.db); err != nil {
			t.Fatal(err)
		}
		if got := text(s.page("/ru"+videoSpeechPath, 200), "#video-illustration"); !strings.Contains(got, "Это не запись выступающего") {
			t.Errorf("an illustrative video's label reads %q", got)
		}
		cues := doc.Find("#transcript-cues .cue")
		if cues.Length() != 3 {
			t.Fatalf("%d cues in the transcript, want 3", cues.Length())
		}
		second := cues.Eq(1)
		if href, _ := second.Find("a.cue-time").Attr("href"); href != media+"main.mp4#t=2" || strings.TrimSpace(second.Find(".cue-text").Text()) != "коллеги!" ||
			strings.TrimSpace(second.Find(`.cue-original[lang="zh"]`).Text()) != "同事们！" || !strings.Contains(second.Find("a.cue-time").Text(), "0:02") {
			t.Errorf("the second cue: %q", second.Text())
		}
		if n := doc.Find(`#transcript-count[aria-live="polite"], #transcript-search, .transcript-bilingual[aria-pressed="true"]`).Length(); n != 3 {
			t.Errorf("%d of the transcript's search field, count and bilingual switch", n)
		}
		var forms map[string]string
		if err := json.Unmarshal([]byte(attr(doc, "#transcript", "data-msg-count")), &forms); err != nil || forms["one"] != "Найдена %s строка" ||
			forms["few"] != "Найдены %s строки" || forms["many"] != "Найдено %s строк" {
			t.Errorf("the script's Russian counts: %v (%v)", forms, err)
		}
		if doc.Find(`script[src^="/assets/player."]`).Length() != 1 {
			t.Error("the page does not load player.js")
		}

		ld := jsonLD(t, doc)
		vo, _ := ld["recordedIn"].(map[string]any)
		base := "https://forum.example.org" + media
		for k, want := range map[string]any{"@type": "VideoObject", "duration": "PT12M34.5S", "thumbnailUrl": base + "poster.jpg",
			"contentUrl": base + "main.mp4", "uploadDate": "2021-07-10T08:00:00Z", "inLanguage": "zh",
			// The transcript is of what is said, in the language spoken,
			// on the Russian page too.
			"transcript": "亲爱的朋友们，同事们！条约至今仍然有效。"} {
			if vo[k] != want {
				t.Errorf("VideoObject %s = %v, want %v", k, vo[k], want)
			}
		}
		if vo["name"] == nil || vo["description"] == nil {
			t.Errorf("VideoObject without a name or description: %v", vo)
		}
		captions, _ := vo["caption"].([]any)
		var caps []string
		for _, c := range captions {
			c := c.(map[string]any)
			caps = append(caps, fmt.Sprint(c["@type"], " ", c["encodingFormat"], " ", c["inLanguage"], " ", c["contentUrl"]))
		}
		if want := []string{"MediaObject text/vtt zh https://forum.example.org" + sub + "zh.vtt" + ver["zh"], "MediaObject text/vtt ru https://forum.example.org" + sub + "ru.vtt" + ver["ru"],
			"MediaObject text/vtt en https://forum.example.org" + sub + "en.vtt" + ver["en"]}; fmt.Sprint(caps) != fmt.Sprint(want) {
			t.Errorf("captions\n%q, want\n%q", caps, want)
		}

		// In English the English track is the default and the transcript;
		// in Chinese the transcript is the original, with nothing beside.
		en := s.page("/en"+videoSpeechPath, 200)
		if attr(en, "track[default]", "srclang") != "en" || en.Find("track[default]").Length() != 1 {
			t.Errorf("English page: default track %q", attr(en, "track[default]", "srclang"))
		}
		if got := text(en, ".video-tracks .track-ru .provenance"); got != "machine translation from Chinese" {
			t.Errorf("English page: the Russian track is %q", got)
		}
		if got := text(en, "#transcript-cues .cue .cue-text"); got != "Dear friends," {
			t.Errorf("English transcript begins %q", got)
		}
		zh := s.page("/zh"+videoSpeechPath, 200)
		if zh.Find(".cue-original, .transcript-bilingual").Length() != 0 || text(zh, "#transcript-cues .cue .cue-text") != "亲爱的朋友们，" {
			t.Errorf("Chinese transcript: %q", text(zh, "#transcript-cues"))
		}
		// The speaker is named where the voice begins, not on each cue.
		if got := text(zh, "#transcript-cues .cue-voice"); got != "发言人：" || zh.Find("#cue-1 .cue-voice").Length() != 1 {
			t.Errorf("Chinese transcript's speakers: %q", got)
		}
		if got := text(zh, ".video-tracks .track-ru .provenance"); got != "机器译自中文" {
			t.Errorf("Chinese page: the Russian track is %q", got)
		}
		if tj := jsonLD(t, zh)["recordedIn"].(map[string]any)["transcript"]; tj != "亲爱的朋友们，同事们！条约至今仍然有效。" {
			t.Errorf("Chinese JSON-LD transcript %q", tj)
		}

		// Each track downloads as SRT too, beside its WebVTT.
		for _, l := range []string{"zh", "ru", "en"} {
			a := doc.Find(".video-tracks .track-" + l + ` a[href*=".srt"]`)
			if href, _ := a.Attr("href"); href != sub+l+".srt"+ver[l] || a.AttrOr("type", "") != "application/x-subrip" || strings.TrimSpace(a.Text()) != "SRT" {
				t.Errorf("the %s track's SRT link: %q %q", l, href, a.Text())
			}
			if _, ok := a.Attr("download"); !ok {
				t.Errorf("the %s track's SRT link is not a download", l)
			}
		}

		// The speech's text and the transcript: a speech without text
		// is not said to have none published under its words; both while
		// they differ; once the text is the transcript, once, as the
		// transcript.
		textSection := "section[aria-labelledby=text-title]"
		if doc.Find(textSection).Length() != 0 || strings.Contains(text(doc, "main"), "не опубликован") || strings.Contains(text(doc, ".transcript-source"), "текст выступления") {
			t.Errorf("a speech without text under its transcript: the text's section %d times, the transcript reads %q", doc.Find(textSection).Length(), text(doc, ".transcript-source"))
		}
		setBody := func(b lang.Text) {
			t.Helper()
			if _, err := s.db.Exec(ctx, `UPDATE speeches SET body = ? WHERE id = ?`, b, speechID); err != nil {
				t.Fatal(err)
			}
			if err := forum.Touch(ctx, s.db); err != nil {
				t.Fatal(err)
			}
		}
		setBody(lang.New("zh", map[string]string{"zh": "亲爱的朋友们，同事们！\n\n条约至今仍然有效。"}))
		for _, c := range []struct{ lang, note string }{{"zh", "本文字记录即讲话全文。"}, {"ru", "Эта расшифровка и есть текст выступления."}} {
			page := s.page("/"+c.lang+videoSpeechPath, 200)
			if n := page.Find(textSection).Length(); n != 0 || !strings.Contains(text(page, ".transcript-source"), c.note) {
				t.Errorf("%s page of a speech whose text is its transcript: the text's section %d times, the transcript reads %q", c.lang, n, text(page, ".transcript-source"))
			}
		}
		setBody(lang.New("zh", map[string]string{"zh": "亲爱的朋友们，同事们！条约至今仍然有效，我们将继续合作。"}))
		if page := s.page("/zh"+videoSpeechPath, 200); page.Find(textSection).Length() != 1 || strings.Contains(text(page, ".transcript-source"), "讲话全文") {
			t.Errorf("a text edited after it was the transcript: the text's section %d times, the transcript reads %q", page.Find(textSection).Length(), text(page, ".transcript-source"))
		}

		// The files, with ranges.
		req, _ := http.NewRequest("GET", s.srv.URL+media+"main.mp4", nil)
		req.Header.Set("Range", "bytes=1000-1999")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Content-Range") != fmt.Sprintf("bytes 1000-1999/%d", len(files["main.mp4"])) ||
			resp.Header.Get("Content-Type") != "video/mp4" || !bytes.Equal(body, files["main.mp4"][1000:2000]) || resp.Header.Get("Accept-Ranges") != "bytes" {
			t.Errorf("a range of main.mp4: %d, %v, %d bytes", resp.StatusCode, resp.Header, len(body))
		}
		for name, ct := range map[string]string{"720p.mp4": "video/mp4", "poster.jpg": "image/jpeg"} {
			resp := s.get(media + name)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ct || !bytes.Equal(body, files[name]) {
				t.Errorf("GET %s: %d %s, %d bytes", name, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
			}
		}
		for _, bad := range []string{"original.mp4", "1080p.mp4", "main.webm", "..%2fmain.mp4"} {
			if st := status(media + bad); st != 404 {
				t.Errorf("GET %s: %d, want 404", bad, st)
			}
		}
		videoReplaced(t, s, speechID, files)

		// Withdrawn: the forum is no longer published.
		if _, err := s.db.Exec(ctx, `UPDATE forums SET published = ? WHERE slug = ?`, false, strings.TrimPrefix(forumPath, "/forums/")); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"main.mp4", "720p.mp4", "poster.jpg"} {
			if st := status(media + f); st != 404 {
				t.Errorf("unpublished forum: GET %s: %d, want 404", f, st)
			}
		}
	})
}

// videoReplaced: a replacement of the speech's video (a second video,
// ready) has its own addresses; the page, its JSON-LD and the files name
// it at once, the old video's addresses serve nothing, and a file is
// cached as immutable because its address never serves another.
func videoReplaced(t *testing.T, s *site, speechID int64, files map[string][]byte) {
	t.Helper()
	ctx := context.Background()
	old := "/ru" + videoSpeechPath + "/video/v77/"
	if resp := s.get(old + "main.mp4"); resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=86400, immutable" {
		t.Errorf("before the replacement: GET main.mp4: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	now := time.Date(2021, 7, 11, 8, 0, 0, 0, time.UTC)
	newMain := []byte("the replacement's main rendition")
	if _, err := s.blobs.Put(ctx, "videos/78/main.mp4", bytes.NewReader(newMain)); err != nil {
		t.Fatal(err)
	}
	rends := fmt.Sprintf(`[{"name":"main","key":"videos/78/main.mp4","width":1280,"height":720,"size":%d,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]`, len(newMain))
	if _, err := s.db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, progress, duration_ms, width, height, renditions, poster_key, created_at, updated_at)
		VALUES (78, ?, 'uploads/y', 'ready', 1000, 60000, 1280, 720, ?, 'videos/77/poster.jpg', ?, ?)`, speechID, rends, now, now); err != nil {
		t.Fatal(err)
	}
	publishVideo(t, s.db, 78)
	if err := forum.Touch(ctx, s.db); err != nil {
		t.Fatal(err)
	}
	doc := s.page("/ru"+videoSpeechPath, 200)
	fresh := "/ru" + videoSpeechPath + "/video/v78/"
	if src := attr(doc, "video source", "src"); src != fresh+"main.mp4" || attr(doc, "video", "poster") != fresh+"poster.jpg" {
		t.Errorf("after the replacement the player plays %q with poster %q, want the files under %s", src, attr(doc, "video", "poster"), fresh)
	}
	vo, _ := jsonLD(t, doc)["recordedIn"].(map[string]any)
	if vo["contentUrl"] != "https://forum.example.org"+fresh+"main.mp4" {
		t.Errorf("JSON-LD contentUrl %v after the replacement", vo["contentUrl"])
	}
	resp := s.get(fresh + "main.mp4")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Equal(body, newMain) {
		t.Errorf("GET the replacement: %d, %q", resp.StatusCode, body)
	}
	if resp := s.get(old + "main.mp4"); resp.StatusCode != 404 {
		t.Errorf("GET the replaced video's main.mp4: %d, want 404", resp.StatusCode)
	}
	resp = s.get("/ru" + videoSpeechPath + "/video/main.mp4")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != fresh+"main.mp4" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("GET the address without a version: %d → %q (%q), want an uncached redirect to the current video", resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Cache-Control"))
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM videos WHERE id = 78`); err != nil {
		t.Fatal(err)
	}
	if err := forum.Touch(ctx, s.db); err != nil {
		t.Fatal(err)
	}
}

// TestSpeechVideoReplacedShorter: the speech's video replaced by one of 3 s
// while its subtitles run to 6 s. The public transcript and the WebVTT
// and SRT served leave out the cue that starts after the end and end the
// one that runs past it with the video; and once the original Chinese
// subtitles are replaced, the translations made from them are said to be
// from an earlier version of them.
func TestSpeechVideoReplacedShorter(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		var speechID int64
		if err := s.db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&speechID); err != nil {
			t.Fatal(err)
		}
		addSubtitles(t, s.db, speechID)
		now := time.Date(2021, 7, 10, 8, 0, 0, 0, time.UTC)
		rends := `[{"name":"main","key":"videos/78/main.mp4","width":1280,"height":720,"size":1000,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]`
		if _, err := s.db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, progress, duration_ms, width, height, renditions, poster_key, created_at, updated_at)
			VALUES (78, ?, 'uploads/y', 'ready', 1000, 3000, 1280, 720, ?, 'videos/78/poster.jpg', ?, ?)`, speechID, rends, now, now); err != nil {
			t.Fatal(err)
		}
		publishVideo(t, s.db, 78)
		publishSubtitles(t, s.db, speechID)
		if err := forum.Touch(ctx, s.db); err != nil {
			t.Fatal(err)
		}
		doc := s.page("/ru"+videoSpeechPath, 200)
		var rows []string
		doc.Find("#transcript-cues .cue").Each(func(_ int, c *goquery.Selection) {
			rows = append(rows, c.AttrOr("data-start", "")+"-"+c.AttrOr("data-end", "")+" "+strings.TrimSpace(c.Find(".cue-text").Text()))
		})
		if want := []string{"0-1900 Дорогие друзья,", "2000-3000 коллеги!"}; fmt.Sprint(rows) != fmt.Sprint(want) {
			t.Errorf("the transcript over a 3 s video: %q, want %q", rows, want)
		}
		sub := "/ru" + videoSpeechPath + "/subtitles/"
		resp := s.get(sub + "ru.vtt")
		vtt, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(vtt), "00:00:02.000 --> 00:00:03.000\nколлеги!") || strings.Contains(string(vtt), "Договор") {
			t.Errorf("the WebVTT over a 3 s video:\n%s", vtt)
		}
		resp = s.get(sub + "ru.srt")
		srt, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(srt), "Договор") {
			t.Errorf("the SRT over a 3 s video:\n%s", srt)
		}

		// The Chinese original replaced: the translations from it are of
		// an earlier version.
		zh, err := subtitle.Get(ctx, s.db, speechID, "zh")
		if err != nil {
			t.Fatal(err)
		}
		zh.CreatedAt = time.Now().Add(time.Hour)
		zh.Cues[0].Lines = []string{zh.Cues[0].Lines[0] + "（修订）"}
		if err := subtitle.Put(ctx, s.db, zh); err != nil {
			t.Fatal(err)
		}
		// Once the hosts approve the new version, the public sees it.
		publishSubtitles(t, s.db, speechID)
		if err := forum.Touch(ctx, s.db); err != nil {
			t.Fatal(err)
		}
		doc = s.page("/ru"+videoSpeechPath, 200)
		if got := text(doc, ".video-tracks .track-ru .provenance"); got != "машинный перевод с китайского, с прежней версии субтитров" {
			t.Errorf("an outdated translation's provenance: %q", got)
		}
		if got := text(doc, ".video-tracks .track-zh .provenance"); got != "написаны людьми" {
			t.Errorf("the original's provenance: %q", got)
		}
		// In Chinese: full-width colons, and brackets not nested.
		doc = s.page("/zh"+videoSpeechPath, 200)
		for l, want := range map[string]string{"zh": "中文：人工撰写 ·", "ru": "Русский：机器译自中文，依据该字幕的早先版本 ·"} {
			if got := strings.Join(strings.Fields(text(doc, ".video-tracks .track-"+l)), " "); !strings.HasPrefix(got, want) {
				t.Errorf("the Chinese page's %s track reads %q, want %q first", l, got, want)
			}
		}
	})
}
