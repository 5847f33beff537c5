// Package app is tandem as a running program: the value that owns the
// database, the file store, the web server and the job workers, which
// `tandem serve` and `tandem worker` run and a test starts whole on a
// listener of its own.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/upload"
	"github.com/tandemforum/tandem/internal/video"
	"github.com/tandemforum/tandem/internal/web"
)

// Config is what a program is opened with.
type Config struct {
	// Data is the data folder: the SQLite database (when Database is
	// empty) and the file store, in Data/files.
	Data string
	// Database is a postgres:// URL, or empty for SQLite in Data.
	Database string
	// BaseURL is the site's public address, without a trailing slash.
	// When empty, the one the server recorded (RecordBaseURL) is used,
	// else http://localhost:8080.
	BaseURL string
	// RecordBaseURL stores BaseURL in the database (store.SettingBaseURL)
	// when the program opens, as tandem serve does: the editions' files
	// name the site's address, and `tandem edition build` and workers
	// given none use this one, so that they make the office's bytes.
	RecordBaseURL bool
	// Logger receives the program's log; nil discards it.
	Logger *slog.Logger
	// Version is the running tandem's version, as `tandem version`
	// prints it.
	Version string
	// GCPercent, when not 0, is set as the garbage collector's target
	// percentage while the program runs (debug.SetGCPercent): a server's
	// live heap is small and most garbage is per request, so it collects
	// less often than a command that converts one file.
	GCPercent int
	// NoCache turns off the web server's page cache (tests that count
	// queries).
	NoCache bool
	// Workers is how many background jobs the program works at once; 0
	// works none (another process runs `tandem worker`).
	Workers int
	// JobRescueAfter is how long a job may run before it is taken as
	// abandoned by a dead process and retried; 0 means an hour.
	JobRescueAfter time.Duration
	// JobBackoff is the wait before a failed job's first retry, doubled
	// for each further one; 0 means 10 s.
	JobBackoff time.Duration
	// SMTP is the mail server's smtp:// or smtps:// URL; empty writes mail
	// to the outbox in Data/outbox.
	SMTP string
	// MailFrom is the sender's address; empty means tandem@ the base
	// URL's host.
	MailFrom string
	// RequireAdminTOTP makes every instance admin enrol in two-factor
	// sign-in before using the office.
	RequireAdminTOTP bool
	// UploadMaxSize is the largest file /api/uploads/ takes, in bytes; 0
	// is upload.DefaultMaxSize (8 GiB).
	UploadMaxSize int64
	// UploadAbandonAfter is how long an unfinished upload may go without
	// a byte before the clean-up job removes it; 0 is a day.
	UploadAbandonAfter time.Duration
	// OnUpload, when not nil, is called with every upload stored, in the
	// transaction that records it so (see upload.Config.OnComplete),
	// instead of processUpload, which queues the file's processing as the
	// speech's video there.
	OnUpload func(ctx context.Context, tx *store.Tx, u upload.Upload) error
}

// Program is tandem running: its database (migrated when opened), its
// file store and its web server. Open it, Run it, Close it.
type Program struct {
	cfg   Config
	DB    *store.DB
	Blobs blob.Store
	Web   *web.Server
	// Jobs is the job queue; Run works it when Config.Workers > 0.
	Jobs *jobs.Queue
	// Press builds and releases editions, with the program's renderers.
	Press *edition.Press
	// Uploads is the resumable upload endpoint; its files wait in
	// Data/uploads until complete.
	Uploads *upload.Service
	// Mail delivers the mail jobs; Outbox holds mail when there is no
	// SMTP server.
	Mail   *mail.Mailer
	Outbox *mail.Outbox
	// Videos processes the programme items' videos with ffmpeg.
	Videos *video.Processor
	log    *slog.Logger
	// stopWatch ends the watch for videos whose worker died.
	stopWatch func()
}

// Open opens the database, applying migrations, and the file store, and
// makes the web server. The caller must Close the program.
func Open(ctx context.Context, cfg Config) (*Program, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db, err := store.Open(ctx, cfg.Database, cfg.Data)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	switch {
	case cfg.RecordBaseURL && cfg.BaseURL != "":
		if err := store.SetSetting(ctx, db, store.SettingBaseURL, cfg.BaseURL); err != nil {
			db.Close()
			return nil, err
		}
	case cfg.BaseURL == "":
		if cfg.BaseURL, err = store.Setting(ctx, db, store.SettingBaseURL); err != nil {
			db.Close()
			return nil, err
		}
		if cfg.BaseURL == "" {
			cfg.BaseURL = "http://localhost:8080"
		}
	}
	blobs, err := blob.NewDir(filepath.Join(cfg.Data, "files"))
	if err != nil {
		db.Close()
		return nil, err
	}
	outbox := mail.NewOutbox(filepath.Join(cfg.Data, "outbox"))
	if cfg.SMTP != "" {
		// Mail goes through the server; the office shows no outbox.
		outbox = nil
	}
	onUpload := cfg.OnUpload
	if onUpload == nil {
		onUpload = processUpload()
	}
	uploads, err := upload.New(upload.Config{DB: db, Blobs: blobs, Dir: filepath.Join(cfg.Data, "uploads"), BaseURL: cfg.BaseURL,
		MaxSize: cfg.UploadMaxSize, AbandonAfter: cfg.UploadAbandonAfter, OnComplete: onUpload, Logger: log})
	if err != nil {
		db.Close()
		return nil, err
	}
	press := &edition.Press{DB: db, Blobs: blobs, Renderers: Renderers(cfg.Version), BaseURL: cfg.BaseURL, DepositorEmail: cfg.MailFrom, Log: log}
	srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: cfg.BaseURL, Press: press, Logger: log, Version: cfg.Version, NoCache: cfg.NoCache,
		Outbox: outbox, RequireAdminTOTP: cfg.RequireAdminTOTP,
		Memory: translate.NewMemory(db), Terms: web.ForumTerms{DB: db}, Uploads: uploads, VideoDuration: videoDuration(db)})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("web server: %w", err)
	}
	p := &Program{cfg: cfg, DB: db, Blobs: blobs, Web: srv, log: log, Outbox: outbox,
		Press: press, Uploads: uploads, Videos: &video.Processor{DB: db, Blobs: blobs, WorkDir: filepath.Join(cfg.Data, "work")}}
	if err := p.openJobs(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return p, nil
}

// openJobs makes the mailer and the job queue with every worker: mail,
// and the web server's (scheduled publication).
func (p *Program) openJobs(ctx context.Context) error {
	from := p.cfg.MailFrom
	if from == "" {
		from = mail.DefaultFrom(p.cfg.BaseURL)
	}
	m, err := mail.New(mail.Config{SMTP: p.cfg.SMTP, From: from, Outbox: filepath.Join(p.cfg.Data, "outbox"), Logger: p.log})
	if err != nil {
		return err
	}
	ws := jobs.NewWorkers()
	mail.Register(ws, m)
	media.Register(ws, &media.Store{DB: p.DB, Blobs: p.Blobs})
	p.Web.RegisterWorkers(ws)
	edition.Register(ws, p.Press, nil)
	upload.Register(ws, p.Uploads)
	video.Register(ws, p.Videos)
	q, err := jobs.Open(ctx, p.DB, jobs.Config{Workers: ws, Concurrency: p.cfg.Workers, RescueAfter: p.cfg.JobRescueAfter, Backoff: p.cfg.JobBackoff, Logger: p.log,
		Periodic: []jobs.Periodic{upload.Periodic()}})
	if err != nil {
		return err
	}
	p.Mail, p.Jobs = m, q
	return nil
}

// Work works background jobs until ctx is done, then waits up to 30 s for
// those running to end (after which they are cancelled and retried
// later). It is what `tandem worker` runs; Run does it beside the site.
func (p *Program) Work(ctx context.Context) error {
	if err := p.startJobs(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	return p.stopJobs()
}

// startJobs starts the job queue and, when this process works jobs, the
// watch that takes up at once the videos of a worker that died.
func (p *Program) startJobs(ctx context.Context) error {
	if err := p.Jobs.Start(ctx); err != nil {
		return err
	}
	if p.cfg.Workers > 0 {
		wctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			video.Watch(wctx, p.DB, 5*time.Second, p.log)
		}()
		p.stopWatch = func() { cancel(); <-done }
	}
	return nil
}

func (p *Program) stopJobs() error {
	if p.stopWatch != nil {
		p.stopWatch()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return p.Jobs.Stop(ctx)
}

// Run serves the site on l, and works background jobs when
// Config.Workers > 0, until ctx is done, then shuts both down gracefully
// and returns nil; it returns the error that stopped it otherwise. It
// closes l.
func (p *Program) Run(ctx context.Context, l net.Listener) error {
	if l == nil {
		return errors.New("app: Run needs a listener")
	}
	if p.cfg.GCPercent != 0 {
		old := debug.SetGCPercent(p.cfg.GCPercent)
		defer debug.SetGCPercent(old)
	}
	if err := p.startJobs(ctx); err != nil {
		l.Close()
		return err
	}
	err := p.Web.ServeListener(ctx, l)
	return errors.Join(err, p.stopJobs())
}

// Close closes the job queue and the database. The program is not usable
// afterwards.
func (p *Program) Close() error {
	return errors.Join(p.Jobs.Close(), p.DB.Close(), CloseRenderers())
}

// processUpload returns the hook that makes each stored upload the video
// of the speech it was sent for and queues its processing, credited to
// the uploader, in the transaction that records the upload stored: the
// video is submitted once, whatever stops the finishing job.
func processUpload() func(ctx context.Context, tx *store.Tx, u upload.Upload) error {
	return func(ctx context.Context, tx *store.Tx, u upload.Upload) error {
		by := video.Actor{AccountID: u.AccountID}
		if err := tx.QueryRow(ctx, `SELECT name FROM accounts WHERE id = ?`, u.AccountID).Scan(&by.Name); err != nil {
			return fmt.Errorf("upload %d: uploader %d: %w", u.ID, u.AccountID, err)
		}
		_, err := video.Submit(ctx, tx, u.SpeechID, u.BlobKey, by)
		if errors.Is(err, video.ErrNotVideo) {
			// The item stopped being given by video while the file was
			// sent: the file is kept as uploaded, and processed if the
			// item is set back and the file attached again.
			return nil
		}
		return err
	}
}

// videoDuration returns the length in milliseconds of a speech's latest
// video once processed, 0 while it has none ready, against which the
// office checks its subtitles' cues.
func videoDuration(db *store.DB) func(ctx context.Context, speechID int64) (int64, error) {
	return func(ctx context.Context, speechID int64) (int64, error) {
		vs, err := video.ReadyFor(ctx, db, []int64{speechID})
		if err != nil {
			return 0, err
		}
		if v := vs[speechID]; v != nil && v.State == video.Ready {
			return v.Duration.Milliseconds(), nil
		}
		return 0, nil
	}
}
