package web

import (
	"html/template"
	"net/http"
	"time"
)

// Session keys of a two-factor enrolment in progress: the secret, its
// otpauth URI and when the enrolment page last showed them (Unix
// seconds), so that a reload, another tab, the QR code and a wrong code
// typed again all use the same secret.
const (
	sessTOTPSecret = "totp_secret"
	sessTOTPURI    = "totp_uri"
	sessTOTPAt     = "totp_at"
)

// totpPending is how long an enrolment's secret stays in the session after
// its page was last shown; after that the page asks the account store
// again, which returns the secret still waiting for its first code.
const totpPending = 15 * time.Minute

// totpPage is two-factor sign-in on the account's page: the enrolment (a
// secret to type or scan and the form for the first code) or, once on,
// the form that turns it off.
type totpPage struct {
	Enabled bool
	Secret  string
	URI     template.URL
	// QR is set when the enrolment's QR code is to be shown (it is served
	// at /office/account/totp.png).
	QR       bool
	Required bool // an admin must enrol before anything else
	Form     *form
	Summary  *errorSummary
}

// totpShow answers GET /office/account/totp: with two-factor sign-in off,
// the secret to enrol, the same in every session until it is confirmed;
// with it on, the form that turns it off.
func (s *Server) totpShow(w http.ResponseWriter, rq *officeRequest) error {
	page := &totpPage{Enabled: rq.Account.TOTPEnabled, Form: newForm(rq.T, nil), Required: s.mustEnrol(rq)}
	if !page.Enabled {
		secret, uri, err := s.totpEnrolment(rq, true)
		if err != nil {
			return err
		}
		page.Secret, page.URI, page.QR = secret, template.URL(uri), true
	}
	return s.officeRender(w, rq, "account_totp", "account", rq.T.T("office.team.totp.title"), page)
}

// totpEnrolment returns the secret and otpauth URI of the enrolment in
// progress in this session, and marks it as just shown. When there is
// none, or it was left for totpPending, it makes a new one if fresh is
// set (replacing one not confirmed in the account) and returns empty
// strings otherwise.
func (s *Server) totpEnrolment(rq *officeRequest, fresh bool) (secret, uri string, err error) {
	ctx := rq.Context()
	now := s.now()
	secret, uri = s.sessions.GetString(ctx, sessTOTPSecret), s.sessions.GetString(ctx, sessTOTPURI)
	at := time.Unix(s.sessions.GetInt64(ctx, sessTOTPAt), 0)
	if secret == "" || uri == "" || now.Sub(at) > totpPending {
		if !fresh {
			return "", "", nil
		}
		en, err := s.accounts.GenerateTOTP(ctx, rq.Account)
		if err != nil {
			return "", "", err
		}
		secret, uri = en.Secret, en.URI
		s.sessions.Put(ctx, sessTOTPSecret, secret)
		s.sessions.Put(ctx, sessTOTPURI, uri)
	}
	s.sessions.Put(ctx, sessTOTPAt, now.Unix())
	return secret, uri, nil
}

// endEnrolment forgets the enrolment in progress in this session.
func (s *Server) endEnrolment(rq *officeRequest) {
	for _, k := range []string{sessTOTPSecret, sessTOTPURI, sessTOTPAt} {
		s.sessions.Remove(rq.Context(), k)
	}
}

// now is the time on the account store's clock, which tests move.
func (s *Server) now() time.Time {
	if s.accounts.Now != nil {
		return s.accounts.Now()
	}
	return time.Now()
}

// mustEnrol reports whether the flag that requires two-factor sign-in of
// admins holds the request's account back until it enrols.
func (s *Server) mustEnrol(rq *officeRequest) bool {
	a := rq.Account
	return s.requireAdminTOTP && a != nil && a.Admin && !a.TOTPEnabled
}
