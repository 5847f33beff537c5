package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionSave answers POST /office/contributions/{id}/edit: it saves
// the form over the contribution if no one changed it since the form was
// loaded (else 409, what was typed kept, with the version now stored). An
// author's save changes the title, abstract and keywords alone; the
// original language, the authors and the staff stay as they are, whatever
// the request says. Once a manuscript is uploaded the original language is
// fixed: another one is a field error.
func (s *Server) contributionSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	cur, sc, mine, err := s.contributionScope(ctx, rq, id)
	if err != nil {
		return err
	}
	if err := rq.contributionMust(account.Edit, sc, cur, mine); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("contribution form: %v", err)
	}
	metadataOnly := !rq.can(account.SubjectContribution, account.Edit, sc.Hosts...)
	byID, people, err := s.authorChoices(ctx, rq)
	if err != nil {
		return err
	}
	for _, a := range cur.Authors {
		if byID[a.PersonID] == nil {
			if p, err := s.forums.WithDrafts().PersonByID(ctx, a.PersonID); err == nil {
				byID[p.ID] = p
				people = append(people, p)
			}
		}
	}
	candidates, err := s.staffCandidates(ctx, sc.Hosts)
	if err != nil {
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	version, err := strconv.Atoi(strings.TrimSpace(f.values.Get("version")))
	if err != nil {
		return badRequest("contribution form: version %q", f.values.Get("version"))
	}
	c := &works.Contribution{ID: id, CollectionID: cur.CollectionID}
	langs := contributionLangs(sc.Collection.Languages, cur)
	var newAuthor *forum.Person
	if metadataOnly {
		c.Lang, c.Authors = cur.Lang, cur.Authors
		readContributionTexts(f, c, langs)
	} else {
		newAuthor = readContribution(f, c, langs, byID, candidates)
		if cur.DocumentID != 0 && c.Lang != "" && c.Lang != cur.Lang {
			f.fail("lang", "works.contribution.langfixed")
			f.values.Set("lang", cur.Lang)
		}
	}
	pg := &contributionPage{Form: f, Action: officePrefix + "/contributions/" + itoa(id) + "/edit",
		Back: officePrefix + "/contributions/" + itoa(id), MetadataOnly: metadataOnly, LangFixed: cur.DocumentID != 0, Langs: langs}
	if !f.ok() {
		return s.renderContribution(w, rq, http.StatusUnprocessableEntity, pg, sc, people, candidates)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := addAuthor(rq, tx, c, newAuthor); err != nil {
			return err
		}
		return works.UpdateContribution(ctx, tx, c, version, metadataOnly, rq.worksActor(sc.Hosts))
	})
	if errors.Is(err, works.ErrStale) {
		latest, err := works.GetContribution(ctx, s.db, id)
		if err != nil {
			return err
		}
		f.values.Set("version", strconv.Itoa(latest.Version))
		pg.Message = rq.T.T("works.stale")
		return s.renderContribution(w, rq, http.StatusConflict, pg, sc, people, candidates)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "works.saved")
	return seeOther(w, rq.Request, officePrefix+"/contributions/"+itoa(id))
}
