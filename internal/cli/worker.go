package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/app"
)

// jobConfig is what the commands that work background jobs share: how
// many at once, and how mail leaves.
type jobConfig struct {
	workers     int
	rescueAfter time.Duration
	backoff     time.Duration
	smtp        string
	mailFrom    string
	// uploadAbandon is how long an unfinished upload may be untouched
	// before the clean-up job removes it.
	uploadAbandon time.Duration
}

// register adds the job flags, with defaults from the environment. It
// returns a usage error for an environment variable it cannot read (a
// TANDEM_WORKERS that is not a number, a TANDEM_JOB_BACKOFF that is not a
// duration), rather than quietly using the default.
func (c *jobConfig) register(fs *flag.FlagSet, env *Env) error {
	workers := 4
	if v := env.Getenv("TANDEM_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("%w: TANDEM_WORKERS=%q: want a whole number, 0 or more", errUsage, v)
		}
		workers = n
	}
	rescue, err := envDuration(env, "TANDEM_JOB_RESCUE_AFTER", time.Hour)
	if err != nil {
		return err
	}
	backoff, err := envDuration(env, "TANDEM_JOB_BACKOFF", 10*time.Second)
	if err != nil {
		return err
	}
	abandon, err := envDuration(env, "TANDEM_UPLOAD_ABANDON_AFTER", 24*time.Hour)
	if err != nil {
		return err
	}
	// Go's flag package shows the first `quoted` word of a usage text as
	// the value's placeholder: quote only that word.
	fs.IntVar(&c.workers, "workers", workers, "`number` of background jobs to work at once; 0 works none, leaving them to a tandem worker (env TANDEM_WORKERS)")
	fs.DurationVar(&c.rescueAfter, "job-rescue-after", rescue, "`duration` a job may run before it is taken as abandoned by a dead process and retried (env TANDEM_JOB_RESCUE_AFTER)")
	fs.DurationVar(&c.backoff, "job-backoff", backoff, "`duration` to wait before a failed job's first retry; each further retry waits twice as long, up to 6h (env TANDEM_JOB_BACKOFF)")
	fs.StringVar(&c.smtp, "smtp", env.Getenv("TANDEM_SMTP"), "mail server `URL`: smtp://user:pass@host:port (STARTTLS when offered) or smtps://…; empty writes mail to DATA/outbox (env TANDEM_SMTP)")
	fs.DurationVar(&c.uploadAbandon, "upload-abandon-after", abandon, "`duration` an unfinished upload may go without a byte before the clean-up job removes it (env TANDEM_UPLOAD_ABANDON_AFTER)")
	fs.StringVar(&c.mailFrom, "mail-from", env.Getenv("TANDEM_MAIL_FROM"), "sender `address` of mail; default tandem@ the base URL's host (env TANDEM_MAIL_FROM)")
	return nil
}

// checkDurations refuses, as a usage error, a job flag's duration that is
// not positive (a -job-backoff of 0, an -upload-abandon-after of -1h),
// as the environment variables' are refused: none of them means anything
// at 0 or below, and a quiet default would hide the mistake.
func (c *jobConfig) checkDurations() error {
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"job-rescue-after", c.rescueAfter}, {"job-backoff", c.backoff}, {"upload-abandon-after", c.uploadAbandon}} {
		if f.d <= 0 {
			return fmt.Errorf("%w: -%s %s: want a positive duration such as 30s or 1h", errUsage, f.name, f.d)
		}
	}
	return nil
}

// envDuration reads a positive duration ("90s", "1h") from the
// environment variable name, or def when it is empty.
func envDuration(env *Env, name string, def time.Duration) (time.Duration, error) {
	v := env.Getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%w: %s=%q: want a positive duration such as 30s or 1h", errUsage, name, v)
	}
	return d, nil
}

func parseLevel(s string) (slog.Level, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("%w: -log-level %q: want debug, info, warn or error", errUsage, s)
	}
	return level, nil
}

func runWorker(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("worker", "worker [flags]")
	var cfg config
	cfg.register(fs, env)
	var jc jobConfig
	if err := jc.register(fs, env); err != nil {
		return err
	}
	baseURL := fs.String("base-url", env.Getenv("TANDEM_BASE_URL"), "public `URL` of the site, for links in mail and in the editions' files; default the one tandem serve recorded, else http://localhost:8080 (env TANDEM_BASE_URL)")
	logLevel := fs.String("log-level", orDefault(env.Getenv("TANDEM_LOG_LEVEL"), "info"), "log `level`: debug, info, warn or error (env TANDEM_LOG_LEVEL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	level, err := parseLevel(*logLevel)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if jc.workers < 1 {
		return fmt.Errorf("%w: -workers %d: a worker needs at least 1", errUsage, jc.workers)
	}
	if err := jc.checkDurations(); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
	prog, err := app.Open(ctx, app.Config{Data: cfg.data, Database: cfg.database, BaseURL: strings.TrimRight(*baseURL, "/"),
		Logger: logger, Version: toolVersion(), Workers: jc.workers, JobRescueAfter: jc.rescueAfter, JobBackoff: jc.backoff, UploadAbandonAfter: jc.uploadAbandon, SMTP: jc.smtp, MailFrom: jc.mailFrom})
	if err != nil {
		return err
	}
	defer prog.Close()
	logger.Info("working jobs", slog.Int("workers", jc.workers))
	return prog.Work(ctx)
}
