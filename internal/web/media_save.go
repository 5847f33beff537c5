package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// mediaSave answers POST /office/media/{id}: it replaces the image's alt
// text, caption, credit and rights. They are the library's: the defaults
// a news post starts from when it takes the image, which no published page
// shows, so they need no approval. Only the editors and organisers of the
// partner that owns the image (of any partner for an image of none) and
// admins may; for the others, who see the image, it is forbidden.
func (s *Server) mediaSave(w http.ResponseWriter, rq *officeRequest) error {
	im, err := s.routeImage(rq, true)
	if err != nil {
		return err
	}
	id := im.ID
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	f := newForm(rq.T, up.values)
	meta := readMediaMeta(f)
	if !f.ok() {
		return s.renderMediaMeta(w, rq, formStatus(up, nil), &mediaMetaPage{Form: f, Image: im, Action: officePrefix + "/media/" + itoa(id)})
	}
	before := media.Meta{Alt: im.Alt, Caption: im.Caption, Credit: im.Credit}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := media.UpdateMeta(ctx, tx, id, meta); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "media.edit", "media:"+itoa(id), clientAddr(rq.Request), metaTexts(before), metaTexts(meta))
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.saved")
	return seeOther(w, rq.Request, officePrefix+"/media/"+itoa(id))
}
