package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/video"
)

// TestVideoFilesSayWhatBecameOfThem: the programme form's list of a
// video item's uploaded files says of each, in words, whether it is the
// video on the site, could not be processed (and why), is being
// processed, or was replaced; that the site keeps the earlier video
// meanwhile; and offers to delete the files that are neither on the site
// nor being processed. Deleting asks first, removes the file, its web
// versions and their records, and is in the event log; the video on the
// site cannot be deleted.
func TestVideoFilesSayWhatBecameOfThem(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		org := o.account("org@files.example", "Organiser", "en", false, "cass:organiser")
		o.account("tr@files.example", "Translator", "en", false, "cass:translator")
		ctx := context.Background()
		item := videoSpeechID(t, db)
		// big.avi was on the site and was replaced by good.mp4, which is;
		// trunc.mp4 failed afterwards, text.mp4 is being processed, and
		// late.mov is processed but the hosts have not approved it.
		files := []struct {
			name, state, errKey string
			progress            int
		}{
			{"big.avi", "ready", "", 1000},
			{"good.mp4", "ready", "", 1000},
			{"trunc.mp4", "failed", "video.error.truncated", 300},
			{"text.mp4", "processing", "", 400},
			{"late.mov", "ready", "", 1000},
		}
		uploadIDs := map[string]int64{}
		videoIDs := map[string]int64{}
		for i, f := range files {
			at := time.Date(2026, 11, 1+i, 9, 0, 0, 0, time.UTC)
			key := "uploads/" + fmt.Sprintf("%032x", 0xf11e0+i)
			if _, err := o.blobs.Put(ctx, key, strings.NewReader("original of "+f.name)); err != nil {
				t.Fatal(err)
			}
			var up, v int64
			if err := db.QueryRow(ctx, `INSERT INTO uploads (tus_id, account_id, speech_id, filename, filetype, size, state, sha256, blob_key, created_at, received_at, completed_at)
				VALUES (?, ?, ?, ?, 'video/mp4', 1000, 'stored', 'abc', ?, ?, ?, ?) RETURNING id`, key[len("uploads/"):], org.ID, item, f.name, key, at, at, at).Scan(&up); err != nil {
				t.Fatal(err)
			}
			rends := "[]"
			if f.state == "ready" {
				rends = fmt.Sprintf(`[{"name":"main","key":"videos/f%d/main.mp4","width":640,"height":360,"size":10,"video_codec":"h264","audio_codec":"aac","bit_rate":1}]`, i)
				o.blobs.Put(ctx, fmt.Sprintf("videos/f%d/main.mp4", i), strings.NewReader("main"))
				o.blobs.Put(ctx, fmt.Sprintf("videos/f%d/poster.jpg", i), strings.NewReader("poster"))
			}
			if err := db.QueryRow(ctx, `INSERT INTO videos (speech_id, original_key, state, error_key, progress, renditions, poster_key, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, item, key, f.state, f.errKey, f.progress, rends, fmt.Sprintf("videos/f%d/poster.jpg", i), at, at).Scan(&v); err != nil {
				t.Fatal(err)
			}
			// Submitted as the upload finished, by its uploader.
			if _, err := db.Exec(ctx, `UPDATE videos SET submitted_by_name = ? WHERE id = ?`, org.Name, v); err != nil {
				t.Fatal(err)
			}
			uploadIDs[f.name], videoIDs[f.name] = up, v
			if f.name == "good.mp4" {
				// Approved while it was the newest ready video.
				publishVideo(t, db, v)
			}
		}
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT forum_id FROM speeches WHERE id = ?`, item).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		form := fmt.Sprintf("/office/forums/%d/programme", forumID)
		b := o.browser()
		b.signIn("org@files.example")
		_, doc := b.get(form)
		section := doc.Find(fmt.Sprintf(`.video-upload[data-item="%d"]`, item))
		fileRow := func(doc *goquery.Document, name string) *goquery.Selection {
			return doc.Find(fmt.Sprintf(`.video-upload[data-item="%d"] li.upload-file`, item)).FilterFunction(func(_ int, s *goquery.Selection) bool {
				return strings.HasPrefix(strings.TrimSpace(s.Text()), name+" ")
			})
		}
		for _, c := range []struct {
			name, state, says string
			deletable         bool
		}{
			{"good.mp4", "live", "On the site now", false},
			{"trunc.mp4", "failed", "Could not be processed: the file ends before the video does", true},
			{"text.mp4", "processing", "(40% done)", false},
			{"big.avi", "replaced", "Replaced by a newer video", true},
			{"late.mov", "awaiting", "not public until every host has approved it. The hosts approve it under Publication below.", true},
		} {
			row := fileRow(doc, c.name)
			state, _ := row.Attr("data-state")
			if row.Length() != 1 || state != c.state || !strings.Contains(row.Find(".upload-file-state").Text(), c.says) {
				t.Errorf("%s: state %q, says %q; want %s saying %q", c.name, state, row.Find(".upload-file-state").Text(), c.state, c.says)
			}
			if got := row.Find("a.upload-file-delete").Length() == 1; got != c.deletable {
				t.Errorf("%s: delete offered %v, want %v", c.name, got, c.deletable)
			}
		}
		// An uploaded file names its uploader, as one attached otherwise does.
		if s := fileRow(doc, "good.mp4").Text(); !strings.Contains(s, "added by "+org.Name) {
			t.Errorf("the uploaded file does not say who added it: %q", s)
		}
		if s := fileRow(doc, "trunc.mp4").Find(".upload-file-state").Text(); !strings.Contains(s, "The video on the site is unchanged") {
			t.Errorf("the failed file does not say the site keeps its video: %q", s)
		}
		if !strings.Contains(section.Text(), "the earlier video stays on the site") || !strings.Contains(section.Text(), "ready and every host has approved it") {
			t.Errorf("the section does not say that a replacement leaves the earlier video on the site: %q", section.Text())
		}
		if doc.Find(`script[src*="tus.min"]`).Length() == 1 && !strings.Contains(section.Find(".upload-item-number").Text(), fmt.Sprintf("number: %d ", item)) {
			t.Errorf("the section does not give the item's number for the upload API: %q", section.Find(".upload-item-number").Text())
		}
		// The newest video is processed and awaits the hosts: the status
		// says once that the approved one stays public meanwhile, not that
		// it is still being made ready.
		status := doc.Find(fmt.Sprintf("#video-%d", item))
		if s := status.Text(); strings.Count(s, "stays on the public page")+strings.Count(s, "keeps showing the earlier") != 1 || status.Find(".video-still-live").Length() != 0 {
			t.Errorf("the video status of an item whose replacement is processed says %q", s)
		}
		if s := status.Find(".video-publication-file").Text(); !strings.HasPrefix(s, "File: late.mov, added on ") {
			t.Errorf("the Publication section names the video it approves as %q, want late.mov", s)
		}

		// A translator sees the states but may delete nothing.
		tr := o.browser()
		tr.signIn("tr@files.example")
		_, tdoc := tr.get(form)
		if n := tdoc.Find("a.upload-file-delete").Length(); n != 0 || fileRow(tdoc, "good.mp4").Length() != 1 {
			t.Errorf("a translator is offered %d deletions", n)
		}

		// The confirmation page of the awaiting file has no Publication
		// section, so it does not send the reader to one.
		lhref, _ := fileRow(doc, "late.mov").Find("a.upload-file-delete").Attr("href")
		if _, ldoc := b.get(lhref); !strings.Contains(ldoc.Text(), "not public until every host has approved it") || strings.Contains(ldoc.Find("main").Text(), "Publication") {
			t.Errorf("the confirmation page of the awaiting file says %q", ldoc.Find("main").Text())
		}

		// Deleting the replaced file asks first, then removes it all.
		href, _ := fileRow(doc, "big.avi").Find("a.upload-file-delete").Attr("href")
		resp, cdoc := b.get(href)
		action, _ := cdoc.Find("main form").Attr("action")
		if resp.StatusCode != 200 || action != href || !strings.Contains(cdoc.Text(), "cannot be undone") {
			t.Fatalf("confirmation page: %d, form to %q", resp.StatusCode, action)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM uploads WHERE id = ?`, uploadIDs["big.avi"]); n != 1 {
			t.Fatal("the confirmation page deleted the file")
		}
		resp, _ = b.post(action, url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM uploads WHERE id = ?`, uploadIDs["big.avi"]) + countRows(t, db, `SELECT COUNT(*) FROM videos WHERE id = ?`, videoIDs["big.avi"]); n != 0 {
			t.Errorf("after deleting, %d records of big.avi are left", n)
		}
		for _, key := range []string{"uploads/" + fmt.Sprintf("%032x", 0xf11e0), "videos/f0/main.mp4", "videos/f0/poster.jpg"} {
			if obj, err := o.blobs.Open(ctx, key); !errors.Is(err, blob.ErrNotFound) {
				if err == nil {
					obj.Close()
				}
				t.Errorf("after deleting, %s is still stored (%v)", key, err)
			}
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM events WHERE action = 'upload.delete' AND actor_id = ?`, org.ID); n != 1 {
			t.Errorf("%d upload.delete events, want 1", n)
		}
		_, doc = b.get(form)
		if fileRow(doc, "big.avi").Length() != 0 || !strings.Contains(doc.Text(), "have been deleted") {
			t.Error("after deleting, the form still lists the file or does not say it was deleted")
		}

		// The video on the site, and one being processed, are kept.
		for _, name := range []string{"good.mp4", "text.mp4"} {
			path := fmt.Sprintf("/office/speeches/%d/uploads/%d/delete", item, uploadIDs[name])
			resp, cdoc := b.post(path, url.Values{})
			if resp.StatusCode != http.StatusConflict || cdoc.Find("main form").Length() != 0 || cdoc.Find(".form-error").Length() != 1 {
				t.Errorf("delete %s: %d, %q", name, resp.StatusCode, cdoc.Find(".form-error").Text())
			}
			if n := countRows(t, db, `SELECT COUNT(*) FROM videos WHERE id = ?`, videoIDs[name]); n != 1 {
				t.Errorf("%s was deleted", name)
			}
		}
		if obj, err := o.blobs.Open(ctx, "videos/f1/main.mp4"); err != nil {
			t.Errorf("the live video's file is gone: %v", err)
		} else {
			obj.Close()
		}
	})
}

func countRows(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestVideoFilesListEveryVideo: the programme form lists every video of
// an item however it came, a file given to tandem video attach by its
// name and who added it; only the newest ready video awaits approval,
// an older ready one never made public is replaced; the Publication
// section names the file it approves; and a video without sound says so,
// with no audio format named.
func TestVideoFilesListEveryVideo(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		org := o.account("org@every.example", "Organiser", "en", false, "cass:organiser")
		ctx := context.Background()
		item := videoSpeechID(t, db)
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT forum_id FROM speeches WHERE id = ?`, item).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		key := "uploads/" + fmt.Sprintf("%032x", 0xe0e0)
		if _, err := db.Exec(ctx, `INSERT INTO uploads (tus_id, account_id, speech_id, filename, filetype, size, state, sha256, blob_key, created_at, received_at, completed_at)
			VALUES (?, ?, ?, 'first.mp4', 'video/mp4', 1000, 'stored', 'abc', ?, ?, ?, ?)`, key[len("uploads/"):], org.ID, item, key, at, at, at); err != nil {
			t.Fatal(err)
		}
		ready := func(v *video.Video, audio string) {
			t.Helper()
			if _, err := db.Exec(ctx, `UPDATE videos SET state = 'ready', progress = 1000, duration_ms = 4000, renditions = ? WHERE id = ?`,
				fmt.Sprintf(`[{"name":"main","key":"videos/%d/main.mp4","width":1280,"height":720,"size":10,"video_codec":"h264","audio_codec":%q,"bit_rate":1}]`, v.ID, audio), v.ID); err != nil {
				t.Fatal(err)
			}
		}
		var first, attached *video.Video
		err := db.Transact(ctx, func(tx *store.Tx) error {
			var err error
			if first, err = video.Submit(ctx, tx, item, key, video.Actor{AccountID: org.ID, Name: "Organiser"}); err != nil {
				return err
			}
			attached, err = video.SubmitFile(ctx, tx, item, "videos/originals/0a1b.mkv", "odd2.mkv", video.Actor{Name: "ops@server"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		ready(first, "aac")
		ready(attached, "")

		b := o.browser()
		b.signIn("org@every.example")
		_, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", forumID))
		rows := doc.Find(fmt.Sprintf(`.video-upload[data-item="%d"] li.upload-file`, item))
		row := func(name string) *goquery.Selection {
			return rows.FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".upload-file-name").Text() == name })
		}
		if rows.Length() != 2 {
			t.Errorf("the list has %d files, want the upload and the attached file", rows.Length())
		}
		for _, c := range []struct{ name, state, says string }{
			{"odd2.mkv", "awaiting", "not public until every host has approved it"},
			{"first.mp4", "replaced", "Replaced by a newer video"},
		} {
			r := row(c.name)
			if r.Length() != 1 || r.AttrOr("data-state", "") != c.state || !strings.Contains(r.Text(), c.says) {
				t.Errorf("%s: %d rows, state %q, says %q; want %s saying %q", c.name, r.Length(), r.AttrOr("data-state", ""), r.Text(), c.state, c.says)
			}
		}
		if s := row("odd2.mkv").Text(); !strings.Contains(s, "added by ops@server") || row("odd2.mkv").Find("a.upload-file-delete").Length() != 0 {
			t.Errorf("the attached file's row says %q (a file not uploaded has no upload to delete)", s)
		}
		status := doc.Find(fmt.Sprintf("#video-%d", item))
		if s := status.Find(".video-publication-file").Text(); !strings.HasPrefix(s, "File: odd2.mkv, added on ") || !strings.HasSuffix(s, " by ops@server.") {
			t.Errorf("the Publication section names %q, want odd2.mkv", s)
		}
		if v := status.Find("input[name=video]").AttrOr("value", ""); v != fmt.Sprint(attached.ID) {
			t.Errorf("the Publication form approves video %s, want %d", v, attached.ID)
		}
		if s := status.Find(".video-no-sound").Text(); !strings.Contains(s, "This video has no sound") {
			t.Errorf("a video without sound: the status warns %q", s)
		}
		if s := status.Find(".video-facts").Text(); strings.Contains(s, "AAC") || !strings.Contains(s, "H.264, no sound") {
			t.Errorf("a video without sound: formats %q", s)
		}
	})
}
