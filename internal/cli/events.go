package cli

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
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

// eventKinds are the kinds of subject the event log holds: those of the
// approval workflow, the office's accounts, partner teams and media, and
// the editions.
var eventKinds = func() []string {
	ks := []string{"account", "team", "media", "edition"}
	for _, k := range approval.Kinds {
		ks = append(ks, string(k))
	}
	slices.Sort(ks)
	return ks
}()

// checkSubject returns a usage error unless s is an event's subject,
// KIND:ID with a kind of eventKinds and a positive decimal id ("forum:3").
func checkSubject(s string) error {
	kind, id, ok := strings.Cut(s, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || !slices.Contains(eventKinds, kind) || err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return fmt.Errorf("%w: --subject %q: want KIND:ID, KIND one of %s and ID a number, such as forum:3",
			errUsage, s, strings.Join(eventKinds, ", "))
	}
	return nil
}

func runEventsExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("events export", "events export [--subject KIND:ID] [--since RFC3339]\n\n"+
		"Writes the event log, oldest first, to stdout as JSON Lines: one event a line, times in RFC 3339.")
	var cfg config
	cfg.register(fs, env)
	subject := fs.String("subject", "", "only the events about this subject, given as `KIND:ID` (forum:3)")
	since := fs.String("since", "", "only the events at or after this time, in RFC 3339 (2026-03-01T09:00:00+03:00)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *subject != "" {
		if err := checkSubject(*subject); err != nil {
			return err
		}
	}
	f := eventlog.Filter{Subject: *subject}
	if *since != "" {
		t, err := time.Parse(time.RFC3339, *since)
		if err != nil {
			return fmt.Errorf("%w: --since %q: want an RFC 3339 time such as 2026-03-01T09:00:00Z", errUsage, *since)
		}
		f.Since = t
	}
	db, err := cfg.openExisting(ctx)
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
