package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionApprove answers POST
// /office/contributions/{id}/languages/{lang}/approve: an organiser of a
// host approves language lang's text, reviewed, for that host (the form's
// partner), for the exact text the page showed (the form's fingerprint).
// A text that changed since is refused with 409 and the page shows the
// new one; the last host's approval makes the language approved and tells
// the editors.
func (s *Server) contributionApprove(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("approve form: %v", err)
	}
	ctx := rq.Context()
	l := rq.PathValue("lang")
	partner, _ := strconv.ParseInt(rq.PostForm.Get("partner"), 10, 64)
	seen := rq.PostForm.Get("fingerprint")
	var a *workAccess
	var done bool
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if a, err = s.loadWork(ctx, tx, rq, id); err != nil {
			return err
		}
		if partner == 0 && len(a.ApproveFor) > 0 {
			partner = a.ApproveFor[0]
		}
		if !slices.Contains(a.ApproveFor, partner) {
			return fmt.Errorf("approve contribution %d for partner %d: %w", id, partner, errkind.Forbidden)
		}
		fp, snap, err := s.currentText(ctx, tx, a.C, l, nil)
		if err != nil {
			return err
		}
		by := worksActor(rq)
		if fp == "" {
			return &works.StateError{From: l, To: string(works.Approved), Key: "works.approval.notext"}
		}
		if err := works.Reconcile(ctx, tx, id, l, fp, by); err != nil {
			return err
		}
		if fp != seen {
			return &works.StateError{From: seen, To: fp, Key: "works.approval.changed"}
		}
		if c, err := works.GetContribution(ctx, tx, id); err != nil {
			return err
		} else {
			a.C = c
		}
		if done, err = works.Approve(ctx, tx, a.C, l, partner, fp, snap, by); err != nil {
			return err
		}
		if done {
			return s.workMail(ctx, tx, rq, a, []works.Party{works.PartyEditor, works.PartyOrganiser}, l, "approved", "")
		}
		return nil
	})
	var se *works.StateError
	if a != nil && errors.As(err, &se) {
		return s.workRefusal(w, rq, a, &workForm{Section: "lang-" + l}, err)
	}
	if err != nil {
		return err
	}
	if done {
		s.flash(ctx, "works.flash.approved")
	} else {
		s.flash(ctx, "works.flash.approval")
	}
	return seeOther(w, rq.Request, manuscriptPath(id)+"#lang-"+l)
}
