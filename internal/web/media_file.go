package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/media"
)

// mediaFile serves an image or one of its renditions from the blob store.
// Keys name their content, so files may be kept for a year.
func (s *Server) mediaFile(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if blob.ValidKey(key) != nil {
		s.notFound(w, r)
		return
	}
	ct, err := media.ByKey(r.Context(), s.db, key)
	if err != nil {
		if errors.Is(err, media.ErrNotFound) {
			s.notFound(w, r)
		} else {
			s.renderError(w, r, err)
		}
		return
	}
	obj, err := s.blobs.Open(r.Context(), key)
	if err != nil {
		if errors.Is(err, blob.ErrNotFound) {
			s.notFound(w, r)
		} else {
			s.renderError(w, r, err)
		}
		return
	}
	defer obj.Close()
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if ct == "image/svg+xml" {
		// An SVG opened on its own must not run anything.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	}
	http.ServeContent(w, r, "", obj.ModTime, obj)
}
