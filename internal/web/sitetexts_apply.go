package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// siteTextsApply answers POST /office/forums/{id}/texts/{tr}/apply: it
// writes the confirmed translations of the site translation tr that their
// drafts do not have yet into them (those translated elsewhere than in the
// workbench: an XLIFF upload). With text=… and force=1 it writes that
// text's translation over a draft whose value changed meanwhile: the
// translator's choice, after seeing both. Each draft changed goes to the
// hosts' approval as any other edit.
func (s *Server) siteTextsApply(w http.ResponseWriter, rq *officeRequest) error {
	f, hosts, err := s.siteTextsForum(rq)
	if err != nil {
		return err
	}
	if !rq.Account.Admin {
		if err := rq.must(account.SubjectTranslation, account.Edit, hosts...); err != nil {
			return err
		}
	}
	trID, err := pathID(rq, "tr")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	tr, err := translate.Get(ctx, s.db, trID)
	if err != nil {
		return err
	}
	if tr.OwnerKind != sitetext.OwnerKind || tr.OwnerID != f.ID {
		return fmt.Errorf("translation %d of forum %d's texts: %w", trID, f.ID, errkind.NotFound)
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("form: %v", err)
	}
	var ids []string
	force := false
	if text := rq.PostForm.Get("text"); text != "" {
		ids, force = []string{text}, rq.PostForm.Get("force") == "1"
	}
	written := 0
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		fs, err := sitetext.WriteBack(ctx, tx, s.revisions(), tr, ids, force, rq.actor())
		if err != nil {
			return err
		}
		for _, fd := range fs {
			if fd.Written {
				written++
			}
		}
		return nil
	})
	if errors.Is(err, approval.ErrInvalid) {
		return s.renderSiteTexts(w, rq, http.StatusUnprocessableEntity, f, hosts, "sitetexts.notice.invalid", "", "")
	}
	if err != nil {
		return err
	}
	s.flashN(ctx, "sitetexts.applied", written)
	return seeOther(w, rq.Request, siteTextsURL(f.ID))
}
