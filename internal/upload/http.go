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

	"github.com/tus/tusd/v2/pkg/handler"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// Authenticator finds out who sends a request: the account of its login
// session or of its bearer token, and its language. An error is a refusal
// that Message can say (a revoked token); an account of nil is nobody.
type Authenticator func(r *http.Request) (Caller, error)

// Handler returns the endpoint at BasePath: tus creation (POST), HEAD and
// PATCH of one's own uploads, and GET of a received upload's bytes to
// those who may see its programme item. Every refusal is a plain-text
// sentence in the caller's language.
func (s *Service) Handler(auth Authenticator) http.Handler {
	inner := s.tus.Middleware(http.HandlerFunc(s.route))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := auth(r)
		if err != nil {
			if msg, ok := account.Message(c.T, err); ok {
				refuse(w, http.StatusUnauthorized, msg)
				return
			}
			s.log.Error("upload: authenticate", slog.Any("err", err))
			refuse(w, http.StatusInternalServerError, c.T.T("upload.failed"))
			return
		}
		if c.Account == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tandem"`)
			refuse(w, http.StatusUnauthorized, c.T.T("upload.auth.required"))
			return
		}
		inner.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, c)))
	})
}

type callerKey struct{}

// refuse answers a request with status and a message, as text that
// tus-js-client hands to the page in its error.
func refuse(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
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
			refuse(w, http.StatusMethodNotAllowed, c.T.T("upload.method"))
			return
		}
		s.create(w, r, c)
		return
	}
	if !validTusID(rest) {
		refuse(w, http.StatusNotFound, c.T.T("upload.not_found"))
		return
	}
	u, err := ByTusID(r.Context(), s.cfg.DB, rest)
	if errors.Is(err, ErrNotFound) {
		refuse(w, http.StatusNotFound, c.T.T("upload.not_found"))
		return
	}
	if err != nil {
		s.fail(w, c, err)
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.download(w, r, c, u)
	case http.MethodHead, http.MethodPatch:
		if u.AccountID != c.Account.ID && !c.Account.Admin {
			refuse(w, http.StatusForbidden, c.T.T("upload.not_yours"))
			return
		}
		tusPath := http.StripPrefix(strings.TrimSuffix(BasePath, "/"), http.HandlerFunc(s.tus.HeadFile))
		if r.Method == http.MethodPatch {
			tusPath = http.StripPrefix(strings.TrimSuffix(BasePath, "/"), http.HandlerFunc(s.tus.PatchFile))
		}
		tusPath.ServeHTTP(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, PATCH")
		refuse(w, http.StatusMethodNotAllowed, c.T.T("upload.method"))
	}
}

func (s *Service) fail(w http.ResponseWriter, c Caller, err error) {
	s.log.Error("upload", slog.Any("err", err))
	refuse(w, http.StatusInternalServerError, c.T.T("upload.failed"))
}

// videoExts are the file name endings taken for a video when the browser
// gives no type (it often knows none for .mkv).
var videoExts = []string{".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".wmv", ".flv", ".3gp"}

// create checks a creation request before tusd sees it: the size, the
// file's name and type, and the programme item, which must exist, be a
// video and be one the caller may upload to. tusd then creates the upload
// and preCreate records it.
func (s *Service) create(w http.ResponseWriter, r *http.Request, c Caller) {
	req, refusal := checkCreation(r.Header, s.cfg.MaxSize)
	if refusal != nil {
		refuse(w, refusal.status, c.T.T(refusal.key, refusal.args...))
		return
	}
	if status, key, err := s.mayUpload(r.Context(), c.Account, req.item); err != nil {
		s.fail(w, c, err)
		return
	} else if key != "" {
		refuse(w, status, c.T.T(key))
		return
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

// checkCreation reads a tus creation request's headers (Upload-Length and
// Upload-Metadata with filename, filetype and item) and returns what it
// asks for, or why it is refused: no size or a deferred one, an empty
// file, one over max bytes, a missing or odd name, a file that is no
// video by its type or name, no programme item.
func checkCreation(h http.Header, max int64) (creationRequest, *refusal) {
	var req creationRequest
	if h.Get("Upload-Concat") != "" || h.Get("Upload-Defer-Length") != "" {
		return req, &refusal{http.StatusBadRequest, "upload.size.missing", nil}
	}
	size, err := strconv.ParseInt(h.Get("Upload-Length"), 10, 64)
	switch {
	case err != nil || size < 0:
		return req, &refusal{http.StatusBadRequest, "upload.size.missing", nil}
	case size == 0:
		return req, &refusal{http.StatusUnprocessableEntity, "upload.size.empty", nil}
	case size > max:
		return req, &refusal{http.StatusRequestEntityTooLarge, "upload.size.too_large", []any{mib(size), mib(max)}}
	}
	meta := handler.ParseMetadataHeader(h.Get("Upload-Metadata"))
	name := strings.TrimSpace(meta["filename"])
	if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 255 || strings.ContainsFunc(name, unicode.IsControl) {
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filename", nil}
	}
	ftype := strings.ToLower(strings.TrimSpace(meta["filetype"]))
	if mt, _, err := mime.ParseMediaType(ftype); err == nil {
		ftype = mt
	} else {
		ftype = ""
	}
	if !strings.HasPrefix(ftype, "video/") && !slices.Contains(videoExts, strings.ToLower(path.Ext(name))) {
		return req, &refusal{http.StatusUnprocessableEntity, "upload.filetype", []any{name}}
	}
	item, err := strconv.ParseInt(meta["item"], 10, 64)
	if err != nil || item <= 0 {
		return req, &refusal{http.StatusUnprocessableEntity, "upload.item.missing", nil}
	}
	return creationRequest{size: size, filename: name, filetype: ftype, item: item}, nil
}

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
	if !IsVideo(kind, delivery) {
		return http.StatusUnprocessableEntity, "upload.item.not_video", nil
	}
	return 0, "", nil
}

// IsVideo reports whether a programme item of kind and delivery takes a
// video file: a video address, or any speech delivered by video.
func IsVideo(kind forum.Kind, delivery forum.Delivery) bool {
	return kind == forum.VideoAddress || delivery == forum.Video
}

// download serves a received upload's bytes to its uploader and to whoever
// may see its programme item in the office.
func (s *Service) download(w http.ResponseWriter, r *http.Request, c Caller, u *Upload) {
	if u.AccountID != c.Account.ID {
		_, _, hosts, err := speechAccess(r.Context(), s.cfg.DB, u.SpeechID)
		if err != nil {
			s.fail(w, c, err)
			return
		}
		if !allowedAt(c.Account, hosts, account.View) {
			refuse(w, http.StatusNotFound, c.T.T("upload.not_found"))
			return
		}
	}
	if !u.Received() {
		refuse(w, http.StatusNotFound, c.T.T("upload.unfinished"))
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
