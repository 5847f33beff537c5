package web_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// jobKinds returns the kinds of every job the program defines: the
// string each non-test `Kind() string` method returns, found in the
// source of internal/.
func jobKinds(t *testing.T) []string {
	t.Helper()
	var kinds []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "Kind" || fn.Body == nil || len(fn.Body.List) != 1 {
				continue
			}
			ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			if lit, ok := ret.Results[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				k, _ := strconv.Unquote(lit.Value)
				kinds = append(kinds, k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kinds
}

// TestEveryJobKindHasAName: the jobs page names every kind of job in
// words, in each language, not by its internal name.
func TestEveryJobKindHasAName(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	kinds := jobKinds(t)
	for _, want := range []string{"video.process", "upload.finish", "upload.cleanup", "media.renditions"} {
		if !strings.Contains(" "+strings.Join(kinds, " ")+" ", " "+want+" ") {
			t.Fatalf("the job kinds found in the source, %v, lack %s", kinds, want)
		}
	}
	for _, k := range kinds {
		for _, l := range i18n.Languages {
			if ok, _ := cat.Printer(l).Has("office.jobs.kind." + k); !ok {
				t.Errorf("job kind %s has no name in %s (office.jobs.kind.%s)", k, l, k)
			}
		}
	}
}

// TestJobsPageProgress: a job that ended well shows "done" where its
// progress was, not the fraction it last recorded; one at work shows
// how far it got in per cent.
func TestJobsPageProgress(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("admin@jobs.example", "Admin", "en", true)
		admin := o.browser()
		admin.signIn("admin@jobs.example")
		for _, name := range []string{"a.png", "b.png"} {
			if resp, _ := admin.multipartPost("/office/media", url.Values{}, map[string][2]string{"file": {name, pngData(800, 400)}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload: %d", resp.StatusCode)
			}
		}
		ctx := context.Background()
		meta := `?`
		if db.Dialect() == store.Postgres {
			meta = `CAST(? AS jsonb)`
		}
		var first, second int64
		if err := db.QueryRow(ctx, `SELECT MIN(id), MAX(id) FROM river_job`).Scan(&first, &second); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE river_job SET state = 'completed', finalized_at = created_at, metadata = `+meta+` WHERE id = ?`,
			`{"progress":{"done":960,"total":1000}}`, first); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE river_job SET state = 'running', metadata = `+meta+` WHERE id = ?`,
			`{"progress":{"done":420,"total":1000}}`, second); err != nil {
			t.Fatal(err)
		}
		_, doc := admin.get("/office/jobs")
		done := strings.TrimSpace(doc.Find("#job-" + strconv.FormatInt(first, 10) + " .job-progress").Text())
		if done != "done" {
			t.Errorf("a finished job's progress reads %q, want done", done)
		}
		working := doc.Find("#job-" + strconv.FormatInt(second, 10) + " .job-progress")
		if s := strings.TrimSpace(working.Text()); s != "42%" || working.Find("progress").Length() != 1 {
			t.Errorf("a working job's progress reads %q, want a bar and 42%%", s)
		}
		if s := doc.Find("main p.hint").First().Text(); !strings.Contains(s, ". ") {
			t.Errorf("the introduction's sentences are not joined: %q", s)
		}
		zh := o.browser()
		o.account("admin-zh@jobs.example", "Admin", "zh", true)
		zh.signIn("admin-zh@jobs.example")
		if _, doc := zh.get("/office/jobs"); strings.Contains(doc.Find("main p.hint").First().Text(), "。 ") {
			t.Errorf("the Chinese introduction has a space between sentences: %q", doc.Find("main p.hint").First().Text())
		}
	})
}
