package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// personCreate answers POST /office/people/new: it records a new person,
// unpublished, with the form as their first draft, and goes on to their
// edit page.
func (s *Server) personCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectPerson, account.Create); err != nil {
		return err
	}
	ctx := rq.Context()
	partners, err := s.personPartners(ctx, rq, 0)
	if err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	f := newForm(rq.T, up.values)
	f.values.Set("version", "0")
	p := &forum.Person{}
	if p.Slug, err = readSlug(ctx, f, s.personSlugTaken); err != nil {
		return err
	}
	readPerson(f, p, partnerIDs(partners))
	if err := rq.must(account.SubjectPerson, account.Create, personPartners(p)...); err != nil {
		return err
	}
	photoID, photo, err := s.readImage(ctx, rq, f, up, "photo")
	if err != nil {
		return err
	}
	pg := &personPage{Form: f, New: true, Action: officePrefix + "/people/new"}
	if !f.ok() {
		return s.renderPerson(w, rq, formStatus(up, nil), pg, partners)
	}
	p.PhotoID = photoID
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if photo != nil {
			if p.PhotoID, err = s.storeImage(ctx, tx, f, "photo.file", photo, media.Meta{}, rq.uploadPartner(personPartners(p))); err != nil {
				return err
			}
		}
		d, err = approval.Create(ctx, tx, approval.KindPerson, p, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) {
		return s.renderPerson(w, rq, formStatus(up, err), pg, partners)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.created")
	return seeOther(w, rq.Request, officePrefix+"/people/"+itoa(d.Subject.ID))
}
