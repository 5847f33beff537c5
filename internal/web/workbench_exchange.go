package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/translate"
)

// What the exchange pages of a translation share: the translation and what
// the account may do with it, the posted file, and the names of the files
// handed out.

// maxExchangeFile bounds an uploaded XLIFF file or existing translation.
const maxExchangeFile = 20 << 20

// exchangeUpload begins a file upload to the exchange page: the
// translation the route names, which the account must be allowed to
// translate (else 403), the posted file, and the page to answer with.
func (s *Server) exchangeUpload(w http.ResponseWriter, rq *officeRequest) (*translate.Translation, *postedFile, *exchangePage, error) {
	tr, canTranslate, canReview, err := s.exchangeTranslation(rq)
	if err != nil {
		return nil, nil, nil, err
	}
	if !canTranslate {
		return nil, nil, nil, exchangeForbidden(tr)
	}
	pf, err := readPostedFile(w, rq, "file")
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := s.newExchangePage(rq, tr, canTranslate, canReview)
	if err != nil {
		return nil, nil, nil, err
	}
	return tr, pf, p, nil
}

// exchangeTranslation reads the translation the route names and what the
// signed-in account may do with it; one it may not read is not found.
func (s *Server) exchangeTranslation(rq *officeRequest) (tr *translate.Translation, canTranslate, canReview bool, err error) {
	id, err := idParam(rq)
	if err != nil {
		return nil, false, false, err
	}
	tr, err = translate.Get(rq.Context(), s.db, id)
	if err != nil {
		return nil, false, false, err
	}
	canTranslate, canReview, err = s.translationAccess(rq, tr)
	return tr, canTranslate, canReview, err
}

// postedFile is the file of a form with one file input, and the form's
// other values.
type postedFile struct {
	values url.Values
	// Name is the file's name as sent; Sent is false when the form had
	// no file (or no file input), and TooLarge when it was over the
	// limit.
	Name           string
	Data           []byte
	Sent, TooLarge bool
}

// readPostedFile reads a posted form with the file input field: unlike
// readUpload, it keeps the file's name and tells an empty file from none.
// A form that is not multipart is read as an ordinary form, without file.
func readPostedFile(w http.ResponseWriter, rq *officeRequest, field string) (*postedFile, error) {
	pf := &postedFile{values: url.Values{}}
	ct, params, _ := mime.ParseMediaType(rq.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		rq.Body = http.MaxBytesReader(w, rq.Body, maxUploadField)
		if err := rq.ParseForm(); err != nil {
			return nil, badRequest("form: %v", err)
		}
		pf.values = rq.PostForm
		return pf, nil
	}
	if params["boundary"] == "" {
		return nil, badRequest("multipart form without a boundary")
	}
	mr := multipart.NewReader(http.MaxBytesReader(w, rq.Body, maxExchangeFile+maxUploadField), params["boundary"])
	for {
		part, err := mr.NextPart()
		var mbe *http.MaxBytesError
		switch {
		case err == io.EOF:
			return pf, nil
		case errors.As(err, &mbe):
			pf.Sent, pf.TooLarge = true, true
			return pf, nil
		case err != nil:
			return nil, badRequest("multipart form: %v", err)
		}
		name := part.FormName()
		switch {
		case name == "":
		case name == field:
			if part.FileName() == "" {
				break
			}
			pf.Sent, pf.Name = true, part.FileName()
			data, err := io.ReadAll(io.LimitReader(part, maxExchangeFile+1))
			switch {
			case errors.As(err, &mbe) || len(data) > maxExchangeFile:
				pf.TooLarge = true
				return pf, nil
			case err != nil:
				return nil, badRequest("multipart form: %v", err)
			}
			pf.Data = data
		default:
			data, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
			if err != nil || len(data) > maxUploadField {
				return nil, badRequest("multipart form: field %q too large or unreadable", name)
			}
			pf.values.Add(name, string(data))
		}
		part.Close()
	}
}

// fileStem is the start of the names of a translation's files: its
// document's title with what a file name cannot hold replaced, or
// "translation-ID" when the title has nothing to keep.
func fileStem(tr *translate.Translation) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range tr.Title {
		if n >= 60 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
			n++
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	stem := strings.TrimRight(b.String(), "-")
	if stem == "" {
		return fmt.Sprintf("translation-%d", tr.ID)
	}
	return stem
}

// sendFile answers with data as a file to save under name (non-ASCII
// names as RFC 2231 says, which browsers follow), never shown in the
// office's origin.
func sendFile(w http.ResponseWriter, name, contentType string, data []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	_, err := io.Copy(w, bytes.NewReader(data))
	return err
}

// exchangeLangName names a language in the reader's.
func exchangeLangName(rq *officeRequest, tag string) string {
	return rq.T.T("lang.name." + lang.Base(tag))
}

// exchangeForbidden is the error of an upload by an account that may only
// read the translation.
func exchangeForbidden(tr *translate.Translation) error {
	return fmt.Errorf("upload into translation %d: %w", tr.ID, errkind.Forbidden)
}
