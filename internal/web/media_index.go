package web

import (
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/media"
)

// mediaLibrary is the library's page: a page of images, newest first, each
// with the state of its texts per language, and the upload form.
type mediaLibrary struct {
	Tiles      []mediaTile
	Page       int
	Pages      int
	Prev, Next int
	Upload     *mediaMetaPage
	CanUpload  bool
}

// selfRefresh makes the library reload itself while a renditions job of
// the page is queued or working.
func (lib *mediaLibrary) selfRefresh() bool {
	for _, t := range lib.Tiles {
		if refreshing(t.Job) {
			return true
		}
	}
	return false
}

// mediaIndex answers GET /office/media?page=N: the media library. Images
// belong to every partner: any account that may see media at one of its
// partners sees them all.
func (s *Server) mediaIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectMedia, account.View); err != nil {
		return err
	}
	page, err := pageNumber(rq.URL.Query())
	if err != nil {
		return err
	}
	f := newForm(rq.T, url.Values{"alt.src": {rq.Lang}, "caption.src": {rq.Lang}, "credit.src": {rq.Lang}})
	return s.renderMediaLibrary(w, rq, http.StatusOK, page, &mediaMetaPage{Form: f, Action: officePrefix + "/media"})
}

// renderMediaLibrary writes page n of the library with the upload form up.
func (s *Server) renderMediaLibrary(w http.ResponseWriter, rq *officeRequest, status, n int, up *mediaMetaPage) error {
	ims, total, err := media.List(rq.Context(), s.db, mediaPerPage, (n-1)*mediaPerPage)
	if err != nil {
		return err
	}
	pages := max(1, (total+mediaPerPage-1)/mediaPerPage)
	if n > pages {
		return errkind.NotFound
	}
	lib := &mediaLibrary{Page: n, Pages: pages, Prev: n - 1, Upload: up, CanUpload: rq.can(account.SubjectMedia, account.Create)}
	if up.owners == nil {
		partners, err := s.forums.WithDrafts().Partners(rq.Context())
		if err != nil {
			return err
		}
		up.withOwners(rq, partners)
	}
	if n < pages {
		lib.Next = n + 1
	}
	ids := make([]int64, len(ims))
	for i, im := range ims {
		ids[i] = im.ID
	}
	running, err := media.RenditionJobs(rq.Context(), s.db, ids)
	if err != nil {
		return err
	}
	for _, im := range ims {
		tile := newMediaTile(rq.T, rq.Lang, im)
		job, ok := running[im.ID]
		tile.Job = newRenditionsView(rq, im, job, ok, officePrefix+"/media?page="+itoa(int64(n)))
		lib.Tiles = append(lib.Tiles, tile)
	}
	up.fill(rq.T)
	return s.officeRenderStatus(w, rq, status, "media", "media", rq.T.T("office.nav.media"), lib)
}
