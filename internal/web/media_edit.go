package web

import (
	"fmt"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/media"
)

// mediaEdit answers GET /office/media/{id}: the image with the form of
// its alt text, caption and credit per language, the defaults of its new
// uses. Every team sees every image; the form is for the editors and
// organisers of the partner that owns it (of any partner for an image of
// none) and admins, and the others read the texts with no form.
func (s *Server) mediaEdit(w http.ResponseWriter, rq *officeRequest) error {
	im, err := s.routeImage(rq, false)
	if err != nil {
		return err
	}
	pg := &mediaMetaPage{Form: newForm(rq.T, mediaValues(im)), Image: im, Action: officePrefix + "/media/" + itoa(im.ID),
		ReadOnly: !rq.mayEditImage(im)}
	return s.renderMediaMeta(w, rq, http.StatusOK, pg)
}

// routeImage returns the image the route's {id} names, for an account
// that may see the library: 404 for an image that does not exist, and
// when edit is true 403 for an account that may not change it.
func (s *Server) routeImage(rq *officeRequest, edit bool) (*media.Image, error) {
	id, err := idParam(rq)
	if err != nil {
		return nil, err
	}
	if err := rq.must(account.SubjectMedia, account.View); err != nil {
		return nil, err
	}
	im, err := s.mediaImage(rq, id)
	if err != nil {
		return nil, err
	}
	if edit && !rq.mayEditImage(im) {
		return nil, fmt.Errorf("change image %d of partner %d: %w", id, im.PartnerID, errkind.Forbidden)
	}
	return im, nil
}

// mediaImage returns the image id of the library, or a not-found error.
func (s *Server) mediaImage(rq *officeRequest, id int64) (*media.Image, error) {
	got, err := media.Load(rq.Context(), s.db, []int64{id})
	if err != nil {
		return nil, err
	}
	if got[id] == nil {
		return nil, fmt.Errorf("image %d: %w", id, errkind.NotFound)
	}
	return got[id], nil
}

// renderMediaMeta writes the form of an image's texts with status, and
// the partner that owns it.
func (s *Server) renderMediaMeta(w http.ResponseWriter, rq *officeRequest, status int, pg *mediaMetaPage) error {
	if id := pg.Image.PartnerID; id != 0 {
		p, err := s.forums.WithDrafts().PartnerByID(rq.Context(), id)
		if err != nil {
			return err
		}
		pg.Owner, _ = p.Name.In(rq.Lang)
	}
	pg.fill(rq.T)
	id := pg.Image.ID
	running, err := media.RenditionJobs(rq.Context(), s.db, []int64{id})
	if err != nil {
		return err
	}
	job, ok := running[id]
	pg.Job = newRenditionsView(rq, pg.Image, job, ok, officePrefix+"/media/"+itoa(id))
	if pg.History, err = s.history(rq, "media:"+itoa(id)); err != nil {
		return err
	}
	return s.officeRenderStatus(w, rq, status, "media_form", "media", rq.T.T("office.content.media.edit", itoa(pg.Image.ID)), pg)
}
