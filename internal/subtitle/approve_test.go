package subtitle_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// A new track is public only once each host approved that version, by a
// different person each; a replacement (an upload, or the workbench's
// translation written over it) leaves the approved version public until
// the hosts approve the new one; an approval of a version that is no
// longer the track's is refused.
func TestApproveTrack(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := addSpeech(t, db)
		var first int64
		if err := db.QueryRow(ctx, `SELECT partner_id FROM forum_hosts`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		text := lang.New("zh", map[string]string{"zh": "中国社会科学院"})
		second := &forum.Partner{Slug: "cass", Name: text, ShortName: text, Country: "CN"}
		if err := forum.AddPartner(ctx, db, second); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO forum_hosts (forum_id, partner_id, position) SELECT forum_id, ?, 1 FROM speeches WHERE id = ?`, second.ID, id); err != nil {
			t.Fatal(err)
		}
		put := func(provenance subtitle.Provenance, lines ...string) *subtitle.Track {
			t.Helper()
			tr := &subtitle.Track{SpeechID: id, Lang: "en", Provenance: provenance, SourceLang: "ru"}
			for i, l := range lines {
				tr.Cues = append(tr.Cues, subtitle.Cue{Start: int64(i) * 2000, End: int64(i)*2000 + 1500, Lines: []string{l}})
			}
			if err := subtitle.Put(ctx, db, tr); err != nil {
				t.Fatal(err)
			}
			got, err := subtitle.Get(ctx, db, id, "en")
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		approve := func(partner, account int64, hash string) (bool, error) {
			var done bool
			err := db.Transact(ctx, func(tx *store.Tx) error {
				var err error
				done, err = subtitle.Approve(ctx, tx, id, "en", partner, hash, subtitle.Approver{AccountID: account, Name: "Person"})
				return err
			})
			return done, err
		}
		publicLines := func() []string {
			t.Helper()
			tr, err := subtitle.GetPublic(ctx, db, id, "en")
			if errors.Is(err, subtitle.ErrNotFound) {
				return nil
			}
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range tr.Cues {
				out = append(out, c.Lines...)
			}
			return out
		}

		v1 := put(subtitle.Human, "Dear friends,", "colleagues!")
		if got := publicLines(); got != nil {
			t.Fatalf("a track nobody approved is public: %q", got)
		}
		if ts, _ := subtitle.ListPublic(ctx, db, id); len(ts) != 0 {
			t.Errorf("ListPublic lists an unapproved track")
		}
		if done, err := approve(first, 1, v1.Hash()); err != nil || done {
			t.Fatalf("first host: %v %v", done, err)
		}
		var refusal *subtitle.Refusal
		if _, err := approve(second.ID, 1, v1.Hash()); !errors.As(err, &refusal) || refusal.Key != "subtitles.approve.four_eyes" {
			t.Errorf("one person for both hosts: %v, want subtitles.approve.four_eyes", err)
		}
		if got := publicLines(); got != nil {
			t.Errorf("a track one host of two approved is public: %q", got)
		}
		if done, err := approve(second.ID, 2, v1.Hash()); err != nil || !done {
			t.Fatalf("second host: %v %v", done, err)
		}
		if got := publicLines(); !reflect.DeepEqual(got, []string{"Dear friends,", "colleagues!"}) {
			t.Fatalf("after both hosts approved the public sees %q", got)
		}

		// The workbench writes its translation over the track: the
		// approved version stays public, the new one awaits both hosts,
		// and an approval of the old version no longer counts.
		v2 := put(subtitle.Machine, "Dear friends and", "colleagues!")
		if v2.Approved() || v2.Public() == nil || v2.Public().Provenance != subtitle.Human {
			t.Errorf("replaced track: approved %v, public %+v; want the human version public and this one awaiting", v2.Approved(), v2.Public())
		}
		if got := publicLines(); !reflect.DeepEqual(got, []string{"Dear friends,", "colleagues!"}) {
			t.Errorf("after the replacement the public sees %q, want the approved version", got)
		}
		if _, err := approve(first, 1, v1.Hash()); !errors.As(err, &refusal) || refusal.Key != "subtitles.approve.changed" {
			t.Errorf("approving the replaced version: %v, want subtitles.approve.changed", err)
		}
		if done, err := approve(first, 1, v2.Hash()); err != nil || done {
			t.Errorf("first host approves the new version: %v %v", done, err)
		}
		if got := publicLines(); !reflect.DeepEqual(got, []string{"Dear friends,", "colleagues!"}) {
			t.Errorf("after one approval of the new version the public sees %q", got)
		}
		if done, err := approve(second.ID, 2, v2.Hash()); err != nil || !done {
			t.Fatalf("second host approves the new version: %v %v", done, err)
		}
		if got := publicLines(); !reflect.DeepEqual(got, []string{"Dear friends and", "colleagues!"}) {
			t.Errorf("after both approved the new version the public sees %q", got)
		}
		if tr, _ := subtitle.GetPublic(ctx, db, id, "en"); tr.Provenance != subtitle.Machine {
			t.Errorf("the public version's provenance is %q, want machine", tr.Provenance)
		}
		// Deleting the track removes it from the public too.
		if err := subtitle.Delete(ctx, db, id, "en"); err != nil {
			t.Fatal(err)
		}
		if got := publicLines(); got != nil {
			t.Errorf("a deleted track is public: %q", got)
		}
	})
}
