package upload

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tus/tusd/v2/pkg/filelocker"
	"github.com/tus/tusd/v2/pkg/filestore"
	"github.com/tus/tusd/v2/pkg/handler"
	expslog "golang.org/x/exp/slog"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
)

// DefaultMaxSize is the largest upload Config.MaxSize 0 allows: 8 GiB, a
// long speech recorded at a camera's own bitrate.
const DefaultMaxSize int64 = 8 << 30

// DefaultAbandonAfter is how long an unfinished upload may go without a
// byte before the clean-up removes it.
const DefaultAbandonAfter = 24 * time.Hour

// BasePath is where the uploads are served.
const BasePath = "/api/uploads/"

// Config is what a Service is made with.
type Config struct {
	DB    *store.DB
	Blobs blob.Store
	// Dir is the staging folder where unfinished uploads grow; it should
	// be on the file system of a folder blob store, so that a completed
	// file is moved there, not copied.
	Dir string
	// BaseURL is the site's public address (https://forum.example), for
	// the upload URLs given to clients, right behind a proxy that ends
	// TLS; empty takes the request's host over plain http.
	BaseURL string
	// MaxSize is the largest file accepted, in bytes; 0 is DefaultMaxSize.
	MaxSize int64
	// AbandonAfter is how long an unfinished upload may be untouched
	// before Cleanup removes it; 0 is DefaultAbandonAfter.
	AbandonAfter time.Duration
	// OnComplete, when not nil, is called by the finishing job once an
	// upload is in the blob store with its SHA-256, in the transaction
	// that records it stored (video processing queues its work there), so
	// that what it writes commits once with that record, or not at all.
	// An error rolls the record back and the job is retried later.
	OnComplete func(ctx context.Context, tx *store.Tx, u Upload) error
	Logger     *slog.Logger
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Caller is who sends a request to the uploads, as the web server found
// out: the account (nil for nobody) and the printer of its language, in
// which refusals are written.
type Caller struct {
	Account *account.Account
	T       *i18n.Printer
	// Page is set when the caller is signed in by the login session, as
	// the office's pages are; else it is a program (an API token's).
	Page bool
}

// Service is the upload endpoint: tusd over a staging folder, the uploads
// table, and the finishing of received files (Finish, run as a job).
type Service struct {
	cfg   Config
	log   *slog.Logger
	files filestore.FileStore
	tus   *handler.UnroutedHandler

	// requests are the cancel functions of the requests being served, which
	// Interrupt ends; closing is set once it has.
	mu       sync.Mutex
	requests map[*int]context.CancelCauseFunc
	closing  bool
}

// New makes the service, creating its staging folder.
func New(cfg Config) (*Service, error) {
	if cfg.MaxSize <= 0 {
		cfg.MaxSize = DefaultMaxSize
	}
	if cfg.AbandonAfter <= 0 {
		cfg.AbandonAfter = DefaultAbandonAfter
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(cfg.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("upload staging folder: %w", err)
	}
	s := &Service{cfg: cfg, log: log, files: filestore.New(cfg.Dir), requests: map[*int]context.CancelCauseFunc{}}
	composer := handler.NewStoreComposer()
	composer.UseCore(staging{s})
	composer.UseTerminater(staging{s})
	filelocker.New(cfg.Dir).UseIn(composer)
	tus, err := handler.NewUnroutedHandler(handler.Config{
		StoreComposer:   composer,
		BasePath:        strings.TrimRight(cfg.BaseURL, "/") + BasePath,
		MaxSize:         cfg.MaxSize,
		DisableDownload: true, // served by the Service from the blob store
		// A client may cancel its unfinished upload (tus termination):
		// the route lets only its account or an admin, and preTerminate
		// only while bytes are still to come.
		PreUploadTerminateCallback: s.preTerminate,
		DisableConcatenation:       true,
		Cors:                       &handler.CorsConfig{Disable: true}, // the office's own origin only
		PreUploadCreateCallback:    s.preCreate,
		PreFinishResponseCallback:  s.preFinish,
		// tusd logs every request; tandem logs what matters itself.
		Logger: expslog.New(expslog.NewTextHandler(io.Discard, &expslog.HandlerOptions{Level: expslog.LevelError + 1})),
	})
	if err != nil {
		return nil, fmt.Errorf("tus handler: %w", err)
	}
	s.tus = tus
	return s, nil
}

// track returns ctx with a cancellation that Interrupt causes, and the
// function that releases it when the request is done.
func (s *Service) track(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		cancel(handler.ErrServerShutdown)
		return ctx, func() {}
	}
	key := new(int)
	s.requests[key] = cancel
	return ctx, func() {
		s.mu.Lock()
		delete(s.requests, key)
		s.mu.Unlock()
		cancel(nil)
	}
}

// Interrupt ends the requests being served, for a server that shuts
// down: an upload's PATCH stops reading at once, keeps the bytes it has
// (the client resumes from there) and is answered 503, so that shutting
// down does not wait for a file of gigabytes to arrive. Requests that
// come afterwards are ended the same way. An HTTP server calls it from
// RegisterOnShutdown.
func (s *Service) Interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing = true
	for _, cancel := range s.requests {
		cancel(handler.ErrServerShutdown)
	}
	if len(s.requests) > 0 {
		s.log.Info("upload: open requests interrupted for shutdown", slog.Int("count", len(s.requests)))
	}
}

// MaxSize is the largest file the service accepts.
func (s *Service) MaxSize() int64 { return s.cfg.MaxSize }

// newTusID returns a random upload id: 32 lower-case hex digits, usable
// as a file name and a blob key.
func newTusID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// creation is what the checks before tusd found in a creation request,
// for preCreate.
type creation struct {
	caller   Caller
	speechID int64
	filename string
	filetype string
}

type creationKey struct{}

// preCreate records the upload that tusd is about to create, under an id
// of ours, with the metadata the checks kept.
func (s *Service) preCreate(hook handler.HookEvent) (handler.HTTPResponse, handler.FileInfoChanges, error) {
	c, ok := hook.Context.Value(creationKey{}).(*creation)
	if !ok {
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, errors.New("upload created without checks")
	}
	u := &Upload{TusID: newTusID(), AccountID: c.caller.Account.ID, SpeechID: c.speechID, State: Receiving,
		Filename: c.filename, Filetype: c.filetype, Size: hook.Upload.Size, CreatedAt: s.cfg.Now().UTC()}
	if err := insert(hook.Context, s.cfg.DB, u); err != nil {
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, err
	}
	meta := handler.MetaData{"filename": c.filename, "filetype": c.filetype, "item": fmt.Sprint(c.speechID)}
	return handler.HTTPResponse{}, handler.FileInfoChanges{ID: u.TusID, MetaData: meta}, nil
}

// errFinished is tusd's refusal of the termination of an upload whose
// every byte has arrived: it is deleted in the office, with what was
// made of it, not cancelled.
var errFinished = handler.NewError("ERR_UPLOAD_TERMINATION_REJECTED", "upload complete", http.StatusConflict)

// preTerminate forgets an upload that its client cancels (tus DELETE)
// before tusd removes its staging files, as long as it is still
// receiving; a received upload is refused with errFinished.
func (s *Service) preTerminate(hook handler.HookEvent) (handler.HTTPResponse, error) {
	res, err := s.cfg.DB.Exec(hook.Context, `DELETE FROM uploads WHERE tus_id = ? AND state = 'receiving'`, hook.Upload.ID)
	if err != nil {
		s.log.Error("upload: cancel", slog.String("id", hook.Upload.ID), slog.Any("err", err))
		return handler.HTTPResponse{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return handler.HTTPResponse{}, errFinished
	}
	s.log.Info("upload cancelled", slog.String("id", hook.Upload.ID))
	return handler.HTTPResponse{}, nil
}

// preFinish records an upload whose last byte has arrived as received,
// queueing its finishing job in the same transaction, before tusd answers
// the request that brought it: the client waits for neither the checksum
// nor the move, which the job does.
func (s *Service) preFinish(hook handler.HookEvent) (handler.HTTPResponse, error) {
	if _, err := s.received(hook.Context, hook.Upload.ID); err != nil {
		s.log.Error("upload: received", slog.String("id", hook.Upload.ID), slog.Any("err", err))
		return handler.HTTPResponse{}, err
	}
	return handler.HTTPResponse{}, nil
}

// received records that every byte of the upload id is in its staging
// file and queues its finishing job, unless that was done already.
func (s *Service) received(ctx context.Context, id string) (*Upload, error) {
	u, err := ByTusID(ctx, s.cfg.DB, id)
	if err != nil || u.State != Receiving {
		return u, err
	}
	marked := false
	err = s.cfg.DB.Transact(ctx, func(tx *store.Tx) error {
		var err error
		marked, err = markReceived(ctx, tx, u, s.cfg.Now().UTC())
		return err
	})
	if err != nil {
		return nil, err
	}
	if marked {
		s.log.Info("upload received", slog.String("id", u.TusID), slog.Int64("size", u.Size))
	}
	return u, nil
}

// stagingPath is where the upload id grows.
func (s *Service) stagingPath(id string) string { return filepath.Join(s.cfg.Dir, id) }

// staging is the tusd data store: tusd's file store in the staging
// folder, which knows a received upload whose file has moved into the
// blob store as one with every byte, so that a client that asks after it
// is told it is done.
type staging struct{ s *Service }

func (st staging) NewUpload(ctx context.Context, info handler.FileInfo) (handler.Upload, error) {
	return st.s.files.NewUpload(ctx, info)
}

// AsTerminatableUpload lets tusd remove an unfinished upload's staging
// files; a received upload (whose file may have moved) is never
// terminated: preTerminate refuses it first.
func (st staging) AsTerminatableUpload(up handler.Upload) handler.TerminatableUpload {
	if d, ok := up.(doneUpload); ok {
		return d
	}
	return st.s.files.AsTerminatableUpload(up)
}

// Terminate refuses to remove a received upload.
func (d doneUpload) Terminate(ctx context.Context) error { return errFinished }

func (st staging) GetUpload(ctx context.Context, id string) (handler.Upload, error) {
	up, err := st.s.files.GetUpload(ctx, id)
	if errors.Is(err, handler.ErrNotFound) {
		u, uerr := ByTusID(ctx, st.s.cfg.DB, id)
		if uerr == nil && u.Received() {
			return doneUpload{u}, nil
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	info, err := up.GetInfo(ctx)
	if err != nil {
		return nil, err
	}
	if !info.SizeIsDeferred && info.Offset == info.Size {
		// Every byte is here; the server may have stopped before it
		// recorded so (between the last write and its answer).
		if _, err := st.s.received(ctx, id); err != nil {
			return nil, err
		}
	}
	return up, nil
}

// doneUpload is a received upload as tusd sees it: all there, nothing
// more to write.
type doneUpload struct{ u *Upload }

func (d doneUpload) GetInfo(ctx context.Context) (handler.FileInfo, error) {
	return handler.FileInfo{ID: d.u.TusID, Size: d.u.Size, Offset: d.u.Size,
		MetaData: handler.MetaData{"filename": d.u.Filename, "filetype": d.u.Filetype, "item": fmt.Sprint(d.u.SpeechID)}}, nil
}

func (d doneUpload) WriteChunk(ctx context.Context, offset int64, src io.Reader) (int64, error) {
	return 0, errors.New("upload already complete") // never reached: the offset equals the size
}

func (d doneUpload) GetReader(ctx context.Context) (io.ReadCloser, error) {
	return nil, handler.ErrNotFound
}

func (d doneUpload) FinishUpload(ctx context.Context) error { return nil }

// validTusID reports whether s is a tus id of ours.
func validTusID(s string) bool {
	if len(s) != 32 {
		return false
	}
	return strings.Trim(s, "0123456789abcdef") == ""
}
