package upload

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/video"
)

// Authenticator finds out who sends a request: the account of its login
// session or of its bearer token, and its language. An error is a refusal
// that Message can say (a revoked token); an account of nil is nobody.
type Authenticator func(r *http.Request) (Caller, error)

// Handler returns the endpoint at BasePath: tus discovery (OPTIONS, open
// to anyone), creation (POST), HEAD and PATCH of one's own uploads, DELETE
// (tus termination) of one's own unfinished upload, and
// GET of a received upload's bytes to those who may upload to its
// programme item. Every other method needs a caller that auth finds.
// Every refusal, tusd's own included, is a plain-text sentence in the
// caller's language.
func (s *Service) Handler(auth Authenticator) http.Handler {
	inner := s.tus.Middleware(http.HandlerFunc(s.route))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			// tus discovery (and a CORS preflight, which carries no
			// credentials): tusd answers with Tus-Version, Tus-Extension
			// and Tus-Max-Size, which tell nothing about anyone's uploads.
			inner.ServeHTTP(&discovery{w}, r)
			return
		}
		c, err := auth(r)
		if err != nil {
			if msg, ok := account.Message(c.T, err); ok {
				status := http.StatusUnauthorized
				if errors.Is(err, errkind.Forbidden) {
					status = http.StatusForbidden // a token its account may no longer hold
				}
				refuse(w, c.T, status, msg)
				return
			}
			s.log.Error("upload: authenticate", slog.Any("err", err))
			refuse(w, c.T, http.StatusInternalServerError, c.T.T("upload.failed"))
			return
		}
		if c.Account == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tandem"`)
			key := "upload.auth.required"
			if r.Method == http.MethodGet {
				key = "upload.auth.download" // a GET fetches an upload's bytes
			}
			refuse(w, c.T, http.StatusUnauthorized, c.T.T(key))
			return
		}
		tw := &tusErrors{ResponseWriter: w, t: c.T, max: s.cfg.MaxSize, log: s.log, program: !c.Page}
		ctx, done := s.track(context.WithValue(r.Context(), callerKey{}, c))
		defer done()
		inner.ServeHTTP(tw, r.WithContext(ctx))
		tw.finish()
	})
}

type callerKey struct{}

// ItemHeader is the request header in which a client may name the
// programme item it goes on uploading for (the office's widget does): an
// upload created for another item is then refused rather than continued,
// so that a file chosen in one item's section never completes another's
// upload.
const ItemHeader = "Tandem-Item"

// discovery is the ResponseWriter of tus discovery: it adds "expiration"
// to the extensions tusd names, since the Service sends Upload-Expires
// (an unfinished upload's removal by Cleanup), which tusd itself does not.
type discovery struct{ http.ResponseWriter }

func (w *discovery) WriteHeader(code int) {
	if ext := w.Header().Get("Tus-Extension"); ext != "" {
		w.Header().Set("Tus-Extension", ext+",expiration")
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *discovery) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// expires is when Cleanup may remove an unfinished upload last written at
// last, as tus's expiration extension says it (Upload-Expires, an HTTP
// date): AbandonAfter later (the clean-up runs every CleanupEvery, so it
// may come up to that much later still).
func (s *Service) expires(last time.Time) string {
	return last.Add(s.cfg.AbandonAfter).UTC().Format(http.TimeFormat)
}

// refuse answers a request with status and a message in t's language, as
// text that tus-js-client hands to the page in its error. Its
// Content-Language tells the page (and tusErrors) that the body is a
// sentence for a person.
func refuse(w http.ResponseWriter, t *i18n.Printer, status int, msg string) {
	h := w.Header()
	h.Del("Content-Length")
	h.Del("Upload-Expires")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Language", t.Lang())
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

// tusErrors is the ResponseWriter tusd writes to: it holds back an error
// answer of tusd's own (an English "ERR_MISMATCHED_OFFSET: mismatched
// offset") and, once tusd is done, answers with the same status and a
// sentence of ours in the caller's language instead. Answers that are not
// errors, and refusals of ours, pass through.
type tusErrors struct {
	http.ResponseWriter
	t   *i18n.Printer
	max int64
	log *slog.Logger
	// program is set for a caller that is not a page of the office (an
	// API token's): it is told what to send, not to press Resume or
	// reload a page.
	program bool
	// status is that of the error held back, 0 when none is; body is
	// (the start of) tusd's text for it.
	status int
	body   []byte
}

func (w *tusErrors) WriteHeader(code int) {
	if code >= 400 && w.status == 0 && w.Header().Get("Content-Language") == "" {
		w.status = code
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *tusErrors) Write(b []byte) (int, error) {
	if w.status != 0 {
		if len(w.body) < 200 {
			w.body = append(w.body, b[:min(len(b), 200)]...)
		}
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController (which tusd uses for its read and
// write deadlines) the writer underneath.
func (w *tusErrors) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish writes the error held back, if any, as a sentence of ours.
func (w *tusErrors) finish() {
	if w.status == 0 {
		return
	}
	code, _, _ := strings.Cut(string(w.body), ":")
	f := tusRefusal(w.status, code, w.max)
	if w.program && slices.Contains(programKeys, f.key) {
		f.key += ".program"
	}
	if f.status >= 500 {
		w.log.Error("upload: tusd", slog.Int("status", w.status), slog.String("answer", strings.TrimSpace(string(w.body))))
	}
	refuse(w.ResponseWriter, w.t, w.status, f.message(w.t))
}

// StatusMessages are the sentences, in t's language, that the office's
// upload widget shows for an error answer whose body is not one of ours
// (a proxy's, or one cut short), by HTTP status; max is the size limit in
// bytes. They are those the endpoint itself answers tusd's errors with.
func StatusMessages(t *i18n.Printer, max int64) map[int]string {
	m := map[int]string{}
	for _, st := range []int{400, 401, 403, 404, 409, 410, 412, 413, 423, 460, 500, 502, 503, 504} {
		m[st] = tusRefusal(st, "", max).message(t)
	}
	return m
}

// programKeys are the refusals of tusd's errors that tell a person on
// the office's page what to do there (press Resume, reload the page,
// choose the file again); each has a ".program" sibling that tells a
// program what to send instead.
var programKeys = []string{"upload.tus.request", "upload.tus.offset", "upload.tus.interrupted", "upload.tus.locked", "upload.tus.checksum", "upload.tus.exceeded", "upload.tus.gone"}

// tusRefusal is our message for an error tusd answered with status and
// its error code (ERR_…), by the code where it is known, else by the
// status; max is the size limit in bytes.
func tusRefusal(status int, code string, max int64) *refusal {
	switch code {
	case "ERR_MISMATCHED_OFFSET":
		return &refusal{status, "upload.tus.offset", nil}
	case "ERR_UPLOAD_LOCKED", "ERR_LOCK_TIMEOUT":
		return &refusal{status, "upload.tus.locked", nil}
	case "ERR_UPLOAD_NOT_FOUND":
		return &refusal{status, "upload.not_found", nil}
	case "ERR_MAX_SIZE_EXCEEDED":
		return &refusal{status, "upload.size.over_limit", []any{byteCount(max)}}
	case "ERR_UPLOAD_SIZE_EXCEEDED":
		return &refusal{status, "upload.tus.exceeded", nil}
	case "ERR_UPLOAD_INTERRUPTED", "ERR_UNEXPECTED_EOF", "ERR_CONNECTION_RESET", "ERR_READ_TIMEOUT":
		return &refusal{status, "upload.tus.interrupted", nil}
	case "ERR_CHECKSUM_MISMATCH", "ERR_UPLOAD_CHECKSUM_MISMATCH":
		return &refusal{status, "upload.tus.checksum", nil}
	case "ERR_UNSUPPORTED_VERSION":
		return &refusal{status, "upload.tus.version", nil}
	case "ERR_SERVER_SHUTDOWN":
		return &refusal{status, "upload.tus.unavailable", nil}
	case "ERR_UPLOAD_TERMINATION_REJECTED":
		return &refusal{status, "upload.tus.finished", nil}
	}
	switch {
	case status == http.StatusNotFound:
		return &refusal{status, "upload.not_found", nil}
	case status == http.StatusGone:
		return &refusal{status, "upload.tus.gone", nil}
	case status == http.StatusConflict:
		return &refusal{status, "upload.tus.offset", nil}
	case status == http.StatusLocked:
		return &refusal{status, "upload.tus.locked", nil}
	case status == http.StatusRequestEntityTooLarge:
		return &refusal{status, "upload.size.over_limit", []any{byteCount(max)}}
	case status == http.StatusPreconditionFailed: // tus: no Tus-Resumable header
		return &refusal{status, "upload.tus.version", nil}
	case status == 460: // tus checksum extension: checksum mismatch
		return &refusal{status, "upload.tus.checksum", nil}
	case status == http.StatusUnauthorized:
		return &refusal{status, "upload.auth.required", nil}
	case status == http.StatusForbidden:
		return &refusal{status, "upload.not_yours", nil}
	case status == http.StatusServiceUnavailable:
		return &refusal{status, "upload.tus.unavailable", nil}
	case status >= 500:
		return &refusal{status, "upload.failed", nil}
	}
	return &refusal{status, "upload.tus.request", nil}
}

// route sends each request to its handler once tusd's middleware has
// checked the protocol.
func (s *Service) route(w http.ResponseWriter, r *http.Request) {
	c := r.Context().Value(callerKey{}).(Caller)
	rest := strings.TrimPrefix(r.URL.Path, BasePath)
	if r.URL.Path == strings.TrimSuffix(BasePath, "/") {
		rest = ""
	}
	if rest == "" {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			refuse(w, c.T, http.StatusMethodNotAllowed, c.T.T("upload.method"))
			return
		}
		s.create(w, r, c)
		return
	}
	if !validTusID(rest) {
		refuse(w, c.T, http.StatusNotFound, c.T.T("upload.not_found"))
		return
	}
	u, err := ByTusID(r.Context(), s.cfg.DB, rest)
	if errors.Is(err, ErrNotFound) {
		refuse(w, c.T, http.StatusNotFound, c.T.T("upload.not_found"))
		return
	}
	if err != nil {
		s.fail(w, c, err)
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.download(w, r, c, u)
	case http.MethodHead, http.MethodPatch, http.MethodDelete:
		if u.AccountID != c.Account.ID && !c.Account.Admin {
			refuse(w, c.T, http.StatusForbidden, c.T.T("upload.not_yours"))
			return
		}
		it := r.Header.Get(ItemHeader)
		if n, err := strconv.ParseInt(it, 10, 64); it != "" && (err != nil || n <= 0) {
			refuse(w, c.T, http.StatusBadRequest, c.T.T("upload.item.header.invalid", ItemHeader, it))
			return
		}
		if it != "" && it != strconv.FormatInt(u.SpeechID, 10) {
			refuse(w, c.T, http.StatusUnprocessableEntity, c.T.T("upload.item.other", u.SpeechID))
			return
		}
		tusFunc := s.tus.HeadFile
		if !u.Received() {
			if st, err := os.Stat(s.stagingPath(u.TusID)); err == nil {
				w.Header().Set("Upload-Expires", s.expires(st.ModTime()))
			}
		}
		switch r.Method {
		case http.MethodPatch:
			// tusd refuses an Upload-Offset that is no count of bytes
			// with the same words as a request without one; this names
			// the value.
			if o := r.Header.Get("Upload-Offset"); o != "" {
				if n, err := strconv.ParseInt(o, 10, 64); err != nil || n < 0 {
					refuse(w, c.T, http.StatusBadRequest, c.T.T("upload.offset.invalid", o))
					return
				}
			}
			tusFunc = s.tus.PatchFile
			// Bytes that leave the upload unfinished give it a new
			// lifetime; the last ones end it.
			off, _ := strconv.ParseInt(r.Header.Get("Upload-Offset"), 10, 64)
			if u.Received() || r.ContentLength >= 0 && off+r.ContentLength >= u.Size {
				w.Header().Del("Upload-Expires")
			} else {
				w.Header().Set("Upload-Expires", s.expires(s.cfg.Now()))
			}
		case http.MethodDelete:
			if u.Received() {
				refuse(w, c.T, http.StatusConflict, c.T.T("upload.tus.finished"))
				return
			}
			tusFunc = s.tus.DelFile
		}
		http.StripPrefix(strings.TrimSuffix(BasePath, "/"), http.HandlerFunc(tusFunc)).ServeHTTP(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, PATCH, DELETE")
		refuse(w, c.T, http.StatusMethodNotAllowed, c.T.T("upload.method"))
	}
}

func (s *Service) fail(w http.ResponseWriter, c Caller, err error) {
	s.log.Error("upload", slog.Any("err", err))
	refuse(w, c.T, http.StatusInternalServerError, c.T.T("upload.failed"))
}

// videoExts are the file name endings taken for a video when the browser
// gives no type (it often knows none for .mkv).
var videoExts = []string{".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".wmv", ".flv", ".3gp"}

// sharedExts are the video endings that systems also give to files of
// another kind (.ts to TypeScript and Qt Linguist, .mts to 3D models): a
// browser may send such a type (text/vnd.trolltech.linguist) for a video,
// so for them the name decides, whatever the type.
var sharedExts = []string{".ts", ".mts", ".m2ts"}

// create checks a creation request before tusd sees it: the size, the
// file's name and type, and the programme item, which must exist, be a
// video and be one the caller may upload to. tusd then creates the upload
// and preCreate records it.
func (s *Service) create(w http.ResponseWriter, r *http.Request, c Caller) {
	req, refusal := checkCreation(r.Header, s.cfg.MaxSize)
	if refusal != nil {
		refuse(w, c.T, refusal.status, refusal.message(c.T))
		return
	}
	if status, key, err := s.mayUpload(r.Context(), c.Account, req.item); err != nil {
		s.fail(w, c, err)
		return
	} else if key != "" {
		refuse(w, c.T, status, c.T.T(key))
		return
	}
	if r.ContentLength <= 0 || r.ContentLength < req.size {
		w.Header().Set("Upload-Expires", s.expires(s.cfg.Now()))
	}
	ctx := context.WithValue(r.Context(), creationKey{}, &creation{caller: c, speechID: req.item, filename: req.filename, filetype: req.filetype})
	http.StripPrefix(strings.TrimSuffix(BasePath, "/"), http.HandlerFunc(s.tus.PostFile)).ServeHTTP(w, r.WithContext(ctx))
}

// creationRequest is what a creation request asks for.
type creationRequest struct {
	size               int64
	filename, filetype string
	item               int64
}

// refusal is why a request is refused: its status and message.
type refusal struct {
	status int
	key    string
	args   []any
}

// byteCount is a refusal's argument that is a size in bytes, written for
// the reader by Printer.Bytes.
type byteCount int64

// message writes the refusal in t's language.
func (f *refusal) message(t *i18n.Printer) string {
	args := make([]any, len(f.args))
	for i, a := range f.args {
		if n, ok := a.(byteCount); ok {
			a = t.Bytes(int64(n))
		}
		args[i] = a
	}
	// A file a few bytes over the limit rounds to the limit's own size:
	// then both are given in bytes, so that the message does not say
	// "8.0 GiB; the limit is 8.0 GiB".
	if len(args) == 2 && args[0] == args[1] {
		if n, ok := f.args[0].(byteCount); ok {
			m, _ := f.args[1].(byteCount)
			args[0], args[1] = t.N("size.bytes", int(n)), t.N("size.bytes", int(m))
		}
	}
	return t.T(f.key, args...)
}

// checkCreation reads a tus creation request's headers (Upload-Length and
// Upload-Metadata with filename, filetype and item) and returns what it
// asks for, or why it is refused, each reason with its own message: no
// size or a deferred one, a size that is no whole number of bytes, an empty file, one over max bytes, no name, a
// name too long or with characters no file name has, a file that is no
// video by its type or name, no programme item, one that is no item's
// number.
func checkCreation(h http.Header, max int64) (creationRequest, *refusal) {
	var req creationRequest
	if h.Get("Upload-Concat") != "" || h.Get("Upload-Defer-Length") != "" {
		return req, &refusal{http.StatusBadRequest, "upload.size.missing", nil}
	}
	length := h.Get("Upload-Length")
	size, err := strconv.ParseInt(length, 10, 64)
	switch {
	case length == "":
		return req, &refusal{http.StatusBadRequest, "upload.size.missing", nil}
	case err != nil || size < 0:
		return req, &refusal{http.StatusBadRequest, "upload.size.invalid", []any{length}}
	case size == 0:
		return req, &refusal{http.StatusUnprocessableEntity, "upload.size.empty", nil}
	case size > max:
		return req, &refusal{http.StatusRequestEntityTooLarge, "upload.size.too_large", []any{byteCount(size), byteCount(max)}}
	}
	meta, bad := parseMetadata(h.Get("Upload-Metadata"))
	if bad != "" {
		return req, &refusal{http.StatusBadRequest, "upload.metadata.base64", []any{bad}}
	}
	name := strings.TrimSpace(meta["filename"])
	switch {
	case name == "":
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filename.missing", nil}
	case !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == '/' || r == '\\' }):
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filename.characters", nil}
	case utf8.RuneCountInString(name) > maxFilename:
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filename.too_long", []any{utf8.RuneCountInString(name), maxFilename}}
	}
	ftype := strings.ToLower(strings.TrimSpace(meta["filetype"]))
	if mt, _, err := mime.ParseMediaType(ftype); err == nil {
		ftype = mt
	} else {
		ftype = ""
	}
	if !videoType(ftype) && !slices.Contains(sharedExts, strings.ToLower(path.Ext(name))) {
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filetype.not_video", []any{name, ftype}}
	}
	if !strings.HasPrefix(ftype, "video/") && !slices.Contains(videoExts, strings.ToLower(path.Ext(name))) {
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filetype", []any{name}}
	}
	item, err := strconv.ParseInt(meta["item"], 10, 64)
	switch {
	case strings.TrimSpace(meta["item"]) == "":
		return req, &refusal{http.StatusUnprocessableEntity, "upload.item.missing", nil}
	case err != nil || item <= 0:
		return req, &refusal{http.StatusUnprocessableEntity, "upload.item.invalid", []any{meta["item"]}}
	}
	return creationRequest{size: size, filename: name, filetype: ftype, item: item}, nil
}

// parseMetadata reads a tus Upload-Metadata header: comma-separated
// pairs of a key and its base64 value (a key alone has an empty value).
// Unlike tusd's own reading, which skips a value it cannot decode, it
// returns the first key whose value is not standard base64 as bad, so
// that the refusal can name it rather than say the key is missing.
func parseMetadata(header string) (meta map[string]string, bad string) {
	meta = map[string]string{}
	for pair := range strings.SplitSeq(header, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, " ")
		if key == "" {
			continue
		}
		dec, err := base64.StdEncoding.DecodeString(value)
		if err != nil || strings.Contains(value, " ") {
			return nil, key
		}
		meta[key] = string(dec)
	}
	return meta, ""
}

// videoType reports whether a file's MIME type (lower case, without
// parameters) may be that of a video: empty or unknown, a video/ type,
// application/octet-stream (a browser that does not know), or one of the
// few application/ types of video containers. A type that is known and is
// something else (text/plain, image/png, application/pdf) is not, whatever
// the file's name says.
func videoType(ftype string) bool {
	top, _, _ := strings.Cut(ftype, "/")
	switch {
	case ftype == "", top == "video":
		return true
	case top == "application":
		return slices.Contains(videoAppTypes, ftype)
	}
	return !slices.Contains(notVideoTops, top)
}

// videoAppTypes are the application/ types a video file may have: a
// browser's "I do not know" and those of video containers.
var videoAppTypes = []string{"application/octet-stream", "application/mp4", "application/x-matroska", "application/mxf", "application/ogg"}

// notVideoTops are the other top-level types IANA registers, which hold
// no video; an unregistered one is unknown, and the name decides.
var notVideoTops = []string{"text", "image", "audio", "font", "model", "multipart", "message", "example", "haptics"}

// FileRule is what the endpoint takes for a video, by a file's name
// ending and type, for the office's widget (upload.js), which checks a
// chosen file the same way before sending a byte of it.
type FileRule struct {
	// Exts are the name endings of a video; Shared those that other
	// kinds of files have too, for which the name decides whatever the
	// type.
	Exts, Shared []string
	// Application are the application/ types a video may have;
	// NotVideo the top-level types that hold no video.
	Application, NotVideo []string
}

// VideoFileRule returns the rule checkCreation applies.
func VideoFileRule() FileRule {
	return FileRule{Exts: videoExts, Shared: sharedExts, Application: videoAppTypes, NotVideo: notVideoTops}
}

// maxFilename is the longest file name taken, in characters.
const maxFilename = 255

// speechAccess reads what the checks need of a programme item: its kind,
// its delivery and its forum's hosts.
func speechAccess(ctx context.Context, q store.Querier, id int64) (kind forum.Kind, delivery forum.Delivery, hosts []int64, err error) {
	var forumID int64
	err = q.QueryRow(ctx, `SELECT kind, delivery, forum_id FROM speeches WHERE id = ?`, id).Scan(&kind, &delivery, &forumID)
	if err != nil {
		return "", "", nil, err
	}
	hosts, err = store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var p int64
		return p, sc.Scan(&p)
	}, `SELECT partner_id FROM forum_hosts WHERE forum_id = ?`, forumID)
	return kind, delivery, hosts, err
}

// allowedAt reports whether a may do action to the programme of a forum
// hosted by hosts (an author's role gives nothing here).
func allowedAt(a *account.Account, hosts []int64, action account.Action) bool {
	if a.Admin {
		return true
	}
	var roles []account.Role
	for _, h := range hosts {
		for _, r := range a.RolesAt(h) {
			if r != account.Author {
				roles = append(roles, r)
			}
		}
	}
	return account.Allowed(roles, false, account.SubjectProgramme, action)
}

// mayUpload returns the status and message key of the refusal of an
// upload by a for programme item id, or an empty key when it may.
func (s *Service) mayUpload(ctx context.Context, a *account.Account, id int64) (int, string, error) {
	kind, delivery, hosts, err := speechAccess(ctx, s.cfg.DB, id)
	if errors.Is(err, sql.ErrNoRows) {
		return http.StatusNotFound, "upload.item.not_found", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("programme item %d: %w", id, err)
	}
	if !allowedAt(a, hosts, account.View) {
		return http.StatusNotFound, "upload.item.not_found", nil
	}
	// Uploading a speech's video adds to the programme, which its
	// organisers and editors do; a translator edits its texts only.
	if !allowedAt(a, hosts, account.Create) {
		return http.StatusForbidden, "upload.forbidden", nil
	}
	if !video.TakesVideo(kind, delivery) {
		return http.StatusUnprocessableEntity, "upload.item.not_video", nil
	}
	return 0, "", nil
}

// download serves a received upload's bytes to those who may upload to
// its programme item (its hosts' organisers and editors, admins), the
// uploader too only while that holds: the original file is working
// material, and the processed video is what others see. Whoever may not
// see the item is told there is no such upload.
func (s *Service) download(w http.ResponseWriter, r *http.Request, c Caller, u *Upload) {
	_, _, hosts, err := speechAccess(r.Context(), s.cfg.DB, u.SpeechID)
	if err != nil {
		s.fail(w, c, err)
		return
	}
	if !allowedAt(c.Account, hosts, account.View) {
		refuse(w, c.T, http.StatusNotFound, c.T.T("upload.not_found"))
		return
	}
	if !allowedAt(c.Account, hosts, account.Create) {
		refuse(w, c.T, http.StatusForbidden, c.T.T("upload.download.forbidden"))
		return
	}
	if !u.Received() {
		refuse(w, c.T, http.StatusNotFound, c.T.T("upload.unfinished"))
		return
	}
	obj, err := s.open(r.Context(), u)
	if err != nil {
		s.fail(w, c, err)
		return
	}
	defer obj.Close()
	h := w.Header()
	ct := u.Filetype
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": u.Filename}))
	h.Set("Cache-Control", "private, no-store")
	// A video of gigabytes outlasts the server's write timeout, which is
	// meant for pages: this response has none.
	if err := http.NewResponseController(w).SetWriteDeadline(time.Time{}); err != nil {
		s.log.Warn("upload: download without its own write deadline", slog.Any("err", err))
	}
	if sum, err := hex.DecodeString(u.SHA256); err == nil && len(sum) == sha256.Size {
		h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":") // RFC 9530
	}
	http.ServeContent(w, r, "", u.ReceivedAt, obj)
}

// open opens a received upload's file: in the blob store once stored, in
// the staging folder until then, or in the blob store when the finishing
// job has just moved it there.
func (s *Service) open(ctx context.Context, u *Upload) (io.ReadSeekCloser, error) {
	key := "uploads/" + u.TusID
	if !u.Complete() {
		f, err := os.Open(s.stagingPath(u.TusID))
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("upload %s: %w", u.TusID, err)
		}
	} else if u.BlobKey != "" {
		key = u.BlobKey
	}
	obj, err := s.cfg.Blobs.Open(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("upload %s: %w", u.TusID, err)
	}
	return obj, nil
}
