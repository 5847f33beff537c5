package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// What the content pages of the office share: partners, people, news posts
// and the media library. Each edit goes through the approval workflow: a
// page loads the draft (or the live content), shows its version, state and
// last author, and saves the next version only when the draft has not moved
// on since the form was loaded.

// Limits of uploads through office forms.
const (
	// maxUploadFile is the largest image a form takes.
	maxUploadFile = 20 << 20
	// maxUploadBody bounds a whole form with its file: room for a file
	// somewhat over the limit, so that the form's other fields are still
	// read and the page can say the file was too large.
	maxUploadBody = 2*maxUploadFile + 1<<20
	// maxUploadField bounds one text field of a multipart form.
	maxUploadField = 1 << 20
)

// contentLangs are the languages the content forms show side by side.
var contentLangs = lang.Worked

// upload is a posted form: its text values, and the files of its file
// inputs, each read whole up to maxUploadFile.
type upload struct {
	values url.Values
	files  map[string][]byte
	// names are the files' names as the browser sent them, also of a
	// file that was empty (which files lacks).
	names map[string]string
	// tooLarge names the file inputs whose file was over maxUploadFile
	// (its bytes were dropped).
	tooLarge map[string]bool
}

// readUpload reads the posted form of rq: a multipart form (with files)
// through http.MaxBytesReader, so that no form larger than maxUploadBody is
// read, or an ordinary form. A file over maxUploadFile is dropped and named
// in tooLarge, with the fields read so far kept; a malformed form is a bad
// request.
func readUpload(w http.ResponseWriter, rq *officeRequest) (*upload, error) {
	up := &upload{values: url.Values{}, files: map[string][]byte{}, names: map[string]string{}, tooLarge: map[string]bool{}}
	ct, params, _ := mime.ParseMediaType(rq.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		rq.Body = http.MaxBytesReader(w, rq.Body, maxUploadBody)
		if err := rq.ParseForm(); err != nil {
			return nil, badRequest("form: %v", err)
		}
		up.values = rq.PostForm
		return up, nil
	}
	if params["boundary"] == "" {
		return nil, badRequest("multipart form without a boundary")
	}
	mr := multipart.NewReader(http.MaxBytesReader(w, rq.Body, maxUploadBody), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return up, nil
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			up.failLast()
			return up, nil
		}
		if err != nil {
			return nil, badRequest("multipart form: %v", err)
		}
		name := part.FormName()
		if name == "" {
			part.Close()
			continue
		}
		if part.FileName() != "" {
			data, err := io.ReadAll(io.LimitReader(part, maxUploadFile+1))
			switch {
			case errors.As(err, &mbe):
				up.tooLarge[name] = true
				return up, nil
			case err != nil:
				return nil, badRequest("multipart form: %v", err)
			case len(data) > maxUploadFile:
				up.tooLarge[name] = true
				if _, err := io.Copy(io.Discard, part); err != nil {
					// The body was over maxUploadBody: what
					// follows the file is lost.
					return up, nil
				}
			case len(data) > 0:
				up.files[name] = data
				up.names[name] = part.FileName()
			default:
				// A file chosen but empty: named, without bytes, so
				// that a form can say it is empty rather than missing.
				up.names[name] = part.FileName()
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
		if errors.As(err, &mbe) {
			return up, nil
		}
		if err != nil || len(data) > maxUploadField {
			return nil, badRequest("multipart form: field %q too large or unreadable", name)
		}
		up.values.Add(name, string(data))
	}
}

// failLast is what readUpload does when the body runs over its bound
// between parts: no file input can say so, so every file input is marked.
func (up *upload) failLast() {
	if len(up.tooLarge) == 0 {
		up.tooLarge[""] = true
	}
}

// empty reports whether the file input name was given a file of no
// bytes: chosen, so not missing, but with nothing in it to take.
func (up *upload) empty(name string) bool {
	_, named := up.names[name]
	return named && up.files[name] == nil && !up.tooLarge[name]
}

// oversized reports whether any file of the form was too large.
func (up *upload) oversized() bool { return len(up.tooLarge) > 0 }

// draftHead is the head of an edit page: where the draft stands and what
// may be done with it.
type draftHead struct {
	Kind    approval.Kind
	ID      int64
	Version int
	// State is the draft's state in the reader's language; "" when there
	// is no draft (the live content is shown).
	State  string
	Author string
	// Updated is when the last version was saved, in the reader's
	// language.
	Updated string
	// CanPublish is true when the account may ask to publish the draft
	// (an organiser, or an admin) and the draft is being edited or was
	// returned.
	CanPublish bool
	// ReadOnly is true when the account may see the thing but not edit
	// it (a reviewer): the form is shown without its save button.
	ReadOnly bool
	Comment  string
}

// SubmitURL is where the "Ask to publish" form posts.
func (h *draftHead) SubmitURL() string {
	return fmt.Sprintf("%s/approvals/%s/%d/submit", officePrefix, h.Kind, h.ID)
}

// PreviewURL is where an organiser sees the draft as the public would.
func (h *draftHead) PreviewURL() string {
	return fmt.Sprintf("%s/preview/%s/%d", officePrefix, h.Kind, h.ID)
}

// newDraftHead describes d for the account of rq; subject and partners are
// what the permission to publish is asked about.
func newDraftHead(rq *officeRequest, d *approval.Draft, subject account.Subject, partners []int64) *draftHead {
	h := &draftHead{Kind: d.Subject.Kind, ID: d.Subject.ID, Version: d.Version, Author: d.AuthorName, Comment: d.Comment,
		ReadOnly: !rq.can(subject, account.Edit, partners...)}
	if d.Version > 0 {
		if d.State == approval.Scheduled {
			h.State = rq.T.T("approval.state.scheduled", rq.T.Date(d.PublishAt))
		} else {
			h.State = rq.T.T("approval.state." + string(d.State))
		}
		h.Updated = rq.T.Date(d.UpdatedAt) + " " + rq.T.Time(d.UpdatedAt.UTC()) + " UTC"
		h.CanPublish = (d.State == approval.Editing || d.State == approval.Returned) && rq.can(subject, account.Publish, partners...)
	}
	return h
}

// inputField is one single-line field of a form, as the content-input
// template shows it.
type inputField struct {
	Form                    *form
	Name, Label, Hint, Type string
	Required                bool
	Max                     int
	// ReadOnly shows the value to a reader who may not change it.
	ReadOnly bool
}

// input returns the view of the single-line field name of f.
func (f *form) input(name, label, hint, typ string, required bool, max int) inputField {
	return inputField{Form: f, Name: name, Label: label, Hint: hint, Type: typ, Required: required, Max: max}
}

// errorSummary lists a form's errors at its top, each linking to its field.
type errorSummary struct {
	Title string
	Items []errorItem
}

type errorItem struct{ Field, Message string }

// summary returns the summary of f's errors with fields in order, or nil
// when there are none (or no form).
func (f *form) summary(order ...string) *errorSummary {
	if f == nil || f.ok() {
		return nil
	}
	s := &errorSummary{Title: f.t.N("office.form.errors", f.count())}
	for _, name := range f.failed(order...) {
		for _, m := range f.errors[name] {
			s.Items = append(s.Items, errorItem{Field: name, Message: m})
		}
	}
	return s
}

// errFormInvalid ends a transaction whose form has errors found while
// writing (an upload that is not an image), so that nothing is stored.
var errFormInvalid = fmt.Errorf("form: %w", errkind.Invalid)

// contentCheckVersion returns errFormStale when the draft of subj is no longer at
// the version the form was loaded with.
func contentCheckVersion(ctx context.Context, tx *store.Tx, subj approval.Subject, f *form) (*approval.Draft, error) {
	d, err := approval.Load(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	if strconv.Itoa(d.Version) != strings.TrimSpace(f.values.Get("version")) {
		return d, errFormStale
	}
	return d, nil
}

// contentStaleMessage returns, when err says the draft moved on since the form
// was loaded, the message that says so, and sets the form's version to the
// draft's, so that saving the kept text again is a choice made knowing it;
// "" otherwise.
func contentStaleMessage(rq *officeRequest, f *form, d *approval.Draft, err error, typed any) string {
	if !errors.Is(err, errFormStale) {
		return ""
	}
	return staleMessage(rq, f, d, typed)
}

// staleNotice says that d was saved since the form was loaded, by whom,
// and where what was typed (typed, the content the form reads as) differs
// from that version, so that saving it again, which puts the typed text in
// place of theirs in those fields, is a choice made knowing it.
func staleNotice(rq *officeRequest, d *approval.Draft, typed any) string {
	const most = 8
	var fields []string
	for _, c := range approval.Compare(d.Content, typed) {
		if strings.HasSuffix(c.Field, ".source_lang") {
			continue
		}
		name := changeFieldName(rq.T, c.Field)
		if c.Lang != "" {
			name += " (" + rq.T.T("lang.name."+c.Lang) + ")"
		}
		if !slices.Contains(fields, name) {
			fields = append(fields, name)
		}
	}
	if len(fields) == 0 {
		return rq.T.T("office.content.stale.same", d.AuthorName, strconv.Itoa(d.Version))
	}
	if len(fields) > most {
		fields = append(fields[:most], "…")
	}
	return rq.T.T("office.content.stale.fields", d.AuthorName, strconv.Itoa(d.Version), strings.Join(fields, ", "))
}

// formStatus is the status of a form sent back to its user: 413 for a file
// too large, 409 for a stale version, 422 for the rest.
func formStatus(up *upload, err error) int {
	switch {
	case up != nil && up.oversized():
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errFormStale):
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// imageField is an image chosen from the library or uploaded in a content
// form: Name is the select's name; Name+".file" the file input's.
type imageField struct {
	T           *i18n.Printer
	Name, Label string
	// Chosen is the id of the image chosen, 0 for none.
	Chosen  int64
	Current *media.Image
	// CurrentLabel names Current as the list of choices does.
	CurrentLabel string
	Options      []imageOption
	// CanUpload is true when the account may add images to the library.
	CanUpload bool
	// ReadOnly shows the image chosen, with no choice and no upload, to
	// a reader who may not change it.
	ReadOnly bool
	Errors   []string
}

type imageOption struct {
	ID    int64
	Label string
}

// imageField returns the view of the image field name of f, with the
// library's latest images to choose from.
func (s *Server) imageField(ctx context.Context, rq *officeRequest, f *form, name, label string) (*imageField, error) {
	fld := &imageField{T: rq.T, Name: name, Label: label, CanUpload: rq.can(account.SubjectMedia, account.Create),
		Errors: append(append([]string(nil), f.errors[name]...), f.errors[name+".file"]...)}
	fld.Chosen, _ = strconv.ParseInt(f.values.Get(name), 10, 64)
	ims, _, err := media.List(ctx, s.db, 200, 0)
	if err != nil {
		return nil, err
	}
	seen := false
	for _, im := range ims {
		fld.Options = append(fld.Options, imageOption{ID: im.ID, Label: imageLabel(rq, im)})
		if im.ID == fld.Chosen {
			seen, fld.Current = true, im
		}
	}
	if fld.Chosen != 0 && !seen {
		got, err := media.Load(ctx, s.db, []int64{fld.Chosen})
		if err != nil {
			return nil, err
		}
		if im := got[fld.Chosen]; im != nil {
			fld.Current = im
			fld.Options = append(fld.Options, imageOption{ID: im.ID, Label: imageLabel(rq, im)})
		}
	}
	if fld.Current != nil {
		fld.CurrentLabel = imageLabel(rq, fld.Current)
	}
	return fld, nil
}

// imageLabel names an image in a list of choices: its number, its alt text
// or caption in the reader's language, and its size.
func imageLabel(rq *officeRequest, im *media.Image) string {
	name, _ := im.Alt.In(rq.Lang)
	if name == "" {
		name, _ = im.Caption.In(rq.Lang)
	}
	label := "#" + strconv.FormatInt(im.ID, 10)
	if name != "" {
		label += " " + name
	}
	return label + fmt.Sprintf(" (%d×%d)", im.Width, im.Height)
}

// readImage reads the image field name of f: the id chosen from the
// library, which must name an image, and the file uploaded in its place,
// which the caller stores (storeImage) in its transaction. A file too large
// fails the field at once.
func (s *Server) readImage(ctx context.Context, rq *officeRequest, f *form, up *upload, name string) (id int64, file []byte, err error) {
	if up.tooLarge[name+".file"] || up.tooLarge[""] {
		f.fail(name+".file", "office.content.image.toolarge", f.t.Bytes(maxUploadFile))
	}
	if up.empty(name + ".file") {
		f.fail(name+".file", "office.upload.empty", uploadName(up.names[name+".file"]))
		return 0, nil, nil
	}
	if data := up.files[name+".file"]; data != nil {
		if !rq.can(account.SubjectMedia, account.Create) {
			return 0, nil, fmt.Errorf("upload an image: %w", errkind.Forbidden)
		}
		return 0, data, nil
	}
	v := strings.TrimSpace(f.values.Get(name))
	if v == "" || v == "0" {
		return 0, nil, nil
	}
	id, perr := strconv.ParseInt(v, 10, 64)
	if perr != nil || id <= 0 {
		f.fail(name, "office.form.choice")
		return 0, nil, nil
	}
	got, err := media.Load(ctx, s.db, []int64{id})
	if err != nil {
		return 0, nil, err
	}
	if got[id] == nil {
		f.fail(name, "office.form.choice")
		return 0, nil, nil
	}
	return id, nil, nil
}

// storeImage adds an uploaded file to the library in tx, owned by the
// partner partnerID (0: none), and queues its renditions. A file that is
// not an image tandem takes fails the form's field, in the reader's
// language, and returns errFormInvalid, so that the transaction stores
// nothing.
func (s *Server) storeImage(ctx context.Context, tx *store.Tx, f *form, field string, data []byte, meta media.Meta, partnerID int64) (int64, error) {
	im, err := s.media.Upload(ctx, tx, bytes.NewReader(data), meta)
	switch {
	case errors.Is(err, media.ErrUnsupported):
		f.fail(field, "office.content.image.unsupported")
		return 0, errFormInvalid
	case errors.Is(err, media.ErrTooLarge):
		f.fail(field, "office.content.image.toolarge", f.t.Bytes(maxUploadFile))
		return 0, errFormInvalid
	case errors.Is(err, lang.ErrControl):
		f.fail(field, "office.form.control")
		return 0, errFormInvalid
	case err != nil:
		return 0, err
	}
	if partnerID != 0 {
		if err := media.SetPartner(ctx, tx, im.ID, partnerID); err != nil {
			return 0, err
		}
	}
	return im.ID, nil
}

// uploadPartner is the partner that owns an image the account uploads in
// a content form for a thing of partners: the first of them where it may
// add media, or else the first of its own partners where it may; 0 (no
// owner) for an admin uploading for a thing of no partner.
func (rq *officeRequest) uploadPartner(partners []int64) int64 {
	for _, p := range partners {
		if rq.can(account.SubjectMedia, account.Create, p) {
			return p
		}
	}
	if rq.Account == nil || rq.Account.Admin {
		return 0
	}
	for _, p := range rq.Account.Partners() {
		if rq.can(account.SubjectMedia, account.Create, p) {
			return p
		}
	}
	return 0
}

// mayEditImage reports whether the account may change the library's texts
// of im: an editor or organiser of its owning partner, or of any partner
// when it has none, or an admin.
func (rq *officeRequest) mayEditImage(im *media.Image) bool {
	if im.PartnerID == 0 {
		return rq.can(account.SubjectMedia, account.Edit)
	}
	return rq.can(account.SubjectMedia, account.Edit, im.PartnerID)
}

// approvalFailed records on f what approval's field errors say, against
// the form's fields (a field path and language name the input); it
// reports whether err was such an error.
func approvalFailed(f *form, err error) bool {
	var fe approval.FieldErrors
	if !errors.As(err, &fe) {
		return false
	}
	for _, e := range fe {
		name := e.Field
		if e.Lang != "" {
			name += "." + e.Lang
		}
		f.fail(name, e.Key, e.Lang)
	}
	return true
}

// textState is the state of one language of a text: "missing", "draft" or
// "complete", as the office shows it.
func textState(t lang.Text, l string) string {
	switch {
	case strings.TrimSpace(t.Values[l]) == "":
		return "missing"
	case t.Complete(l):
		return "complete"
	}
	return "draft"
}

// langStates lists the state of each of langs for t, for a list of items.
type langState struct{ Lang, State, StateName string }

func langStates(t *i18n.Printer, text lang.Text, langs []string) []langState {
	out := make([]langState, 0, len(langs))
	for _, l := range langs {
		st := textState(text, l)
		out = append(out, langState{Lang: l, State: st, StateName: t.T("office.state." + st)})
	}
	return out
}

// idParam reads the positive id in the route's {id}; anything else names
// nothing.
func idParam(rq *officeRequest) (int64, error) {
	v := rq.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != v {
		return 0, fmt.Errorf("id %q: %w", v, errkind.NotFound)
	}
	return id, nil
}

// formText returns what the form holds for the multilingual field in
// language l, or else in its source language: what names the thing in a
// page's title.
func formText(f *form, field, l string) string {
	if v := strings.TrimSpace(f.values.Get(field + "." + l)); v != "" {
		return v
	}
	return strings.TrimSpace(f.values.Get(field + "." + f.values.Get(field+".src")))
}

// found turns the answer of a lookup by slug into whether it found
// something.
func found[T any](_ T, err error) (bool, error) {
	if errors.Is(err, forum.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
