package typeset

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/tandemforum/tandem/internal/typeset/pdfcheck"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/isbn"
	"github.com/tandemforum/tandem/internal/typst"
)

// newTypesetter returns a typesetter with a compiler of its own, or skips
// the test when Typst (npm) is not installed.
func newTypesetter(t testing.TB) (*Typesetter, *typst.Compiler) {
	t.Helper()
	dir, err := typst.FindDir()
	if err != nil {
		t.Skipf("no tools/typst: %v", err)
	}
	c, err := typst.New(typst.Config{Dir: dir})
	if errors.Is(err, typst.ErrNotInstalled) {
		t.Skipf("Typst is not installed (scripts/setup.sh test installs it): %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return New(c, cat), c
}

func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (scripts/setup.sh test installs it)", name)
	}
}

// built is a sample book's PDF, written to a file for the PDF tools.
type built struct {
	book  *book.Book
	out   *Output
	path  string
	pages []string // each page's text, pdftotext -layout
}

var (
	buildsMu sync.Mutex
	builds   = map[string]*built{}
)

// tmp holds the sample PDFs for the PDF tools; TYPESET_KEEP=1 keeps it
// (and says where) for a look at the pages.
var tmp string

func TestMain(m *testing.M) {
	code := m.Run()
	if tmp == "" {
		os.Exit(code)
	}
	if os.Getenv("TYPESET_KEEP") == "" {
		os.RemoveAll(tmp)
	} else {
		println("PDFs kept in", tmp)
	}
	os.Exit(code)
}

// sample builds booktest.Book(lang) once per test binary.
func sample(t *testing.T, lang string) *built {
	return sampleOf(t, lang, false)
}

// longSample builds booktest.Book(lang) with each chapter's text five
// times over, so that chapters run over several pages.
func longSample(t *testing.T, lang string) *built {
	return sampleOf(t, lang, true)
}

func sampleOf(t *testing.T, lang string, long bool) *built {
	t.Helper()
	buildsMu.Lock()
	defer buildsMu.Unlock()
	key := lang + strconv.FormatBool(long)
	if b, ok := builds[key]; ok {
		return b
	}
	ts, _ := newTypesetter(t)
	needTool(t, "pdftotext")
	if tmp == "" {
		var err error
		if tmp, err = os.MkdirTemp("", "typeset"); err != nil {
			t.Fatal(err)
		}
	}
	bk := booktest.Book(lang)
	if long {
		for i := range bk.Chapters {
			d := bk.Chapters[i].Text[lang]
			bs := d.Blocks
			for k := range 4 {
				for _, bl := range bs[1:] {
					bl.ID += "-" + strconv.Itoa(k)
					d.Blocks = append(d.Blocks, bl)
				}
			}
		}
	}
	out, err := ts.Build(bk, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(tmp, key+".pdf")
	if err := os.WriteFile(p, out.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(txt), "\f")
	b := &built{book: bk, out: out, path: p, pages: pages[:out.Pages]}
	builds[key] = b
	return b
}

var langs = []string{"zh", "ru"}

func lines(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// squeeze drops white space and the hyphens that end lines, so that a
// text can be found in a page whatever its line breaks.
func squeeze(s string) string {
	s = regexp.MustCompile(`-\s*\n\s*`).ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00A0' {
			return -1
		}
		return r
	}, s)
}

// openings returns the index (0-based) of each chapter's opening page,
// where its title is the first line.
func openings(t *testing.T, b *built) []int {
	var out []int
	for _, c := range b.book.Chapters {
		found := -1
		for i, pg := range b.pages {
			if ls := lines(pg); len(ls) > 0 && ls[0] == c.Title[b.book.Lang()] {
				found = i
				break
			}
		}
		if found < 0 {
			t.Fatalf("%s: no page opens chapter %s", b.book.Lang(), c.ID)
		}
		out = append(out, found)
	}
	return out
}

func folio(page string) string {
	ls := lines(page)
	if len(ls) == 0 {
		return ""
	}
	return ls[len(ls)-1]
}

func TestFontsEmbedded(t *testing.T) {
	needTool(t, "pdffonts")
	for _, l := range langs {
		b := sample(t, l)
		out, err := exec.Command("pdffonts", b.path).Output()
		if err != nil {
			t.Fatal(err)
		}
		rows := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
		if len(rows) < 2 {
			t.Errorf("%s: %d fonts", l, len(rows))
		}
		for _, r := range rows {
			f := strings.Fields(r)
			// name type... encoding emb sub uni object ID
			emb, sub := f[len(f)-5], f[len(f)-4]
			if emb != "yes" || sub != "yes" {
				t.Errorf("%s: font not embedded as a subset: %s", l, r)
			}
			if !strings.Contains(f[0], "Noto") && !strings.Contains(f[0], "UKai") {
				t.Errorf("%s: a font other than the book's: %s", l, r)
			}
		}
		if l == "zh" && !strings.Contains(string(out), "UKai") {
			t.Errorf("zh: emphasis not in Kaiti:\n%s", out)
		}
		if strings.Contains(string(out), "Italic") && l == "zh" {
			t.Errorf("zh: an italic font in a Chinese book:\n%s", out)
		}
	}
}

func TestTaggedWithLanguages(t *testing.T) {
	needTool(t, "qpdf")
	for _, l := range langs {
		b := sample(t, l)
		qdf, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", b.path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range pdfcheck.Tagged(t, b.path, l) {
			t.Errorf("%s: catalogue lacks %s", l, want)
		}
		for _, other := range spanLangs(b.book) {
			if !bytes.Contains(qdf, []byte("/Lang ("+other)) {
				t.Errorf("%s: no structure element marked /Lang (%s) for the span in that language", l, other)
			}
		}
		if l == "zh" && len(spanLangs(b.book)) == 0 {
			t.Error("the Chinese sample has no span in another language to check")
		}
	}
}

// TestLanguageRegions checks that each language has its own region in the
// tagged PDF: a Chinese book's region, China, does not leak into its
// Russian text (ru-CN), in a Chinese book's span or a parallel edition's
// recto.
func TestLanguageRegions(t *testing.T) {
	needTool(t, "qpdf")
	ts, _ := newTypesetter(t)
	for _, ls := range [][]string{{"zh"}, {"zh", "ru"}} {
		out, err := ts.Build(booktest.Book(ls...), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "book.pdf")
		if err := os.WriteFile(p, out.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		qdf, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", p, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		tags := map[string]int{}
		for _, m := range regexp.MustCompile(`/Lang \(([A-Za-z-]+)\)`).FindAllSubmatch(qdf, -1) {
			tags[string(m[1])]++
		}
		if tags["ru-CN"] > 0 || tags["ru"] == 0 || tags["zh-CN"] == 0 {
			t.Errorf("%v: the PDF's /Lang tags are %v, want ru and zh-CN and no ru-CN", ls, tags)
		}
	}
}

// spanLangs returns the languages of the book's spans.
func spanLangs(b *book.Book) []string {
	var out []string
	for _, c := range b.Chapters {
		c.Text[b.Lang()].Walk(func(bl *doc.Block) {
			doc.WalkInlines(bl.Inlines, func(in *doc.Inline) {
				if in.Type == doc.Span && langTag(in.Lang) != b.Lang() {
					out = append(out, langTag(in.Lang))
				}
			})
		})
	}
	return out
}

func TestContentsGivesChapterPages(t *testing.T) {
	for _, l := range langs {
		b := sample(t, l)
		heading := map[string]string{"zh": "目录", "ru": "Содержание"}[l]
		var contents []string
		for _, pg := range b.pages {
			if ls := lines(pg); len(ls) > 0 && ls[0] == heading {
				contents = ls
			}
		}
		if contents == nil {
			t.Fatalf("%s: no contents page", l)
		}
		open := openings(t, b)
		for i, c := range b.book.Chapters {
			title := c.Title[l]
			var n string
			for j, ln := range contents {
				if strings.HasPrefix(ln, title) {
					// The author line follows; the number ends the title's line.
					f := strings.Fields(contents[j])
					n = strings.TrimLeft(f[len(f)-1], ".")
				}
			}
			if n == "" {
				t.Errorf("%s: contents has no line for %q:\n%s", l, title, strings.Join(contents, "\n"))
				continue
			}
			if got := folio(b.pages[open[i]]); got != n {
				t.Errorf("%s: contents says %q is on page %s; it opens on the page numbered %s", l, title, n, got)
			}
			if b.out.PageMap.Pages[open[i]].Chapter != c.ID || b.out.PageMap.Pages[open[i]].Label != n {
				t.Errorf("%s: page map at the opening of %s = %+v", l, c.ID, b.out.PageMap.Pages[open[i]])
			}
		}
	}
}

func TestChaptersOpenOnRectos(t *testing.T) {
	for _, l := range langs {
		b := sample(t, l)
		for i, p := range openings(t, b) {
			n, err := strconv.Atoi(folio(b.pages[p]))
			if (p+1)%2 != 1 || err != nil || n%2 != 1 {
				t.Errorf("%s: chapter %d opens on page %d (folio %q), not a recto", l, i+1, p+1, folio(b.pages[p]))
			}
		}
	}
}

func TestRunningHeads(t *testing.T) {
	for _, l := range langs {
		b := longSample(t, l)
		open := openings(t, b)
		back := map[string]string{"zh": "作者简介", "ru": "Сведения об авторах"}[l]
		for p, pg := range b.pages {
			if ls := lines(pg); len(ls) > 0 && ls[0] == back {
				open = append(open, p)
			}
		}
		checked := 0
		for i, c := range b.book.Chapters {
			end := len(b.pages)
			if i+1 < len(open) {
				end = open[i+1]
			}
			for p := open[i] + 1; p < end; p++ {
				ls := lines(b.pages[p])
				if len(ls) <= 1 {
					continue // a blank verso before the next chapter: only its page map entry
				}
				want := c.Title[l]
				if (p+1)%2 == 0 {
					want = names(c.Authors, l, listSep(l))
				}
				if ls[0] != want {
					t.Errorf("%s: page %d's head is %q, want %q", l, p+1, ls[0], want)
				}
				checked++
			}
		}
		if checked == 0 {
			t.Errorf("%s: no page with a running head", l)
		}
		if ls := lines(b.pages[open[0]]); ls[0] != b.book.Chapters[0].Title[l] {
			t.Errorf("%s: a chapter's opening page has a running head: %q", l, ls[0])
		}
	}
}

func TestFrontMatterFoliosRoman(t *testing.T) {
	for _, l := range langs {
		b := sample(t, l)
		pm := b.out.PageMap.Pages
		if pm[2].Label != "iii" || pm[0].Chapter != "" {
			t.Errorf("%s: front matter page map = %+v", l, pm[:3])
		}
		if folio(b.pages[2]) != "iii" {
			t.Errorf("%s: the preface's folio is %q, want iii", l, folio(b.pages[2]))
		}
	}
}

func TestImprintPage(t *testing.T) {
	for _, l := range langs {
		b := sample(t, l)
		txt := squeeze(b.pages[1])
		for _, want := range append(b.book.Imprint[l], "ISBN"+isbn.Hyphenate(b.book.ISBN[book.PDF]), b.book.Publisher.Name[l], "2021") {
			if !strings.Contains(txt, squeeze(want)) {
				t.Errorf("%s: imprint page lacks %q", l, want)
			}
		}
		for p, pg := range b.pages {
			if strings.ContainsAny(pg, "\"\\#") {
				t.Errorf("%s: page %d shows markup or a string's quotes:\n%s", l, p+1, pg)
			}
		}
		sample := map[string]string{"zh": "样例书号", "ru": "ОбразецISBN"}[l]
		if !strings.Contains(txt, sample) {
			t.Errorf("%s: imprint page does not mark the sample ISBN", l)
		}
	}
}

// noteCalls returns, for each note of d, a few characters of the text
// just before its call and the first characters of its text.
func noteCalls(d *doc.Document) [][2]string {
	var out [][2]string
	notes := map[string]string{}
	for _, n := range d.Notes {
		var s string
		for i := range n.Blocks {
			s += doc.BlockText(&n.Blocks[i])
		}
		notes[n.ID] = s
	}
	d.Walk(func(b *doc.Block) {
		text := ""
		var walk func([]doc.Inline)
		walk = func(ins []doc.Inline) {
			for _, in := range ins {
				switch in.Type {
				case doc.Text:
					text += in.Text
				case doc.NoteRef:
					rs := []rune(squeeze(text))
					before := string(rs[max(0, len(rs)-6):])
					nr := []rune(squeeze(notes[in.Note]))
					out = append(out, [2]string{before, string(nr[:min(12, len(nr))])})
				default:
					walk(in.Content)
				}
			}
		}
		walk(b.Inlines)
	})
	return out
}

func TestNotesOnTheirCallsPage(t *testing.T) {
	for _, l := range langs {
		b := sample(t, l)
		for _, c := range b.book.Chapters {
			for _, nc := range noteCalls(c.Text[l]) {
				callPage, notePage := -1, -1
				for p, pg := range b.pages {
					s := squeeze(RussianSpaces(pg))
					if callPage < 0 && strings.Contains(s, nc[0]) {
						callPage = p
					}
					if notePage < 0 && strings.Contains(s, nc[1]) {
						notePage = p
					}
				}
				if callPage < 0 || callPage != notePage {
					t.Errorf("%s: note %q… is on page %d, its call (after %q) on page %d", l, nc[1], notePage+1, nc[0], callPage+1)
				}
			}
		}
	}
}

func TestNoLineStartsWithClosingPunctuation(t *testing.T) {
	b := longSample(t, "zh")
	out, err := exec.Command("pdftotext", "-bbox-layout", b.path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	type word struct {
		Text string `xml:",chardata"`
	}
	type line struct {
		Words []word `xml:"word"`
	}
	var page struct {
		Lines []line `xml:"body>doc>page>flow>block>line"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&page); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ln := range page.Lines {
		if len(ln.Words) == 0 {
			continue
		}
		n++
		first, _ := firstRune(ln.Words[0].Text)
		if strings.ContainsRune("。，、；：？！）」』》〉”’…—", first) {
			var s []string
			for _, w := range ln.Words {
				s = append(s, w.Text)
			}
			t.Errorf("a line starts with closing punctuation: %s", strings.Join(s, " "))
		}
	}
	if n < 20 {
		t.Errorf("only %d lines read", n)
	}
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func TestRebuildsAreByteIdentical(t *testing.T) {
	ts, _ := newTypesetter(t)
	for _, l := range langs {
		a, err := ts.Build(booktest.Book(l), Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts2, _ := newTypesetter(t)
		c, err := ts2.Build(booktest.Book(l), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.PDF, c.PDF) {
			t.Errorf("%s: two builds of the same book differ", l)
		}
		if !bytes.Contains(a.PDF, []byte("D:20210528")) {
			t.Errorf("%s: the PDF's date is not Book.Modified (2021-05-28)", l)
		}
	}
}

// TestArchivalVariant checks the PDF/A-2a of each kind of book as an
// archive would without veraPDF: the XMP identifies PDF/A-2 conformance
// A, qpdf finds the file sound, the structure tree and language are
// there, and two builds give the same bytes.
func TestArchivalVariant(t *testing.T) {
	needTool(t, "qpdf")
	ts, _ := newTypesetter(t)
	dir := t.TempDir()
	for _, ls := range [][]string{{"zh"}, {"ru"}, {"zh", "ru"}} {
		name := strings.Join(ls, "-")
		out, err := ts.Build(booktest.Book(ls...), Options{Standard: A2a})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		meta := string(out.PDF)
		for _, want := range []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "/OutputIntents", "/GTS_PDFA1"} {
			if !strings.Contains(meta, want) {
				t.Errorf("%s: the PDF/A has no %s", name, want)
			}
		}
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, out.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
			t.Errorf("%s: qpdf --check: %v\n%s", name, err, msg)
		}
		if missing := pdfcheck.Tagged(t, p, ls[0]); len(missing) > 0 {
			t.Errorf("%s: the PDF/A lacks %v", name, missing)
		}
		ts2, _ := newTypesetter(t)
		again, err := ts2.Build(booktest.Book(ls...), Options{Standard: A2a})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.PDF, again.PDF) {
			t.Errorf("%s: two PDF/A builds of the same book differ", name)
		}
	}
}

// TestOneSentenceEdit checks that after an edit of one sentence only its
// chapter's source changes and the warm rebuild is faster than the first.
func TestOneSentenceEdit(t *testing.T) {
	ts, c := newTypesetter(t)
	for _, l := range langs {
		b := booktest.Book(l)
		start := time.Now()
		if _, err := ts.Build(b, Options{}); err != nil {
			t.Fatal(err)
		}
		cold := time.Since(start)
		ch := &b.Chapters[1]
		for i := range ch.Text[l].Blocks {
			bl := &ch.Text[l].Blocks[i]
			if bl.Type == doc.Paragraph {
				bl.Inlines = append(bl.Inlines, doc.Inline{Type: doc.Text, Text: map[string]string{"zh": "这是新加的一句。", "ru": " Это новое предложение."}[l]})
				break
			}
		}
		start = time.Now()
		out, err := ts.Build(b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		warm := time.Since(start)
		if txt := pdfText(t, out.PDF); !strings.Contains(squeeze(txt), squeeze(map[string]string{"zh": "这是新加的一句。", "ru": "Это новое предложение."}[l])) {
			t.Errorf("%s: the rebuilt PDF lacks the new sentence", l)
		}
		if len(out.Changed) != 1 || out.Changed[0] != ch.ID {
			t.Errorf("%s: sources changed by the edit: %v, want [%s]", l, out.Changed, ch.ID)
		}
		rss, err := c.Memory()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: first build %v, rebuild after a one-sentence edit %v, Node RSS %d MB", l, cold, warm, rss>>20)
		if warm > cold && warm > 300*time.Millisecond {
			t.Errorf("%s: the warm rebuild (%v) is slower than the first build (%v)", l, warm, cold)
		}
	}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(txt)
}

// TestEditOfOneCharacter replaces characters whose UTF-8 forms differ only
// in their first byte ("中" and "席"; "ѐ" and "Ԁ"), which a warm Typst
// compiler given the sources in UTF-8 took in wrongly; the rebuilt PDF
// must show the new ones.
func TestEditOfOneCharacter(t *testing.T) {
	ts, _ := newTypesetter(t)
	for _, tc := range []struct{ lang, old, new string }{{"zh", "中", "席"}, {"ru", "ѐ", "Ԁ"}} {
		b := booktest.Book(tc.lang)
		p := &b.Chapters[0].Text[tc.lang].Blocks[1]
		p.Inlines = append([]doc.Inline{{Type: doc.Text, Text: "X" + tc.old + "Y"}}, p.Inlines...)
		if _, err := ts.Build(b, Options{}); err != nil {
			t.Fatal(err)
		}
		p.Inlines[0].Text = "X" + tc.new + "Y"
		out, err := ts.Build(b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if txt := squeeze(pdfText(t, out.PDF)); !strings.Contains(txt, "X"+tc.new+"Y") {
			t.Errorf("%s: after %q became %q the PDF does not show X%sY", tc.lang, tc.old, tc.new, tc.new)
		}
	}
}

// TestNoteNumbering checks that Chinese notes are numbered from ① on
// each page and Russian ones from 1 in each chapter.
func TestNoteNumbering(t *testing.T) {
	zh := longSample(t, "zh")
	pages := 0
	for p, pg := range zh.pages {
		if strings.Contains(pg, "②") && !strings.Contains(pg, "①") {
			t.Errorf("zh: page %d has note ② but no ①", p+1)
		}
		if strings.Contains(pg, "①") {
			pages++
		}
	}
	if pages < 3 {
		t.Errorf("zh: only %d pages start their notes at ①", pages)
	}
	ru := sample(t, "ru")
	open := openings(t, ru)
	// The second chapter's first note is its note 1: its entry starts
	// with "1" on the page of the call.
	first := squeeze(doc.BlockText(&ru.book.Chapters[1].Text["ru"].Notes[0].Blocks[0]))
	found := false
	for p := open[1]; p < len(ru.pages); p++ {
		if strings.Contains(squeeze(ru.pages[p]), "1"+string([]rune(first)[:10])) {
			found = true
		}
	}
	if !found {
		t.Errorf("ru: the second chapter's first note is not numbered 1")
	}
}

// TestLongNoteSplits sets the Russian sample on a small page, where its
// long note cannot fit on the page of its call: the note must begin there
// and go on at the foot of the next page.
func TestLongNoteSplits(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("ru")
	b.Layout.Width, b.Layout.Height = 110, 150
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Split(pdfTextLayout(t, out.PDF), "\f")
	note := squeeze(doc.BlockText(&b.Chapters[1].Text["ru"].Notes[0].Blocks[0]))
	rs := []rune(note)
	head, tail := string(rs[:15]), string(rs[len(rs)-15:])
	hp, tp := -1, -1
	for p, pg := range txt {
		s := squeeze(pg)
		if hp < 0 && strings.Contains(s, head) {
			hp = p
		}
		if strings.Contains(s, tail) {
			tp = p
		}
	}
	if hp < 0 || tp != hp+1 {
		t.Errorf("the long note begins on page %d and ends on page %d, want consecutive pages", hp+1, tp+1)
	}
}

func pdfTextLayout(t *testing.T, pdf []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(txt)
}

// TestPageMap checks the page map against the pages' text: a page whose
// entry names a block either begins with that block's text (under the
// running head) or continues it from the page before.
func TestPageMap(t *testing.T) {
	for _, l := range langs {
		b := longSample(t, l)
		if len(b.out.PageMap.Pages) != b.out.Pages || b.out.PageMap.Source != b.book.ISBN[book.PDF] {
			t.Fatalf("%s: page map of %d pages for %d, source %q", l, len(b.out.PageMap.Pages), b.out.Pages, b.out.PageMap.Source)
		}
		texts := map[string]string{}
		for _, c := range b.book.Chapters {
			for i := range c.Text[l].Blocks {
				bl := &c.Text[l].Blocks[i]
				texts[bl.ID] = squeeze(RussianSpaces(doc.BlockText(bl)))
			}
		}
		named := 0
		for p, ps := range b.out.PageMap.Pages {
			if len(lines(b.pages[p])) <= 1 {
				continue // a blank page
			}
			if ps.Chapter != "" && folio(b.pages[p]) != ps.Label {
				t.Errorf("%s: page %d is numbered %q, the map says %q", l, p+1, folio(b.pages[p]), ps.Label)
			}
			if ps.Block == "" {
				continue
			}
			named++
			rs := []rune(texts[ps.Block])
			start := string(rs[:min(6, len(rs))])
			ls := lines(b.pages[p])
			top := squeeze(strings.Join(ls[1:min(3, len(ls))], ""))
			prev := ""
			if p > 0 {
				prev = squeeze(b.pages[p-1])
			}
			if !strings.HasPrefix(top, start) && !strings.Contains(prev, start) {
				t.Errorf("%s: page %d's map entry is block %s (%q…), which neither begins the page nor began before", l, p+1, ps.Block, start)
			}
		}
		if named == 0 {
			t.Errorf("%s: no page names a block", l)
		}
	}
}

// TestFigure sets a chapter's figure: its image is placed in the PDF with
// its alternative text, and an image Typst cannot read shows that text.
func TestFigure(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("ru")
	d := b.Chapters[0].Text["ru"]
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#369"/></svg>`)
	d.Media = append(d.Media, doc.Media{Name: "abc123.svg", Type: "image/svg+xml", Size: len(svg), Data: svg},
		doc.Media{Name: "tiff1.tiff", Type: "image/tiff", Data: []byte("II*\x00")})
	d.Blocks = append(d.Blocks,
		doc.Block{ID: "f1", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "abc123.svg", Alt: "Синий прямоугольник", Caption: []doc.Inline{{Type: doc.Text, Text: "Рис. 1. Схема"}}}},
		doc.Block{ID: "f2", Type: doc.FigureBlock, Figure: &doc.Figure{Src: "tiff1.tiff", Alt: "Карта без изображения"}})
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.PDF, []byte("/Figure")) {
		t.Error("no Figure structure element in the tagged PDF")
	}
	txt := squeeze(pdfText(t, out.PDF))
	for _, want := range []string{"Рис.1.Схема", "Картабезизображения"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// TestFilesCompileAlone checks that the files Files gives, handed to a
// compiler of their own without the Typesetter, compile to the PDF Build
// makes.
func TestFilesCompileAlone(t *testing.T) {
	ts, _ := newTypesetter(t)
	bk := booktest.Book("ru")
	out, err := ts.Build(bk, Options{})
	if err != nil {
		t.Fatal(err)
	}
	srcs, media, err := ts.Files(bk)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/main.typ", "/tandem.typ"} {
		if srcs[p] == "" {
			t.Fatalf("Files gave no %s", p)
		}
	}
	if len(srcs) != len(bk.Chapters)+2 {
		t.Errorf("Files gave %d sources, want main, tandem and %d chapters", len(srcs), len(bk.Chapters))
	}
	_, c := newTypesetter(t)
	for p, s := range srcs {
		if err := c.SetSource(p, s); err != nil {
			t.Fatal(err)
		}
	}
	for p, data := range media {
		if err := c.SetFile(p, data); err != nil {
			t.Fatal(err)
		}
	}
	r, err := c.Compile(typst.Build{Main: "/main.typ", PDF: true, Standard: UA1})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.PDF, out.PDF) {
		t.Error("the files compiled alone give another PDF than Build")
	}
	if _, _, err := ts.Files(&book.Book{}); !errors.Is(err, ErrNoLanguage) {
		t.Errorf("Files of a book without language: %v, want ErrNoLanguage", err)
	}
}

// TestKeptChapterSources checks that the chapter sources a typesetter
// keeps from one build to the next are those a new typesetter writes,
// after an edit in one chapter and after a change of the book's note
// numbering, which every chapter's source depends on.
func TestKeptChapterSources(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ts := New(nil, cat)
	b := booktest.Book("ru")
	same := func(what string) {
		t.Helper()
		got, _, err := ts.Files(b)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := New(nil, cat).Files(b)
		if err != nil {
			t.Fatal(err)
		}
		for p, s := range want {
			if got[p] != s {
				t.Errorf("%s: %s is not what a new typesetter writes", what, p)
			}
		}
	}
	same("first build")
	d := b.Chapters[1].Text["ru"]
	d.Blocks[1].Inlines = append(d.Blocks[1].Inlines, doc.Inline{Type: doc.Text, Text: " Новое предложение."})
	same("after an edit")
	b.Layout.Notes = book.PerPage
	same("after notes per page")
}

// TestLists builds a book whose preface and a chapter hold an unordered
// list, an ordered one and a list whose items carry their own labels: each
// is valid Typst and its items are in the PDF (an unordered list once
// began its arguments with a comma, which Typst refuses).
func TestLists(t *testing.T) {
	needTool(t, "pdftotext")
	ts, _ := newTypesetter(t)
	b := booktest.Book("ru")
	item := func(s string) doc.Item {
		return doc.Item{Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}}}
	}
	lists := []doc.Block{
		{ID: "l1", Type: doc.ListBlock, List: &doc.List{Items: []doc.Item{item("первый пункт"), item("второй пункт")}}},
		{ID: "l2", Type: doc.ListBlock, List: &doc.List{Ordered: true, Start: 3, Items: []doc.Item{item("третий шаг"), item("четвёртый шаг")}}},
		{ID: "l3", Type: doc.ListBlock, List: &doc.List{Items: []doc.Item{{Label: "а)", Blocks: item("с меткой").Blocks}}}},
	}
	b.Preface["ru"].Blocks = append(b.Preface["ru"].Blocks, lists[0])
	d := b.Chapters[0].Text["ru"]
	d.Blocks = append(d.Blocks, lists...)
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lists.pdf")
	if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"первый пункт", "второй пункт", "третий шаг", "четвёртый шаг", "с меткой"} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("the PDF lacks the list item %q", want)
		}
	}
}

// TestNamesInOtherLanguages: a name known only in its own script (a
// Chinese editor's 刘洋 and translator's 张伟 in the Russian edition) is
// printed on the title page, the chapter opening, the contents and the
// contributors' list, each time tagged with its own language: the PDF has
// more structure elements marked /Lang (zh) than the same book whose names
// say nothing of their language.
func TestNamesInOtherLanguages(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	ts, _ := newTypesetter(t)
	build := func(written book.Local) (int, string) {
		b := booktest.Book("ru")
		b.Editors[0] = book.Person{Name: book.Local{"ru": "刘洋"}, SortName: book.Local{"ru": "刘洋"}, Written: written}
		b.Chapters[0].Translators["ru"] = []book.Person{{Name: book.Local{"ru": "张伟"}, SortName: book.Local{"ru": "张伟"}, Written: written}}
		out, err := ts.Build(b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "names.pdf")
		if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		qdf, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		txt, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(qdf, []byte("/Lang (zh")), string(txt)
	}
	plain, _ := build(nil)
	tagged, txt := build(book.Local{"ru": "zh"})
	if tagged < plain+4 {
		t.Errorf("%d structure elements in Chinese with the names marked, %d without: want the names' four places more", tagged, plain)
	}
	for _, want := range []string{"刘洋", "张伟"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PDF lacks %s", want)
		}
	}
}
