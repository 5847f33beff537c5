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
			{"ru", "Готово", "12:34", "144,4 МБ", "1920×1080, H.264/AAC, 98,8 МБ; 1280×720, H.264/AAC, 45,6 МБ", "готово 45\u00a0%",
				"Файл обрывается раньше"},
			{"zh", "已就绪", "12:34", "144.4 MB", "1920×1080，H.264/AAC，98.8 MB；1280×720，H.264/AAC，45.6 MB", "已完成45%",
				"文件在视频结束之前就中断了"},
			{"en", "Ready", "12:34", "144.4 MB", "1920×1080, H.264/AAC, 98.8 MB; 1280×720, H.264/AAC, 45.6 MB", "45% done",
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
