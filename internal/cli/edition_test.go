package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/tandemforum/tandem/internal/typst"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestEditionCommands: list prints one tab-separated line per edition
// (slug, languages, state, release time in its zone, ISBNs); build takes
// its flags before or after the slug, builds the web reader's file, writes
// it with -o, and reuses it when nothing changed.
func TestEditionCommands(t *testing.T) {
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
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		for _, e := range []*edition.Edition{
			{Slug: "cw-zh", Langs: []string{"zh"}, Formats: []book.Format{book.Web, book.EPUB, book.PDF},
				ISBN:      map[book.Format]string{book.EPUB: "9787999990017", book.PDF: "9787999990024"},
				ReleaseAt: time.Date(2021, 6, 1, 0, 0, 0, 0, shanghai), TimeZone: "Asia/Shanghai", Territories: []string{"CN"}},
			{Slug: "cw-zh-ru", Langs: []string{"zh", "ru"}, Formats: []book.Format{book.Web}},
		} {
			e.CollectionID, e.PublisherID, e.Notes, e.PageSize = fx.CollectionID, fx.Hosts[0].ID, book.PerChapter, "a5"
			if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, edition.Actor{Name: "test"}) }); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()

		code, stdout, stderr := runCLI(t, env, "edition", "list")
		want := "cw-zh\tzh\tdraft\t2021-06-01T00:00:00+08:00\tepub:9787999990017,pdf:9787999990024\n" +
			"cw-zh-ru\tzh+ru\tdraft\t-\t-\n"
		if code != 0 || stdout != want {
			t.Fatalf("edition list: exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, stdout, want)
		}

		out := filepath.Join(t.TempDir(), "book.json")
		code, stdout, stderr = runCLI(t, env, "edition", "build", "cw-zh-ru", "-o", out, "--base-url", "https://forum.example/")
		if code != 0 {
			t.Fatalf("edition build: exit %d, %s", code, stderr)
		}
		fields := strings.Split(strings.TrimSuffix(stdout, "\n"), "\t")
		if len(fields) != 4 || fields[0] != "web" || len(fields[1]) != 64 || fields[3] != "built" {
			t.Fatalf("edition build printed %q", stdout)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var b book.Book
		if err := json.Unmarshal(data, &b); err != nil || len(b.Chapters) != 2 || b.URL != "https://forum.example/zh/editions/cw-zh-ru" {
			t.Fatalf("the written web build: %d chapters, URL %q, %v", len(b.Chapters), b.URL, err)
		}
		code, stdout, _ = runCLI(t, env, "edition", "build", "--format", "web", "cw-zh-ru", "--base-url", "https://forum.example")
		if code != 0 || !strings.HasSuffix(stdout, "\treused\n") || !strings.Contains(stdout, fields[1]) {
			t.Errorf("an unchanged rebuild: exit %d, %q", code, stdout)
		}
		code, stdout, _ = runCLI(t, env, "edition", "list")
		if code != 0 || !strings.Contains(stdout, "cw-zh-ru\tzh+ru\tproofs\t-\t-\n") {
			t.Errorf("after the build, list says\n%s", stdout)
		}

		// The print PDF, typeset by Typst (tools/typst), or a clear
		// refusal where Typst is not installed.
		pdf := filepath.Join(t.TempDir(), "cw-zh.pdf")
		code, _, stderr = runCLI(t, env, "edition", "build", "cw-zh", "--format", "pdf", "-o", pdf, "--base-url", "https://forum.example")
		if !typstInstalled() {
			if code != 1 || !strings.Contains(stderr, "Typst") {
				t.Errorf("a PDF without Typst: exit %d, %q", code, stderr)
			}
		} else if data, err := os.ReadFile(pdf); code != 0 || err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("the PDF: exit %d, %q, %d bytes, %v", code, stderr, len(data), err)
		} else {
			t.Logf("PDF of %d bytes", len(data))
			// Its archival variant, from the same inputs.
			pdfa := filepath.Join(t.TempDir(), "cw-zh-a.pdf")
			code, stdout, stderr = runCLI(t, env, "edition", "build", "cw-zh", "--format", "pdfa", "-o", pdfa, "--base-url", "https://forum.example")
			if data, err := os.ReadFile(pdfa); code != 0 || err != nil || !strings.HasPrefix(stdout, "pdfa\t") || !bytes.Contains(data, []byte("<pdfaid:part>2</pdfaid:part>")) {
				t.Errorf("the PDF/A: exit %d, %q, %q, %d bytes, %v", code, stdout, stderr, len(data), err)
			}
		}
		code, _, stderr = runCLI(t, env, "edition", "build", "nope")
		if code != 1 || !strings.Contains(stderr, `no edition "nope"`) {
			t.Errorf("an unknown edition: exit %d, %q", code, stderr)
		}
		code, _, stderr = runCLI(t, env, "edition", "build", "cw-zh", "--format", "mobi")
		if code != 2 || !strings.Contains(stderr, "want web, epub, pdf or pdfa") {
			t.Errorf("an unknown format: exit %d, %q", code, stderr)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, map[string]string{"TANDEM_DATA": t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		run(t, map[string]string{"TANDEM_DATA": t.TempDir(), "TANDEM_DATABASE": storetest.PostgresURL(t)})
	})
}

// typstInstalled reports whether the Typst compiler's npm package is in
// tools/typst, as scripts/setup.sh installs it.
func typstInstalled() bool {
	dir, err := typst.FindDir()
	if err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(dir, "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "package.json"))
	return err == nil
}
