package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// The programme form shows, beside each item given by video, where its
// video stands in the organiser's language: progress while it is
// processed; duration, size and formats once ready; why it was refused;
// or that none is attached yet. Items given in person show nothing.
func TestOfficeProgrammeVideoStatus(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		ctx := context.Background()
		forumID := demoForumID(t, db)
		var videoItems []int64
		rows, err := db.Query(ctx, `SELECT id FROM speeches WHERE forum_id = ? AND (kind = 'video_address' OR delivery = 'video') ORDER BY id`, forumID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			videoItems = append(videoItems, id)
		}
		rows.Close()
		var inPerson int64
		if err := db.QueryRow(ctx, `SELECT MIN(id) FROM speeches WHERE forum_id = ? AND kind <> 'video_address' AND delivery <> 'video'`, forumID).Scan(&inPerson); err != nil {
			t.Fatal(err)
		}
		if len(videoItems) < 2 {
			t.Fatalf("the demo has %d video items, want 2", len(videoItems))
		}
		o.account("org@cass.example", "Organiser", "ru", false, "cass:organiser")
		before := o.browser()
		before.signIn("org@cass.example")
		_, doc := before.get("/office/forums/" + strconv.FormatInt(forumID, 10) + "/programme")
		if n := doc.Find(".video-status").Length(); n != len(videoItems) {
			t.Errorf("%d video sections before any video, want one per video item (%d)", n, len(videoItems))
		}
		if got := doc.Find("#video-" + strconv.FormatInt(videoItems[0], 10) + " .hint").Text(); got != "К этому пункту программы видео ещё не прикреплено." {
			t.Errorf("a video item without a video says %q", got)
		}
		now := time.Now().UTC()
		add := func(item int64, state, set string, args ...any) {
			t.Helper()
			_, err := db.Exec(ctx, `INSERT INTO videos (speech_id, original_key, state, created_at, updated_at) VALUES (?, 'videos/originals/x.mp4', ?, ?, ?)`, item, state, now, now)
			if err != nil {
				t.Fatal(err)
			}
			if set != "" {
				if _, err := db.Exec(ctx, `UPDATE videos SET `+set+` WHERE speech_id = ?`, append(args, item)...); err != nil {
					t.Fatal(err)
				}
			}
		}
		add(videoItems[0], "ready", `method = 'transcode', duration_ms = 754300, width = 1920, height = 1080, progress = 1000, renditions = ?`,
			`[{"name":"main","key":"videos/1/main.mp4","width":1920,"height":1080,"size":98765432,"video_codec":"h264","audio_codec":"aac","bit_rate":1},
			  {"name":"720p","key":"videos/1/720p.mp4","width":1280,"height":720,"size":45600000,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]`)
		// A second item, earlier refused and then submitted again: the newest counts.
		add(videoItems[1], "failed", `error_key = 'video.error.unreadable'`)
		add(videoItems[1], "processing", `progress = 457`)
		add(inPerson, "failed", `error_key = 'video.error.truncated', error_detail = 'made 1s of 9s'`)

		for _, tc := range []struct {
			lang                                     string
			ready, duration, size, formats, progress string
			truncated                                string
		}{
			{"ru", "Готово", "12:34", "137,7\u00a0МиБ", "1920×1080, H.264/AAC, 94,2\u00a0МиБ; 1280×720, H.264/AAC, 43,5\u00a0МиБ", "готово 45\u00a0%",
				"Файл обрывается раньше"},
			{"zh", "已就绪", "12:34", "137.7\u00a0MiB", "1920×1080，H.264/AAC，94.2\u00a0MiB；1280×720，H.264/AAC，43.5\u00a0MiB", "已完成45%",
				"文件在视频结束之前就中断了"},
			{"en", "Ready", "12:34", "137.7\u00a0MiB", "1920×1080, H.264/AAC, 94.2\u00a0MiB; 1280×720, H.264/AAC, 43.5\u00a0MiB", "45% done",
				"The file ends before the video does"},
		} {
			t.Run(tc.lang, func(t *testing.T) {
				email := "org-" + tc.lang + "@cass.example"
				o.account(email, "Organiser "+tc.lang, tc.lang, false, "cass:organiser")
				b := o.browser()
				b.signIn(email)
				resp, doc := b.get("/office/forums/" + strconv.FormatInt(forumID, 10) + "/programme")
				if resp.StatusCode != 200 {
					t.Fatalf("programme form: %d", resp.StatusCode)
				}
				section := func(item int64) string {
					return "#video-" + strconv.FormatInt(item, 10)
				}
				ready := doc.Find(section(videoItems[0]))
				if ready.AttrOr("data-state", "") != "ready" || !strings.Contains(ready.Find(".video-state").Text(), tc.ready) {
					t.Errorf("ready video: %q", ready.Text())
				}
				facts := map[string]bool{}
				ready.Find("dd").Each(func(_ int, s *goquery.Selection) { facts[s.Text()] = true })
				for _, want := range []string{tc.duration, tc.size, tc.formats} {
					if !facts[want] {
						t.Errorf("ready video's facts %v lack %q", facts, want)
					}
				}
				if ready.Find("progress").Length() != 0 {
					t.Error("a ready video shows a progress bar")
				}
				working := doc.Find(section(videoItems[1]))
				if working.AttrOr("data-state", "") != "processing" || working.Find("progress").AttrOr("value", "") != "45" ||
					working.Find(".video-percent").Text() != tc.progress || working.Find(".video-error").Length() != 0 {
					t.Errorf("video being processed: %q (progress %q)", working.Text(), working.Find("progress").AttrOr("value", ""))
				}
				refused := doc.Find(section(inPerson))
				if msg := refused.Find(".video-error[role=alert]").Text(); !strings.HasPrefix(msg, tc.truncated) || strings.Contains(msg, "made 1s") {
					t.Errorf("refused video says %q, want the reason in the organiser's language without ffmpeg's details", msg)
				}
				if n := doc.Find(".video-status").Length(); n != 3 {
					t.Errorf("%d video sections, want 3 (two video items and the item with a refused video)", n)
				}
			})
		}
	})
}

// The programme form's video status follows the processing live: each
// section names its own address (data-poll), which answers the section
// alone as it stands now, in the organiser's language, so that the page's
// script swaps in the progress and then the ready video; a video the demo
// made to illustrate says so.
func TestOfficeVideoStatusLive(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		ctx := context.Background()
		forumID := demoForumID(t, db)
		var item int64
		if err := db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&item); err != nil {
			t.Fatal(err)
		}
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		id := "#video-" + strconv.FormatInt(item, 10)
		_, doc := b.get("/office/forums/" + strconv.FormatInt(forumID, 10) + "/programme")
		poll := doc.Find(id).AttrOr("data-poll", "")
		if poll != "/office/speeches/"+strconv.FormatInt(item, 10)+"/video" {
			t.Fatalf("video section's data-poll = %q", poll)
		}
		if doc.Find(`script[src*="video_status"]`).Length() != 1 {
			t.Error("the programme form does not load video_status.js")
		}
		fragment := func() *goquery.Selection {
			t.Helper()
			resp, doc := b.get(poll)
			if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("GET %s: %d, Cache-Control %q", poll, resp.StatusCode, resp.Header.Get("Cache-Control"))
			}
			if n := doc.Find(".video-status").Length(); n != 1 {
				t.Fatalf("GET %s: %d sections, want 1", poll, n)
			}
			return doc.Find(id)
		}
		if s := fragment(); s.AttrOr("data-state", "x") != "" || s.Find(".hint").Text() != "К этому пункту программы видео ещё не прикреплено." {
			t.Errorf("before any video: %q", s.Text())
		}
		now := time.Now().UTC()
		if _, err := db.Exec(ctx, `INSERT INTO videos (speech_id, original_key, state, progress, created_at, updated_at) VALUES (?, 'videos/originals/x.mp4', 'processing', 457, ?, ?)`, item, now, now); err != nil {
			t.Fatal(err)
		}
		if s := fragment(); s.AttrOr("data-state", "") != "processing" || s.Find("progress").AttrOr("value", "") != "45" || s.Find(".video-percent").Text() != "готово 45\u00a0%" {
			t.Errorf("being processed: %q", s.Text())
		}
		if _, err := db.Exec(ctx, `UPDATE videos SET progress = 812 WHERE speech_id = ?`, item); err != nil {
			t.Fatal(err)
		}
		if s := fragment(); s.Find("progress").AttrOr("value", "") != "81" {
			t.Errorf("later: progress %q, want 81", s.Find("progress").AttrOr("value", ""))
		}
		if _, err := db.Exec(ctx, `UPDATE videos SET state = 'ready', progress = 1000, duration_ms = 41000, illustration = ?, method = 'remux',
			renditions = '[{"name":"main","key":"k","width":854,"height":480,"size":1200000,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]' WHERE speech_id = ?`, true, item); err != nil {
			t.Fatal(err)
		}
		s := fragment()
		if s.AttrOr("data-state", "") != "ready" || s.Find("progress").Length() != 0 || !strings.Contains(s.Find("dl").Text(), "0:41") {
			t.Errorf("ready: %q", s.Text())
		}
		if got := s.AttrOr("data-announce", ""); got != "Видео: Готово" {
			t.Errorf("a screen reader would be told %q when the video is ready", got)
		}
		if got := s.Find(".video-illustration").Text(); !strings.HasPrefix(got, "Иллюстрация: это видео создано для демонстрации tandem") {
			t.Errorf("the demo's video is not said to be an illustration: %q", got)
		}
		// An item that does not exist answers 404.
		if resp, _ := b.get("/office/speeches/999999/video"); resp.StatusCode != 404 {
			t.Errorf("video status of no item: %d, want 404", resp.StatusCode)
		}
	})
}
