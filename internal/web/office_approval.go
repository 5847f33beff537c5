package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
)

// The approval side of the office: the change pages where approvers see a
// draft's diff and decide, the list of what awaits whom, the preview of a
// draft as the public will see it, the mail that tells people of each
// step and the job that publishes approved drafts at their time. This file
// holds what those handlers share.

// approvalSubjects maps a kind of draft to the subject of the permission
// table that governs it.
var approvalSubjects = map[approval.Kind]account.Subject{
	approval.KindForum:     account.SubjectForum,
	approval.KindProgramme: account.SubjectProgramme,
	approval.KindNews:      account.SubjectNews,
	approval.KindPartner:   account.SubjectPartner,
	approval.KindPerson:    account.SubjectPerson,
}

// approvalSubject reads the subject that the {kind} and {id} of the path
// name; a kind or id that names nothing is not found.
func approvalSubject(r *http.Request) (approval.Subject, error) {
	subj, err := approval.ParseSubject(r.PathValue("kind") + ":" + r.PathValue("id"))
	if err != nil {
		return subj, fmt.Errorf("%w: %w", err, errkind.NotFound)
	}
	return subj, nil
}

// approvalPath is the office page of the change to subj.
func approvalPath(subj approval.Subject) string {
	return officePrefix + "/approvals/" + string(subj.Kind) + "/" + strconv.FormatInt(subj.ID, 10)
}

// approvalPreviewPath is the preview of subj's draft, without a language.
func approvalPreviewPath(subj approval.Subject) string {
	return officePrefix + "/preview/" + string(subj.Kind) + "/" + strconv.FormatInt(subj.ID, 10)
}

// approvalEditPath is the office page where subj is edited (the editing areas own
// those pages).
func approvalEditPath(subj approval.Subject) string {
	id := strconv.FormatInt(subj.ID, 10)
	switch subj.Kind {
	case approval.KindForum:
		return officePrefix + "/forums/" + id
	case approval.KindProgramme:
		return officePrefix + "/forums/" + id + "/programme"
	case approval.KindNews:
		return officePrefix + "/news/" + id
	case approval.KindPartner:
		return officePrefix + "/partners/" + id
	default:
		return officePrefix + "/people/" + id
	}
}

// approvalDraft is a subject as the approval pages load it: its draft (or
// live content as version 0) and the partners it belongs to.
type approvalDraft struct {
	Subject approval.Subject
	Draft   *approval.Draft
	// Partners are the approvers (approval.Approvers); Owners the
	// partners whose teams edit the subject and ask for its publication
	// (approval.Owners: none for a thing of no team, which any partner's
	// team may).
	Partners, Owners []int64
}

// loadApprovalSubject reads subj's draft through q and checks that the
// account may do action to it. Its owners' teams see it, and ask for and
// schedule its publication (account.Publish); its approvers approve or
// return it (account.Approve), and see it while a version awaits their
// decision (asked for, scheduled or returned), but not a draft its owners
// are still writing. Whoever may not see it gets 404, whoever may see but
// not do action 403.
func (s *Server) loadApprovalSubject(ctx context.Context, q store.Querier, rq *officeRequest, subj approval.Subject, action account.Action) (*approvalDraft, error) {
	d, err := approval.Load(ctx, q, subj)
	if err != nil {
		return nil, err
	}
	partners, err := approval.Approvers(ctx, q, subj)
	if err != nil {
		return nil, err
	}
	if len(partners) == 0 {
		// A thing of no partner is an admin's alone; 0 names no partner,
		// so that must does not fall back to the account's own.
		partners = []int64{0}
	}
	owners, err := approval.Owners(ctx, q, subj)
	if err != nil {
		return nil, err
	}
	if len(owners) == 0 && subj.Kind == approval.KindNews {
		// A post about no forum is the admins' (newsPartners).
		owners = []int64{0}
	}
	what := approvalSubjects[subj.Kind]
	awaiting := d.State != "" && d.State != approval.Editing
	if !rq.can(what, account.View, owners...) && !(awaiting && rq.can(what, account.View, partners...)) {
		return nil, fmt.Errorf("%s: %w", subj, errkind.NotFound)
	}
	may := owners
	if action == account.Approve {
		may = partners
	}
	if action != account.View && !rq.can(what, action, may...) {
		return nil, fmt.Errorf("%s %s: %w", action, subj, errkind.Forbidden)
	}
	return &approvalDraft{Subject: subj, Draft: d, Partners: partners, Owners: owners}, nil
}

// approvalTitle names subj in language l: a forum's or post's title, a
// partner's or person's name; a programme by its forum's title. forums
// reads the forum of a programme.
func approvalTitle(ctx context.Context, forums *forum.Store, subj approval.Subject, content any, l string) (string, error) {
	var t string
	switch c := content.(type) {
	case *forum.Forum:
		t, _ = c.Title.In(l)
	case *forum.Programme:
		f, err := forums.ForumByID(ctx, subj.ID)
		if err != nil {
			return "", err
		}
		t, _ = f.Title.In(l)
	case *forum.NewsPost:
		t, _ = c.Title.In(l)
	case *forum.Partner:
		t, _ = c.Name.In(l)
	case *forum.Person:
		n, written := c.Names.In(l)
		t = n.Full(written)
	}
	if t == "" {
		t = subj.String()
	}
	return t, nil
}

// approvalZone returns the time zone in which subj's times are shown and
// typed: its forum's (as drafted for a forum), or UTC for what belongs to
// no forum.
func approvalZone(ctx context.Context, forums *forum.Store, subj approval.Subject, content any) *time.Location {
	var forumID int64
	switch c := content.(type) {
	case *forum.Forum:
		return c.Location()
	case *forum.Programme:
		forumID = subj.ID
	case *forum.NewsPost:
		forumID = c.ForumID
	}
	if forumID != 0 {
		if f, err := forums.ForumByID(ctx, forumID); err == nil {
			return f.Location()
		}
	}
	return time.UTC
}

// approvalNames are what the change page writes in place of ids: partners and
// people by name in the reader's language.
type approvalNames struct {
	partners map[int64]string
	people   map[int64]string
	// accounts are the office's accounts' names, for the histories of
	// works (loaded there alone).
	accounts map[int64]string
}

// loadApprovalNames reads the names of every partner and person, drafts included.
func loadApprovalNames(ctx context.Context, forums *forum.Store, l string) (*approvalNames, error) {
	ps, err := forums.WithDrafts().Partners(ctx)
	if err != nil {
		return nil, err
	}
	people, err := forums.WithDrafts().People(ctx)
	if err != nil {
		return nil, err
	}
	n := &approvalNames{partners: map[int64]string{}, people: map[int64]string{}}
	for _, p := range ps {
		n.partners[p.ID], _ = p.Name.In(l)
	}
	for _, p := range people {
		nm, written := p.Names.In(l)
		n.people[p.ID] = nm.Full(written)
	}
	return n, nil
}

func (n *approvalNames) partner(id int64) string {
	if v := n.partners[id]; v != "" {
		return v
	}
	return "#" + strconv.FormatInt(id, 10)
}

// changeStep matches one step of a change's path: a field, with the
// position of an item in a list ("sessions[2]").
var changeStep = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?$`)

// changeFieldName writes a change's field path in words in t's language:
// "sessions[2].speeches[0].title" is "Session 3 › Speech 1 › Title".
func changeFieldName(t *i18n.Printer, path string) string {
	var parts []string
	for _, step := range strings.Split(path, ".") {
		m := changeStep.FindStringSubmatch(step)
		if m == nil {
			parts = append(parts, step)
			continue
		}
		key := "office.approval.field." + m[1]
		if m[2] != "" {
			n, _ := strconv.Atoi(m[2])
			if ok, _ := t.Has(key + ".item"); ok {
				parts = append(parts, t.T(key+".item", strconv.Itoa(n+1)))
				continue
			}
		}
		if ok, _ := t.Has(key); ok {
			parts = append(parts, t.T(key))
		} else {
			parts = append(parts, step)
		}
	}
	return strings.Join(parts, " › ")
}

// changeLastStep returns the field of a path without the items it is in.
func changeLastStep(path string) string {
	step := path[strings.LastIndex(path, ".")+1:]
	if i := strings.IndexByte(step, '['); i >= 0 {
		step = step[:i]
	}
	return step
}

// changeValue writes a change's value as the reader reads it: times in
// loc, partners and people by name, languages, kinds and flags in words.
// Other values are shown as they are.
func changeValue(t *i18n.Printer, n *approvalNames, loc *time.Location, field, v string) string {
	if v == "" {
		return ""
	}
	switch f := changeLastStep(field); {
	case strings.HasSuffix(f, "_at"):
		at, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return v
		}
		at = at.In(loc)
		return t.Date(at) + " " + t.Time(at) + " (" + t.ZoneName(loc, at) + ")"
	case f == "hosts":
		var out []string
		for _, id := range strings.Fields(v) {
			n64, _ := strconv.ParseInt(id, 10, 64)
			out = append(out, n.partner(n64))
		}
		return strings.Join(out, "; ")
	case f == "partner_id":
		id, _ := strconv.ParseInt(v, 10, 64)
		return n.partner(id)
	case f == "speaker_id":
		id, _ := strconv.ParseInt(v, 10, 64)
		if p := n.people[id]; p != "" {
			return p
		}
		return "#" + v
	case f == "original_lang", f == "source_lang":
		if ok, _ := t.Has("lang.name." + v); ok {
			return t.T("lang.name." + v)
		}
	case f == "languages":
		var out []string
		for _, l := range strings.Fields(v) {
			if ok, _ := t.Has("lang.name." + l); ok {
				out = append(out, t.T("lang.name."+l))
			} else {
				out = append(out, l)
			}
		}
		return strings.Join(out, ", ")
	case f == "online":
		return t.T("office.approval.bool." + v)
	case f == "kind", f == "delivery":
		key := "speech.kind." + v
		if f == "delivery" {
			key = "speech.delivery." + v
		}
		if ok, _ := t.Has(key); ok {
			return t.T(key)
		}
	}
	return v
}

// approvalMail queues one letter per recipient in tx, each in the
// recipient's language: subject and body are message keys whose
// arguments write makes for a printer; link is an office path.
func (s *Server) approvalMail(ctx context.Context, tx *store.Tx, to []*account.Account, link string, write func(p *i18n.Printer) (subject string, body []string, err error)) error {
	for _, a := range to {
		p := s.catalog.Printer(a.Lang)
		subject, body, err := write(p)
		if err != nil {
			return err
		}
		msg := mail.Compose(p, mail.Letter{To: mail.Address{Name: a.Name, Email: a.Email}, Subject: subject, Body: body, Link: s.abs(link)})
		if _, err := mail.Enqueue(ctx, tx, msg); err != nil {
			return err
		}
	}
	return nil
}

// mailSubmitted tells the organisers of each partner whose approval d
// awaits that it was asked for.
func (s *Server) mailSubmitted(ctx context.Context, tx *store.Tx, d *approval.Draft, by int64) error {
	var awaited []int64
	for _, a := range d.Approvals {
		if a.At.IsZero() {
			awaited = append(awaited, a.PartnerID)
		}
	}
	to, err := account.WithRole(ctx, tx, account.Organiser, awaited)
	if err != nil {
		return err
	}
	to = approvalOthers(to, by)
	fs := &forum.Store{DB: tx, Drafts: true}
	return s.approvalMail(ctx, tx, to, approvalPath(d.Subject), func(p *i18n.Printer) (string, []string, error) {
		title, err := approvalTitle(ctx, fs, d.Subject, d.Content, p.Lang())
		if err != nil {
			return "", nil, err
		}
		kind := p.T("office.kind." + string(d.Subject.Kind))
		return p.T("office.approval.mail.submitted.subject", title),
			[]string{p.T("office.approval.mail.submitted.body", d.SubmittedByName, kind, p.Quote(title), strconv.Itoa(d.Version))}, nil
	})
}

// mailReturned tells the account that asked to publish d that it was
// returned, with the comment.
func (s *Server) mailReturned(ctx context.Context, tx *store.Tx, d *approval.Draft, by string) error {
	to, err := s.approvalRecipient(ctx, d.SubmittedBy)
	if err != nil {
		return err
	}
	fs := &forum.Store{DB: tx, Drafts: true}
	return s.approvalMail(ctx, tx, to, approvalPath(d.Subject), func(p *i18n.Printer) (string, []string, error) {
		title, err := approvalTitle(ctx, fs, d.Subject, d.Content, p.Lang())
		if err != nil {
			return "", nil, err
		}
		return p.T("office.approval.mail.returned.subject", title),
			[]string{p.T("office.approval.mail.returned.body", by, p.Quote(title)), d.Comment}, nil
	})
}

// mailPublished tells the account that asked to publish subj that it is
// public now.
func (s *Server) mailPublished(ctx context.Context, tx *store.Tx, subj approval.Subject, content any, submittedBy int64) error {
	to, err := s.approvalRecipient(ctx, submittedBy)
	if err != nil {
		return err
	}
	fs := &forum.Store{DB: tx, Drafts: true}
	return s.approvalMail(ctx, tx, to, approvalPath(subj), func(p *i18n.Printer) (string, []string, error) {
		title, err := approvalTitle(ctx, fs, subj, content, p.Lang())
		if err != nil {
			return "", nil, err
		}
		return p.T("office.approval.mail.published.subject", title),
			[]string{p.T("office.approval.mail.published.body", p.Quote(title))}, nil
	})
}

// approvalRecipient returns the enabled account id as a list of one, or none
// when there is no such account (0: nobody asked).
func (s *Server) approvalRecipient(ctx context.Context, id int64) ([]*account.Account, error) {
	if id == 0 {
		return nil, nil
	}
	a, err := s.accounts.ByID(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return nil, nil
	}
	if err != nil || a.Disabled {
		return nil, err
	}
	return []*account.Account{a}, nil
}

func approvalOthers(as []*account.Account, id int64) []*account.Account {
	var out []*account.Account
	for _, a := range as {
		if a.ID != id {
			out = append(out, a)
		}
	}
	return out
}

// wasPublished reports whether a draft that Submit or Approve returned was
// published by it: every approval is in and it was not held back for its
// publish-at time.
func wasPublished(d *approval.Draft) bool {
	return d.Approved() && d.State == approval.Submitted
}

// afterDecision does, in tx, what follows a submission or an approval
// that returned d: the mail to the submitter when it was published, or
// the job that publishes it at its time when it was scheduled.
func (s *Server) afterDecision(ctx context.Context, tx *store.Tx, d *approval.Draft) error {
	switch {
	case wasPublished(d):
		return s.mailPublished(ctx, tx, d.Subject, d.Content, d.SubmittedBy)
	case d.State == approval.Scheduled:
		return schedulePublication(ctx, tx, d.PublishAt)
	}
	return nil
}

// approvalStepError renders an error of a workflow step (a stale version,
// a step the draft's state does not allow, a partner that is not an
// approver) as the error page of its status with the workflow's own
// message; other errors go to the office adapter.
func (s *Server) approvalStepError(w http.ResponseWriter, rq *officeRequest, err error) error {
	key := approval.MessageKey(err)
	status, page := errorPage(err)
	if key == "" || errors.Is(err, approval.ErrNotFound) || status == http.StatusNotFound || status == http.StatusInternalServerError {
		return err
	}
	main := officeErrorPage{Status: status, Title: rq.T.T("error." + page + ".title"), Body: rq.T.T(key)}
	if subj, err := approvalSubject(rq.Request); err == nil {
		main.Back, main.BackLabel = approvalPath(subj), rq.T.T("office.approval.back")
	}
	return s.officeRenderStatus(w, rq, status, "error", "", main.Title, main)
}

// loadDecision reads subj's draft through tx for a decision (action) on
// the version the form names, which it returns: 404 or 403 for whoever may
// not act on subj, 400 for a form without a version (a draft's versions
// start at 1), and approval.ErrStale (409) for another version than the
// draft's current one. The version is read only once the account may act,
// so that whoever may not learns nothing from the form.
func (s *Server) loadDecision(ctx context.Context, tx *store.Tx, rq *officeRequest, subj approval.Subject, action account.Action) (*approvalDraft, int, error) {
	sd, err := s.loadApprovalSubject(ctx, tx, rq, subj, action)
	if err != nil {
		return nil, 0, err
	}
	version, err := strconv.Atoi(rq.PostForm.Get("version"))
	if err != nil || version < 1 {
		return nil, 0, badRequest("version %q", rq.PostForm.Get("version"))
	}
	if sd.Draft.Version != version {
		return nil, 0, fmt.Errorf("%s: version %d, the draft is at %d: %w", subj, version, sd.Draft.Version, approval.ErrStale)
	}
	return sd, version, nil
}

// renderApprovalInvalid shows subj's change page again with f's messages
// at their fields (422).
func (s *Server) renderApprovalInvalid(w http.ResponseWriter, rq *officeRequest, subj approval.Subject, f *form) error {
	page, err := s.approvalPage(rq, subj, f)
	if err != nil {
		return err
	}
	return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "approval", "approvals", page.Title, page)
}

// decidingPartner returns the partner on whose behalf the account decides
// on d: the one the form names, or else the first awaited approver the
// account acts for (0 when none, which the workflow refuses).
func decidingPartner(rq *officeRequest, d *approval.Draft) (int64, error) {
	if v := rq.PostForm.Get("partner"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return 0, badRequest("partner %q", v)
		}
		return id, nil
	}
	act := rq.actor()
	for _, a := range d.Approvals {
		if a.At.IsZero() && slices.Contains(act.PartnerIDs, a.PartnerID) {
			return a.PartnerID, nil
		}
	}
	return 0, nil
}
