package approval

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Approvers returns the partners whose approval publishing subj needs, in
// order:
//   - forum, programme: the forum's hosts in order, then any host its
//     draft adds;
//   - news: the hosts of its forum (as live and as drafted), or, for a post
//     about no forum, every partner that hosts a forum;
//   - partner: the partner itself, then every partner that co-hosts a forum
//     with it;
//   - person: their own partner (as live and as drafted), then the hosts of
//     the forums where they speak; for someone with neither, every partner
//     that hosts a forum.
func Approvers(ctx context.Context, q store.Querier, subj Subject) ([]int64, error) {
	d, err := loadDraft(ctx, q, subj)
	if err != nil {
		return nil, err
	}
	ids, err := approvers(ctx, q, subj, d.Draft)
	if err != nil {
		return nil, fmt.Errorf("approvers of %s: %w", subj, err)
	}
	return ids, nil
}

func approvers(ctx context.Context, q store.Querier, subj Subject, d *Draft) ([]int64, error) {
	ids := func(query string, args ...any) ([]int64, error) {
		return store.All(ctx, q, func(sc store.Scanner) (int64, error) {
			var id int64
			return id, sc.Scan(&id)
		}, query, args...)
	}
	hostsOf := func(forumIDs ...int64) ([]int64, error) {
		in, args := store.In(forumIDs)
		return ids(`SELECT partner_id FROM forum_hosts WHERE forum_id IN (`+in+`) ORDER BY forum_id, position`, args...)
	}
	everyHost := func() ([]int64, error) {
		return ids(`SELECT DISTINCT partner_id FROM forum_hosts ORDER BY partner_id`)
	}
	var out []int64
	var err error
	switch subj.Kind {
	case KindForum, KindProgramme:
		out, err = hostsOf(subj.ID)
		if f, ok := contentOf(d).(*forum.Forum); ok {
			for _, h := range f.Hosts {
				out = append(out, h.ID)
			}
		}
	case KindNews:
		forums := []int64{}
		var live int64
		if err := q.QueryRow(ctx, `SELECT COALESCE(forum_id, 0) FROM news_posts WHERE id = ?`, subj.ID).Scan(&live); err != nil {
			return nil, notFound(noRows(err, subj))
		}
		if live != 0 {
			forums = append(forums, live)
		}
		if n, ok := contentOf(d).(*forum.NewsPost); ok && n.ForumID != 0 {
			forums = append(forums, n.ForumID)
		}
		if len(forums) == 0 {
			out, err = everyHost()
		} else {
			out, err = hostsOf(forums...)
		}
	case KindPartner:
		out, err = ids(`SELECT DISTINCT h2.partner_id FROM forum_hosts h1 JOIN forum_hosts h2 ON h2.forum_id = h1.forum_id
			WHERE h1.partner_id = ? ORDER BY h2.partner_id`, subj.ID)
		out = append([]int64{subj.ID}, out...)
	case KindPerson:
		var own int64
		if err := q.QueryRow(ctx, `SELECT COALESCE(partner_id, 0) FROM people WHERE id = ?`, subj.ID).Scan(&own); err != nil {
			return nil, notFound(noRows(err, subj))
		}
		if p, ok := contentOf(d).(*forum.Person); ok && p.PartnerID != 0 {
			out = append(out, p.PartnerID)
		}
		if own != 0 {
			out = append(out, own)
		}
		var hosts []int64
		hosts, err = ids(`SELECT h.partner_id FROM forum_hosts h WHERE h.forum_id IN (SELECT forum_id FROM speeches WHERE speaker_id = ?)
			ORDER BY h.forum_id, h.position`, subj.ID)
		out = append(out, hosts...)
		if err == nil && len(out) == 0 {
			out, err = everyHost()
		}
	default:
		return nil, fmt.Errorf("subject %s: %w", subj, ErrInvalid)
	}
	if err != nil {
		return nil, err
	}
	return unique(out), nil
}

// Owners returns the partners whose teams edit subj and ask for its
// publication, which the approvers of a partner's or a person's page (see
// Approvers) may be more than:
//   - forum, programme: the forum's hosts (as live and as drafted);
//   - news: the hosts of its forum (as live and as drafted);
//   - partner: the partner itself;
//   - person: their own partner (as live and as drafted).
//
// It is empty for a post about no forum and a person of no partner, which
// belong to no team: any partner's team may edit them.
func Owners(ctx context.Context, q store.Querier, subj Subject) ([]int64, error) {
	switch subj.Kind {
	case KindPartner:
		if err := q.QueryRow(ctx, `SELECT id FROM partners WHERE id = ?`, subj.ID).Scan(new(int64)); err != nil {
			return nil, notFound(noRows(err, subj))
		}
		return []int64{subj.ID}, nil
	case KindPerson:
		d, err := loadDraft(ctx, q, subj)
		if err != nil {
			return nil, err
		}
		var own int64
		if err := q.QueryRow(ctx, `SELECT COALESCE(partner_id, 0) FROM people WHERE id = ?`, subj.ID).Scan(&own); err != nil {
			return nil, notFound(noRows(err, subj))
		}
		var out []int64
		if own != 0 {
			out = append(out, own)
		}
		if p, ok := contentOf(d.Draft).(*forum.Person); ok && p.PartnerID != 0 {
			out = append(out, p.PartnerID)
		}
		return unique(out), nil
	case KindNews:
		d, err := loadDraft(ctx, q, subj)
		if err != nil {
			return nil, err
		}
		var live int64
		if err := q.QueryRow(ctx, `SELECT COALESCE(forum_id, 0) FROM news_posts WHERE id = ?`, subj.ID).Scan(&live); err != nil {
			return nil, notFound(noRows(err, subj))
		}
		n, ok := contentOf(d.Draft).(*forum.NewsPost)
		if live == 0 && (!ok || n.ForumID == 0) {
			return nil, nil
		}
	}
	return Approvers(ctx, q, subj)
}

func contentOf(d *Draft) any {
	if d == nil {
		return nil
	}
	return d.Content
}

func noRows(err error, subj Subject) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", subj, forum.ErrNotFound)
	}
	return err
}

func unique(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Languages returns the languages publishing subj promises: the forum's
// own for a forum (as drafted) and its programme; for news, its forum's,
// or every language of the site for a post about no forum; for a partner
// or a person, those of the forums they host or speak at, or every
// language of the site.
func Languages(ctx context.Context, q store.Querier, subj Subject, content any) ([]string, error) {
	var forumIDs []int64
	var query string
	switch c := content.(type) {
	case *forum.Forum:
		return c.Languages, nil
	case *forum.Programme:
		forumIDs = []int64{subj.ID}
	case *forum.NewsPost:
		if c.ForumID != 0 {
			forumIDs = []int64{c.ForumID}
		}
	case *forum.Partner:
		query = `SELECT f.languages FROM forums f JOIN forum_hosts h ON h.forum_id = f.id WHERE h.partner_id = ?`
	case *forum.Person:
		query = `SELECT f.languages FROM forums f WHERE f.id IN (SELECT forum_id FROM speeches WHERE speaker_id = ?)`
	}
	args := []any{subj.ID}
	if len(forumIDs) > 0 {
		var in string
		in, args = store.In(forumIDs)
		query = `SELECT languages FROM forums WHERE id IN (` + in + `)`
	}
	if query == "" {
		return lang.Worked, nil
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (string, error) {
		var s string
		return s, sc.Scan(&s)
	}, query, args...)
	if err != nil {
		return nil, fmt.Errorf("languages of %s: %w", subj, err)
	}
	var out []string
	for _, r := range rows {
		for _, l := range strings.Fields(r) {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	if len(out) == 0 {
		return lang.Worked, nil
	}
	return out, nil
}

// Missing returns, for every multilingual field of content that has a value
// in some language, each of langs it has no value in, as FieldErrors with
// KeyMissingLanguage; nil when nothing is missing.
func Missing(content any, langs []string) FieldErrors {
	var out FieldErrors
	seen := map[string]bool{}
	var fields []string
	values := map[string]map[string]bool{}
	for _, e := range entries(content) {
		if e.lang == "" {
			continue
		}
		if !seen[e.path] {
			seen[e.path] = true
			fields = append(fields, e.path)
			values[e.path] = map[string]bool{}
		}
		values[e.path][e.lang] = true
	}
	for _, f := range fields {
		for _, l := range langs {
			if !values[f][l] {
				out = append(out, FieldError{Field: f, Lang: l, Key: KeyMissingLanguage})
			}
		}
	}
	return out
}

// UnpublishedSpeakers returns, for a programme, a FieldError with
// KeyUnpublishedSpeaker at the speaker field of each speech
// ("sessions[0].speeches[1].speaker_id") whose speaker the public does not
// see, so that no public programme names a person whose page is not found;
// nil for other content or when every speaker is published.
func UnpublishedSpeakers(ctx context.Context, q store.Querier, content any) (FieldErrors, error) {
	p, ok := content.(*forum.Programme)
	if !ok {
		return nil, nil
	}
	var ids []int64
	for _, ss := range p.Sessions {
		for _, sp := range ss.Speeches {
			if sp.SpeakerID != 0 {
				ids = append(ids, sp.SpeakerID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := store.In(unique(ids))
	shown, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT id FROM people WHERE published AND id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("speakers of programme %d: %w", p.ForumID, err)
	}
	var out FieldErrors
	for i, ss := range p.Sessions {
		for j, sp := range ss.Speeches {
			if sp.SpeakerID != 0 && !slices.Contains(shown, sp.SpeakerID) {
				out = append(out, FieldError{Field: fmt.Sprintf("sessions[%d].speeches[%d].speaker_id", i, j), Key: KeyUnpublishedSpeaker})
			}
		}
	}
	return out, nil
}

// Submit asks for the publication of subj's current draft version on
// behalf of actor. It counts as the approval of each of actor's partners
// that is an approver; it is refused with ErrNotApprover when none is, and
// with FieldErrors (KeyMissingLanguage, per field and language) while a
// language the subject promises (Languages) is missing from a field that
// has a value, and (KeyUnpublishedSpeaker) while a programme names a
// speaker the public does not see. When the actor's approval is the last one needed, the draft
// is published (or scheduled) in tx.
func Submit(ctx context.Context, tx *store.Tx, subj Subject, actor Actor) (*Draft, error) {
	d, err := loadDraft(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	if d.Draft == nil {
		return nil, fmt.Errorf("submit %s: no draft: %w", subj, ErrNotFound)
	}
	if d.State != Editing && d.State != Returned {
		return nil, fmt.Errorf("submit %s: draft is %s: %w", subj, d.State, ErrState)
	}
	langs, err := Languages(ctx, tx, subj, d.Content)
	if err != nil {
		return nil, err
	}
	missing := Missing(d.Content, langs)
	hidden, err := UnpublishedSpeakers(ctx, tx, d.Content)
	if err != nil {
		return nil, err
	}
	if missing = append(missing, hidden...); len(missing) > 0 {
		return nil, fmt.Errorf("submit %s: %w", subj, missing)
	}
	approverIDs, err := approvers(ctx, tx, subj, d.Draft)
	if err != nil {
		return nil, err
	}
	var mine []int64
	for _, id := range approverIDs {
		if slices.Contains(actor.PartnerIDs, id) {
			mine = append(mine, id)
		}
	}
	if len(mine) == 0 {
		return nil, fmt.Errorf("submit %s: none of the actor's partners %v is among the approvers %v: %w", subj, actor.PartnerIDs, approverIDs, ErrNotApprover)
	}
	before := stateOf(d.Draft)
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `UPDATE drafts SET state = ?, comment = '', submitted_by = ?, submitted_by_name = ?, updated_at = ? WHERE id = ?`,
		Submitted, actor.AccountID, actor.Name, now, d.id); err != nil {
		return nil, fmt.Errorf("submit %s: %w", subj, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM draft_approvers WHERE draft_id = ?`, d.id); err != nil {
		return nil, fmt.Errorf("submit %s: %w", subj, err)
	}
	d.Approvals = nil
	for i, id := range approverIDs {
		a := Approval{PartnerID: id}
		if slices.Contains(mine, id) {
			a = Approval{PartnerID: id, AccountID: actor.AccountID, Name: actor.Name, At: now}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO draft_approvers (draft_id, version, partner_id, position, approved_by, approved_by_name, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			d.id, d.Version, id, i, nullID(a.AccountID), a.Name, nullTime(a.At)); err != nil {
			return nil, fmt.Errorf("submit %s: approver %d: %w", subj, id, err)
		}
		d.Approvals = append(d.Approvals, a)
	}
	d.State, d.Comment, d.SubmittedBy, d.SubmittedByName, d.UpdatedAt = Submitted, "", actor.AccountID, actor.Name, now
	if err := record(ctx, tx, actor, mine[0], "approval.submit", subj, before, stateOf(d.Draft), ""); err != nil {
		return nil, err
	}
	return d.Draft, publishIfApproved(ctx, tx, d, actor, now)
}

// decide loads the draft for an approver's decision on version and checks
// that it may be taken: the version is current (else ErrStale), the draft
// is submitted (ErrState), actor acts for partnerID and the partner is one
// of the version's approvers (ErrNotApprover).
func decide(ctx context.Context, tx *store.Tx, subj Subject, version int, actor Actor, partnerID int64) (draftRow, error) {
	d, err := loadDraft(ctx, tx, subj)
	if err != nil {
		return d, err
	}
	switch {
	case d.Draft == nil:
		return d, fmt.Errorf("%s: no draft: %w", subj, ErrNotFound)
	case d.Version != version:
		return d, fmt.Errorf("%s: version %d, the draft is at %d: %w", subj, version, d.Version, ErrStale)
	case d.State != Submitted:
		return d, fmt.Errorf("%s: draft is %s: %w", subj, d.State, ErrState)
	case !slices.Contains(actor.PartnerIDs, partnerID) || !slices.ContainsFunc(d.Approvals, func(a Approval) bool { return a.PartnerID == partnerID }):
		return d, fmt.Errorf("%s: partner %d: %w", subj, partnerID, ErrNotApprover)
	}
	return d, nil
}

// Approve records partnerID's approval, given by actor, of version of
// subj's draft. It is refused with ErrStale when version is not the
// draft's current one, ErrState when the draft is not submitted, and
// ErrNotApprover when the partner is not an approver or actor does not
// act for it. Approving twice changes nothing. The last approval needed
// publishes the draft (or schedules it) in tx; it is refused with
// FieldErrors (KeyUnpublishedSpeaker) when a programme's speaker is no
// longer published since the draft was submitted.
func Approve(ctx context.Context, tx *store.Tx, subj Subject, version int, actor Actor, partnerID int64) (*Draft, error) {
	d, err := decide(ctx, tx, subj, version, actor, partnerID)
	if err != nil {
		return nil, fmt.Errorf("approve %w", err)
	}
	i := slices.IndexFunc(d.Approvals, func(a Approval) bool { return a.PartnerID == partnerID })
	if !d.Approvals[i].At.IsZero() {
		return d.Draft, nil
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `UPDATE draft_approvers SET approved_by = ?, approved_by_name = ?, approved_at = ? WHERE draft_id = ? AND version = ? AND partner_id = ?`,
		actor.AccountID, actor.Name, now, d.id, d.Version, partnerID); err != nil {
		return nil, fmt.Errorf("approve %s: %w", subj, err)
	}
	d.Approvals[i] = Approval{PartnerID: partnerID, AccountID: actor.AccountID, Name: actor.Name, At: now}
	if err := record(ctx, tx, actor, partnerID, "approval.approve", subj, stateOf(d.Draft), stateOf(d.Draft), ""); err != nil {
		return nil, err
	}
	return d.Draft, publishIfApproved(ctx, tx, d, actor, now)
}

// Return sends version of subj's draft back to its authors with comment
// (required), on behalf of partnerID; the same checks as Approve apply.
// The draft's state becomes Returned, its approvals no longer count.
func Return(ctx context.Context, tx *store.Tx, subj Subject, version int, actor Actor, partnerID int64, comment string) (*Draft, error) {
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return nil, fmt.Errorf("return %s: %w", subj, FieldErrors{{Field: "comment", Key: KeyCommentRequired}})
	}
	if err := lang.CheckPlain(strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(comment)); err != nil {
		return nil, fmt.Errorf("return %s: comment: %w: %w", subj, ErrInvalid, err)
	}
	d, err := decide(ctx, tx, subj, version, actor, partnerID)
	if err != nil {
		return nil, fmt.Errorf("return %w", err)
	}
	before := stateOf(d.Draft)
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `UPDATE drafts SET state = ?, comment = ?, returned_by_name = ?, returned_for = ?, updated_at = ? WHERE id = ?`,
		Returned, comment, actor.Name, partnerID, now, d.id); err != nil {
		return nil, fmt.Errorf("return %s: %w", subj, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM draft_approvers WHERE draft_id = ?`, d.id); err != nil {
		return nil, fmt.Errorf("return %s: %w", subj, err)
	}
	d.State, d.Comment, d.UpdatedAt, d.Approvals = Returned, comment, now, nil
	d.ReturnedByName, d.ReturnedFor = actor.Name, partnerID
	return d.Draft, record(ctx, tx, actor, partnerID, "approval.return", subj, before, stateOf(d.Draft), comment)
}

// publishIfApproved publishes d when every approver has approved its
// version, or marks it Scheduled when its PublishAt is still to come.
func publishIfApproved(ctx context.Context, tx *store.Tx, d draftRow, actor Actor, now time.Time) error {
	if !d.Approved() {
		return nil
	}
	hidden, err := UnpublishedSpeakers(ctx, tx, d.Content)
	if err != nil {
		return err
	}
	if len(hidden) > 0 {
		return fmt.Errorf("publish %s: %w", d.Subject, hidden)
	}
	if d.PublishAt.After(now) {
		before := stateOf(d.Draft)
		if _, err := tx.Exec(ctx, `UPDATE drafts SET state = ?, updated_at = ? WHERE id = ?`, Scheduled, now, d.id); err != nil {
			return fmt.Errorf("schedule %s: %w", d.Subject, err)
		}
		d.State = Scheduled
		return record(ctx, tx, actor, 0, "approval.schedule", d.Subject, before, stateOf(d.Draft), "")
	}
	return publish(ctx, tx, d, actor, now)
}

// publication is one approver's approval as the publications table keeps
// it.
type publication struct {
	PartnerID int64     `json:"partner_id"`
	AccountID int64     `json:"account_id"`
	Name      string    `json:"name"`
	At        time.Time `json:"at"`
}

// publish applies d to the live tables with the forum package's Update
// functions, makes the subject public, drops the draft and records the
// publication; the event carries the content before and after.
func publish(ctx context.Context, tx *store.Tx, d draftRow, actor Actor, now time.Time) error {
	before, _, err := live(ctx, tx, d.Subject)
	if err != nil {
		return fmt.Errorf("publish %s: %w", d.Subject, err)
	}
	if err := apply(ctx, tx, d.Content); err != nil {
		return fmt.Errorf("publish %s: %w", d.Subject, err)
	}
	var approvals []publication
	for _, a := range d.Approvals {
		approvals = append(approvals, publication{PartnerID: a.PartnerID, AccountID: a.AccountID, Name: a.Name, At: a.At})
	}
	b, err := json.Marshal(approvals)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO publications (subject_kind, subject_id, version, published_at, approvers) VALUES (?, ?, ?, ?, ?)`,
		d.Subject.Kind, d.Subject.ID, d.Version, now, string(b)); err != nil {
		return fmt.Errorf("publish %s: %w", d.Subject, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM drafts WHERE id = ?`, d.id); err != nil {
		return fmt.Errorf("publish %s: %w", d.Subject, err)
	}
	return eventlog.Append(ctx, tx, &eventlog.Event{
		ActorID: actor.AccountID, ActorName: actor.Name, Action: "approval.publish", Subject: d.Subject.String(),
		Before: eventlog.State(before), After: eventlog.State(d.Content), Note: fmt.Sprintf("version %d", d.Version), ClientAddr: actor.ClientAddr,
	})
}

// apply writes content to the live tables with the forum package's Update
// functions and makes it public.
func apply(ctx context.Context, tx *store.Tx, content any) error {
	var err error
	switch c := content.(type) {
	case *forum.Forum:
		err = forum.UpdateForum(ctx, tx, c)
		if err == nil {
			err = forum.SetPublished(ctx, tx, forum.ForumsTable, c.ID, true)
		}
	case *forum.Programme:
		err = forum.ReplaceProgramme(ctx, tx, c)
	case *forum.NewsPost:
		err = forum.UpdateNews(ctx, tx, c)
		if err == nil {
			err = forum.SetPublished(ctx, tx, forum.NewsTable, c.ID, true)
		}
	case *forum.Partner:
		err = forum.UpdatePartner(ctx, tx, c)
		if err == nil {
			err = forum.SetPublished(ctx, tx, forum.PartnersTable, c.ID, true)
		}
	case *forum.Person:
		err = forum.UpdatePerson(ctx, tx, c)
		if err == nil {
			err = forum.SetPublished(ctx, tx, forum.PeopleTable, c.ID, true)
		}
	default:
		err = fmt.Errorf("content of type %T", content)
	}
	return err
}

// Apply does to the live tables, in tx, what publishing subj's draft would
// do, and records nothing: the draft's content is written and the subject
// made public, and for a programme or a news post the forum it belongs to
// too, so that a preview shows them before their forum is out. With no
// draft, the live
// content is only made public. It returns the draft, or the live content
// as version 0, as Load does. It is for a preview, which renders the
// public page in tx and then rolls tx back; it must not be committed.
func Apply(ctx context.Context, tx *store.Tx, subj Subject) (*Draft, error) {
	d, err := Load(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	if err := apply(ctx, tx, d.Content); err != nil {
		return nil, fmt.Errorf("apply %s: %w", subj, err)
	}
	forumID := int64(0)
	switch c := d.Content.(type) {
	case *forum.Programme:
		forumID = subj.ID
	case *forum.NewsPost:
		forumID = c.ForumID
	}
	if forumID != 0 {
		if err := forum.SetPublished(ctx, tx, forum.ForumsTable, forumID, true); err != nil {
			return nil, fmt.Errorf("apply %s: %w", subj, err)
		}
	}
	return d, nil
}

// PublishDue publishes every scheduled draft whose publish-at time is not
// after now, and returns their subjects. A job that runs it again, or two
// workers at once, publish nothing twice: a published draft is gone, and on
// PostgreSQL the rows are locked as they are taken.
func PublishDue(ctx context.Context, tx *store.Tx, now time.Time) ([]Subject, error) {
	query := `SELECT ` + draftColumns + ` FROM drafts d WHERE d.state = ? ORDER BY d.publish_at, d.id`
	if tx.Dialect() == store.Postgres {
		query += ` FOR UPDATE SKIP LOCKED`
	}
	due, err := store.All(ctx, tx, scanDraft, query, Scheduled)
	if err != nil {
		return nil, fmt.Errorf("publish due: %w", err)
	}
	var out []Subject
	for _, d := range due {
		if d.PublishAt.After(now) {
			continue
		}
		full, err := loadDraft(ctx, tx, d.Subject)
		if err != nil {
			return out, err
		}
		// A programme whose speaker was unpublished since it was approved
		// waits, scheduled, until the person is published again.
		if hidden, err := UnpublishedSpeakers(ctx, tx, full.Content); err != nil || len(hidden) > 0 {
			if err != nil {
				return out, err
			}
			continue
		}
		if err := publish(ctx, tx, full, Actor{Name: "scheduled publication"}, now.UTC()); err != nil {
			return out, err
		}
		out = append(out, d.Subject)
	}
	return out, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
