package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// siteTextsOpen answers POST /office/forums/{id}/texts, for those who
// translate (reviewers follow the link to a pair opened): it reads the
// forum's texts written in the language chosen (from) from the drafts,
// brings their translation into the other (to) up to date with them
// (texts edited since need review) and opens it in the workbench. A pair
// the forum does not have, or a language no text is written in, is
// refused on the page with the choice kept.
func (s *Server) siteTextsOpen(w http.ResponseWriter, rq *officeRequest) error {
	f, hosts, err := s.siteTextsForum(rq)
	if err != nil {
		return err
	}
	if !rq.Account.Admin {
		if err := rq.must(account.SubjectTranslation, account.Edit, hosts...); err != nil {
			return err
		}
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("form: %v", err)
	}
	from, to := rq.PostForm.Get("from"), rq.PostForm.Get("to")
	ctx := rq.Context()
	var mem translate.MemoryWriter
	if s.memory != nil {
		mem = s.memory
	}
	p, err := sitetext.Prepare(ctx, s.db, s.revisions(), mem, f.ID, from, to, rq.actor())
	switch {
	case errors.Is(err, sitetext.ErrPair):
		return s.renderSiteTexts(w, rq, http.StatusUnprocessableEntity, f, hosts, "sitetexts.error.pair", from, to)
	case errors.Is(err, sitetext.ErrNoTexts):
		return s.renderSiteTexts(w, rq, http.StatusUnprocessableEntity, f, hosts, "sitetexts.error.notexts", from, to)
	case err != nil:
		return err
	}
	tr := p.Translation
	if p.Revised {
		err = s.db.Transact(ctx, func(tx *store.Tx) error {
			return appendEvent(ctx, tx, rq.Account, "sitetexts.revise", "translation:"+itoa(tr.ID), clientAddr(rq.Request), nil,
				map[string]any{"forum": f.ID, "revision": tr.Revision, "kept": p.Sync.Kept, "changed": p.Sync.Changed,
					"added": p.Sync.Added, "archived": p.Sync.Archived, "filled": p.Filled})
		})
		if err != nil {
			return err
		}
	}
	switch {
	case p.Sync.Changed > 0 && !p.Sync.Created:
		s.flashN(ctx, "sitetexts.opened.changed", p.Sync.Changed)
	case p.Filled > 0:
		s.flashN(ctx, "sitetexts.opened.filled", p.Filled)
	}
	return seeOther(w, rq.Request, officePrefix+"/translations/"+itoa(tr.ID))
}
