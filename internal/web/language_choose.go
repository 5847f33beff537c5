package web

import "net/http"

// languageChoose answers / by sending the reader to the home page in their
// language.
func (s *Server) languageChoose(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept-Language, Cookie")
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/"+readerLanguage(r)+"/", http.StatusFound)
}
