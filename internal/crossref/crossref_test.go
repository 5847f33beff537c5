package crossref

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/golden"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/isbn"
	"github.com/tandemforum/tandem/internal/shareddata"
)

// editions are the sample collection's three editions (Chinese, Russian,
// parallel) as the edition builder would make them: each with its own
// valid ISBNs, DOIs under 10.99999 and addresses, released at midnight on
// 1 June 2021 in its own country's zone. booktest's books share one set of
// ISBNs, whose check digits are wrong, and one set of DOIs, and have no
// chapter addresses, so the fixture sets its own.
func editions() []*book.Book {
	beijing, moscow := time.FixedZone("CST", 8*3600), time.FixedZone("MSK", 3*3600)
	set := func(b *book.Book, slug string, isbns [3]string, zone *time.Location) *book.Book {
		b.Slug = slug
		b.ISBN = map[book.Format]string{book.EPUB: isbns[0], book.PDF: isbns[1], book.Web: isbns[2]}
		b.DOI = "10.99999/tandem." + slug
		b.URL = "https://forum.example/editions/" + slug
		b.Released = time.Date(2021, 6, 1, 0, 0, 0, 0, zone)
		for i := range b.Chapters {
			c := &b.Chapters[i]
			c.DOI = b.DOI + "." + c.ID
			c.URL = b.URL + "/" + c.ID
		}
		return b
	}
	return []*book.Book{
		set(booktest.Book("zh"), "cw-zh", [3]string{"9787999990017", "9787999990024", "9787999990031"}, beijing),
		set(booktest.Book("ru"), "cw-ru", [3]string{"9785999990013", "9785999990020", "9785999990037"}, moscow),
		set(booktest.Book("zh", "ru"), "cw-zh-ru", [3]string{"9787999990048", "9787999990055", "9787999990062"}, beijing),
	}
}

var sampleHead = Head{
	BatchID:    "tandem-cw-20210602093000",
	Timestamp:  time.Date(2021, 6, 2, 9, 30, 0, 0, time.UTC),
	Depositor:  "Tandem Forum",
	Email:      "editions@forum.example",
	Registrant: "Tandem Forum",
	Prefix:     "10.99999",
}

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func write(t *testing.T, eds []*book.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, catalog(t), sampleHead, eds); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSchema checks the deposit for the whole sample collection, and for
// each edition alone, against the Crossref 5.4.0 schema with xmllint, and
// the collection's against the reviewed golden file.
func TestSchema(t *testing.T) {
	out := write(t, editions())
	golden.Check(t, "collection.xml", out)
	docs := [][]byte{out}
	for _, ed := range editions() {
		docs = append(docs, write(t, []*book.Book{ed}))
	}
	// An edition without ISBNs and subtitle, with ORCID iDs.
	ed := editions()[1]
	ed.ISBN = nil
	ed.Subtitle = nil
	ed.Editors[0].ORCID = "https://orcid.org/0000-0002-1825-0097"
	noISBN := write(t, []*book.Book{ed})
	if b := read(t, noISBN); b.Books[0].Metadata.NoISBN == nil || len(b.Books[0].Metadata.ISBNs) != 0 {
		t.Errorf("an edition without ISBNs: %+v", b.Books[0].Metadata)
	}
	validate(t, append(docs, noISBN)...)
}

// validate runs xmllint on docs (in one run: the schema takes seconds to
// load) with the Crossref 5.4.0 schema from
// ../shared/schemas (with its catalog, so that nothing is fetched),
// skipping when the schemas or xmllint are absent.
func validate(t *testing.T, docs ...[]byte) {
	t.Helper()
	data, _ := shareddata.Dir()
	dir := filepath.Join(filepath.Dir(data), "schemas", "crossref", "5.4.0")
	if _, err := os.Stat(filepath.Join(dir, "crossref5.4.0.xsd")); err != nil {
		t.Skipf("no Crossref schema in %s (../shared/schemas beside the repository): %v", dir, err)
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed (Debian libxml2-utils; scripts/setup.sh test installs it)")
	}
	args := []string{"--nonet", "--noout", "--schema", "crossref5.4.0.xsd"}
	tmp := t.TempDir()
	for i, doc := range docs {
		file := filepath.Join(tmp, fmt.Sprintf("deposit%d.xml", i))
		if err := os.WriteFile(file, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
	}
	cmd := exec.Command("xmllint", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES=catalog.xml")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

func read(t *testing.T, out []byte) batch {
	t.Helper()
	var b batch
	if err := xml.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// relations lists an item's relations as "type doi".
func relations(p *program) []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, it := range p.Items {
		out = append(out, it.Relation.Type+" "+it.Relation.Value)
	}
	return out
}

// TestRelations checks the translation links between the editions and
// between their chapters, and that each isTranslationOf has its
// hasTranslation on the other side.
func TestRelations(t *testing.T) {
	b := read(t, write(t, editions()))
	if len(b.Books) != 3 {
		t.Fatalf("%d books", len(b.Books))
	}
	zh, ru, par := b.Books[0], b.Books[1], b.Books[2]
	for _, c := range []struct {
		name string
		got  []string
		want string
	}{
		{"zh book", relations(zh.Metadata.Relations), "isTranslationOf 10.99999/tandem.cw-ru|hasTranslation 10.99999/tandem.cw-ru|isTranslationOf 10.99999/tandem.cw-zh-ru"},
		{"parallel book", relations(par.Metadata.Relations), "hasTranslation 10.99999/tandem.cw-zh|hasTranslation 10.99999/tandem.cw-ru"},
		{"zh ch1 (original)", relations(zh.Items[0].Relations), "hasTranslation 10.99999/tandem.cw-ru.ch1"},
		{"zh ch2 (from ru)", relations(zh.Items[1].Relations), "isTranslationOf 10.99999/tandem.cw-ru.ch2|isTranslationOf 10.99999/tandem.cw-zh-ru.ch2"},
		{"ru ch1 (from zh)", relations(ru.Items[0].Relations), "isTranslationOf 10.99999/tandem.cw-zh.ch1|isTranslationOf 10.99999/tandem.cw-zh-ru.ch1"},
		{"parallel ch2", relations(par.Items[1].Relations), "hasTranslation 10.99999/tandem.cw-zh.ch2"},
	} {
		if got := strings.Join(c.got, "|"); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	all := map[string]bool{}
	var of [][2]string
	for _, bk := range b.Books {
		items := [][2]any{{bk.Metadata.DOIData.DOI, bk.Metadata.Relations}}
		for _, it := range bk.Items {
			items = append(items, [2]any{it.DOIData.DOI, it.Relations})
		}
		for _, it := range items {
			doi := it[0].(string)
			for _, r := range relations(it[1].(*program)) {
				all[doi+" "+r] = true
				if kind, target, _ := strings.Cut(r, " "); kind == "isTranslationOf" {
					of = append(of, [2]string{doi, target})
				}
			}
		}
	}
	for _, p := range of {
		if !all[p[1]+" hasTranslation "+p[0]] {
			t.Errorf("%s isTranslationOf %s, which does not have it as a translation", p[0], p[1])
		}
	}
}

// TestMetadata checks what the registry shows of a book and a chapter:
// contributors with roles, names, ISBNs, date, titles, addresses.
func TestMetadata(t *testing.T) {
	out := write(t, editions())
	b := read(t, out)
	zh, ru := b.Books[0], b.Books[1]
	md := zh.Metadata
	if md.Language != "zh" || zh.Type != "edited_book" || md.Titles.Title != "伙伴关系的二十年：论坛文集" || md.Titles.Subtitle != "纪念条约签署二十周年" {
		t.Errorf("book %s %s %+v", md.Language, zh.Type, md.Titles)
	}
	if d := md.Date; d.Year != "2021" || d.Month != "06" || d.Day != "01" {
		t.Errorf("Chinese edition published %+v, want 1 June 2021 (midnight in Beijing)", d)
	}
	if len(md.ISBNs) != 3 || md.ISBNs[0].Value != "9787999990031" || md.ISBNs[0].MediaType != "electronic" {
		t.Errorf("ISBNs %+v", md.ISBNs)
	}
	if e := md.Contributors.Persons; len(e) != 2 || e[0].Role != "editor" || e[0].Sequence != "first" || e[1].Sequence != "additional" ||
		e[0].Surname != "Wang" || e[0].GivenName != "Xiaoming" || e[0].Name != "王晓明" || e[0].Affiliations.Institutions[0].Name != "中国社会科学院" {
		t.Errorf("editors %+v", e)
	}
	ch2 := zh.Items[1]
	if p := ch2.Contributors.Persons; len(p) != 2 || p[0].Role != "author" || p[0].Surname != "Sokolov" ||
		p[1].Role != "translator" || p[1].Name != "张伟" || p[1].Sequence != "additional" {
		t.Errorf("chapter 2 contributors %+v", p)
	}
	if o := ch2.Titles.Original; o == nil || o.Language != "ru" || o.Value != "Экономическое измерение договора" {
		t.Errorf("chapter 2 original title %+v", o)
	}
	if ch2.DOIData.Resource != "https://forum.example/editions/cw-zh/ch2" || ch2.ComponentNumber != "2" || ch2.Type != "chapter" {
		t.Errorf("chapter 2 %+v", ch2)
	}
	// A Russian name reads the same from its parts: no separate full name.
	if p := ru.Items[1].Contributors.Persons[0]; p.Surname != "Соколов" || p.GivenName != "Андрей" || p.Name != "" {
		t.Errorf("Russian author %+v", p)
	}
	if !bytes.Contains(out, []byte("<!-- Sample data: the ISBNs")) || !bytes.Contains(out, []byte("<!-- 样例数据")) {
		t.Error("the sample ISBNs are not marked in the deposit")
	}
	// Names with their parts (as the edition's loader gives them): a
	// Chinese name in characters and a Russian account name without a
	// comma give surname and given name from the parts, not the whole name
	// as the surname.
	parts := editions()[1]
	parts.Editors[0] = book.Person{Name: book.Local{"ru": "刘洋"}, SortName: book.Local{"ru": "刘洋"}, Written: book.Local{"ru": "zh"},
		Family: book.Local{"ru": "刘"}, Given: book.Local{"ru": "洋"}, FamilyFirst: true}
	parts.Editors[1] = book.Person{Name: book.Local{"ru": "Дмитрий Сергеевич Козлов"}, SortName: book.Local{"ru": "Дмитрий Сергеевич Козлов"},
		Family: book.Local{"ru": "Козлов"}, Given: book.Local{"ru": "Дмитрий Сергеевич"}}
	withParts := write(t, []*book.Book{parts})
	if e := read(t, withParts).Books[0].Metadata.Contributors.Persons; len(e) != 2 || e[0].Surname != "刘" || e[0].GivenName != "洋" || e[0].Name != "刘洋" ||
		e[1].Surname != "Козлов" || e[1].GivenName != "Дмитрий Сергеевич" || e[1].Name != "" {
		t.Errorf("editors from their parts %+v", e)
	}
	validate(t, withParts)
	eds := editions()
	for _, ed := range eds {
		ed.SampleISBN = false
	}
	if bytes.Contains(write(t, eds), []byte("<!--")) {
		t.Error("registered ISBNs are marked as samples")
	}
}

// TestProblems checks that editions that would make a deposit Crossref
// refuses are refused here, with a message for people in every language.
func TestProblems(t *testing.T) {
	cat := catalog(t)
	for name, c := range map[string]struct {
		change func([]*book.Book, *Head)
		kind   *Kind
	}{
		"foreign prefix": {func(eds []*book.Book, _ *Head) { eds[1].Chapters[0].DOI = "10.32013/ch1" }, ErrDOI},
		"no DOI":         {func(eds []*book.Book, _ *Head) { eds[2].DOI = "" }, ErrDOI},
		"same DOI":       {func(eds []*book.Book, _ *Head) { eds[2].Chapters[1].DOI = eds[0].Chapters[1].DOI }, ErrSameDOI},
		"no chapter URL": {func(eds []*book.Book, _ *Head) { eds[0].Chapters[1].URL = "" }, ErrURL},
		"no release":     {func(eds []*book.Book, _ *Head) { eds[0].Released = time.Time{} }, ErrNoRelease},
		"language":       {func(eds []*book.Book, _ *Head) { eds[0].Chapters[0].Original = "fr" }, ErrLanguage},
		"name": {func(eds []*book.Book, _ *Head) {
			eds[0].Editors[1].SortName["zh"] = "Petrova-" + strings.Repeat("Ivanova-", 8) + "Sidorova, Irina"
		}, ErrName},
		"ORCID":     {func(eds []*book.Book, _ *Head) { eds[1].Chapters[0].Authors[0].ORCID = "orcid 1" }, ErrORCID},
		"title":     {func(eds []*book.Book, _ *Head) { eds[1].Title = nil }, ErrTitle},
		"publisher": {func(eds []*book.Book, _ *Head) { delete(eds[0].Publisher.Name, "zh") }, ErrPublisher},
		"prefix":    {func(_ []*book.Book, h *Head) { h.Prefix = "10.99" }, ErrPrefix},
		"batch ID":  {func(_ []*book.Book, h *Head) { h.BatchID = "x" }, ErrHead},
		"no email":  {func(_ []*book.Book, h *Head) { h.Email = "" }, ErrHead},
	} {
		eds, h := editions(), sampleHead
		c.change(eds, &h)
		err := Write(&bytes.Buffer{}, cat, h, eds)
		var p *Problem
		if !errors.Is(err, c.kind) || !errors.As(err, &p) {
			t.Errorf("%s: %v, want %s", name, err, c.kind.key)
			continue
		}
		key, args := p.MessageKey()
		for _, l := range i18n.Languages {
			if ok, _ := cat.Printer(l).Has(key); !ok {
				t.Errorf("%s: no %s message %s", name, l, key)
			}
			if msg := cat.Printer(l).T(key, args...); strings.Contains(msg, "%!") {
				t.Errorf("%s: %s message %q", name, l, msg)
			}
		}
	}
	eds := editions()
	eds[1].ISBN[book.EPUB] = "9785999990015" // the check digit is 3
	err := Write(&bytes.Buffer{}, cat, sampleHead, eds)
	var ie *isbn.Error
	if !errors.As(err, &ie) || ie.Problem != isbn.CheckDigit || !strings.Contains(err.Error(), "cw-ru") {
		t.Errorf("an ISBN with a wrong check digit: %v", err)
	}
}

// TestORCID checks that an ORCID iD is written as the https URL Crossref
// requires, whether given as a URL or as the bare iD.
func TestORCID(t *testing.T) {
	eds := editions()
	eds[0].Chapters[0].Authors[0].ORCID = "0000-0002-1825-0097"
	b := read(t, write(t, eds[:1]))
	if got := b.Books[0].Items[0].Contributors.Persons[0].ORCID; got != "https://orcid.org/0000-0002-1825-0097" {
		t.Errorf("ORCID %q", got)
	}
}
