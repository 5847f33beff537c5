package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestEditionBuildAsTheOffice: the files name the site's address, so a
// build from the command line without --base-url is refused until tandem
// serve has recorded its address; then it gives the office's bytes (the
// office's EPUB is reused, not replaced by other bytes that would void the
// hosts' approvals). A format the edition does not have is said to be so.
func TestEditionBuildAsTheOffice(t *testing.T) {
	run := func(t *testing.T, env map[string]string) {
		ctx := context.Background()
		db, err := store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if err := jobs.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		blobs, err := blob.NewDir(filepath.Join(env["TANDEM_DATA"], "files"))
		if err != nil {
			t.Fatal(err)
		}
		fx := editiontest.Seed(t, db, blobs)
		var ids []int64
		for _, e := range []*edition.Edition{
			{Slug: "cw-zh", Langs: []string{"zh"}, Formats: []book.Format{book.EPUB}},
			{Slug: "cw-zh-web", Langs: []string{"zh"}, Formats: []book.Format{book.Web}},
		} {
			e.CollectionID, e.PublisherID, e.Notes, e.PageSize = fx.CollectionID, fx.Hosts[0].ID, book.PerChapter, "a5"
			if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, edition.Actor{Name: "test"}) }); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		db.Close()

		code, _, stderr := runCLI(t, env, "edition", "build", "cw-zh")
		if code != 2 || !strings.Contains(stderr, "--base-url") || !strings.Contains(stderr, "tandem serve") {
			t.Errorf("a build with no address known: exit %d, %q", code, stderr)
		}
		code, _, stderr = runCLI(t, env, "edition", "build", "--format", "epub", "cw-zh-web", "--base-url", "https://forum.example")
		if code != 2 || !strings.Contains(stderr, "has no epub format") {
			t.Errorf("the EPUB of an edition without one: exit %d, %q", code, stderr)
		}

		// The server opens as tandem serve does, recording its address,
		// and the office builds the EPUB.
		prog, err := app.Open(ctx, app.Config{Data: env["TANDEM_DATA"], Database: env["TANDEM_DATABASE"], BaseURL: "https://forum.example", RecordBaseURL: true, Version: toolVersion()})
		if err != nil {
			t.Fatal(err)
		}
		files, err := prog.Press.Build(ctx, ids[0], nil, edition.Actor{Name: "office"}, nil)
		if _, err := prog.DB.Exec(ctx, `UPDATE editions SET state = 'released' WHERE id = ?`, ids[1]); err != nil {
			t.Fatal(err)
		}
		prog.Close()
		if err != nil || len(files) != 1 {
			t.Fatalf("the office's build: %v, %d files", err, len(files))
		}

		code, stdout, stderr := runCLI(t, env, "edition", "build", "cw-zh")
		if code != 0 || stdout != "epub\t"+files[0].SHA256+"\t"+strconv.FormatInt(files[0].Size, 10)+"\treused\n" {
			t.Errorf("the command's build after serve recorded its address: exit %d, %q, %q; want the office's %s reused", code, stdout, stderr, files[0].SHA256)
		}
		code, _, stderr = runCLI(t, env, "edition", "build", "--format", "epub", "cw-zh-web")
		if code != 2 || !strings.Contains(stderr, "has no epub format") {
			t.Errorf("the EPUB of a released edition without one: exit %d, %q", code, stderr)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, map[string]string{"TANDEM_DATA": t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		run(t, map[string]string{"TANDEM_DATA": t.TempDir(), "TANDEM_DATABASE": storetest.PostgresURL(t)})
	})
}
