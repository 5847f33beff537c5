package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
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
}

func (c *jobConfig) register(fs *flag.FlagSet, env *Env) {
	fs.IntVar(&c.workers, "workers", 4, "how many background jobs to work at once; 0 works none (a `tandem worker` does)")
	rescue, _ := time.ParseDuration(env.Getenv("TANDEM_JOB_RESCUE_AFTER"))
	fs.DurationVar(&c.rescueAfter, "job-rescue-after", orDuration(rescue, time.Hour), "how long a job may run before it is taken as abandoned by a dead process and retried (env TANDEM_JOB_RESCUE_AFTER)")
	fs.DurationVar(&c.backoff, "job-backoff", 10*time.Second, "wait before a failed job's first retry; each further retry waits twice as long, up to 6h")
	fs.StringVar(&c.smtp, "smtp", env.Getenv("TANDEM_SMTP"), "mail server `URL`: smtp://user:pass@host:port (STARTTLS when offered) or smtps://…; empty writes mail to DATA/outbox (env TANDEM_SMTP)")
	fs.StringVar(&c.mailFrom, "mail-from", env.Getenv("TANDEM_MAIL_FROM"), "sender `address` of mail; default tandem@ the base URL's host (env TANDEM_MAIL_FROM)")
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
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
	jc.register(fs, env)
	baseURL := fs.String("base-url", orDefault(env.Getenv("TANDEM_BASE_URL"), "http://localhost:8080"), "public `URL` of the site, for links in mail (env TANDEM_BASE_URL)")
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
	logger := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
	prog, err := app.Open(ctx, app.Config{Data: cfg.data, Database: cfg.database, BaseURL: strings.TrimRight(*baseURL, "/"),
		Logger: logger, Version: toolVersion(), Workers: jc.workers, JobRescueAfter: jc.rescueAfter, JobBackoff: jc.backoff, SMTP: jc.smtp, MailFrom: jc.mailFrom})
	if err != nil {
		return err
	}
	defer prog.Close()
	logger.Info("working jobs", slog.Int("workers", jc.workers))
	return prog.Work(ctx)
}
