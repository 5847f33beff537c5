package cli

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/video"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// TestVideoWithdraw: `tandem video withdraw --item N` takes the item's
// public video off the public page at once and says which; the event log
// has who and why; withdrawing again, or an item that does not exist,
// is refused in words.
func TestVideoWithdraw(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			data, dsn, db := dataFolder(t, dialect, true)
			item := videotest.Speech(t, db)
			var v *video.Video
			err := db.Transact(ctx, func(tx *store.Tx) error {
				var err error
				if v, err = video.Submit(ctx, tx, item, "videos/originals/a.mp4", video.Actor{Name: "test"}); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, `UPDATE videos SET state = 'ready', renditions = '[{"name":"main","key":"videos/1/main.mp4"}]' WHERE id = ?`, v.ID); err != nil {
					return err
				}
				var host int64
				if err := tx.QueryRow(ctx, `SELECT partner_id FROM forum_hosts`).Scan(&host); err != nil {
					return err
				}
				_, err = video.Approve(ctx, tx, v.ID, host, video.Actor{AccountID: 0, Name: "test"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if vs, err := video.PlayableFor(ctx, db, []int64{item}); err != nil || vs[item] == nil {
				t.Fatalf("before the withdrawal the approved video is not public: %v %v", vs, err)
			}
			args := func(more ...string) []string {
				return append([]string{"video", "withdraw", "--data", data, "--database", dsn}, more...)
			}
			code, out, stderr := runCLI(t, nil, args("--item", strconv.FormatInt(item, 10), "--note", "wrong recording")...)
			if code != 0 || !strings.Contains(out, "video "+strconv.FormatInt(v.ID, 10)+" of item "+strconv.FormatInt(item, 10)+" withdrawn") {
				t.Fatalf("withdraw: exit %d, stdout %q, stderr %q", code, out, stderr)
			}
			if vs, err := video.PlayableFor(ctx, db, []int64{item}); err != nil || vs[item] != nil {
				t.Errorf("after the withdrawal the video is still public: %v %v", vs[item], err)
			}
			got, err := video.Get(ctx, db, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.ApprovedAt.IsZero() || got.WithdrawnAt.IsZero() || time.Since(got.WithdrawnAt) > time.Minute {
				t.Errorf("withdrawn video: approved %v, withdrawn %v", got.ApprovedAt, got.WithdrawnAt)
			}
			events, err := eventlog.List(ctx, db, eventlog.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range events {
				found = found || e.Action == "video.withdraw" && e.Note == "wrong recording" && strings.HasPrefix(e.ActorName, "tandem user")
			}
			if !found {
				t.Errorf("the event log has no withdrawal with its note: %+v", events)
			}
			code, _, stderr = runCLI(t, nil, args("--item", strconv.FormatInt(item, 10))...)
			if code == 0 || !strings.Contains(stderr, "has no public video to withdraw") {
				t.Errorf("second withdrawal: exit %d, %q", code, stderr)
			}
			code, _, stderr = runCLI(t, nil, args("--item", "999999")...)
			if code == 0 || !strings.Contains(stderr, "no programme item 999999") {
				t.Errorf("withdrawal of no item: exit %d, %q", code, stderr)
			}
		})
	}
}
