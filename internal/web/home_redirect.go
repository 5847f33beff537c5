package web

import "net/http"

// homeRedirect answers the bare prefix of language l (/en) by sending the
// reader, query kept, to the home page, whose address has a trailing slash
// (/en/).
func homeRedirect(l string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := "/" + l + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	})
}
