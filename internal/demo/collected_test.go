package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	texts "github.com/tandemforum/tandem/internal/demo/works"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// The demo's Collected Works show each contribution at its stage, as the
// office shows it: A approved by both hosts in Chinese and Russian, B a
// third translated into Chinese with memory suggestions and terms for the
// rest, C in editing with an editor's comment, D returned to its author
// with revision 1 and its Word comment, E awaiting its author; the authors
// of A to D sign in, and the event log holds the steps.
func TestWorks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.Load(ctx, db, blobs); err != nil {
			t.Fatal(err)
		}
		const password = "demo-password-2021"
		if _, err := demo.Team(ctx, db, password); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		got, err := demo.Works(ctx, db, blobs, password)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Works took %v", time.Since(start))
		m, err := texts.Load()
		if err != nil {
			t.Fatal(err)
		}
		accts := &account.Store{DB: db}
		site := &forum.Store{DB: db}
		f, err := site.ForumBySlug(ctx, demo.ForumSlug)
		if err != nil {
			t.Fatal(err)
		}
		cass, riac := f.Hosts[0].ID, f.Hosts[1].ID

		cs, err := site.Collections(ctx, f.ID)
		if err != nil || len(cs) != 2 || cs[1].Slug != demo.CollectionSlug {
			t.Fatalf("collections %v, %v; want volumes 1 and 2", cs, err)
		}
		coll, err := works.GetCollection(ctx, db, cs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("collection", func(t *testing.T) {
			editors := map[int64]string{}
			for _, e := range coll.Editors {
				editors[e.PartnerID] = e.AccountName
			}
			if editors[cass] != "刘洋" || editors[riac] != "Дмитрий Козлов" || len(editors) != 2 {
				t.Errorf("volume editors %v, want CASS's and RIAC's editors", coll.Editors)
			}
			if ahead := time.Until(coll.Deadline); ahead < 26*24*time.Hour || ahead > 30*24*time.Hour {
				t.Errorf("deadline %v is %v ahead, want about four weeks", coll.Deadline, ahead)
			}
			if strings.Join(coll.Languages, " ") != "zh ru" {
				t.Errorf("languages %v", coll.Languages)
			}
			// The compilation is re-enacted now: the editions are
			// released after the manuscripts are due, not before.
			if !coll.ReleasedAt.After(coll.Deadline) {
				t.Errorf("released %v, before the deadline %v", coll.ReleasedAt, coll.Deadline)
			}
			for _, l := range []string{"zh", "ru", "en"} {
				if coll.Description.Values[l] == "" {
					t.Errorf("the description has no %s", l)
				}
			}
		})

		contribs, err := works.Contributions(ctx, db, coll.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(contribs) != len(m.Essays) {
			t.Fatalf("%d contributions, want %d", len(contribs), len(m.Essays))
		}
		byStage := map[string]*works.Contribution{}
		t.Run("contributions", func(t *testing.T) {
			for i, e := range m.Essays {
				c := contribs[i]
				byStage[e.Stage] = c
				if c.Position != i+1 || c.Lang != e.Lang {
					t.Errorf("contribution %d: position %d, language %s; want %d, %s", i+1, c.Position, c.Lang, i+1, e.Lang)
				}
				for _, l := range []string{"zh", "ru", "en"} {
					if v := c.Title.Values[l]; v != e.Title[l] {
						t.Errorf("%s: title in %s %q, want %q", e.Slug, l, v, e.Title[l])
					}
				}
				if !strings.Contains(c.Abstract.Values[e.Lang], "tandem") || len(c.Keywords[e.Lang]) < 3 {
					t.Errorf("%s: abstract %q and keywords %q in %s", e.Slug, c.Abstract.Values[e.Lang], c.Keywords[e.Lang], e.Lang)
				}
				if len(c.Authors) != 1 {
					t.Fatalf("%s: authors %v", e.Slug, c.Authors)
				}
				want := m.Author(e.Authors[0])
				if n, _ := c.Authors[0].Names.In(e.Lang); n.Full(e.Lang) != want.Names.Values[e.Lang].Full(e.Lang) {
					t.Errorf("%s: author %q", e.Slug, n.Full(e.Lang))
				}
				p, err := site.WithDrafts().PersonBySlug(ctx, want.Slug)
				if err != nil {
					t.Fatal(err)
				}
				for l, mark := range map[string]string{"zh": "（演示）", "ru": "(демо)", "en": "(demo)"} {
					if !strings.Contains(p.Affiliation.Values[l], mark) {
						t.Errorf("%s: affiliation in %s %q is not marked as a demo", want.Slug, l, p.Affiliation.Values[l])
					}
				}
				if p.Published {
					t.Errorf("%s: a fictional author's page is public", want.Slug)
				}
				// Each target language has the translator and reviewer of
				// the host that works in it.
				for _, s := range c.Staff {
					team := map[string]string{"zh": "cass", "ru": "riac"}[s.Lang]
					a, err := accts.ByID(ctx, s.AccountID)
					if err != nil {
						t.Fatal(err)
					}
					if s.Lang == c.Lang || !strings.HasPrefix(a.Email, string(s.Role)+"@"+team) {
						t.Errorf("%s: %s into %s is %s", e.Slug, s.Role, s.Lang, a.Email)
					}
				}
				targets := 0
				for _, l := range coll.Languages {
					if l != c.Lang {
						targets++
					}
				}
				if n := len(c.Staff); n != 2*targets {
					t.Errorf("%s: %d translators and reviewers for %d target languages", e.Slug, n, targets)
				}
			}
		})
		revs := revision.NewStore(db, blobs)
		mem := translate.NewMemory(db)

		t.Run("A approved", func(t *testing.T) {
			c := byStage["approved"]
			if c.State != works.TextFinal {
				t.Errorf("state %s", c.State)
			}
			tr, err := translate.ByDocument(ctx, db, c.DocumentID, "ru")
			if err != nil {
				t.Fatal(err)
			}
			segs, err := translate.Segments(ctx, db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range segs {
				if s.State != translate.Reviewed || s.Target.Plain() == "" {
					t.Errorf("segment %s: %s %q", s.Key, s.State, s.Target.Plain())
				}
			}
			trFP, err := translate.Fingerprint(ctx, db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			rev, err := revs.Latest(ctx, c.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			origFP, _, err := works.Fingerprint(rev.Number, rev.Doc)
			if err != nil {
				t.Fatal(err)
			}
			for l, fp := range map[string]string{"zh": origFP, "ru": trFP} {
				if st, _ := c.LangState(l); st != works.Approved {
					t.Errorf("%s: %s, want approved", l, st)
				}
				as, err := works.Approvals(ctx, db, c.ID, l)
				if err != nil {
					t.Fatal(err)
				}
				hosts := map[int64]bool{}
				for _, a := range as {
					hosts[a.PartnerID] = a.Counts(fp)
				}
				if !hosts[cass] || !hosts[riac] || len(hosts) != 2 {
					t.Errorf("%s: approvals %v, want CASS's and RIAC's for the current text", l, hosts)
				}
			}
			// The Russian sentence quoting the Chinese title keeps the
			// source's language span on the Russian words.
			for _, s := range segs {
				if len(s.Source.Codes()) != len(s.Target.Codes()) {
					t.Errorf("segment %s: %d codes in the source, %d in the translation", s.Key, len(s.Source.Codes()), len(s.Target.Codes()))
				}
			}
		})

		t.Run("B in translation", func(t *testing.T) {
			c := byStage["in-translation"]
			if st, _ := c.LangState("zh"); c.State != works.TextFinal || st != works.InTranslation {
				t.Errorf("state %s, Chinese %s", c.State, st)
			}
			tr, err := translate.ByDocument(ctx, db, c.DocumentID, "zh")
			if err != nil {
				t.Fatal(err)
			}
			counts, err := translate.Progress(ctx, db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			done, total := counts.Confirmed().Segments, counts.Total.Segments
			if third := (total + 2) / 3; done != third || counts.ByState[translate.New].Segments != total-done {
				t.Errorf("%d of %d segments translated, %d new; want the first third, %d, and the rest new", done, total, counts.ByState[translate.New].Segments, third)
			}
			segs, err := translate.Segments(ctx, db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			tb, err := translate.Terms(ctx, db, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			suggested, termed := 0, 0
			for _, s := range segs {
				if s.State != translate.New {
					continue
				}
				ms, err := mem.Lookup(ctx, "ru", "zh", s.Source, "")
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) > 0 && ms[0].Score >= 75 && !ms[0].Exact {
					suggested++
				}
				for _, h := range translate.Hits(tb, "ru", "zh", s.Source.Plain()) {
					if len(h.Targets) > 0 {
						termed++
						break
					}
				}
			}
			t.Logf("untranslated: %d with suggestions, %d with terms; %d of %d done", suggested, termed, done, total)
			if suggested < 6 || termed == 0 {
				t.Errorf("of the untranslated segments %d have a fuzzy suggestion of 75%% or more and %d a term; want 6 or more and some", suggested, termed)
			}
			// A's confirmed sentences are in the memory too.
			if n, err := mem.Units(ctx, "zh", "ru"); err != nil || n < 50 {
				t.Errorf("%d units zh→ru (%v), want A's sentences", n, err)
			}
		})

		t.Run("C in editing", func(t *testing.T) {
			c := byStage["in-editing"]
			if c.State != works.InEditing {
				t.Errorf("state %s", c.State)
			}
			comments, err := works.Comments(ctx, db, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(comments) != 1 || comments[0].AccountName != "刘洋" || !strings.Contains(comments[0].Body, "45") {
				t.Fatalf("comments %+v, want the CASS editor's on the interval", comments)
			}
			rev, err := revs.Latest(ctx, c.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			on := false
			for _, b := range rev.Doc.Blocks {
				on = on || b.ID == comments[0].BlockID
			}
			if !on || comments[0].Revision != rev.Number {
				t.Errorf("the comment is on block %s of revision %d, not on a block of the current text", comments[0].BlockID, comments[0].Revision)
			}
		})

		t.Run("D returned", func(t *testing.T) {
			c := byStage["returned-to-author"]
			if c.State != works.Accepted {
				t.Errorf("state %s, want accepted (returned)", c.State)
			}
			list, err := revs.List(ctx, c.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].SourceType != works.TypeDOCX {
				t.Fatalf("revisions %+v, want revision 1, a DOCX", list)
			}
			rev, err := revs.Latest(ctx, c.DocumentID)
			if err != nil {
				t.Fatal(err)
			}
			if len(rev.Doc.Comments) != 1 || !strings.Contains(rev.Doc.Comments[0].Text, "Редакции") {
				t.Errorf("Word comments %+v, want the author's question to the editors", rev.Doc.Comments)
			}
			events, err := eventlog.List(ctx, db, eventlog.Filter{Subject: works.ContributionSubject(c.ID)})
			if err != nil {
				t.Fatal(err)
			}
			returned := false
			for _, e := range events {
				returned = returned || e.Action == "contribution.state" && strings.Contains(string(e.After), `"accepted"`) &&
					strings.Contains(e.Note, "Экономика") && e.ActorName == "Дмитрий Козлов"
			}
			if !returned {
				t.Error("no return to the author with RIAC's editor's message in the event log")
			}
		})

		t.Run("E awaits its author", func(t *testing.T) {
			c := byStage["invited"]
			if c.State != works.Invited || c.DocumentID != 0 {
				t.Errorf("state %s, manuscript %d", c.State, c.DocumentID)
			}
			invs, err := works.Invitations(ctx, db, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(invs) != 1 || invs[0].State != works.Pending || invs[0].Email != got.Invited || invs[0].Lang != "en" {
				t.Fatalf("invitations %+v, want one pending to %s in English", invs, got.Invited)
			}
			token := strings.TrimPrefix(strings.Split(got.InvitationPath, "?")[0], "/office/contribute/")
			inv, err := works.InvitationByToken(ctx, db, token)
			if err != nil || inv.ID != invs[0].ID || inv.Open() != nil {
				t.Errorf("the printed link %s does not open the invitation: %v", got.InvitationPath, err)
			}
		})

		t.Run("authors sign in", func(t *testing.T) {
			if len(got.Authors) != 6 {
				t.Fatalf("author logins %+v, want volume 1's two and A's to D's", got.Authors)
			}
			for _, l := range got.Authors {
				a, err := accts.Authenticate(ctx, l.Email, password, "")
				if err != nil {
					t.Fatalf("%s signs in: %v", l.Email, err)
				}
				mine, err := works.Authored(ctx, db, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(mine) != 1 {
					t.Errorf("%s authors %d contributions, want 1", l.Email, len(mine))
				}
			}
		})

		t.Run("event log", func(t *testing.T) {
			events, err := eventlog.List(ctx, db, eventlog.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			n := map[string]int{}
			for _, e := range events {
				n[e.Action]++
			}
			// Volume 2's five contributions and volume 1's two, each
			// approved in zh, ru and en by both hosts; volume 1 edited once
			// (its editors), volume 2 twice (then its release). People:
			// the seven authors and the eight staff members the office's
			// accounts act for.
			want := map[string]int{"collection.edit": 1 + 2, "termbase.import": 1, "memory.import": 1, "contribution.create": 5 + 2,
				"contribution.invite": 5 + 2, "contribution.invite_accept": 4 + 2, "manuscript.upload": 4 + 2, "manuscript.comment": 1,
				"contribution.approve": 4 + 2*3*2, "person.create": 5 + 2 + 8}
			for action, count := range want {
				if n[action] != count {
					t.Errorf("%d events %s, want %d", n[action], action, count)
				}
			}
		})
	})
}
