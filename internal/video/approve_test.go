package video

import (
	"context"
	"errors"
	"testing"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// twoHosts adds a speech whose forum has two hosts and returns it and
// the hosts.
func twoHosts(t *testing.T, db *store.DB) (item, riac, cass int64) {
	t.Helper()
	ctx := context.Background()
	item = videotest.Speech(t, db)
	if err := db.QueryRow(ctx, `SELECT partner_id FROM forum_hosts`).Scan(&riac); err != nil {
		t.Fatal(err)
	}
	text := lang.New("zh", map[string]string{"zh": "中国社会科学院"})
	p := &forum.Partner{Slug: "cass", Name: text, ShortName: text, Country: "CN", Published: true}
	if err := forum.AddPartner(ctx, db, p); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `INSERT INTO forum_hosts (forum_id, partner_id, position) SELECT forum_id, ?, 1 FROM speeches WHERE id = ?`, p.ID, item); err != nil {
		t.Fatal(err)
	}
	return item, riac, p.ID
}

// readyVideo submits a video of item and marks it processed.
func readyVideo(t *testing.T, db *store.DB, item int64, state State) *Video {
	t.Helper()
	ctx := context.Background()
	var v *Video
	err := db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		if v, err = Submit(ctx, tx, item, "videos/originals/x.mp4", Actor{Name: "Организатор"}); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE videos SET state = ?, renditions = '[{"name":"main","key":"videos/x/main.mp4"}]' WHERE id = ?`, string(state), v.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func approve(t *testing.T, db *store.DB, id, partner, account int64) (bool, error) {
	t.Helper()
	var done bool
	err := db.Transact(context.Background(), func(tx *store.Tx) error {
		var err error
		done, err = Approve(context.Background(), tx, id, partner, Actor{AccountID: account, Name: "Person " + itoa(account)})
		return err
	})
	return done, err
}

func public(t *testing.T, db *store.DB, item int64) int64 {
	t.Helper()
	vs, err := PlayableFor(context.Background(), db, []int64{item})
	if err != nil {
		t.Fatal(err)
	}
	if v := vs[item]; v != nil {
		return v.ID
	}
	return 0
}

// A ready video is public only once each host approved it, by a
// different person each; a replacement waits for its own approvals while
// the approved one stays public; a withdrawal hides it at once and it
// needs approving again.
func TestApproveVideo(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		item, riac, cass := twoHosts(t, db)
		processing := readyVideo(t, db, item, Processing)
		var refusal *Refusal
		if _, err := approve(t, db, processing.ID, riac, 1); !errors.As(err, &refusal) || refusal.Key != "video.approve.not_ready" {
			t.Errorf("approving a video being processed: %v, want video.approve.not_ready", err)
		}
		first := readyVideo(t, db, item, Ready)
		if id := public(t, db, item); id != 0 {
			t.Fatalf("a ready video nobody approved is public (%d)", id)
		}
		if done, err := approve(t, db, first.ID, riac, 1); err != nil || done {
			t.Fatalf("first host's approval: %v %v, want recorded and not yet public", done, err)
		}
		if id := public(t, db, item); id != 0 {
			t.Errorf("a video one host of two approved is public")
		}
		if _, err := approve(t, db, first.ID, cass, 1); !errors.As(err, &refusal) || refusal.Key != "video.approve.four_eyes" {
			t.Errorf("one person approving for both hosts: %v, want video.approve.four_eyes", err)
		}
		if _, err := approve(t, db, first.ID, 999999, 2); !errors.Is(err, errkind.Forbidden) {
			t.Errorf("approval for a partner that is no host: %v, want forbidden", err)
		}
		if done, err := approve(t, db, first.ID, cass, 2); err != nil || !done {
			t.Fatalf("second host's approval: %v %v, want the video public", done, err)
		}
		if id := public(t, db, item); id != first.ID {
			t.Fatalf("public video %d after both hosts approved, want %d", id, first.ID)
		}

		// A replacement: processed, then approved by one host; the first
		// stays public until both approved it.
		second := readyVideo(t, db, item, Ready)
		if id := public(t, db, item); id != first.ID {
			t.Errorf("while the replacement awaits approval the public video is %d, want the approved %d", id, first.ID)
		}
		approve(t, db, second.ID, riac, 1)
		if id := public(t, db, item); id != first.ID {
			t.Errorf("after one approval of the replacement the public video is %d, want %d", id, first.ID)
		}
		if done, err := approve(t, db, second.ID, cass, 2); err != nil || !done || public(t, db, item) != second.ID {
			t.Fatalf("the replacement approved by both: %v %v, public %d", done, err, public(t, db, item))
		}

		var withdrawn *Video
		err := db.Transact(ctx, func(tx *store.Tx) error {
			var err error
			withdrawn, err = Withdraw(ctx, tx, item, Actor{AccountID: 1, Name: "Организатор"}, "")
			return err
		})
		if err != nil || withdrawn.ID != second.ID || withdrawn.WithdrawnBy != "Организатор" {
			t.Fatalf("withdraw: %v %+v", err, withdrawn)
		}
		// Neither the withdrawn video nor the one approved before it
		// comes back by itself.
		if id := public(t, db, item); id != 0 {
			t.Errorf("after the withdrawal video %d is public", id)
		}
		err = db.Transact(ctx, func(tx *store.Tx) error {
			_, err := Withdraw(ctx, tx, item, Actor{Name: "Организатор"}, "")
			return err
		})
		if !errors.As(err, &refusal) || refusal.Key != "video.withdraw.none" {
			t.Errorf("withdrawing with no public video: %v", err)
		}
		if done, _ := approve(t, db, second.ID, riac, 1); done {
			t.Errorf("one approval after the withdrawal made it public")
		}
		if done, err := approve(t, db, second.ID, cass, 2); err != nil || !done || public(t, db, item) != second.ID {
			t.Errorf("approved again by both after the withdrawal: %v %v, public %d", done, err, public(t, db, item))
		}
	})
}

// Only the item's newest ready video can be approved: approving an older
// one by its number, even by every host, is refused, logs nothing, and
// leaves the public page as it was; a newer video still being processed
// or one that failed does not stop the approval of the newest ready one.
func TestApproveOnlyTheNewestReady(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		item, riac, cass := twoHosts(t, db)
		old := readyVideo(t, db, item, Ready)
		newest := readyVideo(t, db, item, Ready)
		readyVideo(t, db, item, Processing)
		readyVideo(t, db, item, Failed)
		events := func() int {
			var n int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE action IN ('video.approve', 'video.publish')`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		var refusal *Refusal
		for i, h := range []int64{riac, cass} {
			if done, err := approve(t, db, old.ID, h, int64(i+1)); !errors.As(err, &refusal) || refusal.Key != "video.approve.not_newest" || done {
				t.Errorf("approving the older video %d for host %d: %v %v, want video.approve.not_newest", old.ID, h, done, err)
			}
		}
		if n := events(); n != 0 {
			t.Errorf("refused approvals logged %d events", n)
		}
		var approvals int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM video_approvals`).Scan(&approvals); err != nil || approvals != 0 {
			t.Errorf("refused approvals recorded %d approvals (%v)", approvals, err)
		}
		if id := public(t, db, item); id != 0 {
			t.Errorf("public video %d after refused approvals", id)
		}
		approve(t, db, newest.ID, riac, 1)
		if done, err := approve(t, db, newest.ID, cass, 2); err != nil || !done || public(t, db, item) != newest.ID {
			t.Errorf("the newest ready video approved by both: %v %v, public %d", done, err, public(t, db, item))
		}
	})
}
