package video

import (
	"context"
	"reflect"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// A host's to-do list of videos holds its item's newest ready video
// until that host approved it: not one still processing or failed, not
// an older one replaced, not the one the page plays, and for one host
// not what waits for the other only. A withdrawal puts it back.
func TestPendingFor(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		item, riac, cass := twoHosts(t, db)
		pending := func(partners ...int64) map[int64][]int64 {
			t.Helper()
			ps, err := PendingFor(ctx, db, partners)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64][]int64{}
			for _, p := range ps {
				if p.Video.ItemID != item || p.ItemTitle.IsZero() || p.ForumID == 0 {
					t.Errorf("video %d: item %d, forum %d, title %v", p.Video.ID, p.Video.ItemID, p.ForumID, p.ItemTitle)
				}
				out[p.Video.ID] = p.Awaiting
			}
			return out
		}
		want := func(when string, got, want map[int64][]int64) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: awaiting %v, want %v", when, got, want)
			}
		}
		want("no video", pending(riac, cass), map[int64][]int64{})
		readyVideo(t, db, item, Failed)
		readyVideo(t, db, item, Probing)
		want("a failed video and one processing", pending(riac, cass), map[int64][]int64{})

		first := readyVideo(t, db, item, Ready)
		want("a ready video, asked for both", pending(riac, cass), map[int64][]int64{first.ID: {riac, cass}})
		want("asked for RIAC", pending(riac), map[int64][]int64{first.ID: {riac}})
		if _, err := approve(t, db, first.ID, riac, 1); err != nil {
			t.Fatal(err)
		}
		want("approved by RIAC, for RIAC", pending(riac), map[int64][]int64{})
		want("approved by RIAC, for CASS", pending(cass), map[int64][]int64{first.ID: {cass}})
		ps, err := PendingFor(ctx, db, []int64{cass})
		if err != nil || len(ps) != 1 || len(ps[0].Approvals) != 1 || ps[0].Approvals[0].AccountID != 1 {
			t.Errorf("the approvals given: %+v %v", ps, err)
		}
		if _, err := approve(t, db, first.ID, cass, 2); err != nil {
			t.Fatal(err)
		}
		want("public", pending(riac, cass), map[int64][]int64{})

		second := readyVideo(t, db, item, Ready)
		want("a replacement", pending(riac, cass), map[int64][]int64{second.ID: {riac, cass}})
		if _, err := approve(t, db, second.ID, cass, 2); err != nil {
			t.Fatal(err)
		}
		want("a replacement approved by CASS", pending(riac, cass), map[int64][]int64{second.ID: {riac}})
		third := readyVideo(t, db, item, Ready)
		want("a replacement replaced", pending(riac, cass), map[int64][]int64{third.ID: {riac, cass}})
		if _, err := approve(t, db, third.ID, riac, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := approve(t, db, third.ID, cass, 2); err != nil {
			t.Fatal(err)
		}
		want("the third public", pending(riac, cass), map[int64][]int64{})
		err = db.Transact(ctx, func(tx *store.Tx) error {
			_, err := Withdraw(ctx, tx, item, Actor{Name: "Организатор"}, "")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		want("withdrawn", pending(riac, cass), map[int64][]int64{third.ID: {riac, cass}})

		// An item that no longer takes a video has none to approve.
		if _, err := db.Exec(ctx, `UPDATE speeches SET kind = 'report', delivery = 'in_person' WHERE id = ?`, item); err != nil {
			t.Fatal(err)
		}
		want("an item given in person", pending(riac, cass), map[int64][]int64{})
		want("asked for no host", pending(), map[int64][]int64{})
	})
}
