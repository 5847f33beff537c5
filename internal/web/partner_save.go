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

// partnerSave answers POST /office/partners/{id}: it saves the form as
// the next version of the partner's draft. A form loaded from a version
// the draft has since moved on from is refused with 409, what was typed
// kept; a form with errors comes back with 422 (413 for a logo too large).
func (s *Server) partnerSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectPartner, account.Edit, id); err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	subj := approval.Subject{Kind: approval.KindPartner, ID: id}
	values := up.values
	textsOnly := rq.textsOnly([]int64{id})
	if textsOnly {
		// A translator writes the names and the description; every other
		// field stays as the draft has it, whatever the form says.
		d, err := approval.Load(ctx, s.db, subj)
		if err != nil {
			return err
		}
		values = mergeTexts(partnerValues(d.Content.(*forum.Partner), d.Version), values, func(field string) bool {
			return field == "name" || field == "short_name" || field == "description"
		})
		values.Set("version", up.values.Get("version"))
	}
	f := newForm(rq.T, values)
	p := &forum.Partner{}
	readPartner(f, p)
	logoID, logo, err := s.readImage(ctx, rq, f, up, "logo")
	if err != nil {
		return err
	}
	if textsOnly {
		logo = nil
	}
	pg := &partnerPage{Form: f, Action: officePrefix + "/partners/" + strconv.FormatInt(id, 10)}
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if d, err = contentCheckVersion(ctx, tx, subj, f); err != nil {
			return err
		}
		if !f.ok() {
			return errFormInvalid
		}
		cur := d.Content.(*forum.Partner)
		p.Slug, p.Published, p.LogoID = cur.Slug, cur.Published, logoID
		if logo != nil {
			if p.LogoID, err = s.storeImage(ctx, tx, f, "logo.file", logo, media.Meta{Alt: p.Name}, rq.uploadPartner([]int64{id})); err != nil {
				return err
			}
		}
		d, err = approval.Save(ctx, tx, subj, p, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) || errors.Is(err, errFormStale) {
		if d == nil {
			return err
		}
		f.values.Set("slug", d.Content.(*forum.Partner).Slug)
		if errors.Is(err, errFormStale) {
			cur := d.Content.(*forum.Partner)
			p.Slug, p.Published, p.LogoID = cur.Slug, cur.Published, logoID
		}
		pg.Message = contentStaleMessage(rq, f, d, err, p)
		pg.Head = newDraftHead(rq, d, account.SubjectPartner, []int64{id})
		return s.renderPartner(w, rq, formStatus(up, err), pg)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.saved")
	return seeOther(w, rq.Request, officePrefix+"/partners/"+strconv.FormatInt(id, 10))
}
