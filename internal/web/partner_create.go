package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// partnerCreate answers POST /office/partners/new: it records a new
// partner, unpublished, with the form as its first draft, and goes on to
// its edit page. Only an admin adds partners (the route is for admins).
func (s *Server) partnerCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectPartner, account.Create); err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	f := newForm(rq.T, up.values)
	f.values.Set("version", "0")
	p := &forum.Partner{}
	if p.Slug, err = readSlug(ctx, f, s.partnerSlugTaken); err != nil {
		return err
	}
	readPartner(f, p)
	logoID, logo, err := s.readImage(ctx, rq, f, up, "logo")
	if err != nil {
		return err
	}
	pg := &partnerPage{Form: f, New: true, Action: officePrefix + "/partners/new"}
	if !f.ok() {
		return s.renderPartner(w, rq, formStatus(up, nil), pg)
	}
	p.LogoID = logoID
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if logo != nil {
			if p.LogoID, err = s.storeImage(ctx, tx, f, "logo.file", logo, media.Meta{Alt: p.Name}, rq.uploadPartner(nil)); err != nil {
				return err
			}
		}
		d, err = approval.Create(ctx, tx, approval.KindPartner, p, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) {
		return s.renderPartner(w, rq, formStatus(up, err), pg)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.created")
	return seeOther(w, rq.Request, officePrefix+"/partners/"+strconv.FormatInt(d.Subject.ID, 10))
}
