package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// workbenchOfferTake answers POST /office/translations/{id}/segments/{seg}/offer,
// the button of an XLIFF upload's report beside a conflict: a translator
// takes the uploaded file's text of the segment after all, if the segment
// is still at the version the form names. Then, or when someone changed it
// meanwhile (the file's text stays a suggestion), the workbench opens at
// the segment with a notice that says which.
func (s *Server) workbenchOfferTake(w http.ResponseWriter, rq *officeRequest) error {
	tr, seg, err := s.workbenchSegment(rq)
	if err != nil {
		return err
	}
	canTranslate, canReview, err := s.translationAccess(rq, tr)
	if err != nil {
		return err
	}
	if !canTranslate {
		return fmt.Errorf("take the file's translation of segment %d: %w", seg.ID, errkind.Forbidden)
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("offer form: %v", err)
	}
	version, err := strconv.Atoi(rq.PostForm.Get("version"))
	if err != nil {
		return badRequest("offer form: version %q", rq.PostForm.Get("version"))
	}
	ctx := rq.Context()
	back := fmt.Sprintf("/office/translations/%d#seg-%d", tr.ID, seg.ID)
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		mem, err := s.memoryWriter(ctx, tx, tr)
		if err != nil {
			return err
		}
		after, before, err := translate.TakeOfferIn(ctx, tx, mem, seg.ID, version, canReview, rq.Account.Name)
		if err != nil {
			return err
		}
		// The file's text is a change of the translation as any other.
		if err := s.translationChanged(rq, tx, tr); err != nil {
			return err
		}
		type segState struct {
			Segment int64           `json:"segment"`
			Key     string          `json:"key"`
			State   translate.State `json:"state"`
			Version int             `json:"version"`
		}
		return appendEvent(ctx, tx, rq.Account, "translation.segment.offer", fmt.Sprintf("translation:%d", tr.ID), clientAddr(rq.Request),
			segState{before.ID, before.Key, before.State, before.Version}, segState{after.ID, after.Key, after.State, after.Version})
	})
	var ce *translate.ConflictError
	switch {
	case errors.As(err, &ce):
		s.flash(ctx, "workbench.offer.conflict")
		return seeOther(w, rq.Request, back)
	case errors.Is(err, translate.ErrNoOffer):
		s.flash(ctx, "workbench.offer.gone")
		return seeOther(w, rq.Request, back)
	case err != nil:
		return err
	}
	s.flash(ctx, "workbench.offer.taken")
	return seeOther(w, rq.Request, back)
}
