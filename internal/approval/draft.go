package approval

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// newContent returns an empty value of the content type of kind k.
func newContent(k Kind) (any, error) {
	switch k {
	case KindForum:
		return &forum.Forum{}, nil
	case KindProgramme:
		return &forum.Programme{}, nil
	case KindNews:
		return &forum.NewsPost{}, nil
	case KindPartner:
		return &forum.Partner{}, nil
	case KindPerson:
		return &forum.Person{}, nil
	}
	return nil, fmt.Errorf("subject kind %q: %w", k, ErrInvalid)
}

// prepare checks that content is of subj's kind, gives it subj's id,
// drops the loaded pointers a draft does not keep, and validates it with
// the forum package's rules.
func prepare(subj Subject, content any) error {
	var err error
	switch c := content.(type) {
	case *forum.Forum:
		if subj.Kind != KindForum {
			break
		}
		c.ID = subj.ID
		for _, h := range c.Hosts {
			if h != nil {
				h.Logo = nil
			}
		}
		return invalid(forum.ValidateForum(c))
	case *forum.Programme:
		if subj.Kind != KindProgramme {
			break
		}
		c.ForumID = subj.ID
		for _, ss := range c.Sessions {
			ss.ForumID = subj.ID
			for _, sp := range ss.Speeches {
				sp.ForumID, sp.SessionID, sp.Speaker = subj.ID, ss.ID, nil
			}
		}
		return invalid(forum.ValidateProgramme(c))
	case *forum.NewsPost:
		if subj.Kind != KindNews {
			break
		}
		c.ID, c.Forum, c.LeadImage = subj.ID, nil, nil
		for _, fg := range c.Figures {
			if fg != nil {
				fg.Image = nil
			}
		}
		return invalid(forum.ValidateNews(c))
	case *forum.Partner:
		if subj.Kind != KindPartner {
			break
		}
		c.ID, c.Logo = subj.ID, nil
		return invalid(forum.ValidatePartner(c))
	case *forum.Person:
		if subj.Kind != KindPerson {
			break
		}
		c.ID, c.Partner, c.Photo = subj.ID, nil, nil
		return invalid(forum.ValidatePerson(c))
	default:
		err = fmt.Errorf("content of type %T", content)
	}
	if err == nil {
		err = fmt.Errorf("content of type %T for a %s", content, subj.Kind)
	}
	return fmt.Errorf("%s: %w: %w", subj, ErrInvalid, err)
}

func invalid(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrInvalid, err)
}

// live reads what the public sees of subj now, through q with drafts
// visible, in a fixed number of queries; published says whether the
// public sees it at all.
func live(ctx context.Context, q store.Querier, subj Subject) (content any, published bool, err error) {
	s := &forum.Store{DB: q, Drafts: true}
	switch subj.Kind {
	case KindForum:
		f, err := s.ForumByID(ctx, subj.ID)
		if err != nil {
			return nil, false, notFound(err)
		}
		return f, f.Published, prepareLive(subj, f)
	case KindProgramme:
		f, err := s.ForumByID(ctx, subj.ID)
		if err != nil {
			return nil, false, notFound(err)
		}
		p, err := s.ProgrammeOf(ctx, subj.ID)
		if err != nil {
			return nil, false, err
		}
		return p, f.Published, prepareLive(subj, p)
	case KindNews:
		n, err := s.NewsByID(ctx, subj.ID)
		if err != nil {
			return nil, false, notFound(err)
		}
		return n, n.Published, prepareLive(subj, n)
	case KindPartner:
		p, err := s.PartnerByID(ctx, subj.ID)
		if err != nil {
			return nil, false, notFound(err)
		}
		return p, p.Published, prepareLive(subj, p)
	case KindPerson:
		p, err := s.PersonByID(ctx, subj.ID)
		if err != nil {
			return nil, false, notFound(err)
		}
		return p, p.Published, prepareLive(subj, p)
	}
	return nil, false, fmt.Errorf("subject %s: %w", subj, ErrInvalid)
}

// prepareLive strips live content as prepare does; live content that
// fails today's checks is still shown, so its error is dropped.
func prepareLive(subj Subject, content any) error {
	if err := prepare(subj, content); err != nil && !errors.Is(err, ErrInvalid) {
		return err
	}
	return nil
}

func notFound(err error) error {
	if errors.Is(err, forum.ErrNotFound) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return err
}

// draftRow is a draft as stored, with its row id.
type draftRow struct {
	id int64
	*Draft
}

const draftColumns = `d.id, d.subject_kind, d.subject_id, d.version, d.content, d.state, d.comment, d.publish_at, d.author_id, d.author_name,
	d.submitted_by, d.submitted_by_name, d.returned_by_name, d.returned_for, d.created_at, d.updated_at`

func scanDraft(sc store.Scanner) (draftRow, error) {
	d := draftRow{Draft: &Draft{}}
	var content string
	var publishAt sql.NullTime
	err := sc.Scan(&d.id, &d.Subject.Kind, &d.Subject.ID, &d.Version, &content, &d.State, &d.Comment, &publishAt, &d.AuthorID, &d.AuthorName,
		&d.SubmittedBy, &d.SubmittedByName, &d.ReturnedByName, &d.ReturnedFor, &d.CreatedAt, &d.UpdatedAt)
	if err != nil {
		return d, err
	}
	if publishAt.Valid {
		d.PublishAt = publishAt.Time.UTC()
	}
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	c, err := newContent(d.Subject.Kind)
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal([]byte(content), c); err != nil {
		return d, fmt.Errorf("draft of %s: %w", d.Subject, err)
	}
	d.Content = c
	return d, nil
}

// approvalRow is an approver's decision with the row id of its draft.
type approvalRow struct {
	draftID int64
	Approval
}

const approvalColumns = `a.draft_id, a.partner_id, a.approved_by, a.approved_by_name, a.approved_at`

func scanApproval(sc store.Scanner) (approvalRow, error) {
	var a approvalRow
	var by sql.NullInt64
	var at sql.NullTime
	err := sc.Scan(&a.draftID, &a.PartnerID, &by, &a.Name, &at)
	a.AccountID = by.Int64
	if at.Valid {
		a.At = at.Time.UTC()
	}
	return a, err
}

// loadDraft returns the draft of subj with the approvals of its version,
// or a nil Draft when there is none; two queries.
func loadDraft(ctx context.Context, q store.Querier, subj Subject) (draftRow, error) {
	d, err := scanDraft(q.QueryRow(ctx, `SELECT `+draftColumns+` FROM drafts d WHERE d.subject_kind = ? AND d.subject_id = ?`, subj.Kind, subj.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return draftRow{}, nil
	}
	if err != nil {
		return draftRow{}, fmt.Errorf("draft of %s: %w", subj, err)
	}
	rows, err := store.All(ctx, q, scanApproval, `SELECT `+approvalColumns+` FROM draft_approvers a WHERE a.draft_id = ? AND a.version = ? ORDER BY a.position`, d.id, d.Version)
	if err != nil {
		return draftRow{}, fmt.Errorf("approvals of %s: %w", subj, err)
	}
	for _, a := range rows {
		d.Approvals = append(d.Approvals, a.Approval)
	}
	return d, nil
}

// Load returns the draft of subj if there is one, and otherwise the live
// content (unpublished rows included) as version 0 with no state. It costs
// a fixed number of queries. A subject that does not exist is ErrNotFound.
func Load(ctx context.Context, q store.Querier, subj Subject) (*Draft, error) {
	d, err := loadDraft(ctx, q, subj)
	if err != nil || d.Draft != nil {
		return d.Draft, err
	}
	content, _, err := live(ctx, q, subj)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", subj, err)
	}
	return &Draft{Subject: subj, Content: content}, nil
}

// draftState is what the event log records of a draft before and after a
// step.
type draftState struct {
	Version   int       `json:"version"`
	State     State     `json:"state,omitempty"`
	PublishAt time.Time `json:"publish_at,omitzero"`
}

func stateOf(d *Draft) json.RawMessage {
	if d == nil {
		return nil
	}
	return eventlog.State(draftState{Version: d.Version, State: d.State, PublishAt: d.PublishAt})
}

// Save validates content (with the forum package's rules) and stores it as
// the next version of subj's draft, starting one at version 1 when there
// is none. The draft goes back to Editing: approvals given to an earlier
// version no longer count, and publishing needs a new Submit. content is of
// subj's kind (see Draft.Content); its id is set to subj's.
func Save(ctx context.Context, tx *store.Tx, subj Subject, content any, actor Actor) (*Draft, error) {
	if err := prepare(subj, content); err != nil {
		return nil, err
	}
	d, err := loadDraft(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	if d.Draft == nil {
		if _, _, err := live(ctx, tx, subj); err != nil {
			return nil, fmt.Errorf("save %s: %w", subj, err)
		}
		return insertDraft(ctx, tx, subj, content, actor, string(subj.Kind)+".edit")
	}
	return saveVersion(ctx, tx, d, content, d.PublishAt, actor, string(subj.Kind)+".edit")
}

// Schedule sets the time before which subj's draft, once approved, is not
// published (zero: at once). It makes a new version, as a save does, since
// the hosts approve what is published and when.
func Schedule(ctx context.Context, tx *store.Tx, subj Subject, at time.Time, actor Actor) (*Draft, error) {
	d, err := loadDraft(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	if d.Draft == nil {
		return nil, fmt.Errorf("schedule %s: no draft: %w", subj, ErrNotFound)
	}
	if !at.IsZero() {
		at = at.UTC().Truncate(time.Microsecond)
	}
	return saveVersion(ctx, tx, d, d.Content, at, actor, "approval.schedule_set")
}

func saveVersion(ctx context.Context, tx *store.Tx, d draftRow, content any, publishAt time.Time, actor Actor, action string) (*Draft, error) {
	b, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", d.Subject, err)
	}
	before := stateOf(d.Draft)
	now := time.Now().UTC().Truncate(time.Microsecond)
	var version int
	err = tx.QueryRow(ctx, `UPDATE drafts SET content = ?, version = version + 1, state = ?, publish_at = ?, author_id = ?, author_name = ?, updated_at = ?
		WHERE id = ? RETURNING version`, string(b), Editing, nullTime(publishAt), actor.AccountID, actor.Name, now, d.id).Scan(&version)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", d.Subject, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM draft_approvers WHERE draft_id = ?`, d.id); err != nil {
		return nil, fmt.Errorf("save %s: %w", d.Subject, err)
	}
	out := *d.Draft
	out.Version, out.State, out.PublishAt, out.AuthorID, out.AuthorName, out.UpdatedAt = version, Editing, publishAt, actor.AccountID, actor.Name, now
	out.Content, out.Approvals = content, nil
	return &out, record(ctx, tx, actor, 0, action, d.Subject, before, stateOf(&out), "")
}

func insertDraft(ctx context.Context, tx *store.Tx, subj Subject, content any, actor Actor, action string) (*Draft, error) {
	b, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", subj, err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	d := &Draft{Subject: subj, Version: 1, State: Editing, AuthorID: actor.AccountID, AuthorName: actor.Name, CreatedAt: now, UpdatedAt: now, Content: content}
	_, err = tx.Exec(ctx, `INSERT INTO drafts (subject_kind, subject_id, version, content, state, author_id, author_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, subj.Kind, subj.ID, d.Version, string(b), d.State, actor.AccountID, actor.Name, now, now)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", subj, err)
	}
	return d, record(ctx, tx, actor, 0, action, subj, nil, stateOf(d), "")
}

// Create records a new subject of kind k made in the office: the live row
// is inserted unpublished, so that its id and slug exist, and content
// becomes its draft, version 1. The programme of a forum comes with the
// forum and cannot be created.
func Create(ctx context.Context, tx *store.Tx, k Kind, content any, actor Actor) (*Draft, error) {
	if k == KindProgramme {
		return nil, fmt.Errorf("create a programme: it comes with its forum: %w", ErrInvalid)
	}
	if err := prepare(Subject{Kind: k}, content); err != nil {
		return nil, err
	}
	var id int64
	var err error
	switch c := content.(type) {
	case *forum.Forum:
		c.Published = false
		err = forum.AddForum(ctx, tx, c)
		id = c.ID
	case *forum.NewsPost:
		if err = forum.AddNewsPost(ctx, tx, c); err == nil {
			err = forum.SetPublished(ctx, tx, forum.NewsTable, c.ID, false)
		}
		id, c.Published = c.ID, false
	case *forum.Partner:
		if err = forum.AddPartner(ctx, tx, c); err == nil {
			err = forum.SetPublished(ctx, tx, forum.PartnersTable, c.ID, false)
		}
		id, c.Published = c.ID, false
	case *forum.Person:
		if err = forum.AddPerson(ctx, tx, c); err == nil {
			err = forum.SetPublished(ctx, tx, forum.PeopleTable, c.ID, false)
		}
		id, c.Published = c.ID, false
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", k, err)
	}
	return insertDraft(ctx, tx, Subject{Kind: k, ID: id}, content, actor, string(k)+".create")
}

// record appends an event about subj by actor to the log.
func record(ctx context.Context, q store.Querier, actor Actor, partnerID int64, action string, subj Subject, before, after json.RawMessage, note string) error {
	return eventlog.Append(ctx, q, &eventlog.Event{
		ActorID: actor.AccountID, ActorName: actor.Name, Action: action, Subject: subj.String(), PartnerID: partnerID,
		Before: before, After: after, Note: note, ClientAddr: actor.ClientAddr,
	})
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// titleOf returns what names the content in a list such as the dashboard;
// a programme has none of its own.
func titleOf(content any) lang.Text {
	switch c := content.(type) {
	case *forum.Forum:
		return c.Title
	case *forum.NewsPost:
		return c.Title
	case *forum.Partner:
		return c.Name
	case *forum.Person:
		values := map[string]string{}
		for l := range c.Names.Values {
			n, _ := c.Names.In(l)
			values[l] = n.Full(l)
		}
		return lang.New(c.Names.Source, values)
	}
	return lang.Text{}
}

// Drafts returns the drafts of every subject of kind that has one, by
// subject id, each with the approvals of its version: what the office's
// lists show over the live rows. It costs two queries whatever their
// number.
func Drafts(ctx context.Context, q store.Querier, kind Kind) (map[int64]*Draft, error) {
	rows, err := store.All(ctx, q, scanDraft, `SELECT `+draftColumns+` FROM drafts d WHERE d.subject_kind = ?`, kind)
	if err != nil {
		return nil, fmt.Errorf("drafts of kind %s: %w", kind, err)
	}
	out := make(map[int64]*Draft, len(rows))
	byRow := make(map[int64]*Draft, len(rows))
	for _, d := range rows {
		out[d.Subject.ID] = d.Draft
		byRow[d.id] = d.Draft
	}
	if len(rows) == 0 {
		return out, nil
	}
	approvals, err := store.All(ctx, q, scanApproval, `SELECT `+approvalColumns+`
		FROM draft_approvers a JOIN drafts d ON d.id = a.draft_id AND d.version = a.version
		WHERE d.subject_kind = ? ORDER BY a.draft_id, a.position`, kind)
	if err != nil {
		return nil, fmt.Errorf("approvals of kind %s: %w", kind, err)
	}
	for _, a := range approvals {
		if d := byRow[a.draftID]; d != nil {
			d.Approvals = append(d.Approvals, a.Approval)
		}
	}
	return out, nil
}
