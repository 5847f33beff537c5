package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// TestAwaitedVideosListed: a speech's video and subtitle tracks awaiting a
// host's approval are on the to-do lists of that host's organisers and
// editors, on the approvals page and the dashboard, with a link to their
// section of the programme form; once approved for that host they leave
// its lists but stay on the other host's. Who approved for one host does
// not find them on its lists again: one person approves for one host.
func TestAwaitedVideosListed(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		if err := db.QueryRow(ctx, `SELECT id, forum_id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&itemID, &forumID); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 5, 3, 10, 0, 0, 0, time.UTC)
		if _, err := db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, progress, duration_ms, width, height, renditions, poster_key, created_at, updated_at)
			VALUES (91, ?, 'uploads/x', 'ready', 1000, 6000, 640, 360, '[{"name":"main","key":"videos/91/main.mp4","width":640,"height":360}]', 'videos/91/poster.jpg', ?, ?)`,
			itemID, now, now); err != nil {
			t.Fatal(err)
		}
		addSubtitles(t, db, itemID)

		signIn := func(email, name string, memberships ...string) *browser {
			o.account(email, name, "ru", false, memberships...)
			b := o.browser()
			b.signIn(email)
			return b
		}
		cassOrg := signIn("org@cass.example", "Организатор КАОН", "cass:organiser")
		riacOrg := signIn("org@riac.example", "Организатор РСМД", "riac:organiser")
		both := signIn("both@example.org", "Редактор обеих сторон", "cass:editor", "riac:editor")
		translator := signIn("tr@cass.example", "Переводчик", "cass:translator")

		// In Chinese the lists and the programme form join a kind and a
		// title, a name and a state, with the full-width colon, and set no
		// space around a Chinese name or before a colon.
		o.account("zh@cass.example", "陈静", "zh", false, "cass:organiser")
		zhOrg := o.browser()
		zhOrg.signIn("zh@cass.example")
		for _, path := range []string{"/office/approvals", "/office/", fmt.Sprintf("/office/forums/%d/programme", forumID)} {
			_, doc := zhOrg.get(path)
			text := doc.Find("main").Text()
			if !strings.Contains(text, "：") {
				t.Errorf("zh %s: no full-width colon at all: %q", path, text)
			}
			bad := `\p{Han}: |\p{Han} [:：]`
			if !strings.Contains(path, "programme") {
				bad += `|\p{Han} \p{Han}`
			}
			for _, m := range regexp.MustCompile(bad).FindAllString(text, -1) {
				t.Errorf("zh %s: %q: an ASCII colon or a space next to Chinese", path, m)
			}
		}

		videoLink := fmt.Sprintf("/office/forums/%d/programme#video-%d", forumID, itemID)
		subtitlesLink := fmt.Sprintf("/office/forums/%d/programme#subtitles-%d", forumID, itemID)
		// listed returns the speech items of the account's lists, on both
		// pages (a translator has the dashboard only), as "link: text"
		// with spaces folded; the two pages must agree.
		listed := func(who string, b *browser) []string {
			t.Helper()
			var pages [2][]string
			for i, p := range []struct{ path, list string }{{"/office/approvals", "#list-awaiting"}, {"/office/", `section[aria-labelledby="awaiting"]`}} {
				resp, doc := b.get(p.path)
				if b == translator && p.path == "/office/approvals" {
					if resp.StatusCode != http.StatusForbidden {
						t.Errorf("a translator: GET %s: %d, want 403", p.path, resp.StatusCode)
					}
					continue
				}
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: GET %s: %d", who, p.path, resp.StatusCode)
				}
				doc.Find(p.list + " li").Each(func(_ int, li *goquery.Selection) {
					if href := li.Find("a").AttrOr("href", ""); strings.Contains(href, "/programme#") {
						pages[i] = append(pages[i], href+": "+strings.Join(strings.Fields(li.Text()), " "))
					}
				})
			}
			if b == translator {
				return pages[1]
			}
			if !reflect.DeepEqual(pages[0], pages[1]) {
				t.Errorf("%s: the approvals page lists %q, the dashboard %q", who, pages[0], pages[1])
			}
			return pages[0]
		}
		want := func(when, who string, b *browser, want ...string) {
			t.Helper()
			if got := listed(who, b); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s's lists:\n got %q\nwant %q", when, who, got, want)
			}
		}
		const title = "Выступление: Видеообращение Ван И"
		videoItem := func(hosts string) string {
			return videoLink + ": " + title + " видео, добавлено 3 мая 2026 г. · ждём: " + hosts
		}
		subtitlesItem := func(langs, hosts string) string {
			return subtitlesLink + ": " + title + " субтитры на " + langs + " · ждём: " + hosts
		}
		want("before any approval", "CASS", cassOrg, videoItem("КАОН"), subtitlesItem("3 языках (китайский, русский и английский)", "КАОН"))
		want("before any approval", "RIAC", riacOrg, videoItem("РСМД"), subtitlesItem("3 языках (китайский, русский и английский)", "РСМД"))
		want("before any approval", "an editor of both", both, videoItem("КАОН и РСМД"), subtitlesItem("3 языках (китайский, русский и английский)", "КАОН и РСМД"))
		want("before any approval", "a translator", translator)

		approveTrack := func(b *browser, partner int64, l string) {
			t.Helper()
			tr, err := subtitle.Get(ctx, db, itemID, l)
			if err != nil {
				t.Fatal(err)
			}
			resp, _ := b.do("POST", fmt.Sprintf("/office/speeches/%d/subtitles/%s/approve", itemID, l), url.Values{"partner": {fmt.Sprint(partner)}, "hash": {tr.Hash()}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("approving the %s track for %d: %d", l, partner, resp.StatusCode)
			}
		}
		cass, riac := o.partnerID("cass"), o.partnerID("riac")
		if resp, _ := cassOrg.do("POST", fmt.Sprintf("/office/speeches/%d/video/approve", itemID), url.Values{"partner": {fmt.Sprint(cass)}, "video": {"91"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approving the video for CASS: %d", resp.StatusCode)
		}
		approveTrack(cassOrg, cass, "zh")
		approveTrack(cassOrg, cass, "ru")
		want("CASS approved the video and two tracks", "CASS", cassOrg, subtitlesItem("1 языке (английский)", "КАОН"))
		want("CASS approved the video and two tracks", "RIAC", riacOrg, videoItem("РСМД"), subtitlesItem("3 языках (китайский, русский и английский)", "РСМД"))
		want("CASS approved the video and two tracks", "an editor of both", both, videoItem("РСМД"), subtitlesItem("3 языках (китайский, русский и английский)", "КАОН и РСМД"))

		approveTrack(both, cass, "en")
		want("all approved for CASS", "CASS", cassOrg)
		want("all approved for CASS", "RIAC", riacOrg, videoItem("РСМД"), subtitlesItem("3 языках (китайский, русский и английский)", "РСМД"))
		want("who approved the en track for CASS", "an editor of both", both, videoItem("РСМД"), subtitlesItem("2 языках (китайский и русский)", "РСМД"))

		if resp, _ := riacOrg.do("POST", fmt.Sprintf("/office/speeches/%d/video/approve", itemID), url.Values{"partner": {fmt.Sprint(riac)}, "video": {"91"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approving the video for RIAC: %d", resp.StatusCode)
		}
		for _, l := range []string{"zh", "ru", "en"} {
			approveTrack(riacOrg, riac, l)
		}
		want("all public", "RIAC", riacOrg)
		want("all public", "an editor of both", both)

		// What became public is listed as recently published, the
		// video and each track, with links to their sections.
		_, doc := riacOrg.get("/office/approvals")
		var published []string
		doc.Find("#list-published li, section#published li, .items li").Each(func(_ int, li *goquery.Selection) {
			if strings.Contains(li.Text(), "опубликовано") || strings.Contains(li.Text(), "Опубликовано") {
				href, _ := li.Find("a").Attr("href")
				published = append(published, strings.Join(strings.Fields(li.Find(".hint").Text()), " ")+" → "+href)
			}
		})
		got := strings.Join(published, "\n")
		for _, part := range []string{"видео", "субтитры (китайский)", "субтитры (русский)", "субтитры (английский)"} {
			if !strings.Contains(got, part+" · ") {
				t.Errorf("recently published lacks %q:\n%s", part, got)
			}
		}
		if !strings.Contains(got, fmt.Sprintf("/speeches/%d", itemID)) && !strings.Contains(got, fmt.Sprintf("item-%d", itemID)) && !strings.Contains(got, fmt.Sprint(itemID)) {
			t.Errorf("recently published links nowhere near the speech:\n%s", got)
		}
	})
}
