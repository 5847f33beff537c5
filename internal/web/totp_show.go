package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
)

// Session keys of a two-factor enrolment in progress: the secret, its
// otpauth URI and its QR code, so that a wrong code can be typed again
// against the same secret.
const (
	sessTOTPSecret = "totp_secret"
	sessTOTPURI    = "totp_uri"
	sessTOTPQR     = "totp_qr"
)

// totpPage is two-factor sign-in on the account's page: the enrolment (a
// secret to type or scan and the form for the first code) or, once on,
// the form that turns it off.
type totpPage struct {
	Enabled bool
	Secret  string
	URI     template.URL
	// QR is the URI as a PNG QR code in a data: URL, or empty.
	QR       template.URL
	Required bool // an admin must enrol before anything else
	Form     *form
	Summary  *teamErrorSummary
}

// totpShow answers GET /office/account/totp: with two-factor sign-in off,
// a new secret to enrol (replacing one not confirmed); with it on, the
// form that turns it off.
func (s *Server) totpShow(w http.ResponseWriter, rq *officeRequest) error {
	page := &totpPage{Enabled: rq.Account.TOTPEnabled, Form: newForm(rq.T, nil), Required: s.mustEnrol(rq)}
	if !page.Enabled {
		en, err := s.accounts.GenerateTOTP(rq.Context(), rq.Account)
		if err != nil {
			return err
		}
		ctx := rq.Context()
		s.sessions.Put(ctx, sessTOTPSecret, en.Secret)
		s.sessions.Put(ctx, sessTOTPURI, en.URI)
		s.sessions.Put(ctx, sessTOTPQR, en.QR)
		page.Secret, page.URI, page.QR = en.Secret, template.URL(en.URI), qrURL(en.QR)
	}
	return s.officeRender(w, rq, "account_totp", "account", rq.T.T("office.team.totp.title"), page)
}

// qrURL returns a PNG as a data: URL for an <img>, or "" for none. The
// bytes are the account package's own rendering, never the user's.
func qrURL(png []byte) template.URL {
	if len(png) == 0 {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}

// mustEnrol reports whether the flag that requires two-factor sign-in of
// admins holds the request's account back until it enrols.
func (s *Server) mustEnrol(rq *officeRequest) bool {
	a := rq.Account
	return s.requireAdminTOTP && a != nil && a.Admin && !a.TOTPEnabled
}
