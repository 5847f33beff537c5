package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
)

// TestEveryUITextIsInTheCatalog finds each message key the templates and
// handlers use and checks that every language has it, as a plural message
// where N asks for one. Keys built at run time (speech kinds, deliveries,
// countries, language names) are listed from their sources.
func TestEveryUITextIsInTheCatalog(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	plain := map[string]bool{}
	plural := map[string]bool{}
	tCall := regexp.MustCompile(`\bT\.?T[ (]"([a-z0-9_.]+)"`)
	nCall := regexp.MustCompile(`\bT\.?N[ (]"([a-z0-9_.]+)"`)
	scan := func(text string) {
		for _, m := range tCall.FindAllStringSubmatch(text, -1) {
			if !strings.HasSuffix(m[1], ".") { // a prefix completed at run time
				plain[m[1]] = true
			}
		}
		for _, m := range nCall.FindAllStringSubmatch(text, -1) {
			plural[m[1]] = true
		}
	}
	err = fs.WalkDir(templateFiles, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFiles.ReadFile(p)
		scan(string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	goFiles, _ := filepath.Glob("*.go")
	for _, f := range goFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		scan(string(b))
	}
	if len(plain) < 40 || len(plural) < 3 {
		t.Fatalf("found only %d plain and %d plural keys: the scan is broken", len(plain), len(plural))
	}
	for _, k := range forum.Kinds {
		plain["speech.kind."+string(k)] = true
	}
	for _, d := range forum.Deliveries {
		plain["speech.delivery."+string(d)] = true
	}
	for _, l := range i18n.Languages {
		plain["lang.name."+l] = true
		plain["lang.self."+l] = true
	}
	for _, name := range errorPages {
		plain["error."+name+".title"] = true
		plain["error."+name+".body"] = true
	}
	for _, key := range []string{"country.CN", "country.RU"} {
		plain[key] = true
	}
	for _, l := range i18n.Languages {
		p := catalog.Printer(l)
		for key := range plain {
			if ok, isPlural := p.Has(key); !ok || isPlural {
				t.Errorf("%s: no plain message %q", l, key)
			}
		}
		for key := range plural {
			if ok, isPlural := p.Has(key); !ok || !isPlural {
				t.Errorf("%s: no plural message %q", l, key)
			}
		}
	}
}
