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
	logLevel := fs.String("log-level", orDefault(env.Getenv("TANDEM_LOG_LEVEL"), "info"), "log `level`: debug (logs every request), info, warn or error (env TANDEM_LOG_LEVEL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("%w: -log-level %q: want debug, info, warn or error", errUsage, *logLevel)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if jc.workers < 0 {
		return fmt.Errorf("%w: -workers %d: want 0 or more (0 leaves jobs to a tandem worker)", errUsage, jc.workers)
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
		Workers: jc.workers, JobRescueAfter: jc.rescueAfter, JobBackoff: jc.backoff, SMTP: jc.smtp, MailFrom: jc.mailFrom,
		RequireAdminTOTP: *requireAdminTOTP})
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
