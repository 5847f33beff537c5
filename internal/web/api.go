package web

import (
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	uploads "github.com/tandemforum/tandem/internal/upload"
)

// apiRoutes registers what programs (and the office's scripts) use beside
// the pages: the resumable uploads, for a signed-in member or an API
// token. Without an upload service there is none.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	if s.uploads == nil {
		return
	}
	h := s.apiChain(s.uploads.Handler(s.apiCaller))
	mux.Handle(strings.TrimSuffix(uploads.BasePath, "/"), h)
	mux.Handle(uploads.BasePath, h)
}

// apiChain is the office's chain for the API: no-store, the login session
// and cross-origin refusal (a request with a bearer token carries no
// cookie for another site to abuse, and sends no Origin when it comes
// from a program).
func (s *Server) apiChain(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if err := cop.AddTrustedOrigin(s.base.Scheme + "://" + s.base.Host); err != nil {
		panic(err) // the base URL was checked in New
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := s.apiCaller(r)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Language", c.T.Lang())
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(c.T.T("error.forbidden.body") + "\n"))
	}))
	return noStore(s.sessions.LoadAndSave(cop.Handler(next)))
}

// apiCaller finds the account of a request to the API: its bearer token,
// or else its login session; the language is the account's, or the
// reader's for nobody, and the token's account's when a known token is
// refused.
func (s *Server) apiCaller(r *http.Request) (uploads.Caller, error) {
	c := uploads.Caller{T: s.catalog.Printer(readerLanguage(r))}
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			token = "" // an unknown scheme is a token that fails
		}
		acct, err := s.accounts.ByAPIToken(r.Context(), strings.TrimSpace(token))
		if err != nil {
			// A known token that no longer works is refused in its
			// account's language; an unknown one in the reader's.
			if lang := account.RefusalLang(err); lang != "" {
				c.T = s.catalog.Printer(lang)
			}
			return c, err
		}
		c.Account = acct
	} else {
		acct, err := s.signedIn(r)
		if err != nil {
			return c, err
		}
		c.Account, c.Page = acct, acct != nil
	}
	if c.Account != nil {
		c.T = s.catalog.Printer(c.Account.Lang)
	}
	return c, nil
}
