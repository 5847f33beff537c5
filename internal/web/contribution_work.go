package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// A contribution's work: its manuscript (revisions, the text as tandem
// read it with the comments beside its blocks, the diff between any two),
// the moves of its workflow and the hosts' approval of each language. The
// contribution's page shows it in the "contribution_work" template
// (templates/office/_contribution_work.html) from the data workData
// builds; /office/contributions/{id}/manuscript shows it on its own.

// translationStarter creates (or brings up to date) a contribution's
// translation into one language when its text becomes final; the program
// wires translate.Sync in. Nil leaves the translations to be made later.
type translationStarter interface {
	Start(ctx context.Context, tx *store.Tx, c *works.Contribution, lang string) error
}

// translatedText gives the current text of a contribution's translation
// into lang and its fingerprint ("this exact version"), for the hosts'
// approval; the program wires translate.Fingerprint and translate.Document
// in. Nil means translations cannot be approved yet.
type translatedText interface {
	Text(ctx context.Context, q store.Querier, c *works.Contribution, lang string) (fingerprint string, d *doc.Document, err error)
}

// manuscriptPath is the office page of a contribution's manuscript and
// workflow.
func manuscriptPath(id int64) string {
	return officePrefix + "/contributions/" + itoa(id) + "/manuscript"
}

// workAccess is what the signed-in account is for one contribution.
type workAccess struct {
	C       *works.Contribution
	Coll    *works.Collection
	Hosts   []int64
	Parties works.Parties
	// ApproveFor are the hosts for which the account approves.
	ApproveFor []int64
	// Corrected is the last revision someone other than the authors made
	// after the authors' own last one (works.EditedSince), 0 when none:
	// the return mail tells the author to continue from it.
	Corrected int
}

// loadWork returns contribution id with what the account is for it; one
// who plays no part in it and may not view the hosts' contributions gets
// not found.
func (s *Server) loadWork(ctx context.Context, q store.Querier, rq *officeRequest, id int64) (*workAccess, error) {
	c, err := works.GetContribution(ctx, q, id)
	if err != nil {
		return nil, err
	}
	coll, err := works.GetCollection(ctx, q, c.CollectionID)
	if err != nil {
		return nil, err
	}
	hosts, err := works.Hosts(ctx, q, c.CollectionID)
	if err != nil {
		return nil, err
	}
	a := &workAccess{C: c, Coll: coll, Hosts: hosts}
	ps := works.Parties{Langs: map[string][]works.Party{}}
	ps.Editor = rq.can(account.SubjectContribution, account.Edit, hosts...)
	for _, e := range coll.Editors {
		if e.AccountID == rq.Account.ID {
			ps.Editor = true
		}
	}
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM person_accounts pa JOIN contribution_authors ca ON ca.person_id = pa.person_id
		WHERE ca.contribution_id = ? AND pa.account_id = ?`, c.ID, rq.Account.ID).Scan(&n); err != nil {
		return nil, err
	}
	ps.Author = n > 0
	for _, st := range c.Staff {
		if st.AccountID == rq.Account.ID {
			p := works.PartyTranslator
			if st.Role == works.RoleReviewer {
				p = works.PartyReviewer
			}
			ps.Langs[st.Lang] = append(ps.Langs[st.Lang], p)
		}
	}
	for _, h := range hosts {
		if approvesContributionsFor(rq, h) {
			a.ApproveFor = append(a.ApproveFor, h)
		}
	}
	ps.Organiser = len(a.ApproveFor) > 0
	a.Parties = ps
	if !ps.Editor && !ps.Author && !ps.Organiser && len(ps.Langs) == 0 && !rq.can(account.SubjectContribution, account.View, hosts...) {
		return nil, fmt.Errorf("contribution %d: %w", id, errkind.NotFound)
	}
	return a, nil
}

// workForm is what a step on the page left to show again: the section
// it was in, its values as typed and why it was refused.
type workForm struct {
	// Section is "upload", "comment", "correct", "move" or "lang-<l>".
	Section string
	Values  map[string]string
	Error   string
	// Reverted are, for an upload held back because it would undo the
	// editors' corrections, those corrections (each revision's changed
	// blocks whose earlier text the file has again), oldest first.
	Reverted []revisionChanges
}

// revisionChanges is what one revision changed of the one before it.
type revisionChanges struct {
	Number  int
	Changes *doc.Changes
}

// workData is what the "contribution_work" template shows.
type workData struct {
	T     *i18n.Printer
	Lang  string
	C     *works.Contribution
	Title string
	Path  string
	// ContributionURL is the contribution's own page (metadata, people,
	// invitations).
	ContributionURL string
	Parties         works.Parties
	// The state in words and the moves the account may make.
	State      string
	Moves      []workMove
	CanUpload  bool
	CanComment bool
	CanCorrect bool
	MaxUpload  string // the largest manuscript, as the reader writes sizes
	Revisions  []revision.Revision
	Current    *revision.Revision
	Blocks     []workBlock
	Notes      template.HTML
	Warnings   []string
	// EditedSince are the revisions the editors made after the authors'
	// last upload, which the author is warned to start from.
	EditedSince []revision.Revision
	// Base is the revision the upload form was loaded with (0 before the
	// first); an upload made from an older one is held back (Stale).
	Base int
	// Stale is set when an upload was held back because revisions were
	// made after the one the author started from: StaleRevisions are
	// those, StaleChanges what they changed.
	Stale          bool
	StaleRevisions []revision.Revision
	StaleChanges   template.HTML
	OtherComments  []works.Comment
	Languages      []workLang
	// Correct is the block whose correction form is open; CorrectLost is
	// set when a refused correction's block is not in the text shown,
	// so the typed text is shown with the reason.
	Correct     string
	CorrectLost bool
	Form        *workForm
}

type workMove struct {
	Name, Label string
	Message     bool
}

type workBlock struct {
	ID          string
	HTML        template.HTML
	Text        string
	Correctable bool
	// Uncorrectable says why the block is not corrected in place, for
	// an editor who may correct; "" when it is correctable.
	Uncorrectable string
	WordComments  []doc.Comment
	Comments      []works.Comment
}

type workLang struct {
	Lang, Name, State string
	Original          bool
	Moves             []workMove
	Hosts             []workHost
	// Fingerprint is the current text's, sent with an approval so that
	// it is for what the approver read; empty when there is no text to
	// approve yet.
	Fingerprint string
	ApproveFor  []workHost
	// WorkbenchURL is the translation's page in the workbench and Progress
	// how far it is, for a target language whose translation has started.
	WorkbenchURL, Progress string
}

type workHost struct {
	PartnerID  int64
	Name       string
	Approval   *works.Approval
	Counts     bool
	ChangesURL string
}

// When writes an instant of the manuscript's work (a revision's, a
// comment's) as the office's history does: date and time in UTC, the zone
// named.
func (d *workData) When(at time.Time) string {
	at = at.UTC()
	return d.T.T("office.team.events.when", d.T.Date(at), d.T.Time(at))
}

func (f *workForm) value(name string) string {
	if f == nil {
		return ""
	}
	return f.Values[name]
}

// workData builds what the page shows of contribution a.C for the account,
// with form (or nil) kept from a refused step.
func (s *Server) workData(ctx context.Context, rq *officeRequest, a *workAccess, form *workForm) (*workData, error) {
	c, t := a.C, rq.T
	title, _ := c.Title.In(rq.Lang)
	d := &workData{T: t, Lang: rq.Lang, C: c, Title: title, Path: manuscriptPath(c.ID), ContributionURL: contributionPath(c.ID), Parties: a.Parties, Form: form,
		State: t.T("works.state." + string(c.ShownState())), MaxUpload: t.Bytes(works.MaxManuscript)}
	d.CanUpload = works.UploadAllowed(c.State) && (a.Parties.Author || a.Parties.Editor)
	d.CanComment = a.Parties.Editor && c.DocumentID != 0
	d.CanCorrect = a.Parties.Editor && works.CorrectAllowed(c.State)
	for _, m := range works.Available(c, a.Parties) {
		d.Moves = append(d.Moves, workMove{Name: m.Name, Label: t.T("works.move." + m.Name), Message: m.Message})
	}
	if form != nil && form.Section == "correct" {
		d.Correct = form.Values["block"]
	} else {
		d.Correct = cmp.Or(rq.URL.Query().Get("correct"), rq.URL.Query().Get("block"))
	}
	revs := s.revisions()
	if c.DocumentID != 0 {
		var err error
		if d.Revisions, err = revs.List(ctx, c.DocumentID); err != nil {
			return nil, err
		}
		if d.Current, err = revs.Latest(ctx, c.DocumentID); err != nil {
			return nil, err
		}
		d.Base = d.Current.Number
		edited, err := works.EditedSince(ctx, s.db, c.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range d.Revisions {
			if slices.Contains(edited, r.Number) {
				d.EditedSince = append(d.EditedSince, r)
			}
		}
		var stale []revisionChanges
		if form != nil && form.Section == "upload" && len(form.Reverted) > 0 {
			stale = form.Reverted
		} else if base, _ := strconv.Atoi(form.value("base")); form != nil && form.Section == "upload" && form.Values["stale"] != "" && base > 0 && base < d.Current.Number {
			// What the others changed since the uploader's copy, not the
			// uploader's own revisions.
			var numbers []int
			for _, r := range d.Revisions {
				if r.Number > base && r.By != rq.Account.Name {
					numbers = append(numbers, r.Number)
				}
			}
			if stale, err = s.revisionsChanges(ctx, c.DocumentID, numbers); err != nil {
				return nil, err
			}
		}
		if len(stale) > 0 {
			d.Stale = true
			var buf bytes.Buffer
			for _, rc := range stale {
				for _, r := range d.Revisions {
					if r.Number == rc.Number {
						d.StaleRevisions = append(d.StaleRevisions, r)
					}
				}
				if err := doc.WriteDiffHTML(&buf, rc.Changes, s.diffOptions(rq)); err != nil {
					return nil, err
				}
			}
			// The writer escapes every text it writes.
			d.StaleChanges = template.HTML(buf.String())
		}
		if d.Warnings, err = works.Warnings(ctx, s.db, c.ID, d.Current.Number); err != nil {
			return nil, err
		}
		if err := d.blocks(ctx, s.db); err != nil {
			return nil, err
		}
	}
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range partners {
		names[p.ID], _ = p.ShortName.In(rq.Lang)
	}
	approvals, err := works.Approvals(ctx, s.db, c.ID, "")
	if err != nil {
		return nil, err
	}
	if err := s.nameApprovers(rq, approvals); err != nil {
		return nil, err
	}
	for _, l := range c.Languages {
		wl := workLang{Lang: l.Lang, Name: workLangName(t, l.Lang), State: t.T("works.lang." + string(l.State)), Original: l.Lang == c.Lang}
		for _, m := range works.AvailableLang(c, l.Lang, a.Parties) {
			wl.Moves = append(wl.Moves, workMove{Name: m.Name, Label: t.T("works.move." + m.Name), Message: m.Message})
		}
		if !wl.Original && c.DocumentID != 0 {
			tr, err := translate.ByDocument(ctx, s.db, c.DocumentID, l.Lang)
			switch {
			case err == nil:
				counts, err := translate.Progress(ctx, s.db, tr.ID)
				if err != nil {
					return nil, err
				}
				wl.WorkbenchURL, wl.Progress = officePrefix+"/translations/"+itoa(tr.ID), progressText(rq, counts)
			case !errors.Is(err, translate.ErrNotFound):
				return nil, err
			}
		}
		if l.State == works.Reviewed || l.State == works.Approved {
			if wl.Fingerprint, _, err = s.currentText(ctx, s.db, c, l.Lang, d.Current); err != nil {
				return nil, err
			}
		}
		for _, h := range a.Hosts {
			wh := workHost{PartnerID: h, Name: names[h]}
			for i := range approvals {
				if ap := &approvals[i]; ap.Lang == l.Lang && ap.PartnerID == h {
					wh.Approval = ap
					wh.Counts = wl.Fingerprint != "" && ap.Counts(wl.Fingerprint)
					if !wh.Counts {
						wh.ChangesURL = fmt.Sprintf("%s/contributions/%d/languages/%s/changes?partner=%d", officePrefix, c.ID, l.Lang, h)
					}
				}
			}
			wl.Hosts = append(wl.Hosts, wh)
			// Four eyes between the hosts: who approved this text for
			// one host is not offered another's approval.
			other := slices.ContainsFunc(approvals, func(ap works.Approval) bool {
				return ap.Lang == l.Lang && ap.PartnerID != h && ap.AccountID == rq.Account.ID && ap.Counts(wl.Fingerprint)
			})
			if l.State == works.Reviewed && wl.Fingerprint != "" && slices.Contains(a.ApproveFor, h) && !wh.Counts && !other {
				wl.ApproveFor = append(wl.ApproveFor, wh)
			}
		}
		d.Languages = append(d.Languages, wl)
	}
	return d, nil
}

// blocks renders the current revision block by block, with the Word
// comments and the editors' comments beside the blocks they are on (a
// comment on a block inside a list or table beside the block it is in);
// comments on blocks no longer in the text are listed apart.
func (d *workData) blocks(ctx context.Context, q store.Querier) error {
	cur := d.Current.Doc
	htmls, notes, err := doc.HTMLBlocks(cur, doc.HTMLOptions{Media: doc.OmitMedia})
	if err != nil {
		return err
	}
	top := map[string]int{}
	for i := range cur.Blocks {
		b := &cur.Blocks[i]
		wb := workBlock{ID: b.ID, HTML: template.HTML(htmls[i]), Text: doc.PlainText(b.Inlines), Correctable: works.Correctable(b)}
		if d.CanCorrect {
			if k := works.UncorrectableKey(b); k != "" {
				wb.Uncorrectable = d.T.T(k)
			}
		}
		d.Blocks = append(d.Blocks, wb)
		one := doc.Document{Blocks: cur.Blocks[i : i+1]}
		one.Walk(func(in *doc.Block) { top[in.ID] = i })
	}
	d.Notes = template.HTML(notes)
	if d.Correct != "" {
		i := slices.IndexFunc(d.Blocks, func(b workBlock) bool { return b.ID == d.Correct })
		switch {
		case i < 0 && d.Form != nil && d.Form.Section == "correct":
			d.CorrectLost = true
			d.Correct = ""
		case i < 0:
			d.Correct = ""
		case !d.Blocks[i].Correctable && (d.Form == nil || d.Form.Section != "correct"):
			// ?correct= on a block that cannot be: its reason is
			// shown beside it instead of a form that would fail.
			d.Correct = ""
		}
	}
	for _, cm := range cur.Comments {
		if i, ok := top[cm.Block]; ok {
			d.Blocks[i].WordComments = append(d.Blocks[i].WordComments, cm)
		}
	}
	comments, err := works.Comments(ctx, q, d.C.ID)
	if err != nil {
		return err
	}
	for _, cm := range comments {
		if i, ok := top[cm.BlockID]; ok {
			d.Blocks[i].Comments = append(d.Blocks[i].Comments, cm)
		} else {
			d.OtherComments = append(d.OtherComments, cm)
		}
	}
	return nil
}

// currentText returns the fingerprint and model (JSON) of language l's
// current text: the original's latest revision (cur, when the caller has
// it), or the translation's through translatedText. Both are empty when
// there is no text to approve.
func (s *Server) currentText(ctx context.Context, q store.Querier, c *works.Contribution, l string, cur *revision.Revision) (string, []byte, error) {
	if l == c.Lang {
		if c.DocumentID == 0 {
			return "", nil, nil
		}
		if cur == nil {
			var err error
			if cur, err = s.revisions().Latest(ctx, c.DocumentID); err != nil {
				return "", nil, err
			}
		}
		return works.Fingerprint(cur.Number, cur.Doc)
	}
	if s.translatedText == nil {
		return "", nil, nil
	}
	fp, d, err := s.translatedText.Text(ctx, q, c, l)
	if err != nil || d == nil {
		return "", nil, err
	}
	snap, err := json.Marshal(d)
	return fp, snap, err
}

// revisions is the store of the manuscripts' revisions.
func (s *Server) revisions() *revision.Store { return revision.NewStore(s.db, s.blobs) }

// workLangName is a language's name in the reader's language.
func workLangName(t *i18n.Printer, l string) string {
	if ok, _ := t.Has("lang.name." + l); ok {
		return t.T("lang.name." + l)
	}
	return l
}

// renderWork shows the manuscript page of a.C with status, keeping form.
func (s *Server) renderWork(w http.ResponseWriter, rq *officeRequest, a *workAccess, status int, form *workForm) error {
	d, err := s.workData(rq.Context(), rq, a, form)
	if err != nil {
		return err
	}
	return s.officeRenderStatus(w, rq, status, "manuscript", "", d.Title, d)
}

// workRefusal turns a refused step into the page shown again with the
// reason at the step's section: a *works.StateError (409) or a
// *works.ManuscriptError (422) in the reader's words. Other errors are
// returned as they are.
func (s *Server) workRefusal(w http.ResponseWriter, rq *officeRequest, a *workAccess, form *workForm, err error) error {
	var se *works.StateError
	var me *works.ManuscriptError
	switch {
	case errors.As(err, &se) && se.Count != nil:
		form.Error = rq.T.N(se.Key, *se.Count, se.Args...)
		return s.renderWork(w, rq, a, http.StatusConflict, form)
	case errors.As(err, &se):
		form.Error = rq.T.T(se.Key, se.Args...)
		return s.renderWork(w, rq, a, http.StatusConflict, form)
	case errors.As(err, &me):
		form.Error = rq.T.T(me.Key, me.Args...)
		return s.renderWork(w, rq, a, http.StatusUnprocessableEntity, form)
	}
	return err
}

// actorOf is the signed-in account as the works' event records name it.
func worksActor(rq *officeRequest) works.Actor {
	return works.Actor{AccountID: rq.Account.ID, Name: rq.Account.Name}
}

// workRecipients returns the accounts that play parties for contribution
// a.C (translators and reviewers of language l, or of every language when
// l is ""), without the account that acts (by).
func workRecipients(ctx context.Context, q store.Querier, a *workAccess, parties []works.Party, l string, by int64) ([]*account.Account, error) {
	var ids []int64
	add := func(query string, args ...any) error {
		got, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
			var id int64
			return id, sc.Scan(&id)
		}, query, args...)
		ids = append(ids, got...)
		return err
	}
	for _, p := range parties {
		var err error
		switch p {
		case works.PartyAuthor:
			err = add(`SELECT pa.account_id FROM person_accounts pa JOIN contribution_authors ca ON ca.person_id = pa.person_id WHERE ca.contribution_id = ?`, a.C.ID)
		case works.PartyEditor:
			for _, e := range a.Coll.Editors {
				ids = append(ids, e.AccountID)
			}
			if len(a.Coll.Editors) == 0 && len(a.Hosts) > 0 {
				in, args := store.In(a.Hosts)
				err = add(`SELECT account_id FROM memberships WHERE role = 'editor' AND partner_id IN (`+in+`)`, args...)
			}
		case works.PartyOrganiser:
			if len(a.Hosts) > 0 {
				in, args := store.In(a.Hosts)
				err = add(`SELECT account_id FROM memberships WHERE role = 'organiser' AND partner_id IN (`+in+`)`, args...)
			}
		case works.PartyTranslator, works.PartyReviewer:
			role := works.RoleTranslator
			if p == works.PartyReviewer {
				role = works.RoleReviewer
			}
			for _, st := range a.C.Staff {
				if st.Role == role && (l == "" || st.Lang == l) {
					ids = append(ids, st.AccountID)
				}
			}
		}
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	ids = slices.DeleteFunc(ids, func(id int64) bool { return id == by })
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := store.In(ids)
	return store.All(ctx, q, func(sc store.Scanner) (*account.Account, error) {
		a := &account.Account{}
		return a, sc.Scan(&a.ID, &a.Name, &a.Email, &a.Lang)
	}, `SELECT id, name, email, lang FROM accounts WHERE NOT disabled AND id IN (`+in+`) ORDER BY id`, args...)
}

// workMail tells the accounts that act next on a.C what happened: the
// message keys works.mail.<event>.subject and .body, with the title of the
// contribution in the recipient's language, the actor's name, the
// language's name (or "") and the message.
func (s *Server) workMail(ctx context.Context, tx *store.Tx, rq *officeRequest, a *workAccess, next []works.Party, l, event, message string) error {
	to, err := workRecipients(ctx, tx, a, next, l, rq.Account.ID)
	if err != nil {
		return err
	}
	return s.approvalMail(ctx, tx, to, manuscriptPath(a.C.ID), func(p *i18n.Printer) (string, []string, error) {
		title, _ := a.C.Title.In(p.Lang())
		args := []any{rq.Account.Name, p.Quote(title)}
		if l != "" {
			args = append(args, workLangName(p, l))
		}
		body := []string{p.T("works.mail."+event+".body", args...)}
		if event == "return" && a.Corrected > 0 {
			body = append(body, p.T("works.mail.return.corrected", a.Corrected))
		}
		if m := strings.TrimSpace(message); m != "" {
			body = append(body, p.T("works.mail.message", m))
		}
		return p.T("works.mail."+event+".subject", title), body, nil
	})
}

// revisionsChanges returns what each of the revisions numbers of document
// docID changed of the revision before it, without the blocks it left
// as they were; a revision that changed nothing is left out.
func (s *Server) revisionsChanges(ctx context.Context, docID int64, numbers []int) ([]revisionChanges, error) {
	var out []revisionChanges
	for _, n := range numbers {
		if n < 2 {
			continue
		}
		ch, err := s.revisions().Diff(ctx, docID, n-1, n)
		if err != nil {
			return nil, err
		}
		ch.Blocks = slices.DeleteFunc(ch.Blocks, func(x doc.Change) bool { return x.Op == doc.Same })
		if len(ch.Blocks) > 0 {
			out = append(out, revisionChanges{Number: n, Changes: ch})
		}
	}
	return out, nil
}

// revertedCorrections returns the editors' corrections made after the
// authors' last own revision of contribution c (works.EditedSince) that
// the uploaded document up would undo: each correction (a changed or
// deleted block) whose text before it up has again as one of its blocks.
func (s *Server) revertedCorrections(ctx context.Context, c *works.Contribution, up *doc.Document) ([]revisionChanges, error) {
	edited, err := works.EditedSince(ctx, s.db, c.ID)
	if err != nil || len(edited) == 0 {
		return nil, err
	}
	texts := map[string]bool{}
	for _, b := range doc.Diff(up, up).Blocks {
		if b.Old != nil {
			if t := strings.TrimSpace(doc.BlockText(b.Old)); t != "" {
				texts[t] = true
			}
		}
	}
	all, err := s.revisionsChanges(ctx, c.DocumentID, edited)
	if err != nil {
		return nil, err
	}
	var out []revisionChanges
	for _, rc := range all {
		kept := slices.DeleteFunc(slices.Clone(rc.Changes.Blocks), func(x doc.Change) bool {
			if x.Old == nil || x.Op != doc.Changed && x.Op != doc.Delete {
				return true
			}
			old := strings.TrimSpace(doc.BlockText(x.Old))
			if x.New != nil && strings.TrimSpace(doc.BlockText(x.New)) == old {
				return true // a change of formatting only
			}
			return !texts[old]
		})
		if len(kept) > 0 {
			ch := *rc.Changes
			ch.Blocks = kept
			out = append(out, revisionChanges{Number: rc.Number, Changes: &ch})
		}
	}
	return out, nil
}
