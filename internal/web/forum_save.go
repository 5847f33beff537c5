package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// checkProgrammeFits refuses a change of the forum's zone, dates or
// hours that would leave a session or speech of its programme (as drafted)
// outside the forum: the programme's times are instants, which a new zone
// does not move, so the forum's clock times in a new zone may no longer
// hold them. The message goes to the zone field when the zone changed,
// else to the start or end; the user changes the programme first.
//
// With move (the form's "move_programme"), a change of zone moves the
// programme with the forum instead: every session and speech keeps its
// clock time in the new zone, and the programme's draft so moved is
// returned, for the caller to save with the forum's (nil when nothing
// moves).
func checkProgrammeFits(ctx context.Context, tx *store.Tx, fm *form, subj approval.Subject, f *forum.Forum, move bool) (*forum.Programme, error) {
	if f.StartsAt.IsZero() || f.EndsAt.IsZero() {
		return nil, nil
	}
	fd, err := approval.Load(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	pd, err := approval.Load(ctx, tx, approval.Subject{Kind: approval.KindProgramme, ID: subj.ID})
	if err != nil {
		return nil, err
	}
	p, _ := pd.Content.(*forum.Programme)
	if p == nil {
		return nil, nil
	}
	was, _ := fd.Content.(*forum.Forum)
	var moved *forum.Programme
	if move && was != nil && was.TimeZone != f.TimeZone && len(p.Sessions) > 0 {
		p = moveProgramme(p, was.Location(), f.Location())
		moved = p
	}
	var before, after bool
	for _, ss := range p.Sessions {
		before = before || ss.StartsAt.Before(f.StartsAt)
		after = after || ss.EndsAt.After(f.EndsAt)
		for _, sp := range ss.Speeches {
			before = before || sp.StartsAt.Before(f.StartsAt)
			after = after || sp.EndsAt.After(f.EndsAt)
		}
	}
	if !before && !after {
		return moved, nil
	}
	switch {
	case was != nil && was.TimeZone != f.TimeZone:
		fm.fail("timezone", "office.forum.zone.programme")
	case before:
		fm.fail("starts", "office.forum.programme.outsideforum")
	default:
		fm.fail("ends", "office.forum.programme.outsideforum")
	}
	return nil, nil
}

// moveProgramme returns p with every time moved from zone from to zone to
// at the same clock time: 10:00 in Moscow becomes 10:00 in Shanghai.
func moveProgramme(p *forum.Programme, from, to *time.Location) *forum.Programme {
	at := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		c := t.In(from)
		return time.Date(c.Year(), c.Month(), c.Day(), c.Hour(), c.Minute(), c.Second(), c.Nanosecond(), to).UTC()
	}
	out := &forum.Programme{ForumID: p.ForumID}
	for _, ss := range p.Sessions {
		s := *ss
		s.StartsAt, s.EndsAt = at(ss.StartsAt), at(ss.EndsAt)
		s.Speeches = nil
		for _, sp := range ss.Speeches {
			x := *sp
			x.StartsAt, x.EndsAt = at(sp.StartsAt), at(sp.EndsAt)
			s.Speeches = append(s.Speeches, &x)
		}
		out.Sessions = append(out.Sessions, &s)
	}
	return out
}

// forumSave answers POST /office/forums/{id}: it saves the form as the
// next version of the forum's draft; the public sees nothing of it until
// every host approves. A form loaded from an older version than the
// draft's current one is refused with 409, what was typed kept, so that
// nobody overwrites a change they have not seen.
func (s *Server) forumSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := pathID(rq, "id")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	live, hosts, err := s.forumHosts(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectForum, account.Edit, hosts...); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("forum form: %v", err)
	}
	version, err := formVersion(rq.PostForm)
	if err != nil {
		return err
	}
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	subj := approval.Subject{Kind: approval.KindForum, ID: id}
	posted := rq.PostForm
	if rq.textsOnly(hosts) {
		// A translator writes the texts; every other field stays as the
		// draft has it, whatever the form says.
		d, err := approval.Load(ctx, s.db, subj)
		if err != nil {
			return err
		}
		posted = mergeTexts(forumValues(d.Content.(*forum.Forum), version), posted, func(field string) bool {
			return slices.ContainsFunc(forumTexts, func(t forumText) bool { return t.name == field })
		})
		posted.Set("version", strconv.Itoa(version))
	}
	fm := newForm(rq.T, posted)
	f := &forum.Forum{ID: id, Published: live.Published}
	readForum(fm, f, partners)
	var current *approval.Draft
	var withdrawn bool
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := rq.checkForum(ctx, tx, fm, f, account.Edit); err != nil || !fm.ok() {
			return err
		}
		moved, err := checkProgrammeFits(ctx, tx, fm, subj, f, fm.values.Get("move_programme") != "")
		if err != nil || !fm.ok() {
			return err
		}
		if current, withdrawn, err = saveDraft(ctx, tx, subj, version, f, rq.actor()); err != nil || moved == nil {
			return err
		}
		// The programme moved with the forum's zone: its draft too, for
		// the hosts to approve with the forum's.
		_, err = approval.Save(ctx, tx, approval.Subject{Kind: approval.KindProgramme, ID: id}, moved, rq.actor())
		return err
	})
	var fes approval.FieldErrors
	switch {
	case errors.Is(err, errFormStale):
		return s.renderForum(w, rq, http.StatusConflict, live, fm, current, staleMessage(rq, fm, current, f))
	case errors.As(err, &fes):
		failFields(fm, fes, func(path string) string { return path })
	case err != nil:
		return err
	}
	if !fm.ok() {
		d, err := approval.Load(ctx, s.db, subj)
		if err != nil {
			return err
		}
		return s.renderForum(w, rq, http.StatusUnprocessableEntity, live, fm, d, "")
	}
	s.flash(ctx, savedFlash("office.forum.saved", withdrawn))
	return seeOther(w, rq.Request, officePrefix+"/forums/"+strconv.FormatInt(id, 10))
}
