package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// personSave answers POST /office/people/{id}: it saves the form as the
// next version of the person's draft, refusing with 409 a form loaded
// from a version the draft has moved on from, what was typed kept.
func (s *Server) personSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	subj := approval.Subject{Kind: approval.KindPerson, ID: id}
	d, err := approval.Load(ctx, s.db, subj)
	if err != nil {
		return err
	}
	cur := d.Content.(*forum.Person)
	if err := s.ownPerson(rq, id); err != nil {
		return err
	}
	if err := rq.must(account.SubjectPerson, account.Edit, personPartners(cur)...); err != nil {
		return err
	}
	partners, err := s.personPartners(ctx, rq, cur.PartnerID)
	if err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	values := up.values
	textsOnly := rq.textsOnly(personPartners(cur))
	if textsOnly {
		// A translator writes the names and texts; every other field
		// stays as the draft has it, whatever the form says.
		values = mergeTexts(personValues(cur, d.Version), values, func(field string) bool {
			return field == "name" || strings.HasPrefix(field, "name.") || field == "position" || field == "bio" || field == "affiliation"
		})
		values.Set("version", up.values.Get("version"))
	}
	f := newForm(rq.T, values)
	p := &forum.Person{}
	readPerson(f, p, partnerIDs(partners))
	photoID, photo, err := s.readImage(ctx, rq, f, up, "photo")
	if err != nil {
		return err
	}
	if textsOnly {
		photo = nil
	}
	pg := &personPage{Form: f, Action: officePrefix + "/people/" + itoa(id)}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if d, err = contentCheckVersion(ctx, tx, subj, f); err != nil {
			return err
		}
		if !f.ok() {
			return errFormInvalid
		}
		cur := d.Content.(*forum.Person)
		p.Slug, p.Published, p.PhotoID = cur.Slug, cur.Published, photoID
		if photo != nil {
			if p.PhotoID, err = s.storeImage(ctx, tx, f, "photo.file", photo, media.Meta{}, rq.uploadPartner(personPartners(p))); err != nil {
				return err
			}
		}
		d, err = approval.Save(ctx, tx, subj, p, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) || errors.Is(err, errFormStale) {
		f.values.Set("slug", cur.Slug)
		if errors.Is(err, errFormStale) {
			cur := d.Content.(*forum.Person)
			p.Slug, p.Published, p.PhotoID = cur.Slug, cur.Published, photoID
		}
		pg.Message = contentStaleMessage(rq, f, d, err, p)
		pg.Head = newDraftHead(rq, d, account.SubjectPerson, personPartners(cur))
		return s.renderPerson(w, rq, formStatus(up, err), pg, partners)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.saved")
	return seeOther(w, rq.Request, officePrefix+"/people/"+itoa(id))
}
