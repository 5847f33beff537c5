package onix

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
// valid ISBNs, DOIs and addresses, released at midnight on 1 June 2021 in
// its own country's zone. booktest's books share one set of ISBNs, whose
// check digits are wrong, and one set of DOIs, so the fixture sets its own.
func editions() []*book.Book {
	beijing, moscow := time.FixedZone("CST", 8*3600), time.FixedZone("MSK", 3*3600)
	set := func(b *book.Book, slug string, isbns [3]string, zone *time.Location, territories ...string) *book.Book {
		b.Slug = slug
		b.ISBN = map[book.Format]string{book.EPUB: isbns[0], book.PDF: isbns[1], book.Web: isbns[2]}
		b.DOI = "10.99999/tandem." + slug
		b.URL = "https://forum.example/editions/" + slug
		b.Released = time.Date(2021, 6, 1, 0, 0, 0, 0, zone)
		b.Modified = b.Released.Add(-72 * time.Hour)
		b.Territories = territories
		for i := range b.Chapters {
			c := &b.Chapters[i]
			c.DOI = b.DOI + "." + c.ID
			c.URL = b.URL + "/" + c.ID
		}
		return b
	}
	return []*book.Book{
		set(booktest.Book("zh"), "cw-zh", [3]string{"9787999990017", "9787999990024", "9787999990031"}, beijing, "CN"),
		set(booktest.Book("ru"), "cw-ru", [3]string{"9785999990013", "9785999990020", "9785999990037"}, moscow, "RU"),
		set(booktest.Book("zh", "ru"), "cw-zh-ru", [3]string{"9787999990048", "9787999990055", "9787999990062"}, beijing, "CN", "RU"),
	}
}

var sent = time.Date(2021, 6, 2, 9, 30, 0, 0, time.UTC)

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func write(t *testing.T, h Header, eds []*book.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, catalog(t), h, eds); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRecordReferenceStable checks that a product keeps its record
// reference whatever address the site has: the office and the command line
// (another base URL) must update the same records, not add new ones.
func TestRecordReferenceStable(t *testing.T) {
	refs := func(host string) []string {
		eds := editions()
		for _, b := range eds {
			b.URL = strings.Replace(b.URL, "https://forum.example", host, 1)
			for i := range b.Chapters {
				b.Chapters[i].URL = strings.Replace(b.Chapters[i].URL, "https://forum.example", host, 1)
			}
		}
		var m message
		if err := xml.Unmarshal(write(t, Header{Sender: "Tandem Forum", Sent: sent}, eds), &m); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range m.Products {
			out = append(out, p.RecordReference)
		}
		return out
	}
	office, cli := refs("https://forum.example"), refs("http://localhost:8080")
	if !slices.Equal(office, cli) || len(office) != 9 || !slices.Contains(office, "tandem-isbn-9787999990017") {
		t.Errorf("record references differ with the site's address:\n%v\n%v", office, cli)
	}
}

// TestPersonNames: contributors with their names' parts (as the edition's
// loader gives them) carry them as KeyNames and the given names before it
// (after it for a Chinese name, written family name first), inverted as
// "Surname, Given" or, in Chinese characters, family and given name run
// together; a Chinese name in a Russian edition says it is Chinese.
func TestPersonNames(t *testing.T) {
	ed := editions()[1]
	ed.Editors[0] = book.Person{Name: book.Local{"ru": "刘洋"}, SortName: book.Local{"ru": "刘洋"}, Written: book.Local{"ru": "zh"},
		Family: book.Local{"ru": "刘"}, Given: book.Local{"ru": "洋"}, FamilyFirst: true}
	ed.Editors[1] = book.Person{Name: book.Local{"ru": "Дмитрий Сергеевич Козлов"}, SortName: book.Local{"ru": "Козлов, Дмитрий Сергеевич"},
		Family: book.Local{"ru": "Козлов"}, Given: book.Local{"ru": "Дмитрий Сергеевич"}}
	out := write(t, Header{Sender: "Tandem Forum", Sent: sent}, []*book.Book{ed})
	c := read(t, out).Products[0].Descriptive.Contributors
	str := func(x *text) string {
		if x == nil {
			return "-"
		}
		return x.Value
	}
	if liu := c[0]; liu.PersonName.Value != "刘洋" || liu.PersonName.Language != "chi" || liu.PersonName.Script != "Hans" ||
		str(liu.Inverted) != "刘洋" || str(liu.KeyNames) != "刘" || str(liu.NamesAfterKey) != "洋" || liu.NamesBeforeKey != nil {
		t.Errorf("Chinese editor %+v, inverted %s, key %s, after %s", liu.PersonName, str(liu.Inverted), str(liu.KeyNames), str(liu.NamesAfterKey))
	}
	if k := c[1]; k.PersonName.Language != "rus" || str(k.Inverted) != "Козлов, Дмитрий Сергеевич" || str(k.KeyNames) != "Козлов" ||
		str(k.NamesBeforeKey) != "Дмитрий Сергеевич" || k.NamesAfterKey != nil {
		t.Errorf("Russian editor %+v, inverted %s, key %s, before %s", k.PersonName, str(k.Inverted), str(k.KeyNames), str(k.NamesBeforeKey))
	}
	validate(t, out)
}

// TestSchema checks the message for the whole sample collection against
// EDItEUR's schema with xmllint, and against the reviewed golden file.
func TestSchema(t *testing.T) {
	out := write(t, Header{Sender: "Tandem Forum", Email: "editions@forum.example", Sent: sent}, editions())
	golden.Check(t, "collection.xml", out)
	for _, langs := range [][]string{{"zh"}, {"ru"}, {"zh", "ru"}} {
		eds := editions()
		for _, ed := range eds {
			if strings.Join(ed.Langs, "-") == strings.Join(langs, "-") {
				validate(t, write(t, Header{Sender: "Tandem Forum", Sent: sent.AddDate(0, -1, 0)}, []*book.Book{ed}))
			}
		}
	}
	validate(t, out)

	// An edition for the whole world, without subtitle or ISBN for its
	// web reader, with an ORCID iD, and with its other formats only.
	ed := editions()[1]
	ed.Territories = []string{"WORLD"}
	ed.Subtitle = nil
	delete(ed.ISBN, book.Web)
	ed.Chapters[0].Authors[0].ORCID = "https://orcid.org/0000-0002-1825-0097"
	world := write(t, Header{Sender: "Tandem Forum", Sent: sent}, []*book.Book{ed})
	m := read(t, world)
	if len(m.Products) != 2 || m.Products[0].Publishing.SalesRights.Regions != "WORLD" || m.Products[0].Publishing.ROWSalesRightsType != "" {
		t.Errorf("world edition: %d products, rights %+v, ROW %q", len(m.Products), m.Products[0].Publishing.SalesRights, m.Products[0].Publishing.ROWSalesRightsType)
	}
	validate(t, world)
}

// validate runs xmllint on doc with the ONIX 3.0 reference-tag schema from
// ../shared/schemas, skipping when the schemas or xmllint are absent.
func validate(t *testing.T, doc []byte) {
	t.Helper()
	data, _ := shareddata.Dir()
	schema := filepath.Join(filepath.Dir(data), "schemas", "onix-3.0", "ONIX_BookProduct_3.0_reference.xsd")
	if _, err := os.Stat(schema); err != nil {
		t.Skipf("no ONIX schema at %s (../shared/schemas beside the repository): %v", schema, err)
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed (Debian libxml2-utils; scripts/setup.sh test installs it)")
	}
	file := filepath.Join(t.TempDir(), "onix.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--nonet", "--noout", "--schema", schema, file).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

func read(t *testing.T, out []byte) message {
	t.Helper()
	var m message
	if err := xml.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestProducts checks what a bookseller reads in the message: one product
// per edition and format, each form, the languages and the originals of
// translated chapters, dates, rights, related products and sample notes.
func TestProducts(t *testing.T) {
	eds := editions()
	m := read(t, write(t, Header{Sender: "Tandem Forum", Sent: sent}, eds))
	if len(m.Products) != 9 {
		t.Fatalf("%d products, want 9 (3 editions × 3 formats)", len(m.Products))
	}
	byISBN := map[string]product{}
	for _, p := range m.Products {
		byISBN[p.ProductIdentifier[0].Value] = p
	}
	zhEPUB, zhWeb, ruPDF, par := byISBN["9787999990017"], byISBN["9787999990031"], byISBN["9785999990020"], byISBN["9787999990048"]
	if d := zhEPUB.Descriptive; d.ProductForm != "ED" || d.ProductFormDetail[0] != "E101" {
		t.Errorf("EPUB form %s %v", d.ProductForm, d.ProductFormDetail)
	}
	if d := ruPDF.Descriptive; d.ProductForm != "ED" || d.ProductFormDetail[0] != "E107" {
		t.Errorf("PDF form %s %v", d.ProductForm, d.ProductFormDetail)
	}
	if d := zhWeb.Descriptive; d.ProductForm != "EC" || d.ProductFormDetail[0] != "E105" {
		t.Errorf("web form %s %v", d.ProductForm, d.ProductFormDetail)
	}
	if zhEPUB.RecordReference != "tandem-isbn-9787999990017" || zhEPUB.NotificationType != "03" || zhEPUB.Publishing.Status != "04" {
		t.Errorf("record %s, notification %s, status %s", zhEPUB.RecordReference, zhEPUB.NotificationType, zhEPUB.Publishing.Status)
	}
	if got := langs(zhEPUB.Descriptive.Languages); got != "01chi 02rus" {
		t.Errorf("Chinese edition languages %s, want chi, translated in part from rus", got)
	}
	if got := langs(par.Descriptive.Languages); got != "01chi 01rus" {
		t.Errorf("parallel edition languages %s", got)
	}
	if ti := zhEPUB.Descriptive.Titles[0].Element.Text; ti.Value != eds[0].Title["zh"] || ti.Language != "chi" || ti.Script != "Hans" {
		t.Errorf("title %+v", ti)
	}
	if ts := par.Descriptive.Titles; len(ts) != 2 || ts[1].TitleType != "06" || ts[1].Element.Text.Value != eds[2].Title["ru"] {
		t.Errorf("parallel titles %+v", ts)
	}
	if c := zhEPUB.Descriptive.Contributors; len(c) != 2 || c[0].Role != "B01" || c[0].PersonName.Value != "王晓明" ||
		c[0].Inverted.Value != "Wang, Xiaoming" || c[0].Alternatives[0].PersonName.Value != "Ван Сяомин" {
		t.Errorf("editors %+v", c)
	}

	// The Chinese edition's second chapter is a translation from Russian.
	items := zhEPUB.Content.Items
	if len(items) != 2 {
		t.Fatalf("%d content items", len(items))
	}
	ch2 := items[1]
	if got := langs(ch2.Languages); got != "01chi 02rus" {
		t.Errorf("translated chapter languages %s", got)
	}
	if len(ch2.Contributors) != 2 || ch2.Contributors[0].Role != "A01" || ch2.Contributors[1].Role != "B06" ||
		ch2.Contributors[1].FromLanguage != "rus" || ch2.Contributors[1].ToLanguage != "chi" || ch2.Contributors[1].PersonName.Value != "张伟" {
		t.Errorf("translated chapter contributors %+v", ch2.Contributors)
	}
	if len(ch2.Works) != 1 || ch2.Works[0].Code != "29" || ch2.Works[0].Identifier.Value != "10.99999/tandem.cw-ru.ch2" {
		t.Errorf("translated chapter names no original by DOI: %+v", ch2.Works)
	}
	if ch2.Titles[1].TitleType != "03" || ch2.Titles[1].Element.Text.Value != eds[1].Chapters[1].Title["ru"] {
		t.Errorf("translated chapter lacks its original title: %+v", ch2.Titles)
	}
	if len(items[0].Works) != 0 || len(items[0].Contributors) != 1 {
		t.Errorf("the original chapter has a translator or an original: %+v", items[0])
	}
	if got := langs(par.Content.Items[1].Languages); got != "07chi 06rus" {
		t.Errorf("parallel chapter 2 languages %s, want Chinese translated, Russian original", got)
	}

	pd := ruPDF.Publishing
	if pd.Date.Date != "20210601" || pd.Publisher.Name.Value != "Издательство РСМД (образец)" || pd.Country != "RU" {
		t.Errorf("Russian publishing detail %+v", pd)
	}
	if pd.SalesRights.Countries != "RU" || pd.SalesRights.Type != "01" || pd.ROWSalesRightsType != "03" {
		t.Errorf("Russian sales rights %+v, ROW %s", pd.SalesRights, pd.ROWSalesRightsType)
	}
	if par.Publishing.SalesRights.Countries != "CN RU" {
		t.Errorf("parallel territories %q", par.Publishing.SalesRights.Countries)
	}
	if len(pd.StatusNotes) != 3 || !strings.Contains(pd.StatusNotes[2].Value, "sample") || len(m.Header.MessageNotes) != 3 {
		t.Errorf("sample ISBNs are not marked: %+v %+v", pd.StatusNotes, m.Header.MessageNotes)
	}

	rel := map[string]string{}
	for _, r := range zhEPUB.Related.Products {
		rel[r.Identifier.Value] = r.Code
	}
	want := map[string]string{"9787999990024": "06", "9787999990031": "06", "9785999990013": "11", "9785999990020": "11",
		"9785999990037": "11", "9787999990048": "41", "9787999990055": "41", "9787999990062": "41"}
	if len(rel) != len(want) {
		t.Errorf("related products %v, want %v", rel, want)
	}
	for k, v := range want {
		if rel[k] != v {
			t.Errorf("related %s: code %q, want %q", k, rel[k], v)
		}
	}
}

func langs(ls []language) string {
	var s []string
	for _, l := range ls {
		s = append(s, l.Role+l.Code)
	}
	return strings.Join(s, " ")
}

// TestForthcoming checks that a message sent before the release announces
// the editions as forthcoming, with their release date.
func TestForthcoming(t *testing.T) {
	m := read(t, write(t, Header{Sender: "Tandem Forum", Sent: time.Date(2021, 5, 31, 15, 59, 0, 0, time.UTC)}, editions()[:1]))
	p := m.Products[0]
	if p.NotificationType != "02" || p.Publishing.Status != "02" || p.Publishing.Date.Date != "20210601" {
		t.Errorf("one minute before release: notification %s, status %s, date %s", p.NotificationType, p.Publishing.Status, p.Publishing.Date.Date)
	}
	if m.Header.SentDateTime != "20210531T155900Z" {
		t.Errorf("sent %s", m.Header.SentDateTime)
	}
	ed := editions()[0]
	ed.SampleISBN = false
	if m := read(t, write(t, Header{Sender: "Tandem Forum", Sent: sent}, []*book.Book{ed})); len(m.Header.MessageNotes) != 0 || len(m.Products[0].Publishing.StatusNotes) != 0 {
		t.Error("registered ISBNs are marked as sample data")
	}
}

// TestProblems checks that editions that would make a wrong message are
// refused with a message for people in every language.
func TestProblems(t *testing.T) {
	cat := catalog(t)
	for name, c := range map[string]struct {
		change func([]*book.Book) []*book.Book
		kind   *Kind
	}{
		"duplicate ISBN": {func(eds []*book.Book) []*book.Book {
			eds[2].ISBN[book.PDF] = eds[0].ISBN[book.EPUB]
			return eds
		}, ErrSameISBN},
		"no ISBN": {func(eds []*book.Book) []*book.Book {
			eds[0].ISBN = nil
			return eds[:1]
		}, ErrNoISBN},
		"territory": {func(eds []*book.Book) []*book.Book {
			eds[1].Territories = []string{"Russia"}
			return eds
		}, ErrTerritory},
		"no release": {func(eds []*book.Book) []*book.Book {
			eds[1].Released = time.Time{}
			return eds
		}, ErrNoRelease},
		"language": {func(eds []*book.Book) []*book.Book {
			eds[0].Chapters[0].Original = "fr"
			return eds
		}, ErrLanguage},
		"relative URL": {func(eds []*book.Book) []*book.Book {
			eds[0].URL = "/editions/cw-zh"
			return eds
		}, ErrURL},
		"chapter title": {func(eds []*book.Book) []*book.Book {
			delete(eds[2].Chapters[1].Title, "ru")
			return eds
		}, ErrTitle},
		"publisher": {func(eds []*book.Book) []*book.Book {
			eds[1].Publisher.Name = nil
			return eds
		}, ErrPublisher},
		"ORCID": {func(eds []*book.Book) []*book.Book {
			eds[0].Editors[0].ORCID = "0000-0002"
			return eds
		}, ErrORCID},
	} {
		err := Write(&bytes.Buffer{}, cat, Header{Sender: "Tandem Forum", Sent: sent}, c.change(editions()))
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
	wrong := booktest.Book("zh")
	wrong.ISBN[book.EPUB] = "9787999990019" // the check digit is 7
	err := Write(&bytes.Buffer{}, cat, Header{Sender: "Tandem Forum", Sent: sent}, []*book.Book{wrong})
	var ie *isbn.Error
	if !errors.As(err, &ie) || ie.Problem != isbn.CheckDigit || !strings.Contains(err.Error(), "sample-zh") {
		t.Errorf("an ISBN with a wrong check digit: %v", err)
	}
	if err := Write(&bytes.Buffer{}, cat, Header{Sent: sent}, editions()); !errors.Is(err, ErrNoSender) {
		t.Errorf("no sender: %v", err)
	}
}

// TestORCID checks that an ORCID iD given as a URL is written as the
// 16-digit identifier ONIX lists (list 44 code 21).
func TestORCID(t *testing.T) {
	eds := editions()
	eds[0].Editors[0].ORCID = "https://orcid.org/0000-0002-1825-0097"
	m := read(t, write(t, Header{Sender: "Tandem Forum", Sent: sent}, eds[:1]))
	if id := m.Products[0].Descriptive.Contributors[0].NameIdentifier; id == nil || id.Type != "21" || id.Value != "0000-0002-1825-0097" {
		t.Errorf("ORCID %+v", id)
	}
}

// TestContributorsOnce: a translator credited twice for one chapter (two
// accounts acting for one person) and an editor listed twice are each one
// contributor, numbered without a gap.
func TestContributorsOnce(t *testing.T) {
	ed := editions()[1] // Russian: its Chinese chapter is translated
	ed.Editors = append(ed.Editors, ed.Editors...)
	var ch *book.Chapter
	for i := range ed.Chapters {
		if len(ed.Chapters[i].Translators["ru"]) > 0 {
			ch = &ed.Chapters[i]
		}
	}
	if ch == nil {
		t.Fatal("no translated chapter in the sample book")
	}
	ch.Translators["ru"] = append(ch.Translators["ru"], ch.Translators["ru"]...)
	m := read(t, write(t, Header{Sender: "Tandem Forum", Sent: sent}, []*book.Book{ed}))
	p := m.Products[0]
	check := func(what string, cs []contributor) {
		t.Helper()
		seen := map[string]bool{}
		for i, c := range cs {
			key := c.Role + " " + c.PersonName.Value
			if seen[key] {
				t.Errorf("%s: %s credited twice as %s", what, c.PersonName.Value, c.Role)
			}
			seen[key] = true
			if c.SequenceNumber != i+1 {
				t.Errorf("%s: contributor %d has sequence number %d", what, i+1, c.SequenceNumber)
			}
		}
	}
	if n := len(p.Descriptive.Contributors); n != len(ed.Editors)/2 {
		t.Errorf("%d editors, want %d", n, len(ed.Editors)/2)
	}
	check("editors", p.Descriptive.Contributors)
	for _, it := range p.Content.Items {
		check("chapter "+it.ComponentNumber, it.Contributors)
	}
}
