package web

import "net/http"

// assetFile serves an embedded static file by its fingerprinted name; the
// name changes with the content, so browsers may keep it for a year.
func (s *Server) assetFile(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets.files[r.PathValue("name")]
	if !ok {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(a.body)
}
