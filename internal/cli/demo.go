package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/typst"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("demo", "demo [flags]\n\nLoads the demo forum (two academies, the anniversary forum, its speakers,\nnews and the released Collected Works, in zh, ru and en) into the data folder.")
	var cfg config
	cfg.register(fs, env)
	baseURL := fs.String("base-url", orDefault(env.Getenv("TANDEM_BASE_URL"), "http://localhost:8080"), "public `URL` of the site, which the editions' files name as the book's address (env TANDEM_BASE_URL)")
	password := fs.String("demo-password", env.Getenv("TANDEM_DEMO_PASSWORD"), "`password` of the demo's office accounts; empty makes one and prints it once (env TANDEM_DEMO_PASSWORD)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *password == "" {
		*password = demo.NewPassword()
	} else if err := account.CheckPassword(*password); err != nil {
		return fmt.Errorf("%w: -demo-password: %v", errUsage, err)
	}
	db, blobs, err := cfg.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// The demo queues jobs (an invitation's reminders): the queue's tables
	// come first.
	if err := jobs.Migrate(ctx, db); err != nil {
		return err
	}
	if err := demo.Load(ctx, db, blobs); err != nil {
		if errors.Is(err, demo.ErrAlreadyLoaded) {
			return fmt.Errorf("the demo is already loaded in %s; start from an empty data folder to load it again", where(cfg))
		}
		return err
	}
	logins, err := demo.Team(ctx, db, *password)
	if err != nil {
		return err
	}
	collected, err := demo.Works(ctx, db, blobs, *password)
	if err != nil {
		return err
	}
	// The editions are built with the program's real renderers; Typst
	// needs Node.js and tools/typst (make demo installs them).
	editions, err := demo.BuildEditions(ctx, db, blobs, app.Renderers(toolVersion()), strings.TrimRight(*baseURL, "/"), time.Now())
	if cerr := app.CloseRenderers(); err == nil {
		err = cerr
	}
	if errors.Is(err, typst.ErrNotInstalled) {
		return fmt.Errorf("the demo's editions need Node.js and Typst: run scripts/setup.sh demo (as make demo does), then load the demo into an empty data folder: %w", err)
	}
	if err != nil {
		return err
	}
	// The editions' files name this address: until tandem serve records
	// its own, `tandem edition build` builds under the same one.
	if err := store.SetSetting(ctx, db, store.SettingBaseURL, strings.TrimRight(*baseURL, "/")); err != nil {
		return err
	}
	// The two video addresses get illustrative videos when ffmpeg and
	// espeak-ng are installed; without them the demo is complete but for
	// its videos, and says so.
	videos, verr := demo.Videos(ctx, db, blobs, demo.VideoTools{}, filepath.Join(cfg.data, "work"))
	if verr != nil && !errors.Is(verr, demo.ErrNoVideoTools) {
		return verr
	}
	logins = append(logins, collected.Authors...)
	fmt.Fprintf(env.Stdout, "demo forum loaded into %s\n\n", where(cfg))
	fmt.Fprintf(env.Stdout, "Office accounts (sign in at /office/), each with the password %s\n", *password)
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, l := range logins {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", l.Email, l.Role, l.Lang, l.Name)
	}
	w.Flush()
	fmt.Fprintln(env.Stdout, "\nOne change awaits approval: the CASS organiser's edit of the forum's note waits for RIAC's organiser.")
	fmt.Fprintln(env.Stdout, "\nThe Collected Works (/office/collections): volume 1 (two essays) is approved in zh, ru and en;\n"+
		"in volume 2, A is approved in zh and ru, B is in translation into Chinese,\n"+
		"C is in editing, D was returned to its author (upload internal/demo/works/d-ru.rev2.docx as revision 2),\n"+
		"and E awaits its author.")
	fmt.Fprintf(env.Stdout, "E's invitation to %s is accepted at %s\n", collected.Invited, collected.InvitationPath)
	fmt.Fprintln(env.Stdout, "\nEditions of volume 1 (office → Editions; public reader at /LANG/editions/SLUG, ISBNs are sample data):")
	for _, e := range editions {
		when := e.ReleaseAt.In(e.Location()).Format("2006-01-02 15:04 MST")
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", e.Slug, strings.Join(e.Langs, "+"), e.State, when)
	}
	w.Flush()
	fmt.Fprintln(env.Stdout, "The English edition is embargoed until its release: the public site does not show it.")
	if verr != nil {
		fmt.Fprintf(env.Stdout, "\nThe two video addresses have no video: %v.\n", verr)
	} else {
		fmt.Fprintf(env.Stdout, "\nThe %d video addresses have illustrative videos (an abstract picture and a synthesised voice,\n"+
			"labelled as such) with subtitles in zh, ru and en.\n", len(videos))
	}
	return nil
}

func where(cfg config) string {
	if cfg.database != "" {
		return "the database"
	}
	return cfg.data
}
