package cli

import (
	"bufio"
	"context"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
)

// runEvents reads the event log:
//
//	tandem events export [--subject KIND:ID] [--since RFC3339]
//
// export writes the events, oldest first, to stdout as JSON Lines.
func runEvents(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'export'", errUsage)
	}
	switch args[0] {
	case "export":
		return inSubcommand("events export", runEventsExport(ctx, env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, "Usage:\n  tandem events export [--subject KIND:ID] [--since RFC3339]\n\n"+
			"export writes the event log, oldest first, as JSON Lines: one event a line.\n")
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'export')", errUsage, args[0])
}

func runEventsExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("events export", "events export [--subject KIND:ID] [--since RFC3339]\n\n"+
		"Writes the event log, oldest first, to stdout as JSON Lines: one event a line, times in RFC 3339.")
	var cfg config
	cfg.register(fs, env)
	subject := fs.String("subject", "", "only the events about this subject, as forum:3")
	since := fs.String("since", "", "only the events at or after this time, in RFC 3339 (2026-03-01T09:00:00+03:00)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	f := eventlog.Filter{Subject: *subject}
	if *since != "" {
		t, err := time.Parse(time.RFC3339, *since)
		if err != nil {
			return fmt.Errorf("%w: --since %q: want an RFC 3339 time such as 2026-03-01T09:00:00Z", errUsage, *since)
		}
		f.Since = t
	}
	db, _, err := cfg.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	w := bufio.NewWriter(env.Stdout)
	if err := eventlog.ExportJSONL(ctx, db, w, f); err != nil {
		return err
	}
	return w.Flush()
}
