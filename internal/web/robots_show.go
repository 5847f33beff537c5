package web

import "net/http"

// robotsShow serves /robots.txt: every page may be crawled, and the sitemap is
// at the site's public address.
func (s *Server) robotsShow(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write([]byte("User-agent: *\nAllow: /\n\nSitemap: " + s.abs("/sitemap.xml") + "\n"))
}
