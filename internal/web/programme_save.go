package web

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// programmeSave answers POST /office/forums/{id}/programme: it saves the
// form as the next version of the programme's draft, sessions and
// speeches in the order of their position numbers, blank rows left out
// and rows marked remove dropped. Times are read in the forum's zone and
// must fall within its dates. A form loaded from an older version than
// the draft's current one is refused with 409, what was typed kept.
func (s *Server) programmeSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := pathID(rq, "id")
	if err != nil {
		return err
	}
	f, hosts, err := s.programmeForum(rq, id, account.Edit)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("programme form: %v", err)
	}
	version, err := formVersion(rq.PostForm)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	subj := approval.Subject{Kind: approval.KindProgramme, ID: id}
	current, err := approval.Load(ctx, s.db, subj)
	if err != nil {
		return err
	}
	posted := rq.PostForm
	if rq.textsOnly(hosts) {
		// A translator writes the texts; the programme's times, items and
		// their order stay as the draft has them, whatever the form says.
		stored := programmeValues(current.Content.(*forum.Programme), f.Location(), version)
		posted = mergeTexts(stored, posted, func(field string) bool {
			m := programmeText.FindStringSubmatch(field)
			return m != nil && stored.Get(m[1]+"id") != ""
		})
		posted.Set("version", strconv.Itoa(version))
	}
	fm := newForm(rq.T, posted)
	people, err := s.forums.WithDrafts().People(ctx)
	if err != nil {
		return err
	}
	people = speakerChoices(rq, people, current.Content.(*forum.Programme))
	p, rows, err := readProgramme(fm, current.Content.(*forum.Programme), newForumTime(rq.T, f), programmeLangs(f), people)
	if current.Version != version {
		if err != nil {
			// The form names items that the newer version removed: it
			// cannot be saved over it.
			return s.renderProgramme(w, rq, http.StatusConflict, f, hosts, fm, current, rq.T.T("office.forum.stale.items", current.AuthorName, strconv.Itoa(current.Version)))
		}
		return s.renderProgramme(w, rq, http.StatusConflict, f, hosts, fm, current, staleMessage(rq, fm, current, p))
	}
	if err != nil {
		return err
	}
	var withdrawn bool
	if fm.ok() {
		err = s.db.Transact(ctx, func(tx *store.Tx) error {
			var err error
			current, withdrawn, err = saveDraft(ctx, tx, subj, version, p, rq.actor())
			return err
		})
	}
	var fes approval.FieldErrors
	switch {
	case errors.Is(err, errFormStale):
		return s.renderProgramme(w, rq, http.StatusConflict, f, hosts, fm, current, staleMessage(rq, fm, current, p))
	case errors.As(err, &fes):
		failFields(fm, fes, rows.field)
	case err != nil:
		return err
	}
	if !fm.ok() {
		return s.renderProgramme(w, rq, http.StatusUnprocessableEntity, f, hosts, fm, current, "")
	}
	s.flash(ctx, savedFlash("office.forum.programme.saved", withdrawn))
	return seeOther(w, rq.Request, officePrefix+"/forums/"+strconv.FormatInt(id, 10)+"/programme")
}

// programmeText matches a multilingual field of an item of the programme
// form ("s1.title", "s1.p0.summary"); the first group is its row's prefix.
var programmeText = regexp.MustCompile(`^(s\d+\.(?:p\d+\.)?)(title|room|summary)$`)

// staleMessage says that the draft d was saved since the form fm was
// loaded, by whom, as which version, and where typed (what fm reads as)
// differs from it; it sets fm's version to d's, so that saving the kept
// text again is a choice made knowing it.
func staleMessage(rq *officeRequest, fm *form, d *approval.Draft, typed any) string {
	fm.values.Set("version", strconv.Itoa(d.Version))
	return staleNotice(rq, d, typed)
}
