package web

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/store"
)

// approvalMissingPage lists what a draft lacks before it can be submitted:
// each field and language, with a link to it on the edit page.
type approvalMissingPage struct {
	Title string
	Edit  string
	Items []missingItem
	// Heading and Intro are the message keys of the page's heading and
	// introduction: about languages when only languages are missing.
	Heading, Intro string
}

type missingItem struct {
	Field, Lang, Message, Link string
}

// approvalSubmit answers POST /office/approvals/{kind}/{id}/submit: an
// organiser asks to publish the draft's version that the form names. It
// counts as the approval of the organiser's partners; the organisers of
// the other approvers are told by mail. A version that is no longer the
// draft's is refused with 409; a draft that lacks a language the subject
// promises is answered with the list of what is missing (422).
func (s *Server) approvalSubmit(w http.ResponseWriter, rq *officeRequest) error {
	subj, err := approvalSubject(rq.Request)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("submit form: %v", err)
	}
	ctx := rq.Context()
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		_, _, err := s.loadDecision(ctx, tx, rq, subj, account.Publish)
		if err != nil {
			return err
		}
		if d, err = approval.Submit(ctx, tx, subj, rq.actor()); err != nil {
			return err
		}
		if err := s.mailSubmitted(ctx, tx, d, rq.Account.ID); err != nil {
			return err
		}
		return s.afterDecision(ctx, tx, d)
	})
	return s.afterStep(w, rq, subj, d, err, "office.approval.flash.submitted")
}

// approvalMissing answers a submission (or the approval that would
// publish) refused for missing languages or unpublished speakers with the
// list of them, each linked to its field, status 422.
func (s *Server) approvalMissing(w http.ResponseWriter, rq *officeRequest, subj approval.Subject, missing approval.FieldErrors) error {
	ctx := rq.Context()
	d, err := approval.Load(ctx, s.db, subj)
	if err != nil {
		return err
	}
	title, err := approvalTitle(ctx, s.forums.WithDrafts(), subj, d.Content, rq.Lang)
	if err != nil {
		return err
	}
	p := &approvalMissingPage{Title: title, Edit: approvalEditPath(subj), Heading: "office.approval.missing.title", Intro: "office.approval.missing.intro"}
	for _, m := range missing {
		if m.Lang == "" {
			p.Heading, p.Intro = "office.approval.notready.title", "office.approval.notready.intro"
		}
		it := missingItem{Field: changeFieldName(rq.T, m.Field), Link: p.Edit + "#" + missingAnchor(m.Field, m.Lang)}
		if m.Lang != "" {
			it.Lang = rq.T.T("lang.name." + m.Lang)
			it.Message = rq.T.T(m.Key, it.Lang)
		} else {
			it.Message = rq.T.T(m.Key)
		}
		p.Items = append(p.Items, it)
	}
	return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "approval_missing", "approvals", rq.T.T(p.Heading), p)
}

// programmeItems are the steps of a programme's field paths that the
// programme form names by prefix: sessions[2] is s2, speeches[1] p1.
var programmeItems = regexp.MustCompile(`(sessions|speeches)\[(\d+)\]`)

// missingAnchor returns the id of the form's input of the field at path
// (approval's field path: "theme", "sessions[0].speeches[1].title") in
// language l, or of the field itself when l is "": s0.p1.title.ru on the
// programme form, name.ru.family for a person's names, s0.p1.speaker for a
// speech's speaker_id.
func missingAnchor(path, l string) string {
	if p, ok := strings.CutSuffix(path, ".speaker_id"); ok {
		path = p + ".speaker"
	}
	id := programmeItems.ReplaceAllStringFunc(path, func(step string) string {
		m := programmeItems.FindStringSubmatch(step)
		return map[string]string{"sessions": "s", "speeches": "p"}[m[1]] + m[2]
	})
	if l == "" {
		return id
	}
	if id == "names" {
		return "name." + l + ".family"
	}
	return id + "." + l
}

// afterStep answers a step that asks for publication or approves it, once
// its transaction ended with err: a refusal for missing languages or
// unpublished speakers lists them (approvalMissing), another refusal is
// the workflow's error page, and a step done goes back to the change page
// saying whether d was published, scheduled, or else flash.
func (s *Server) afterStep(w http.ResponseWriter, rq *officeRequest, subj approval.Subject, d *approval.Draft, err error, flash string) error {
	var missing approval.FieldErrors
	if errors.As(err, &missing) {
		return s.approvalMissing(w, rq, subj, missing)
	}
	if err != nil {
		return s.approvalStepError(w, rq, err)
	}
	switch {
	case wasPublished(d):
		flash = "office.approval.flash.published"
	case d.State == approval.Scheduled:
		flash = "office.approval.flash.scheduled"
	}
	s.flash(rq.Context(), flash)
	return seeOther(w, rq.Request, approvalPath(subj))
}
