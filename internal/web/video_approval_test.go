package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestVideoApproval: a processed video is not public (no player, no
// JSON-LD, its files and its approved subtitles 404) until an organiser or
// editor of each host approved it in the office, each for their own
// partner and one person for one host only; translators and reviewers
// cannot approve. A replacement waits for its own approvals while the
// approved video stays public. An organiser's withdrawal hides the video
// and its subtitles at once, and the event log records it.
func TestVideoApproval(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		if err := db.QueryRow(ctx, `SELECT id, forum_id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&itemID, &forumID); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, id := range []int{81, 82} {
			for _, name := range []string{"main.mp4", "poster.jpg"} {
				b := bytes.Repeat([]byte{byte(id), byte(len(name))}, 4000)
				files[fmt.Sprintf("%d/%s", id, name)] = b
				if _, err := o.blobs.Put(ctx, fmt.Sprintf("videos/%d/%s", id, name), bytes.NewReader(b)); err != nil {
					t.Fatal(err)
				}
			}
		}
		addVideo := func(id int) {
			t.Helper()
			now := time.Now().UTC()
			if _, err := db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, progress, duration_ms, width, height, renditions, poster_key, created_at, updated_at)
				VALUES (?, ?, 'uploads/x', 'ready', 1000, 6000, 640, 360, ?, ?, ?, ?)`, id, itemID,
				fmt.Sprintf(`[{"name":"main","key":"videos/%d/main.mp4","width":640,"height":360,"size":8000,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]`, id),
				fmt.Sprintf("videos/%d/poster.jpg", id), now, now); err != nil {
				t.Fatal(err)
			}
		}
		addVideo(81)
		addSubtitles(t, db, itemID)
		publishSubtitles(t, db, itemID)

		visitor := o.browser()
		page := "/ru" + videoSpeechPath
		get := func(path string) (int, string) {
			t.Helper()
			resp, body := visitor.do("GET", path, nil)
			return resp.StatusCode, body
		}
		hidden := func(when string) {
			t.Helper()
			st, body := get(page)
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil || st != 200 {
				t.Fatalf("%s: the speech page: %d %v", when, st, err)
			}
			if n := doc.Find("video, #transcript").Length(); n != 0 {
				t.Errorf("%s: the page has %d elements of a player", when, n)
			}
			if ld := jsonLD(t, doc); ld["recordedIn"] != nil {
				t.Errorf("%s: the JSON-LD has a video: %v", when, ld["recordedIn"])
			}
			for _, f := range []string{"video/main.mp4", "video/poster.jpg", "subtitles/ru.vtt", "subtitles/ru.srt"} {
				if st, _ := get(page + "/" + f); st != http.StatusNotFound {
					t.Errorf("%s: GET %s: %d, want 404", when, f, st)
				}
			}
		}
		playing := func(when string, id int) {
			t.Helper()
			st, body := get(page)
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil || st != 200 || doc.Find("video#speech-video").Length() != 1 {
				t.Fatalf("%s: no player on the speech page (%d %v)", when, st, err)
			}
			if ld := jsonLD(t, doc); ld["recordedIn"] == nil {
				t.Errorf("%s: no VideoObject in the JSON-LD", when)
			}
			// The page's files are under the video's number; the address
			// without one leads to them.
			if st, body := get(page + fmt.Sprintf("/video/v%d/main.mp4", id)); st != 200 || body != string(files[fmt.Sprintf("%d/main.mp4", id)]) {
				t.Errorf("%s: main.mp4: %d, want video %d's bytes", when, st, id)
			}
			if src := doc.Find("video#speech-video source").First().AttrOr("src", ""); !strings.Contains(src, fmt.Sprintf("/video/v%d/", id)) {
				t.Errorf("%s: the player plays %q, want video %d", when, src, id)
			}
			if st, body := get(page + "/subtitles/ru.vtt"); st != 200 || !strings.Contains(body, "Дорогие друзья,") {
				t.Errorf("%s: ru.vtt: %d %q", when, st, body)
			}
		}
		hidden("a processed video nobody approved")

		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		approve := fmt.Sprintf("/office/speeches/%d/video/approve", itemID)
		withdraw := fmt.Sprintf("/office/speeches/%d/video/withdraw", itemID)
		box := fmt.Sprintf("#video-%d .video-publication", itemID)
		cass, riac := fmt.Sprint(o.partnerID("cass")), fmt.Sprint(o.partnerID("riac"))
		signIn := func(email, name string, memberships ...string) *browser {
			o.account(email, name, "ru", false, memberships...)
			b := o.browser()
			b.signIn(email)
			return b
		}
		org := signIn("org@cass.example", "Организатор КАОН", "cass:organiser")
		_, doc := org.get(programme)
		pub := doc.Find(box)
		if got := strings.TrimSpace(pub.Find(".video-publication-state").Text()); pub.AttrOr("data-publication", "") != "awaiting" ||
			got != "Пока не опубликовано — ждёт утверждения от КАОН и РСМД." {
			t.Errorf("the video's publication before approval: %q %q", pub.AttrOr("data-publication", ""), got)
		}
		buttons := pub.Find(fmt.Sprintf(`button[form="video-%d-publish"][name=partner]`, itemID))
		if buttons.Length() != 1 || buttons.AttrOr("value", "") != cass || strings.TrimSpace(buttons.Text()) != "Утвердить к публикации от имени КАОН" {
			t.Errorf("a CASS organiser's approve buttons: %d, for %q, %q", buttons.Length(), buttons.AttrOr("value", ""), buttons.Text())
		}
		if n := doc.Find(fmt.Sprintf(`form#video-%d-publish[action=%q]`, itemID, approve)).Length(); n != 1 {
			t.Errorf("%d forms for the approve buttons", n)
		}
		if v := pub.Find(fmt.Sprintf(`input[name=video][form="video-%d-publish"]`, itemID)).AttrOr("value", ""); v != "81" {
			t.Errorf("the video approved is %q, want 81", v)
		}
		if n := pub.Find("button[formaction]").Length(); n != 0 {
			t.Errorf("a withdraw button while nothing is public")
		}

		form := func(partner, id string) url.Values { return url.Values{"partner": {partner}, "video": {id}} }
		for _, role := range []string{"translator", "reviewer"} {
			b := signIn(role+"@cass.example", role, "cass:"+role)
			if resp, _ := b.do("POST", approve, form(cass, "81")); resp.StatusCode != http.StatusForbidden {
				t.Errorf("a CASS %s approving: %d, want 403", role, resp.StatusCode)
			}
		}
		if resp, _ := org.do("POST", approve, form(riac, "81")); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a CASS organiser approving for RIAC: %d, want 403", resp.StatusCode)
		}
		// One person who edits at both hosts approves for one only.
		both := signIn("both@example.org", "Редактор обеих сторон", "cass:editor", "riac:editor")
		if resp, _ := both.do("POST", approve, form(cass, "81")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approval for CASS: %d, want 303", resp.StatusCode)
		}
		hidden("a video approved by one host of two")
		_, doc = both.get(programme)
		if n := doc.Find(box + " button[name=partner]").Length(); n != 0 {
			t.Errorf("who approved for CASS is offered %d buttons to approve for RIAC too", n)
		}
		resp, body := both.do("POST", approve, form(riac, "81"))
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Вы уже утвердили это видео от имени другого организатора") {
			t.Errorf("the same person approving for RIAC: %d, want 409 saying why", resp.StatusCode)
		}
		hidden("a video one person approved for both hosts")

		riacOrg := signIn("org@riac.example", "Организатор РСМД", "riac:organiser")
		if resp, _ := riacOrg.do("POST", approve, form(riac, "81")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approval for RIAC: %d, want 303", resp.StatusCode)
		}
		playing("approved by both hosts", 81)
		_, doc = org.get(programme)
		pub = doc.Find(box)
		if got := pub.Text(); pub.AttrOr("data-publication", "") != "public" || !strings.Contains(got, "КАОН: утвердил(а) Редактор обеих сторон") ||
			!strings.Contains(got, "РСМД: утвердил(а) Организатор РСМД") {
			t.Errorf("the public video's box: %q %q", pub.AttrOr("data-publication", ""), strings.Join(strings.Fields(got), " "))
		}

		// A replacement is processed: the approved video stays public
		// until both hosts approve the new one.
		addVideo(82)
		playing("while the replacement awaits approval", 81)
		_, doc = org.get(programme)
		pub = doc.Find(box)
		if got := pub.Text(); pub.AttrOr("data-publication", "") != "awaiting" || !strings.Contains(got, "Пока на сайте остаётся видео, утверждённое") ||
			pub.Find("input[name=video]").AttrOr("value", "") != "82" {
			t.Errorf("the replacement's box: %q %q", pub.AttrOr("data-publication", ""), strings.Join(strings.Fields(got), " "))
		}
		// The older video cannot be approved by its number while a newer
		// one is ready: it would be announced as published and never be
		// seen. Refused in words; nothing is logged.
		countVideoEvents := func() int {
			var n int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE action LIKE 'video.%'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := countVideoEvents()
		for _, b := range []struct {
			who     *browser
			partner string
		}{{org, cass}, {riacOrg, riac}} {
			resp, body := b.who.do("POST", approve, form(b.partner, "81"))
			if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Утвердить можно только последнее обработанное видео этого пункта программы") {
				t.Errorf("approving the older video 81 for %s: %d, want 409 saying why", b.partner, resp.StatusCode)
			}
		}
		if n := countVideoEvents(); n != before {
			t.Errorf("refused approvals of the older video logged %d events", n-before)
		}
		playing("after refused approvals of the older video", 81)
		org.do("POST", approve, form(cass, "82"))
		playing("the replacement approved by one host", 81)

		// Withdrawn by an organiser: gone at once, with its subtitles;
		// an editor may not.
		if resp, _ := both.do("POST", withdraw, url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor withdrawing: %d, want 403", resp.StatusCode)
		}
		if n := doc.Find(fmt.Sprintf(`%s button[formaction=%q]`, box, withdraw)).Length(); n != 1 {
			t.Errorf("%d withdraw buttons for the organiser", n)
		}
		if resp, _ := riacOrg.do("POST", withdraw, url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("withdraw: %d, want 303", resp.StatusCode)
		}
		hidden("the withdrawn video")
		if resp, body := riacOrg.do("POST", withdraw, url.Values{}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "нет видео на сайте") {
			t.Errorf("withdrawing again: %d, want 409 saying there is nothing public", resp.StatusCode)
		}
		events, err := eventlog.List(ctx, db, eventlog.Filter{Subject: fmt.Sprintf("speech:%d", itemID)})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action+" "+e.ActorName)
		}
		for _, want := range []string{"video.withdraw Организатор РСМД", "video.publish Организатор РСМД", "video.approve Редактор обеих сторон"} {
			if !strings.Contains(strings.Join(actions, "\n"), want) {
				t.Errorf("the event log lacks %q: %q", want, actions)
			}
		}
		// Back only when both hosts approve a video again: the
		// withdrawal cleared the approval CASS had given the replacement.
		riacOrg.do("POST", approve, form(riac, "82"))
		hidden("after the withdrawal, the replacement approved by RIAC alone")
		org.do("POST", approve, form(cass, "82"))
		playing("the replacement approved by both after the withdrawal", 82)
	})
}
