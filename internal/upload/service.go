package upload

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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
	// OnComplete, when not nil, is called once an upload is complete and
	// recorded (video processing takes the file from there). Its error is
	// logged; the upload stays complete.
	OnComplete func(ctx context.Context, u Upload) error
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
}

// Service is the upload endpoint: tusd over a staging folder, the uploads
// table, and the move of completed files into the blob store.
type Service struct {
	cfg    Config
	log    *slog.Logger
	files  filestore.FileStore
	tus    *handler.UnroutedHandler
	hashes *hashes
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
	s := &Service{cfg: cfg, log: log, files: filestore.New(cfg.Dir), hashes: newHashes()}
	composer := handler.NewStoreComposer()
	composer.UseCore(staging{s})
	filelocker.New(cfg.Dir).UseIn(composer)
	tus, err := handler.NewUnroutedHandler(handler.Config{
		StoreComposer:             composer,
		BasePath:                  strings.TrimRight(cfg.BaseURL, "/") + BasePath,
		MaxSize:                   cfg.MaxSize,
		DisableDownload:           true, // served by the Service from the blob store
		DisableTermination:        true,
		DisableConcatenation:      true,
		Cors:                      &handler.CorsConfig{Disable: true}, // the office's own origin only
		PreUploadCreateCallback:   s.preCreate,
		PreFinishResponseCallback: s.preFinish,
		// tusd logs every request; tandem logs what matters itself.
		Logger: expslog.New(expslog.NewTextHandler(io.Discard, &expslog.HandlerOptions{Level: expslog.LevelError + 1})),
	})
	if err != nil {
		return nil, fmt.Errorf("tus handler: %w", err)
	}
	s.tus = tus
	return s, nil
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
	u := &Upload{TusID: newTusID(), AccountID: c.caller.Account.ID, SpeechID: c.speechID,
		Filename: c.filename, Filetype: c.filetype, Size: hook.Upload.Size, CreatedAt: s.cfg.Now().UTC()}
	if err := insert(hook.Context, s.cfg.DB, u); err != nil {
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, err
	}
	meta := handler.MetaData{"filename": c.filename, "filetype": c.filetype, "item": fmt.Sprint(c.speechID)}
	return handler.HTTPResponse{}, handler.FileInfoChanges{ID: u.TusID, MetaData: meta}, nil
}

// preFinish completes an upload whose last byte has arrived, before tusd
// answers the request that brought it.
func (s *Service) preFinish(hook handler.HookEvent) (handler.HTTPResponse, error) {
	u, err := s.finish(hook.Context, hook.Upload)
	if err != nil {
		s.log.Error("upload: complete", slog.String("id", hook.Upload.ID), slog.Any("err", err))
		return handler.HTTPResponse{}, err
	}
	return handler.HTTPResponse{Header: handler.HTTPHeader{"Upload-Sha256": u.SHA256}}, nil
}

// finish moves a fully received upload into the blob store, records its
// SHA-256 and calls OnComplete. It may be called again for an upload it
// has completed, which it returns as it is.
func (s *Service) finish(ctx context.Context, info handler.FileInfo) (*Upload, error) {
	u, err := ByTusID(ctx, s.cfg.DB, info.ID)
	if err != nil {
		return nil, err
	}
	if u.Complete() {
		return u, nil
	}
	path := info.Storage[filestore.StorageKeyPath]
	if path == "" {
		path = filepath.Join(s.cfg.Dir, info.ID)
	}
	sum, ok := s.hashes.take(info.ID, info.Size)
	if !ok {
		// The server restarted during the upload (or the hash was lost):
		// read the whole file once.
		if sum, err = hashFile(path); err != nil {
			return nil, err
		}
	}
	u.SHA256 = sum
	u.BlobKey = "uploads/" + u.TusID
	if _, err := blob.PutFile(ctx, s.cfg.Blobs, u.BlobKey, path); err != nil {
		return nil, fmt.Errorf("upload %s: %w", u.TusID, err)
	}
	u.CompletedAt = s.cfg.Now().UTC()
	if err := complete(ctx, s.cfg.DB, u); err != nil {
		return nil, err
	}
	if err := os.Remove(filepath.Join(s.cfg.Dir, info.ID+".info")); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.log.Warn("upload: remove staging info", slog.String("id", u.TusID), slog.Any("err", err))
	}
	s.log.Info("upload complete", slog.String("id", u.TusID), slog.Int64("size", u.Size), slog.String("sha256", u.SHA256))
	if s.cfg.OnComplete != nil {
		if err := s.cfg.OnComplete(ctx, *u); err != nil {
			s.log.Error("upload: on complete", slog.String("id", u.TusID), slog.Any("err", err))
		}
	}
	return u, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("hash upload: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash upload: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// staging is the tusd data store: tusd's file store in the staging
// folder, whose uploads hash what they are sent as it arrives, and which
// knows a completed upload (moved into the blob store) as one with every
// byte, so that a client that asks after it is told it is done.
type staging struct{ s *Service }

func (st staging) NewUpload(ctx context.Context, info handler.FileInfo) (handler.Upload, error) {
	up, err := st.s.files.NewUpload(ctx, info)
	if err != nil {
		return nil, err
	}
	return hashingUpload{Upload: up, s: st.s, id: info.ID}, nil
}

func (st staging) GetUpload(ctx context.Context, id string) (handler.Upload, error) {
	up, err := st.s.files.GetUpload(ctx, id)
	if errors.Is(err, handler.ErrNotFound) {
		u, uerr := ByTusID(ctx, st.s.cfg.DB, id)
		if uerr == nil && u.Complete() {
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
	if info.Offset == info.Size {
		// Every byte arrived but the completion did not happen (the
		// server stopped in between): complete it now.
		u, err := st.s.finish(ctx, info)
		if err != nil {
			return nil, err
		}
		return doneUpload{u}, nil
	}
	return hashingUpload{Upload: up, s: st.s, id: id}, nil
}

// hashingUpload feeds the bytes written to the upload to its running
// SHA-256.
type hashingUpload struct {
	handler.Upload
	s  *Service
	id string
}

func (u hashingUpload) WriteChunk(ctx context.Context, offset int64, src io.Reader) (int64, error) {
	h := u.s.hashes.at(u.id, offset)
	if h == nil {
		return u.Upload.WriteChunk(ctx, offset, src)
	}
	cr := &countingReader{r: src, h: h, offset: offset}
	if info, err := u.Upload.GetInfo(ctx); err == nil {
		cr.wb = openWriteback(info.Storage[filestore.StorageKeyPath], offset)
		defer cr.wb.close()
	}
	n, err := u.Upload.WriteChunk(ctx, offset, cr)
	u.s.hashes.advance(u.id, offset, n, cr.n)
	return n, err
}

// countingReader feeds what it reads to a hash and counts it, and has
// the disk start on the bytes received.
type countingReader struct {
	r      io.Reader
	h      io.Writer
	n      int64
	offset int64 // where the chunk begins in the file
	wb     *writeback
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	c.wb.received(c.offset + c.n)
	return n, err
}

// doneUpload is a completed upload as tusd sees it: all there, nothing
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

// mib returns n bytes in whole MiB, rounded up, for messages.
func mib(n int64) int64 { return (n + 1<<20 - 1) >> 20 }

// validTusID reports whether s is a tus id of ours.
func validTusID(s string) bool {
	if len(s) != 32 {
		return false
	}
	return strings.Trim(s, "0123456789abcdef") == ""
}
