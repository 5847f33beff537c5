package subtitle_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// A host's to-do list of subtitles holds each track whose version now is
// not public and not approved by that host: an approval takes it off
// that host's list only, every host's approval off all, and a new
// version puts it back on every list while the approved one stays public.
func TestPendingFor(t *testing.T) {
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
		put := func(l string, lines ...string) string {
			t.Helper()
			tr := &subtitle.Track{SpeechID: id, Lang: l, Provenance: subtitle.Human}
			for i, line := range lines {
				tr.Cues = append(tr.Cues, subtitle.Cue{Start: int64(i) * 2000, End: int64(i)*2000 + 1500, Lines: []string{line}})
			}
			if err := subtitle.Put(ctx, db, tr); err != nil {
				t.Fatal(err)
			}
			return tr.Hash()
		}
		approve := func(l string, partner, account int64, hash string) {
			t.Helper()
			err := db.Transact(ctx, func(tx *store.Tx) error {
				_, err := subtitle.Approve(ctx, tx, id, l, partner, hash, subtitle.Approver{AccountID: account, Name: "Person"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// pending says, by language, which hosts each track awaits.
		pending := func(partners ...int64) map[string][]int64 {
			t.Helper()
			ps, err := subtitle.PendingFor(ctx, db, partners, "zh", "ru", "en")
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][]int64{}
			for _, p := range ps {
				if p.SpeechID != id || p.ForumID == 0 || p.SpeechTitle.IsZero() || len(p.Tracks) == 0 {
					t.Errorf("speech %d: forum %d, title %v, %d tracks", p.SpeechID, p.ForumID, p.SpeechTitle, len(p.Tracks))
				}
				for _, pt := range p.Tracks {
					out[pt.Track.Lang] = pt.Awaiting
				}
			}
			return out
		}
		want := func(when string, got, want map[string][]int64) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: awaiting %v, want %v", when, got, want)
			}
		}
		want("no subtitles", pending(first, second.ID), map[string][]int64{})
		ru := put("ru", "Дорогие друзья,", "коллеги!")
		en := put("en", "Dear friends,", "colleagues!")
		want("two new tracks", pending(first, second.ID), map[string][]int64{"ru": {first, second.ID}, "en": {first, second.ID}})
		want("asked for the second host", pending(second.ID), map[string][]int64{"ru": {second.ID}, "en": {second.ID}})

		approve("ru", first, 1, ru)
		want("ru approved by the first host, for it", pending(first), map[string][]int64{"en": {first}})
		want("ru approved by the first host, for the second", pending(second.ID), map[string][]int64{"ru": {second.ID}, "en": {second.ID}})
		ps, err := subtitle.PendingFor(ctx, db, []int64{second.ID})
		if err != nil || len(ps) != 1 || !reflect.DeepEqual(ps[0].Hosts, []int64{second.ID}) || ps[0].Tracks[0].Track.Lang != "en" || ps[0].Tracks[1].Track.Lang != "ru" ||
			len(ps[0].Tracks[1].Approvals) != 1 || ps[0].Tracks[1].Approvals[0].AccountID != 1 {
			t.Errorf("the tracks by language, ru with the first host's approval: %+v %v", ps, err)
		}
		approve("ru", second.ID, 2, ru)
		approve("en", first, 1, en)
		approve("en", second.ID, 2, en)
		want("all public", pending(first, second.ID), map[string][]int64{})

		// A new version awaits every host again, though an approval of
		// the version before is on record.
		put("ru", "Дорогие друзья!", "Коллеги!")
		want("ru changed", pending(first, second.ID), map[string][]int64{"ru": {first, second.ID}})
		want("asked for no host", pending(), map[string][]int64{})
	})
}
