package web

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"

	"github.com/pquerna/otp"

	"github.com/tandemforum/tandem/internal/errkind"
)

// totpQR answers GET /office/account/totp.png: the QR code of the
// enrolment in progress in this session, a 200×200 PNG made from its
// otpauth URI, served from the site so that its content security policy
// (img-src 'self') lets it show. Like every office response it is never
// stored. Without an enrolment in progress, or with two-factor sign-in
// on, it is 404.
func (s *Server) totpQR(w http.ResponseWriter, rq *officeRequest) error {
	if rq.Account.TOTPEnabled {
		return fmt.Errorf("QR code with two-factor sign-in on: %w", errkind.NotFound)
	}
	_, uri, err := s.totpEnrolment(rq, false)
	if err != nil {
		return err
	}
	if uri == "" {
		return fmt.Errorf("QR code without an enrolment: %w", errkind.NotFound)
	}
	key, err := otp.NewKeyFromURL(uri)
	if err != nil {
		return fmt.Errorf("QR code of the enrolment: %w", err)
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return fmt.Errorf("QR code of the enrolment: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("QR code of the enrolment: %w", err)
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", fmt.Sprint(buf.Len()))
	_, err = w.Write(buf.Bytes())
	return err
}
