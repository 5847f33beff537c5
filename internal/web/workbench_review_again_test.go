package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// TestChangedTranslationBackToReview approves a contribution's Chinese
// translation by both hosts, then has its translator change a segment in
// the workbench: the language goes back to review (not merely to awaiting
// the hosts), the hosts' approvals lapse and cannot be given again until
// it is reviewed, and the reviewer is told by mail. An XLIFF upload that
// changes a segment of the language approved again does the same, and so
// does taking a conflicting file's text in the workbench.
func TestChangedTranslationBackToReview(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		own, _ := permissionTargets(t, o)
		contrib := mustInt(t, own["contribution"])
		tr := addTranslation(t, o, "workbench-essay.md", "contribution", contrib, "zh")
		translator := o.account("tr@again.example", "Ли Мин", "ru", false, "cass:translator")
		reviewer := o.account("rev@again.example", "Рецензент", "ru", false, "cass:reviewer")
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return works.InsertStaff(ctx, tx, contrib, []works.Staff{{Lang: "zh", AccountID: translator.ID, Role: works.RoleTranslator},
				{Lang: "zh", AccountID: reviewer.ID, Role: works.RoleReviewer}})
		}); err != nil {
			t.Fatal(err)
		}
		// Every segment reviewed, the language approved by every host.
		approveAll := func() {
			t.Helper()
			if _, err := db.Exec(ctx, `UPDATE translation_segments SET state = 'reviewed', target = source WHERE translation_id = ?`, tr.ID); err != nil {
				t.Fatal(err)
			}
			fp, err := translate.Fingerprint(ctx, db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			var coll int64
			if err := db.QueryRow(ctx, `SELECT collection_id FROM contributions WHERE id = ?`, contrib).Scan(&coll); err != nil {
				t.Fatal(err)
			}
			hosts, err := works.Hosts(ctx, db, coll)
			if err != nil || len(hosts) == 0 {
				t.Fatalf("hosts %v: %v", hosts, err)
			}
			for _, q := range []string{`DELETE FROM contribution_approvals WHERE contribution_id = ?`, `DELETE FROM contribution_languages WHERE contribution_id = ? AND lang = 'zh'`} {
				if _, err := db.Exec(ctx, q, contrib); err != nil {
					t.Fatal(err)
				}
			}
			now := time.Now().UTC()
			if _, err := db.Exec(ctx, `INSERT INTO contribution_languages (contribution_id, lang, state, updated_at) VALUES (?, 'zh', 'approved', ?)`, contrib, now); err != nil {
				t.Fatal(err)
			}
			for _, h := range hosts {
				if _, err := db.Exec(ctx, `INSERT INTO contribution_approvals (contribution_id, lang, partner_id, account_id, account_name, fingerprint, snapshot, approved_at) VALUES (?, 'zh', ?, 1, 'host', ?, '{}', ?)`,
					contrib, h, fp, now); err != nil {
					t.Fatal(err)
				}
			}
		}
		state := func() string {
			t.Helper()
			var st string
			if err := db.QueryRow(ctx, `SELECT state FROM contribution_languages WHERE contribution_id = ? AND lang = 'zh'`, contrib).Scan(&st); err != nil {
				t.Fatal(err)
			}
			return st
		}
		told := func() int {
			t.Helper()
			n := 0
			for _, m := range mailTo(queuedMail(t, db), "rev@again.example") {
				if strings.Contains(m.Subject, "Изменено после рецензии") {
					n++
				}
			}
			return n
		}

		approveAll()
		b := o.browser()
		b.signIn("tr@again.example")
		seg := segmentsBySource(t, db, tr.ID)[essaySigned]
		var a segmentAnswer
		if r := b.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签订。")}, &a); r.StatusCode != http.StatusOK {
			t.Fatalf("save: %d %s", r.StatusCode, a.Error)
		}
		if st := state(); st != "in_review" {
			t.Errorf("language after a segment changed: %s; want in_review", st)
		}
		if standing, err := works.Standing(ctx, db, contrib, "zh"); err != nil || standing {
			t.Errorf("the hosts' approvals still stand (%v)", err)
		}
		if n := told(); n != 1 {
			t.Errorf("%d mails to the reviewer; want 1", n)
		}
		c, err := works.GetContribution(ctx, db, contrib)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := works.Approve(ctx, tx, c, "zh", 1, "x", nil, works.Actor{Name: "host"})
			return err
		}); err == nil || !strings.Contains(err.Error(), "works.approval.state") {
			t.Error("the hosts may approve a language back in review")
		}
		// A second change while it is in review tells nobody again.
		if r := b.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": a.Segment.Version, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签署。")}, &a); r.StatusCode != http.StatusOK {
			t.Fatalf("save again: %d %s", r.StatusCode, a.Error)
		}
		if st, n := state(), told(); st != "in_review" || n != 1 {
			t.Errorf("after a second change: %s, %d mails; want in_review, 1", st, n)
		}

		// An XLIFF upload that changes a segment of the approved language.
		approveAll()
		x, _, _ := downloadXLIFF(t, b, tr, "2.1")
		translateIn(t, x, essayBasis, "它确定了两国关系的基础。", interchange.Translated)
		resp, body := b.multipartPost(exchangePath(tr, "/xliff"), nil, map[string][2]string{"file": {"essay.xlf", xliffBytes(t, x)}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
		}
		if st, n := state(), told(); st != "in_review" || n != 2 {
			t.Errorf("after the upload: %s, %d mails; want in_review, 2", st, n)
		}

		// A file's text that conflicted, taken in the workbench once the
		// language is approved again.
		x, _, _ = downloadXLIFF(t, b, tr, "2.1")
		seg = segmentsBySource(t, db, tr.ID)[essaySigned]
		if r := b.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns("条约在莫斯科签署。")}, &a); r.StatusCode != http.StatusOK {
			t.Fatalf("save before the conflicting upload: %d %s", r.StatusCode, a.Error)
		}
		translateIn(t, x, essaySigned, "条约于2001年签署。", interchange.Translated)
		if resp, body := b.multipartPost(exchangePath(tr, "/xliff"), nil, map[string][2]string{"file": {"essay.xlf", xliffBytes(t, x)}}); resp.StatusCode != http.StatusOK || !strings.Contains(body, "conflict") {
			t.Fatalf("conflicting upload: %d", resp.StatusCode)
		}
		approveAll()
		seg = segmentsBySource(t, db, tr.ID)[essaySigned]
		if resp, _ := b.do("POST", segPath(tr, seg)+"/offer", map[string][]string{"version": {itoa(int64(seg.Version))}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("take the file's text: %d", resp.StatusCode)
		}
		if s := segmentsBySource(t, db, tr.ID)[essaySigned]; s.Target.Plain() != "条约于2001年签署。" {
			t.Fatalf("the file's text was not taken: %q", s.Target.Plain())
		}
		if st, n := state(), told(); st != "in_review" || n != 3 {
			t.Errorf("after the file's text was taken: %s, %d mails; want in_review, 3", st, n)
		}
	})
}
