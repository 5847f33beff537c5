package works_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// TestApprovalByEveryHost: the original is approved only when both hosts
// approved the same text; a correction re-opens it (the approvals no
// longer count, the snapshot shows what changed), and a translation's new
// fingerprint re-opens that language alone.
func TestApprovalByEveryHost(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m, c := manuscripts(t, db, works.Accepted)
		if _, err := upload(t, m, c, "ms-v1.docx"); err != nil {
			t.Fatal(err)
		}
		ed := works.Actor{AccountID: 2, Name: "Редактор"}
		for _, name := range []string{"submit", "final"} {
			mv, _ := works.MoveNamed(name)
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Advance(ctx, tx, c, mv, "", syncer{m}, ed) }); err != nil {
				t.Fatal(err)
			}
		}
		hosts, err := works.Hosts(ctx, db, c.CollectionID)
		if err != nil || len(hosts) != 2 {
			t.Fatalf("hosts %v, %v", hosts, err)
		}
		current := func() (string, []byte) {
			rev, err := m.Revs.Latest(ctx, c.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			fp, snap, err := works.Fingerprint(rev.Number, rev.Doc)
			if err != nil {
				t.Fatal(err)
			}
			return fp, snap
		}
		approve := func(l string, partner int64, fp string, snap []byte) (bool, error) {
			var done bool
			err := db.Transact(ctx, func(tx *store.Tx) error {
				c, err := works.GetContribution(ctx, tx, c.ID)
				if err != nil {
					return err
				}
				done, err = works.Approve(ctx, tx, c, l, partner, fp, snap, works.Actor{AccountID: partner, Name: "Организатор"})
				return err
			})
			return done, err
		}
		langState := func(l string) works.LangState {
			got, err := works.GetContribution(ctx, db, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			st, _ := got.LangState(l)
			return st
		}
		fp, snap := current()
		if _, err := approve("ru", 999999, fp, snap); !errors.Is(err, errkind.Forbidden) {
			t.Fatalf("approval by a partner that is no host: %v", err)
		}
		var se *works.StateError
		if _, err := approve("zh", hosts[0], "zh-fp", []byte(`{}`)); !errors.As(err, &se) || se.Key != "works.approval.state" {
			t.Fatalf("approval of a language in translation: %v", err)
		}
		if done, err := approve("ru", hosts[0], fp, snap); err != nil || done {
			t.Fatalf("first host: done %v, %v", done, err)
		}
		if st := langState("ru"); st != works.Reviewed {
			t.Fatalf("after one host: %s", st)
		}
		// Four eyes between the hosts: whoever approved for the first host
		// (an admin standing in for it, say) does not approve the same
		// text for the second.
		err = db.Transact(ctx, func(tx *store.Tx) error {
			c, err := works.GetContribution(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			_, err = works.Approve(ctx, tx, c, "ru", hosts[1], fp, snap, works.Actor{AccountID: hosts[0], Name: "Организатор"})
			return err
		})
		if !errors.As(err, &se) || se.Key != "works.approval.four_eyes" {
			t.Fatalf("one person approving for both hosts: %v", err)
		}
		if done, err := approve("ru", hosts[1], fp, snap); err != nil || !done {
			t.Fatalf("second host: done %v, %v", done, err)
		}
		if st := langState("ru"); st != works.Approved {
			t.Fatalf("after both hosts: %s", st)
		}
		if _, err := approve("ru", hosts[1], fp, snap); !errors.As(err, &se) || se.Key != "works.approval.state" {
			t.Fatalf("approving an approved language again: %v", err)
		}

		// An editor corrects the approved text: re-opened.
		got, _ := works.GetContribution(ctx, db, c.ID)
		rev, _ := m.Revs.Latest(ctx, c.DocumentID)
		if _, err := m.Correct(ctx, got, rev.Doc.Blocks[2].ID, rev.Number, "Статья 9 говорит о государственной границе.", "точнее", ed); err != nil {
			t.Fatal(err)
		}
		if st := langState("ru"); st != works.Reviewed {
			t.Fatalf("after a correction: %s; want reviewed", st)
		}
		as, err := works.Approvals(ctx, db, c.ID, "ru")
		if err != nil || len(as) != 2 {
			t.Fatalf("approvals %+v, %v", as, err)
		}
		fp2, snap2 := current()
		for _, a := range as {
			if a.ReopenedAt.IsZero() || a.Counts(fp) || a.Counts(fp2) {
				t.Errorf("approval by %d still counts after the change", a.PartnerID)
			}
		}
		var approved doc.Document
		if err := json.Unmarshal(as[0].Snapshot, &approved); err != nil {
			t.Fatal(err)
		}
		rev, _ = m.Revs.Latest(ctx, c.DocumentID)
		var changed []string
		for _, ch := range doc.Diff(&approved, rev.Doc).Blocks {
			if ch.Op == doc.Changed {
				changed = append(changed, doc.PlainText(ch.New.Inlines))
			}
		}
		if len(changed) != 1 || changed[0] != "Статья 9 говорит о государственной границе." {
			t.Errorf("what changed since the approval: %q", changed)
		}
		if done, err := approve("ru", hosts[0], fp2, snap2); err != nil || done {
			t.Fatalf("first host again: %v %v", done, err)
		}
		if done, err := approve("ru", hosts[1], fp2, snap2); err != nil || !done {
			t.Fatalf("second host again: %v %v", done, err)
		}

		// A translation reviewed and approved, then changed: only that
		// language re-opens.
		got, _ = works.GetContribution(ctx, db, c.ID)
		setSegments(t, db, got, "zh", translate.Approved, -1)
		for _, name := range []string{"translated", "review", "reviewed"} {
			mv, _ := works.LangMoveNamed(name)
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.AdvanceLang(ctx, tx, got, "zh", mv, "", ed) }); err != nil {
				t.Fatal(err)
			}
		}
		for _, h := range hosts {
			if _, err := approve("zh", h, "zh-1", []byte(`{"version":1,"blocks":[]}`)); err != nil {
				t.Fatal(err)
			}
		}
		if st := langState("zh"); st != works.Approved {
			t.Fatalf("zh after both hosts: %s", st)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Reconcile(ctx, tx, c.ID, "zh", "zh-1", ed) }); err != nil {
			t.Fatal(err)
		}
		if st := langState("zh"); st != works.Approved {
			t.Fatalf("zh after reconciling the same text: %s", st)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Reconcile(ctx, tx, c.ID, "zh", "zh-2", ed) }); err != nil {
			t.Fatal(err)
		}
		if st, ru := langState("zh"), langState("ru"); st != works.Reviewed || ru != works.Approved {
			t.Fatalf("after the translation changed: zh %s, ru %s; want reviewed, approved", st, ru)
		}
	})
}
