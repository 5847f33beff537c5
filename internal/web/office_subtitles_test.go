package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding/charmap"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/web"
)

func subtitleFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "subtitle", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSubtitles: an organiser uploads subtitles for the demo's video
// address on the programme form. A file with broken times and one whose
// cues run past the video are refused with every error in the organiser's
// language, by line or by cue and time, the language chosen kept and
// nothing stored; a Russian file in Windows-1251 is taken, said to have
// been read so, and its warning stays on the form. It downloads as SRT and
// WebVTT, the public site serves it as WebVTT for the published speech
// (not as SRT, not in a language it lacks, not for a forum in draft), and
// once deleted it is gone from the public site too.
func TestSubtitles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var itemID int64
		o := newOfficeWith(t, db, func(c *web.Config) {
			// With the cache of public pages, so that the subtitles
			// the site serves are seen to change with the office's.
			c.NoCache = false
			c.VideoDuration = videoLasting(&itemID, 60_000)
		})
		if err := db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = ?`, "wang-yi-video-address").Scan(&itemID); err != nil {
			t.Fatal(err)
		}
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT id FROM forums WHERE slug = ?`, "treaty-20-forum").Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		o.account("subs@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("subs@cass.example")
		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		section := fmt.Sprintf("#subtitles-%d", itemID)

		_, doc := b.get(programme)
		// Every id on the page names one element: the section's fields
		// find their form by it.
		ids := map[string]int{}
		doc.Find("[id]").Each(func(_ int, sel *goquery.Selection) { ids[sel.AttrOr("id", "")]++ })
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%d elements with id %q", n, id)
			}
		}
		if got := strings.TrimSpace(doc.Find(section + " .hint").First().Text()); got != "Субтитров пока нет." {
			t.Errorf("the section before any upload says %q", got)
		}
		if n := doc.Find(fmt.Sprintf(`form#subtitles-%d-upload[enctype="multipart/form-data"][action=%q]`, itemID, base)).Length(); n != 1 {
			t.Errorf("%d upload forms", n)
		}
		if n := doc.Find(fmt.Sprintf(`%s input[type=file][form="subtitles-%d-upload"]`, section, itemID)).Length(); n != 1 {
			t.Errorf("%d file inputs of the upload form in the section", n)
		}

		// Broken times: refused by line, the language kept.
		resp, doc := b.uploadForm(t, base, "речь.srt", subtitleFixture(t, "broken.srt"), url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("broken file: %d, want 422", resp.StatusCode)
		}
		errs := doc.Find(section + " [role=alert]").Text()
		for _, want := range []string{"Файл «речь.srt» не принят:",
			"Строка 6: титр должен начинаться со времени (00:00:01,000 --> 00:00:03,500), а не с «00:00:03,000 -> 00:00:05,000»",
			"Строка 10: «00:00:61,000» — не время"} {
			if !strings.Contains(errs, want) {
				t.Errorf("the refusal does not say %q:\n%s", want, errs)
			}
		}
		if v, _ := doc.Find(section + ` select[name=lang] option[selected]`).Attr("value"); v != "ru" {
			t.Errorf("the language chosen is not kept: %q", v)
		}
		// Past the end of the 60-second video.
		late := []byte("1\n00:00:58,000 --> 00:01:01,500\nДо свидания!\n")
		resp, doc = b.uploadForm(t, base, "late.srt", late, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if want := "Титр 1 (00:00:58.000–00:01:01.500): он заканчивается после конца видео (длительность видео 00:01:00.000)"; resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(section).Text(), want) {
			t.Errorf("cue past the video: %d, want 422 saying %q", resp.StatusCode, want)
		}
		// Not a subtitle file at all.
		resp, doc = b.uploadForm(t, base, "speech.pdf", []byte("%PDF-1.7\n"), url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if want := "это не текстовый файл; загрузите субтитры в формате SRT или WebVTT"; resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(section).Text(), want) {
			t.Errorf("a PDF: %d, want 422 saying %q", resp.StatusCode, want)
		}
		// Larger than subtitles are.
		big := append([]byte("1\n00:00:01,000 --> 00:00:02,000\n"), []byte(strings.Repeat("a", subtitle.MaxFileSize))...)
		resp, doc = b.uploadForm(t, base, "big.srt", big, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if want := "Файл больше 2,0\u00a0МиБ"; resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(doc.Find(section).Text(), want) {
			t.Errorf("a file of 2 MiB: %d, want 413 saying %q", resp.StatusCode, want)
		}
		// No file chosen.
		resp, doc = b.uploadForm(t, base, "", nil, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if want := "Выберите файл SRT или WebVTT."; resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(section).Text(), want) {
			t.Errorf("no file: %d, want 422 saying %q", resp.StatusCode, want)
		}
		// A file chosen, but empty: it is said to be empty, not missing.
		resp, doc = b.uploadForm(t, base, "пусто.srt", []byte{}, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if got := strings.Join(strings.Fields(doc.Find(section+" [role=alert]").Text()), " "); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(got, "Файл «пусто.srt» не принят: файл пуст") || strings.Contains(got, "Выберите файл") {
			t.Errorf("empty file: %d, the refusal says %q", resp.StatusCode, got)
		}
		// A broken WebVTT file: the example is in WebVTT's syntax.
		vtt := []byte("WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nПривет\n")
		resp, doc = b.uploadForm(t, base, "речь.vtt", vtt, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if got := doc.Find(section + " [role=alert]").Text(); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(got, "Строка 3: «00:00:61.000» — не время; запишите его как 00:01:02.500") {
			t.Errorf("broken WebVTT: %d, the refusal says %q", resp.StatusCode, got)
		}
		// An SRT file named .vtt is told it lacks WebVTT's first line.
		resp, doc = b.uploadForm(t, base, "речь.vtt", late, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if got := doc.Find(section + " [role=alert]").Text(); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(got, "Строка 1: файл WebVTT начинается строкой WEBVTT, а не «1»") {
			t.Errorf("SRT named .vtt: %d, the refusal says %q", resp.StatusCode, got)
		}
		if ts, _ := subtitle.List(ctx, db, itemID); len(ts) != 0 {
			t.Fatalf("refused files stored %d tracks", len(ts))
		}

		// A Russian file in Windows-1251, its second cue too long.
		ru := append(subtitleFixture(t, "speech.ru.cp1251.srt"), []byte("\n3\n00:00:06,000 --> 00:00:15,000\n\xc4\xee \xf1\xe2\xe8\xe4\xe0\xed\xe8\xff\n")...)
		resp, _ = b.uploadForm(t, base, "ru.srt", ru, url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != programme+section {
			t.Fatalf("good file: %d → %q, want 303 to %s", resp.StatusCode, loc, programme+section)
		}
		_, doc = b.get(programme)
		if got := doc.Find("#flash, .flash, .notice").Text(); !strings.Contains(got, "Субтитры сохранены. Файл был не в UTF-8; он прочитан как русский текст в кодировке Windows-1251") || strings.Contains(got, "китайский") {
			t.Errorf("the notice after saving: %q", got)
		}
		row := doc.Find(fmt.Sprintf("#subtitles-%d-ru", itemID))
		if got := strings.Join(strings.Fields(row.Text()), " "); !strings.Contains(got, "русский Людьми 3 Организатор, ") {
			t.Errorf("the track's row: %q", got)
		}
		if got := doc.Find(section + " .subtitle-problems summary").Text(); got != "1 предупреждение:" {
			t.Errorf("the warnings: %q", got)
		}
		if got := doc.Find(section + " .subtitle-problems li").Text(); got != "Титр 3 (00:00:06.000–00:00:15.000): он показывается 9,0 с; титр дольше семи секунд расходится со звуком" {
			t.Errorf("the warning: %q", got)
		}

		resp, data := b.download(t, base+"/ru.srt")
		if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || !strings.HasPrefix(string(data), "1\r\n00:00:01,000 --> 00:00:02,500\r\nДорогие друзья, коллеги!\r\n") || !strings.Contains(cd, "wang-yi-video-address.ru.srt") {
			t.Errorf("SRT download: %d %q\n%s", resp.StatusCode, cd, data)
		}
		resp, data = b.download(t, base+"/ru.vtt")
		if resp.StatusCode != 200 || !strings.HasPrefix(string(data), "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\n") {
			t.Errorf("WebVTT download: %d\n%s", resp.StatusCode, data)
		}

		public := "/en/forums/treaty-20-forum/speeches/wang-yi-video-address/subtitles/"
		visitor := o.browser()
		// Not public before the speech has a public video and every host
		// has approved the track.
		if resp, _ := visitor.do("GET", public+"ru.vtt", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("public WebVTT of a track nobody approved, without a video: %d, want 404", resp.StatusCode)
		}
		now := time.Now().UTC()
		if _, err := db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, renditions, created_at, updated_at)
			VALUES (91, ?, 'uploads/x', 'ready', '[{"name":"main","key":"videos/91/main.mp4"}]', ?, ?)`, itemID, now, now); err != nil {
			t.Fatal(err)
		}
		publishVideo(t, db, 91)
		_, doc = b.get(programme)
		pub := doc.Find(fmt.Sprintf("#subtitles-%d-ru-publication", itemID))
		if got := strings.Join(strings.Fields(pub.Find("p").Text()), " "); pub.AttrOr("data-publication", "") != "awaiting" ||
			got != "Пока не опубликованы — ждут утверждения от КАОН и РСМД." {
			t.Errorf("the new track's publication: %q %q", pub.AttrOr("data-publication", ""), got)
		}
		cass, riac := o.partnerID("cass"), o.partnerID("riac")
		// An organiser of CASS approves for CASS, not for RIAC.
		buttons := pub.Find(fmt.Sprintf(`button[form="subtitles-%d-ru-approve"]`, itemID))
		if buttons.Length() != 1 || buttons.AttrOr("value", "") != fmt.Sprint(cass) || strings.TrimSpace(buttons.Text()) != "Утвердить к публикации от имени КАОН" {
			t.Errorf("approve buttons: %d, for %q, %q", buttons.Length(), buttons.AttrOr("value", ""), buttons.Text())
		}
		hash := doc.Find(fmt.Sprintf(`form#subtitles-%d-ru-approve input[name=hash]`, itemID)).AttrOr("value", "")
		if resp, _ := b.do("POST", base+"/ru/approve", url.Values{"partner": {fmt.Sprint(riac)}, "hash": {hash}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a CASS organiser approving for RIAC: %d, want 403", resp.StatusCode)
		}
		if resp, _ := b.do("POST", base+"/ru/approve", url.Values{"partner": {fmt.Sprint(cass)}, "hash": {hash}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a CASS organiser approving for CASS: %d, want 303", resp.StatusCode)
		}
		if resp, _ := visitor.do("GET", public+"ru.vtt", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("public WebVTT approved by one host of two: %d, want 404", resp.StatusCode)
		}
		o.account("subs@riac.example", "Редактор РСМД", "ru", false, "riac:editor")
		rb := o.browser()
		rb.signIn("subs@riac.example")
		if resp, _ := rb.do("POST", base+"/ru/approve", url.Values{"partner": {fmt.Sprint(riac)}, "hash": {hash}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a RIAC editor approving for RIAC: %d, want 303", resp.StatusCode)
		}
		_, doc = b.get(programme)
		pub = doc.Find(fmt.Sprintf("#subtitles-%d-ru-publication", itemID))
		if got := pub.Text(); pub.AttrOr("data-publication", "") != "approved" || !strings.Contains(got, "РСМД: утвердил(а) Редактор РСМД") || !strings.Contains(got, "КАОН: утвердил(а) Организатор") {
			t.Errorf("the approved track's publication: %q %q", pub.AttrOr("data-publication", ""), strings.Join(strings.Fields(got), " "))
		}
		// At once: the approval tells this server's cache of public pages.
		resp, body := visitor.do("GET", public+"ru.vtt", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/vtt; charset=utf-8" || !strings.Contains(body, "Дорогие друзья, коллеги!") {
			t.Errorf("public WebVTT: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		// Downloadable as SRT, saved under the forum's and speech's names.
		resp, body = visitor.do("GET", public+"ru.srt", nil)
		if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/x-subrip") ||
			cd != `attachment; filename=treaty-20-forum-wang-yi-video-address.ru.srt` || !strings.HasPrefix(body, "1\r\n00:00:01,000 --> 00:00:02,500\r\nДорогие друзья, коллеги!\r\n") {
			t.Errorf("public SRT: %d %s %q\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), cd, body)
		}
		// The same from the cache of public pages.
		if resp, _ := visitor.do("GET", public+"ru.srt", nil); resp.Header.Get("Content-Disposition") == "" {
			t.Errorf("public SRT from the cache: no Content-Disposition")
		}
		for _, p := range []string{public + "zh.vtt", public + "zh.srt", public + "xx.vtt"} {
			if resp, _ := visitor.do("GET", p, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", p, resp.StatusCode)
			}
		}
		// A speech of a forum in draft has no public subtitles.
		draft := draftVideoSpeech(t, o, db)
		if err := subtitle.Put(ctx, db, &subtitle.Track{SpeechID: draft, Lang: "en", Provenance: subtitle.Human, Cues: []subtitle.Cue{{Start: 0, End: 1500, Lines: []string{"Hello"}}}}); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"en.vtt", "en.srt"} {
			if resp, _ := visitor.do("GET", "/en/forums/draft-forum/speeches/draft-video/subtitles/"+f, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("subtitles of a forum in draft as %s: %d, want 404", f, resp.StatusCode)
			}
		}

		// Served once more, and so cached, before it is deleted.
		time.Sleep(1100 * time.Millisecond)
		if resp, _ := visitor.do("GET", public+"ru.vtt", nil); resp.StatusCode != http.StatusOK {
			t.Errorf("public WebVTT: %d", resp.StatusCode)
		}
		resp, _ = b.do("POST", base+"/ru/delete", url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("delete: %d", resp.StatusCode)
		}
		// At once, not after the cache's next check of the site's version.
		if resp, _ := visitor.do("GET", public+"ru.vtt", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("deleted subtitles: %d, want 404", resp.StatusCode)
		}
		if resp, _ := b.do("POST", base+"/ru/delete", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("delete again: %d, want 303", resp.StatusCode)
		}

		// Russian subtitles uploaded as Chinese are taken, with a warning
		// in the uploader's language beside the track's others.
		resp, _ = b.uploadForm(t, base, "zh.srt", subtitleFixture(t, "speech.ru.cp1251.srt"), url.Values{"lang": {"zh"}, "provenance": {"human"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("Russian as Chinese: %d, want 303", resp.StatusCode)
		}
		_, doc = b.get(programme)
		if got, want := doc.Find(section+" .subtitle-problems li").First().Text(), "текст написан в основном кириллицей, а выбранный язык — китайский: проверьте, верно ли выбран язык"; got != want {
			t.Errorf("the warning of Russian as Chinese: %q, want %q", got, want)
		}
	})
}

// draftVideoSpeech adds a forum that is not published, with a video
// address, and returns the address's id.
func draftVideoSpeech(t *testing.T, o *office, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	en := func(s string) lang.Text { return lang.New("en", map[string]string{"en": s}) }
	var person int64
	if err := db.QueryRow(ctx, `SELECT id FROM people WHERE slug = ?`, "xie-fuzhan").Scan(&person); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC)
	f := &forum.Forum{Slug: "draft-forum", Title: en("Draft forum"), StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "UTC",
		Languages: []string{"en"}, Hosts: []*forum.Partner{{ID: o.partnerID("cass")}}}
	if err := forum.AddForum(ctx, db, f); err != nil {
		t.Fatal(err)
	}
	ss := &forum.Session{ForumID: f.ID, Title: en("Opening"), StartsAt: day, EndsAt: day.Add(time.Hour)}
	if err := forum.AddSession(ctx, db, ss); err != nil {
		t.Fatal(err)
	}
	sp := &forum.Speech{ForumID: f.ID, SessionID: ss.ID, Slug: "draft-video", SpeakerID: person, Kind: forum.VideoAddress, Delivery: forum.Video,
		OriginalLang: "en", Title: en("Video address"), StartsAt: day, EndsAt: day.Add(time.Hour)}
	if err := forum.AddSpeech(ctx, db, sp); err != nil {
		t.Fatal(err)
	}
	return sp.ID
}

// TestSubtitleMarkupNotes: a WebVTT file with a speaker, bold text and cue
// positions is taken; the notice under "saved" says what the player will
// not show (the styling and positions), in the organiser's language, and
// the speaker is kept: in the WebVTT served and in the transcript.
func TestSubtitleMarkupNotes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		var itemID, forumID int64
		itemID, forumID = wangYi(t, db)
		o.account("subs@cass.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("subs@cass.example")
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		vtt := []byte("WEBVTT\n\n00:00:01.000 --> 00:00:03.000 align:start\n<v Host>Good <b>evening</b>!\n\n00:00:03.000 --> 00:00:05.000\n<v Host>Welcome.\n")
		resp, _ := b.uploadForm(t, base, "en.vtt", vtt, url.Values{"lang": {"en"}, "provenance": {"human"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		_, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", forumID))
		if got := strings.TrimSpace(doc.Find(".flash > p").Text()); got != "Subtitles saved." {
			t.Errorf("the notice: %q", got)
		}
		var notes []string
		doc.Find(".flash .flash-notes li").Each(func(_ int, s *goquery.Selection) { notes = append(notes, s.Text()) })
		if want := []string{"the styling of 1 cue (bold, italics, colours) was left out: subtitles are shown as plain text",
			"the position of 1 cue (cue settings such as align or position, {\\an8}) was left out: the player shows every subtitle in its usual place"}; fmt.Sprint(notes) != fmt.Sprint(want) {
			t.Errorf("the notes\n got %q\nwant %q", notes, want)
		}
		// The notes are shown once.
		if _, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", forumID)); doc.Find(".flash").Length() != 0 {
			t.Errorf("the notice again: %q", doc.Find(".flash").Text())
		}
		_, data := b.download(t, base+"/en.vtt")
		if !strings.Contains(string(data), "<v Host>Good evening!\n") {
			t.Errorf("the WebVTT lost the speaker:\n%s", data)
		}
	})
}

// TestSubtitleUploadSource: the upload form says whether a file is
// written in its language or translated from another of the speech's; a
// human translation into Chinese of the Russian original is stored as
// translated from Russian and listed so, while a "translation" from the
// file's own language and a machine translation from nowhere are refused
// in the organiser's language, the choices kept.
func TestSubtitleUploadSource(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		itemID, forumID = wangYi(t, db)
		if _, err := db.Exec(ctx, `UPDATE speeches SET original_lang = 'ru' WHERE id = ?`, itemID); err != nil {
			t.Fatal(err)
		}
		o.account("subs@cass.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("subs@cass.example")
		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		section := fmt.Sprintf("#subtitles-%d", itemID)
		_, doc := b.get(programme)
		var offered []string
		doc.Find(section + " select[name=source] option").Each(func(_ int, s *goquery.Selection) {
			offered = append(offered, s.AttrOr("value", "")+"="+s.Text())
		})
		if want := []string{"=written in this language", "ru=translated from Russian"}; fmt.Sprint(offered) != fmt.Sprint(want) {
			t.Errorf("the sources offered: %q, want %q", offered, want)
		}
		zh := []byte("1\n00:00:01,000 --> 00:00:02,500\n亲爱的朋友们，同事们！\n")
		for _, c := range []struct {
			values url.Values
			want   string
		}{
			{url.Values{"lang": {"zh"}, "provenance": {"human"}, "source": {"zh"}}, "Subtitles are not translated from their own language"},
			{url.Values{"lang": {"zh"}, "provenance": {"machine"}, "source": {""}}, "A machine translation is made from another language: choose which."},
			{url.Values{"lang": {"zh"}, "provenance": {"human"}, "source": {"en"}}, "Choose the language the subtitles were translated from among those offered."},
		} {
			resp, doc := b.uploadForm(t, base, "zh.srt", zh, c.values)
			if got := doc.Find(section + " [role=alert]").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(got, c.want) {
				t.Errorf("%v: %d, the refusal says %q", c.values, resp.StatusCode, got)
			}
			if v, src := doc.Find(section+" select[name=source] option[selected]").AttrOr("value", ""), c.values.Get("source"); (src == "" || src == "ru") && v != src {
				t.Errorf("%v: the source chosen is not kept: %q", c.values, v)
			}
		}
		resp, _ := b.uploadForm(t, base, "zh.srt", zh, url.Values{"lang": {"zh"}, "provenance": {"human"}, "source": {"ru"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a translation from Russian: %d", resp.StatusCode)
		}
		tr, err := subtitle.Get(ctx, db, itemID, "zh")
		if err != nil || tr.SourceLang != "ru" || tr.Provenance != subtitle.Human {
			t.Fatalf("stored: %+v, %v", tr, err)
		}
		_, doc = b.get(programme)
		if got := strings.Join(strings.Fields(doc.Find(fmt.Sprintf("#subtitles-%d-zh", itemID)).Text()), " "); !strings.Contains(got, "People, from Russian") {
			t.Errorf("the track's row: %q", got)
		}
	})
}

// TestSubtitlesOutOfStep: subtitles timed for a longer video than the one
// the speech now has are flagged on the programme form as out of step,
// with how many cues end after the video, in the organiser's language;
// and once the original's subtitles are replaced, the track translated
// from them is flagged as outdated.
func TestSubtitlesOutOfStep(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var itemID, forumID int64
		o := newOfficeWith(t, db, func(c *web.Config) {
			c.VideoDuration = videoLasting(&itemID, 3_000)
		})
		itemID, forumID = wangYi(t, db)
		at := time.Now().Add(-time.Hour)
		for _, tr := range []*subtitle.Track{
			{SpeechID: itemID, Lang: "ru", Provenance: subtitle.Human, CreatedAt: at, Cues: []subtitle.Cue{
				{Start: 0, End: 2000, Lines: []string{"Друзья!"}}, {Start: 2500, End: 4000, Lines: []string{"Договор"}}, {Start: 4000, End: 5000, Lines: []string{"действует."}}}},
			{SpeechID: itemID, Lang: "zh", Provenance: subtitle.Human, SourceLang: "ru", CreatedAt: at, Cues: []subtitle.Cue{{Start: 0, End: 2000, Lines: []string{"朋友们！"}}}},
		} {
			if err := subtitle.Put(ctx, db, tr); err != nil {
				t.Fatal(err)
			}
		}
		o.account("subs@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("subs@cass.example")
		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		_, doc := b.get(programme)
		ru, zh := fmt.Sprintf("#subtitles-%d-ru", itemID), fmt.Sprintf("#subtitles-%d-zh", itemID)
		if got := doc.Find(ru + " ~ .subtitle-status .subtitle-outofsync").First().Text(); !strings.HasPrefix(got, "Не совпадают с нынешним видео (длительность 0:03): 2 титра заканчиваются после конца видео.") {
			t.Errorf("the Russian track's flag: %q", got)
		}
		if n := doc.Find(".subtitle-outofsync").Length(); n != 1 {
			t.Errorf("%d tracks flagged out of step, want the Russian one", n)
		}
		if n := doc.Find(".subtitle-outdated").Length(); n != 0 {
			t.Errorf("a translation of the present original flagged outdated: %q", doc.Find(".subtitle-outdated").Text())
		}
		// The original replaced (by an upload that fits the video).
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		if resp, _ := b.uploadForm(t, base, "ru.srt", []byte("1\n00:00:00,000 --> 00:00:02,000\nДрузья мои!\n"), url.Values{"lang": {"ru"}, "provenance": {"human"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		_, doc = b.get(programme)
		// An organiser cannot translate: the flag says who can, and
		// where.
		if got := doc.Find(zh + " ~ .subtitle-status .subtitle-outdated").First().Text(); !strings.HasPrefix(got, "Устарели: переведены с прежней версии русских субтитров,") ||
			!strings.Contains(got, "Переводчики могут перевести их заново в редакторе перевода") {
			t.Errorf("the translation after the original changed: %q", got)
		}
		// The column of the cues' count is named in the nominative.
		if got := doc.Find(".subtitle-tracks thead th").Eq(2).Text(); got != "Титры" {
			t.Errorf("the cues' column: %q, want Титры", got)
		}
		if n := doc.Find(".subtitle-outofsync").Length(); n != 0 {
			t.Errorf("subtitles that fit the video flagged out of step: %q", doc.Find(".subtitle-outofsync").Text())
		}
	})
}

// TestSubtitlesNotVideo: a programme item not given by video (by the rule
// the video upload keeps) takes no subtitles: an upload is refused (422)
// with why in the organiser's language and nothing stored, and the routes
// that change subtitles it has from when it was a video (delete, approve,
// translate, use as text) refuse alike and leave them as they are.
func TestSubtitlesNotVideo(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		if err := db.QueryRow(ctx, `SELECT s.id, s.forum_id FROM speeches s JOIN forums f ON f.id = s.forum_id
			WHERE f.slug = ? AND s.kind <> ? AND s.delivery <> ? ORDER BY s.id LIMIT 1`, "treaty-20-forum", forum.VideoAddress, forum.Video).Scan(&itemID, &forumID); err != nil {
			t.Fatal(err)
		}
		o.account("subs@cass.example", "Организатор", "ru", true)
		b := o.browser()
		b.signIn("subs@cass.example")
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		const why = "Этот пункт программы представлен не в видеозаписи, поэтому субтитров у него нет."
		srt := []byte("1\n00:00:01,000 --> 00:00:02,500\nDear friends!\n")
		resp, doc := b.uploadForm(t, base, "en.srt", srt, url.Values{"lang": {"en"}, "provenance": {"human"}})
		if got := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(got, why) {
			t.Errorf("upload: %d, the page says %q", resp.StatusCode, got)
		}
		if _, err := subtitle.Get(ctx, db, itemID, "en"); !errors.Is(err, subtitle.ErrNotFound) {
			t.Errorf("subtitles stored for an item not given by video: %v", err)
		}
		// Subtitles from when the item was a video address.
		tr := &subtitle.Track{SpeechID: itemID, Lang: "en", Provenance: subtitle.Human, CreatedAt: time.Now(),
			Cues: []subtitle.Cue{{Index: 1, Start: 1000, End: 2500, Lines: []string{"Dear friends!"}}}}
		if err := subtitle.Put(ctx, db, tr); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			path string
			form url.Values
		}{
			{base + "/en/delete", url.Values{}},
			{base + "/en/approve", url.Values{"hash": {tr.Hash()}}},
			{base + "/en/translate", url.Values{"to": {"ru"}}},
			{base + "/en/text", url.Values{}},
		} {
			resp, doc := b.post(c.path, c.form)
			if got := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(got, why) {
				t.Errorf("%s: %d, the page says %q", c.path, resp.StatusCode, got)
			}
		}
		got, err := subtitle.Get(ctx, db, itemID, "en")
		if err != nil {
			t.Fatalf("the subtitles after the refusals: %v", err)
		}
		if as, err := subtitle.ApprovalsOf(ctx, db, []int64{got.ID}); err != nil || len(as[got.ID]) != 0 {
			t.Errorf("approvals recorded: %v, %v", as, err)
		}
		var translations int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM translations`).Scan(&translations); err != nil {
			t.Fatal(err)
		}
		if translations != 0 {
			t.Errorf("%d translations started", translations)
		}
	})
}

// TestSubtitlesManyProblems: a file of 20,000 cues that run past the end
// of a one-minute video is refused with the first of those errors and a
// count of the rest, not twenty thousand lines; a stored track with
// thousands of warnings lists them the same way under their full count.
func TestSubtitlesManyProblems(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var itemID, forumID int64
		o := newOfficeWith(t, db, func(c *web.Config) {
			c.VideoDuration = videoLasting(&itemID, 60_000)
		})
		itemID, forumID = wangYi(t, db)
		o.account("subs@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("subs@cass.example")
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		section := fmt.Sprintf("#subtitles-%d", itemID)
		var huge strings.Builder
		for i := range 20_000 {
			fmt.Fprintf(&huge, "%d\n%s --> %s\nСпасибо.\n\n", i+1, subtitle.Timestamp(int64(i)*2000, ','), subtitle.Timestamp(int64(i)*2000+1500, ','))
		}
		resp, doc := b.uploadForm(t, base, "huge.srt", []byte(huge.String()), url.Values{"lang": {"ru"}, "provenance": {"human"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("upload: %d, want 422", resp.StatusCode)
		}
		items := doc.Find(section + " [role=alert] li")
		if n := items.Length(); n != subtitle.Shown+1 {
			t.Errorf("%d errors listed, want the first %d and a count of the rest", n, subtitle.Shown)
		}
		if got, want := items.Last().Text(), "и ещё 19\u00a0950 таких же титров"; got != want {
			t.Errorf("the last line: %q, want %q", got, want)
		}
		if html, _ := doc.Html(); len(html) > 200_000 {
			t.Errorf("the page is %d bytes", len(html))
		}
		if _, err := subtitle.Get(ctx, db, itemID, "ru"); !errors.Is(err, subtitle.ErrNotFound) {
			t.Errorf("the refused file was stored: %v", err)
		}

		// Stored: 3,000 cues shown under a second each.
		tr := &subtitle.Track{SpeechID: itemID, Lang: "ru", Provenance: subtitle.Human, CreatedAt: time.Now()}
		for i := range 3000 {
			tr.Cues = append(tr.Cues, subtitle.Cue{Index: i + 1, Start: int64(i) * 20, End: int64(i)*20 + 10, Lines: []string{"Да."}})
		}
		if err := subtitle.Put(ctx, db, tr); err != nil {
			t.Fatal(err)
		}
		_, doc = b.get(fmt.Sprintf("/office/forums/%d/programme", forumID))
		problems := doc.Find(section + " .subtitle-problems details")
		if got := strings.TrimSpace(problems.Find("summary").Text()); got != "3\u00a0000 предупреждений:" {
			t.Errorf("the warnings' heading: %q", got)
		}
		if n := problems.Find("li").Length(); n != subtitle.Shown+1 {
			t.Errorf("%d warnings listed, want %d and a count of the rest", n, subtitle.Shown)
		}
		if got := problems.Find("li").Last().Text(); got != "и ещё 2\u00a0980 таких же титров" {
			t.Errorf("the count of the rest: %q", got)
		}
	})
}

// TestSubtitlesSameCues: the Russian subtitles uploaded again from a file
// with the same cues in Windows-1251 are no new version: the track keeps
// its time, and the Chinese translated from it is not flagged as made
// from an earlier version; the organiser is told nothing changed. The
// same cues said to be made otherwise change only that.
func TestSubtitlesSameCues(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		itemID, forumID = wangYi(t, db)
		o.account("subs@cass.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("subs@cass.example")
		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		cp1251 := subtitleFixture(t, "speech.ru.cp1251.srt")
		utf8, err := charmap.Windows1251.NewDecoder().Bytes(cp1251)
		if err != nil {
			t.Fatal(err)
		}
		if resp, _ := b.uploadForm(t, base, "ru-good.srt", utf8, url.Values{"lang": {"ru"}, "provenance": {"human"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		ru, err := subtitle.Get(ctx, db, itemID, "ru")
		if err != nil {
			t.Fatal(err)
		}
		zh := &subtitle.Track{SpeechID: itemID, Lang: "zh", Provenance: subtitle.Human, SourceLang: "ru", CreatedAt: ru.CreatedAt.Add(time.Second),
			Cues: []subtitle.Cue{{Start: 0, End: 2000, Lines: []string{"朋友们！"}}}}
		if err := subtitle.Put(ctx, db, zh); err != nil {
			t.Fatal(err)
		}
		b.get(programme) // the notice of the first upload
		for _, c := range []struct {
			provenance, notice string
		}{
			{"human", "The file has the same cues as the current subtitles, text and times: nothing changed, and their approvals and translations stay as they were."},
			{"automatic", "The file has the same cues as the current subtitles, text and times, so they were kept with their translations; only who made them was changed to what you chose, for the hosts to approve."},
		} {
			if resp, _ := b.uploadForm(t, base, "ru-cp1251.srt", cp1251, url.Values{"lang": {"ru"}, "provenance": {c.provenance}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload again: %d", resp.StatusCode)
			}
			_, doc := b.get(programme)
			if got := strings.TrimSpace(doc.Find(".flash > p").Text()); got != c.notice {
				t.Errorf("%s: the notice: %q", c.provenance, got)
			}
			if n := doc.Find(".subtitle-outdated").Length(); n != 0 {
				t.Errorf("%s: the translation flagged outdated: %q", c.provenance, doc.Find(".subtitle-outdated").Text())
			}
			again, err := subtitle.Get(ctx, db, itemID, "ru")
			if err != nil {
				t.Fatal(err)
			}
			if !again.CreatedAt.Equal(ru.CreatedAt) || again.FileName != "ru-good.srt" || string(again.Provenance) != c.provenance {
				t.Errorf("%s: the track is now %s, %q, %s; want %s, %q, %s", c.provenance, again.CreatedAt, again.FileName, again.Provenance, ru.CreatedAt, "ru-good.srt", c.provenance)
			}
		}
	})
}

// wangYi returns the demo's Wang Yi video address, the item the subtitle
// tests work on, and its forum.
func wangYi(t *testing.T, db *store.DB) (item, forumID int64) {
	t.Helper()
	if err := db.QueryRow(context.Background(), `SELECT id, forum_id FROM speeches WHERE slug = ?`, "wang-yi-video-address").Scan(&item, &forumID); err != nil {
		t.Fatal(err)
	}
	return item, forumID
}

// videoLasting is a Config.VideoDuration whose only video is *item's,
// ms milliseconds long; item is read when asked, so that it may be set
// once the office has loaded the demo.
func videoLasting(item *int64, ms int64) func(context.Context, int64) (int64, error) {
	return func(_ context.Context, id int64) (int64, error) {
		if id == *item {
			return ms, nil
		}
		return 0, nil
	}
}
