package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/app"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("serve", "serve [flags]")
	var cfg config
	cfg.register(fs, env)
	var jc jobConfig
	if err := jc.register(fs, env); err != nil {
		return err
	}
	addr := fs.String("addr", orDefault(env.Getenv("TANDEM_ADDR"), "localhost:8080"), "listen `address` (env TANDEM_ADDR)")
	baseURL := fs.String("base-url", env.Getenv("TANDEM_BASE_URL"), "public `URL` of the site, for canonical links and feeds; default http://ADDR (env TANDEM_BASE_URL)")
	adminTOTP := false
	if v := env.Getenv("TANDEM_REQUIRE_ADMIN_TOTP"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%w: TANDEM_REQUIRE_ADMIN_TOTP=%q: want true or false", errUsage, v)
		}
		adminTOTP = b
	}
	requireAdminTOTP := fs.Bool("require-admin-totp", adminTOTP,
		"make every instance admin turn on two-step sign-in before using the office (env TANDEM_REQUIRE_ADMIN_TOTP)")
	maxUpload := fs.String("upload-max-size", orDefault(env.Getenv("TANDEM_UPLOAD_MAX_SIZE"), "8GiB"), "largest `size` of a resumable upload (a speech's video): bytes, or with MiB or GiB (env TANDEM_UPLOAD_MAX_SIZE)")
	logLevel := fs.String("log-level", orDefault(env.Getenv("TANDEM_LOG_LEVEL"), "info"), "log `level`: debug (logs every request), info, warn or error (env TANDEM_LOG_LEVEL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("%w: -log-level %q: want debug, info, warn or error", errUsage, *logLevel)
	}
	uploadMax, err := parseSize(*maxUpload)
	if err != nil {
		return fmt.Errorf("%w: -upload-max-size %q: want a positive size such as 8GiB, 500MiB or 1000000", errUsage, *maxUpload)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if jc.workers < 0 {
		return fmt.Errorf("%w: -workers %d: want 0 or more (0 leaves jobs to a tandem worker)", errUsage, jc.workers)
	}
	if err := jc.checkDurations(); err != nil {
		return err
	}
	if *baseURL == "" {
		host, port, err := net.SplitHostPort(*addr)
		if err != nil {
			return fmt.Errorf("%w: -addr %q: %v", errUsage, *addr, err)
		}
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		*baseURL = "http://" + net.JoinHostPort(host, port)
	}
	gc := 0
	if env.Getenv("GOGC") == "" {
		// The live heap is small and most garbage is per request: collect
		// less often than the default, for throughput on busy days.
		gc = 400
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
	prog, err := app.Open(ctx, app.Config{Data: cfg.data, Database: cfg.database, BaseURL: strings.TrimRight(*baseURL, "/"),
		Logger: logger, Version: toolVersion(), GCPercent: gc,
		Workers: jc.workers, JobRescueAfter: jc.rescueAfter, JobBackoff: jc.backoff, UploadAbandonAfter: jc.uploadAbandon, UploadMaxSize: uploadMax, SMTP: jc.smtp, MailFrom: jc.mailFrom,
		RequireAdminTOTP: *requireAdminTOTP, RecordBaseURL: true})
	if err != nil {
		return err
	}
	defer prog.Close()
	if ok, err := (&account.Store{DB: prog.DB}).AdminExists(ctx); err == nil && !ok {
		logger.Warn("no admin account yet; create one with: tandem user add --email E --name N --admin")
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	return prog.Run(ctx, l)
}

// parseSize reads a positive number of bytes, or of KiB, MiB or GiB when
// it ends with one of them.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}} {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q", s)
	}
	return n * mult, nil
}
