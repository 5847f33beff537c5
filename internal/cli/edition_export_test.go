package cli

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/shareddata"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestEditionExportCommands: `tandem edition onix` and `crossref` take
// their flags before or after the slug, write the same bytes for the same
// --sent, which validate against the ONIX 3.0 and Crossref 5.4.0 schemas,
// describe the edition first with the collection's other ready editions
// released at --sent, and refuse an edition not released by then or
// without an ISBN, a release date or a DOI prefix with exit status 1 and a
// message on standard error; --sent is not in the future.
func TestEditionExportCommands(t *testing.T) {
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
		moscow, _ := time.LoadLocation("Europe/Moscow")
		for i, e := range []*edition.Edition{
			{Slug: "cw-zh", Langs: []string{"zh"}, Formats: []book.Format{book.Web, book.EPUB, book.PDF},
				ISBN:      map[book.Format]string{book.EPUB: "9787999990017", book.PDF: "9787999990024"},
				ReleaseAt: time.Date(2021, 6, 1, 0, 0, 0, 0, shanghai), TimeZone: "Asia/Shanghai", Territories: []string{"CN"}, DOIPrefix: "10.99999"},
			{Slug: "cw-ru", Langs: []string{"ru"}, Formats: []book.Format{book.EPUB},
				ISBN:      map[book.Format]string{book.EPUB: "9785999990013"},
				ReleaseAt: time.Date(2021, 6, 1, 0, 0, 0, 0, moscow), TimeZone: "Europe/Moscow", Territories: []string{"RU"}, DOIPrefix: "10.99999"},
			{Slug: "cw-zh-ru", Langs: []string{"zh", "ru"}, Formats: []book.Format{book.Web}},
		} {
			e.CollectionID, e.PublisherID, e.Notes, e.PageSize = fx.CollectionID, fx.Hosts[i%2].ID, book.PerChapter, "a5"
			if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, edition.Actor{Name: "test"}) }); err != nil {
				t.Fatal(err)
			}
			// The Russian edition is scheduled for its release time, the
			// others are released.
			state := edition.Released
			if e.Slug == "cw-ru" {
				state = edition.Scheduled
			}
			if _, err := db.Exec(ctx, `UPDATE editions SET state = ? WHERE id = ?`, state, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		env["TANDEM_BASE_URL"] = "https://forum.example"

		code, onix, stderr := runCLI(t, env, "edition", "onix", "--sent", "2021-06-02T09:30:00Z", "cw-ru")
		if code != 0 {
			t.Fatalf("edition onix: exit %d, %s", code, stderr)
		}
		code, again, _ := runCLI(t, env, "edition", "onix", "cw-ru", "--sent", "2021-06-02T09:30:00Z")
		if code != 0 || again != onix {
			t.Errorf("edition onix with the flag after the slug: exit %d, same output %v", code, again == onix)
		}
		for _, want := range []string{"<SenderName>Российский совет по международным делам</SenderName>", "<SentDateTime>20210602T093000Z</SentDateTime>",
			"<IDValue>9785999990013</IDValue>", "<IDValue>9787999990017</IDValue>", "<ProductRelationCode>11</ProductRelationCode>"} {
			if !strings.Contains(onix, want) {
				t.Errorf("the ONIX message lacks %s:\n%s", want, onix)
			}
		}
		if strings.Index(onix, "9785999990013") > strings.Index(onix, "<IDValue>9787999990017") {
			t.Errorf("the ONIX message does not begin with the edition asked for:\n%s", onix)
		}
		if strings.Contains(onix, "cw-zh-ru") {
			t.Errorf("the ONIX message lists the edition without ISBN or release date:\n%s", onix)
		}
		validateSchema(t, filepath.Join("onix-3.0", "ONIX_BookProduct_3.0_reference.xsd"), onix)

		code, deposit, stderr := runCLI(t, env, "edition", "crossref", "cw-zh", "--sent", "2021-06-02T09:30:00Z", "--depositor-email", "doi@forum.example")
		if code != 0 {
			t.Fatalf("edition crossref: exit %d, %s", code, stderr)
		}
		code, again, _ = runCLI(t, env, "edition", "crossref", "--depositor-email=doi@forum.example", "--sent=2021-06-02T09:30:00Z", "cw-zh")
		if code != 0 || again != deposit {
			t.Errorf("edition crossref with the flags before the slug: exit %d, same output %v", code, again == deposit)
		}
		ch := edition.ChapterID(fx.Contributions[0])
		for _, want := range []string{"<doi_batch_id>tandem-cw-zh-20210602T093000</doi_batch_id>", "<timestamp>20210602093000</timestamp>",
			"<depositor_name>中国社会科学院</depositor_name>", "<email_address>doi@forum.example</email_address>",
			"<doi>10.99999/cw-zh</doi>", "<resource>https://forum.example/zh/editions/cw-zh</resource>",
			"<doi>10.99999/cw-zh." + ch + "</doi>", "<resource>https://forum.example/zh/editions/cw-zh/" + ch + "</resource>",
			"<doi>10.99999/cw-ru</doi>", "<resource>https://forum.example/ru/editions/cw-ru/" + ch + "</resource>"} {
			if !strings.Contains(deposit, want) {
				t.Errorf("the deposit lacks %s:\n%s", want, deposit)
			}
		}
		validateSchema(t, filepath.Join("crossref", "5.4.0", "crossref5.4.0.xsd"), deposit)

		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"onix", "cw-zh-ru"}, "Edition cw-zh-ru has no ISBN"},
			{[]string{"crossref", "cw-zh-ru"}, "Edition cw-zh-ru has no DOI prefix"},
			{[]string{"onix", "nope"}, `no edition "nope"`},
		} {
			code, stdout, stderr := runCLI(t, env, append([]string{"edition"}, c.args...)...)
			if code != 1 || stdout != "" || !strings.Contains(stderr, c.want) {
				t.Errorf("edition %v: exit %d, stdout %q, stderr %q; want exit 1 and %q", c.args, code, stdout, stderr, c.want)
			}
		}
		// Without the site's public address the records would name pages on
		// localhost; without an address for Crossref's report the deposit
		// would give tandem@localhost.
		with := func(k, v string) map[string]string {
			e := maps.Clone(env)
			e[k] = v
			return e
		}
		code, stdout, stderr := runCLI(t, with("TANDEM_BASE_URL", ""), "edition", "crossref", "cw-zh")
		if code != 2 || stdout != "" || !strings.Contains(stderr, "--base-url or TANDEM_BASE_URL") {
			t.Errorf("crossref without a base URL: exit %d, %q, %q; want exit 2 asking for --base-url", code, stdout, stderr)
		}
		local := with("TANDEM_BASE_URL", "http://127.0.0.1:8080")
		code, stdout, stderr = runCLI(t, local, "edition", "crossref", "cw-zh")
		if code != 1 || stdout != "" || !strings.Contains(stderr, "--mail-from (TANDEM_MAIL_FROM)") {
			t.Errorf("crossref on a local address without a depositor address: exit %d, %q, %q; want exit 1 asking for one", code, stdout, stderr)
		}
		local["TANDEM_MAIL_FROM"] = "editions@forum.example"
		code, stdout, stderr = runCLI(t, local, "edition", "crossref", "cw-zh")
		if code != 0 || !strings.Contains(stdout, "<email_address>editions@forum.example</email_address>") || strings.Contains(stdout, "tandem@") {
			t.Errorf("crossref with TANDEM_MAIL_FROM: exit %d, %s\n%s", code, stderr, stdout)
		}
		code, _, stderr = runCLI(t, env, "edition", "onix", "cw-zh", "--sent", "yesterday")
		if code != 2 || !strings.Contains(stderr, "RFC 3339") {
			t.Errorf("a malformed --sent: exit %d, %q", code, stderr)
		}

		// Before the Russian edition's release time nothing of it leaves
		// tandem: its own export is refused, and the Chinese edition's
		// names neither its ISBN nor its DOIs, not even as a translation.
		before := "2021-05-31T09:00:00Z"
		for _, args := range [][]string{{"onix"}, {"crossref", "--depositor-email", "doi@forum.example"}} {
			f := args[0]
			code, stdout, stderr := runCLI(t, env, append(append([]string{"edition"}, args...), "--sent", before, "cw-ru")...)
			if code != 1 || stdout != "" || !strings.Contains(stderr, "Edition cw-ru is released on 2021-06-01 00:00 MSK") {
				t.Errorf("%s of an edition under embargo: exit %d, stdout %q, stderr %q", f, code, stdout, stderr)
			}
		}
		code, onix, stderr = runCLI(t, env, "edition", "onix", "--sent", before, "cw-zh")
		if code != 0 || strings.Contains(onix, "9785999990013") || !strings.Contains(onix, "9787999990017") {
			t.Errorf("the Chinese edition's ONIX before the Russian's release: exit %d, %s\n%s", code, stderr, onix)
		}
		code, deposit, stderr = runCLI(t, env, "edition", "crossref", "--sent", before, "--depositor-email", "doi@forum.example", "cw-zh")
		if code != 0 || strings.Contains(deposit, "cw-ru") || !strings.Contains(deposit, "<doi>10.99999/cw-zh</doi>") {
			t.Errorf("the Chinese edition's deposit before the Russian's release: exit %d, %s\n%s", code, stderr, deposit)
		}
		validateSchema(t, filepath.Join("crossref", "5.4.0", "crossref5.4.0.xsd"), deposit)
		// A date to come would let out what is still under embargo.
		future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
		code, stdout, stderr = runCLI(t, env, "edition", "crossref", "--sent", future, "--depositor-email", "doi@forum.example", "cw-zh")
		if code != 2 || stdout != "" || !strings.Contains(stderr, "in the future") {
			t.Errorf("--sent in the future: exit %d, %q, %q", code, stdout, stderr)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, map[string]string{"TANDEM_DATA": t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		run(t, map[string]string{"TANDEM_DATA": t.TempDir(), "TANDEM_DATABASE": storetest.PostgresURL(t)})
	})
}

// validateSchema runs xmllint on doc with schema, a path under
// ../shared/schemas (whose catalog.xml beside the schema, when there is
// one, keeps xmllint from fetching anything), skipping when the schemas or
// xmllint are absent.
func validateSchema(t *testing.T, schema, doc string) {
	t.Helper()
	data, _ := shareddata.Dir()
	path := filepath.Join(filepath.Dir(data), "schemas", schema)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no schema at %s (../shared/schemas beside the repository): %v", path, err)
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed (Debian libxml2-utils; scripts/setup.sh test installs it)")
	}
	file := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("xmllint", "--nonet", "--noout", "--schema", filepath.Base(path), file)
	cmd.Dir = filepath.Dir(path)
	cmd.Env = os.Environ()
	if _, err := os.Stat(filepath.Join(cmd.Dir, "catalog.xml")); err == nil {
		cmd.Env = append(cmd.Env, "XML_CATALOG_FILES=catalog.xml")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xmllint %s: %v\n%s", schema, err, out)
	}
}
