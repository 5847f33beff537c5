package typeset

import (
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/i18n"
)

// buildPages builds b and returns its PDF's path and each page's text
// (pdftotext -layout).
func buildPages(t *testing.T, ts *Typesetter, b *book.Book) (string, []string) {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), b.Slug+".pdf")
	if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return path, strings.Split(string(txt), "\f")[:out.Pages]
}

func text(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }

func para(id string, ins ...doc.Inline) doc.Block {
	return doc.Block{ID: id, Type: doc.Paragraph, Inlines: ins}
}

// TestTableHeaderRepeats sets a table longer than a page: its header row
// must be at the top of the table on each page it runs onto.
func TestTableHeaderRepeats(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("ru")
	cell := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para("", text(s))}} }
	tb := &doc.Table{Rows: []doc.Row{{Header: true, Cells: []doc.Cell{cell("Годзаголовок"), cell("Товарооборот")}}}}
	for i := range 80 {
		tb.Rows = append(tb.Rows, doc.Row{Cells: []doc.Cell{cell(strconv.Itoa(1950 + i)), cell("строка " + strconv.Itoa(i))}})
	}
	d := b.Chapters[0].Text["ru"]
	d.Blocks = append(d.Blocks, doc.Block{ID: "t1", Type: doc.TableBlock, Table: tb})
	_, pages := buildPages(t, ts, b)
	first, last := -1, -1
	for p, pg := range pages {
		if strings.Contains(pg, "строка ") {
			if first < 0 {
				first = p
			}
			last = p
		}
	}
	if first < 0 || last == first {
		t.Fatalf("the table is on pages %d–%d, want more than one", first+1, last+1)
	}
	for p := first; p <= last; p++ {
		if !strings.Contains(pages[p], "Годзаголовок") {
			t.Errorf("page %d has rows of the table but not its header", p+1)
		}
	}
}

// TestChineseQuotesFullWidth sets a paragraph of nothing but Chinese
// quotation marks: each must take a full em (10 pt), as Chinese
// typesetting has them, not the half em of the font's proportional form.
func TestChineseQuotesFullWidth(t *testing.T) {
	needTool(t, "pdftotext")
	ts, _ := newTypesetter(t)
	b := booktest.Book("zh")
	d := b.Chapters[0].Text["zh"]
	d.Blocks = append(d.Blocks, para("q1", text("“”‘’“”‘’")))
	path, _ := buildPages(t, ts, b)
	// Eight marks of 10 pt, less what punctuation compression may take
	// from the first and last.
	ws := wordWidths(t, path, "“”‘’“”‘’")
	if len(ws) != 1 {
		t.Fatalf("found the paragraph of quotation marks %d times", len(ws))
	}
	if ws[0] < 75 {
		t.Errorf("eight Chinese quotation marks are %.1f pt wide, want about 80 (full width)", ws[0])
	}
}

// wordWidths returns the width in pt of each word of the PDF at path
// that is exactly word (pdftotext -bbox), in the PDF's order.
func wordWidths(t *testing.T, path, word string) []float64 {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws []float64
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.Contains(l, ">"+word+"<") {
			continue
		}
		var x0, x1 float64
		for _, f := range strings.Fields(l) {
			if v, ok := strings.CutPrefix(f, `xMin="`); ok {
				x0, _ = strconv.ParseFloat(strings.TrimSuffix(v, `"`), 64)
			}
			if v, ok := strings.CutPrefix(f, `xMax="`); ok {
				x1, _ = strconv.ParseFloat(strings.TrimSuffix(v, `"`), 64)
			}
		}
		ws = append(ws, x1-x0)
	}
	return ws
}

// TestKaitiEmphasisSize sets a paragraph of emphasis alone: Kaiti, whose
// ideographs are drawn smaller on the em, is set larger so that they look
// the size of the body's; the comma stays the body font's full-width one.
func TestKaitiEmphasisSize(t *testing.T) {
	needTool(t, "pdftotext")
	ts, _ := newTypesetter(t)
	b := booktest.Book("zh")
	d := b.Chapters[0].Text["zh"]
	d.Blocks = append(d.Blocks, para("k1", doc.Inline{Type: doc.Emph, Content: []doc.Inline{text("百分之十百分之十")}}),
		para("k2", text("百分之十百分之十")))
	path, _ := buildPages(t, ts, b)
	ws := wordWidths(t, path, "百分之十百分之十")
	if len(ws) != 2 {
		t.Fatalf("found %d of the two paragraphs", len(ws))
	}
	emph, body := ws[0], ws[1]
	if emph < body*1.05 || emph > body*1.15 {
		t.Errorf("the Kaiti emphasis is %.1f pt wide, the body's same text %.1f: want Kaiti about 1.1 times larger", emph, body)
	}
}

// TestTitlesKeptWhole gives a chapter long titles: in Chinese one with a
// title in title marks, in Russian words long enough to hyphenate. The
// heading, the contents and the running heads must not break inside the
// title marks nor hyphenate a word; each running head is one line.
func TestTitlesKeptWhole(t *testing.T) {
	ts, _ := newTypesetter(t)
	zhTitle := "论双边关系发展历程的若干问题与重读《睦邻友好合作条约》"
	ruTitle := "Межгосударственные взаимоотношения и внешнеэкономическая деятельность приграничных территорий: двадцатилетняя ретроспектива"
	for _, langs := range [][]string{{"zh"}, {"ru"}, {"zh", "ru"}} {
		b := booktest.Book(langs...)
		b.Chapters[0].Title["zh"], b.Chapters[0].Title["ru"] = zhTitle, ruTitle
		// Long enough for running heads.
		for _, l := range langs {
			d := b.Chapters[0].Text[l]
			bs := d.Blocks
			for k := range 3 {
				for _, bl := range bs[1:] {
					bl.ID += "-" + strconv.Itoa(k)
					d.Blocks = append(d.Blocks, bl)
				}
			}
		}
		_, pages := buildPages(t, ts, b)
		name := strings.Join(langs, "-")
		all := strings.Join(pages, "\n")
		if langs[0] == "zh" {
			// The opening page (its title first) and the contents.
			for _, start := range []string{"论双边关系", "目录"} {
				ok := false
				for _, pg := range pages {
					if ls := lines(pg); len(ls) > 0 && strings.HasPrefix(ls[0], start) {
						ok = strings.Contains(pg, "《睦邻友好合作条约》")
						break
					}
				}
				if !ok {
					t.Errorf("%s: the title in title marks is broken across lines on the page beginning %q", name, start)
				}
			}
		}
		for _, w := range strings.Fields(ruTitle) {
			if b.Langs[len(b.Langs)-1] != "ru" {
				break
			}
			if strings.Count(all, strings.Trim(w, ":")) < 2 {
				t.Errorf("%s: the word %q of the title is not whole in the heading and the contents", name, w)
			}
		}
		heads := 0
		for p, pg := range pages {
			ls := lines(pg)
			if len(ls) < 2 {
				continue
			}
			if strings.HasSuffix(ls[0], "…") || ls[0] == zhTitle {
				heads++
				if strings.HasSuffix(ls[1], "…") || strings.Contains(ruTitle, ls[1]) && len(ls[1]) > 10 {
					t.Errorf("%s: page %d's running head takes two lines: %q %q", name, p+1, ls[0], ls[1])
				}
			}
		}
		if heads == 0 {
			t.Errorf("%s: no running head of the long title on one line", name)
		}
	}
}

// TestUnnumberedPages checks the page map against the pages: a page that
// prints a folio has it as its label, and a page that prints none (the
// title page, its verso, a blank page) is marked unnumbered, so that the
// EPUB's page list leaves it out.
func TestUnnumberedPages(t *testing.T) {
	ts, _ := newTypesetter(t)
	for _, langs := range [][]string{{"zh"}, {"zh", "ru"}} {
		b := booktest.Book(langs...)
		out, err := ts.Build(b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(pdfTextLayout(t, out.PDF), "\f")
		blanks := 0
		for i, ps := range out.PageMap.Pages {
			printed := folio(pages[i]) == ps.Label
			if printed == ps.Unnumbered {
				t.Errorf("%v: page %d (%s) prints its folio: %t, but unnumbered is %t", langs, i+1, ps.Label, printed, ps.Unnumbered)
			}
			if len(lines(pages[i])) == 0 {
				blanks++
			}
		}
		if !out.PageMap.Pages[0].Unnumbered || !out.PageMap.Pages[1].Unnumbered || blanks == 0 {
			t.Errorf("%v: the title page and its verso are numbered, or no page is blank (%d)", langs, blanks)
		}
		// Each page of the front and back matter says which part it is
		// of, so that the EPUB's page list can point into that part.
		sections := map[string]string{}
		for i, ps := range out.PageMap.Pages {
			if ps.Chapter == "" && ps.Section == "" {
				t.Errorf("%v: page %d is in no chapter and no section", langs, i+1)
			}
			if ls := lines(pages[i]); len(ls) > 0 && ps.Section != "" && sections[ps.Section] == "" {
				sections[ps.Section] = ls[0]
			}
		}
		contents := map[string]string{"zh": "目录", "ru": "Содержание"}[langs[0]]
		if !strings.HasPrefix(sections["contents"], contents) || sections["title"] == "" || sections["preface"] == "" || sections["contributors"] == "" {
			t.Errorf("%v: the sections' first pages begin %q", langs, sections)
		}
	}
}

// TestTitleEndNotAlone sets a title in title marks at each place of a
// line in turn: no line may begin with its last character and the
// closing mark ("约》"), the second half of the word 条约.
func TestTitleEndNotAlone(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("zh")
	d := b.Chapters[0].Text["zh"]
	for n := range 12 {
		d.Blocks = append(d.Blocks, para("te"+strconv.Itoa(n), text(strings.Repeat("合", 16+n)+"《睦邻友好合作条约》和"+strings.Repeat("作", 30))))
	}
	_, pages := buildPages(t, ts, b)
	found := 0
	for _, pg := range pages {
		for _, l := range lines(pg) {
			if strings.HasPrefix(l, "约》") {
				t.Errorf("a line begins with the title's last character: %q", l)
			}
			if strings.Contains(l, "条约》") {
				found++
			}
		}
	}
	if found == 0 {
		t.Error("the titles are not in the PDF")
	}
}

// TestImprintSkipsEmptyPlace gives the publisher no place: the imprint's
// last line joins only what there is.
func TestImprintSkipsEmptyPlace(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, want string }{
		{"zh", "中国社会科学出版社（样例）　2021年"},
		{"ru", "Издательство РСМД (образец), 2021"},
	} {
		b := booktest.Book(tc.lang)
		b.Publisher.Place = book.Local{}
		if got := published(b, tc.lang, cat.Printer(tc.lang)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
		src := mainSource(b, cat)
		if strings.Contains(src, str(", ,")) || strings.Contains(src, `#text(size: 10pt, "")`) {
			t.Errorf("%s: the title or imprint page joins an empty place", tc.lang)
		}
	}
}

// bboxLines returns the lines of each page of the PDF at path: the words
// pdftotext -bbox finds on one baseline, left to right. (pdftotext -layout
// and -raw put a word on a line of its own when its punctuation, squeezed
// at its start, overlaps the word before.)
func bboxLines(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	type word struct {
		x, y float64
		s    string
	}
	var pages []string
	var ws []word
	flush := func() {
		sort.SliceStable(ws, func(i, j int) bool {
			if math.Abs(ws[i].y-ws[j].y) > 1 {
				return ws[i].y < ws[j].y
			}
			return ws[i].x < ws[j].x
		})
		var b strings.Builder
		for i, w := range ws {
			if i > 0 {
				if math.Abs(w.y-ws[i-1].y) > 1 {
					b.WriteString("\n")
				} else {
					b.WriteString(" ")
				}
			}
			b.WriteString(w.s)
		}
		pages = append(pages, b.String())
		ws = nil
	}
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "</page>") {
			flush()
			continue
		}
		if !strings.HasPrefix(l, "<word") {
			continue
		}
		var w word
		for _, f := range strings.Fields(l) {
			if v, ok := strings.CutPrefix(f, `xMin="`); ok {
				w.x, _ = strconv.ParseFloat(strings.TrimSuffix(v, `"`), 64)
			}
			if v, ok := strings.CutPrefix(f, `yMax="`); ok {
				v = v[:strings.Index(v, `"`)]
				w.y, _ = strconv.ParseFloat(v, 64)
			}
		}
		w.s = html.UnescapeString(l[strings.Index(l, ">")+1 : strings.LastIndex(l, "</word>")])
		ws = append(ws, w)
	}
	return pages
}

// titleBreaks returns the places where the PDF's pages break title onto
// two lines: each pair of lines (bboxLines, trimmed) that are both pieces
// of the title, with the lines of each page that are.
func titleBreaks(pages []string, title string) (pairs [][2]string, runs [][]string) {
	flat := strings.NewReplacer(" ", "", "\u00A0", "").Replace(title)
	piece := func(l string) bool {
		l = strings.NewReplacer(" ", "", "\u00A0", "").Replace(strings.TrimSpace(l))
		return utf8.RuneCountInString(l) >= 2 && strings.Contains(flat, l)
	}
	for _, p := range pages {
		ls := strings.Split(p, "\n")
		var run []string
		for i, l := range ls {
			if piece(l) {
				run = append(run, strings.TrimSpace(l))
				if i+1 < len(ls) && piece(ls[i+1]) {
					pairs = append(pairs, [2]string{strings.TrimSpace(l), strings.TrimSpace(ls[i+1])})
				}
			} else if len(run) > 0 {
				runs = append(runs, run)
				run = nil
			}
		}
		if len(run) > 0 {
			runs = append(runs, run)
		}
	}
	return pairs, runs
}

// TestTitleLineBreaks checks where long titles break on the title page, in
// the contents and at the chapter's opening: a Russian line never ends in
// a short preposition or conjunction nor inside "20-летию"; a Chinese title
// keeps its numerals (二十) and short bracketed groups (（第一卷）) whole;
// and the lines of a title are balanced, none a short tail of the others.
func TestTitleLineBreaks(t *testing.T) {
	ts, _ := newTypesetter(t)
	titles := map[string]string{
		"zh": "纪念《中俄睦邻友好合作条约》签署二十周年文集（第一卷）",
		"ru": "Сборник трудов к 20-летию подписания Договора о добрососедстве, дружбе и сотрудничестве",
	}
	numerals := "〇零一二三四五六七八九十百千万两"
	for _, ls := range [][]string{{"zh"}, {"ru"}, {"zh", "ru"}} {
		b := booktest.Book(ls...)
		for _, l := range ls {
			b.Title[l] = titles[l]
			b.Chapters[0].Title[l] = titles[l]
		}
		path, _ := buildPages(t, ts, b)
		pages := bboxLines(t, path)
		for _, l := range ls {
			pairs, runs := titleBreaks(pages, titles[l])
			if len(runs) == 0 {
				t.Fatalf("%v: the %s title is nowhere on the pages", ls, l)
			}
			for _, p := range pairs {
				last := []rune(p[0])
				first := []rune(p[1])
				switch l {
				case "ru":
					words := strings.Fields(strings.ReplaceAll(p[0], "\u00A0", " "))
					if w := words[len(words)-1]; russianShort[strings.ToLower(w)] || strings.HasSuffix(w, "-") {
						t.Errorf("%v: a line of the title ends in %q: %q / %q", ls, w, p[0], p[1])
					}
				case "zh":
					if strings.ContainsRune(numerals, last[len(last)-1]) && strings.ContainsRune(numerals, first[0]) {
						t.Errorf("%v: a numeral split: %q / %q", ls, p[0], p[1])
					}
					if strings.Count(p[0], "（") != strings.Count(p[0], "）") {
						t.Errorf("%v: a bracketed group split: %q / %q", ls, p[0], p[1])
					}
				}
			}
			if len(ls) > 1 {
				continue
			}
			for _, run := range runs {
				if len(run) < 2 {
					continue
				}
				lo, hi := 1<<30, 0
				for _, x := range run {
					n := utf8.RuneCountInString(x)
					lo, hi = min(lo, n), max(hi, n)
				}
				if lo*2 < hi {
					t.Errorf("%v: the title's lines are not balanced: %q", ls, run)
				}
			}
		}
	}
}

// TestChinesePunctuationFullWidth sets a paragraph of ideographs and
// full-width punctuation: every line's text is as wide as its characters
// at full width (10 pt each), so that no line has its commas squeezed to
// half width while the next has them whole («各个机构, 查找»).
func TestChinesePunctuationFullWidth(t *testing.T) {
	needTool(t, "pdftotext")
	ts, _ := newTypesetter(t)
	b := booktest.Book("zh")
	d := b.Chapters[0].Text["zh"]
	const s = "二十年的合作积累了大量会议材料、研究报告和译稿，但它们分散在各个机构，查找很不方便。如果能把这些材料整理成可以检索的双语资料库，后来的研究者就不必重复前人的工作。"
	d.Blocks = append(d.Blocks, para("p-comma", text(strings.Repeat(s, 3))))
	path, _ := buildPages(t, ts, b)
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(out), "\n") {
		i := strings.Index(l, ">")
		j := strings.LastIndex(l, "</word>")
		if !strings.Contains(l, "<word") || i < 0 || j < i {
			continue
		}
		w := l[i+1 : j]
		if utf8.RuneCountInString(w) < 20 || !strings.Contains(strings.Repeat(s, 3), w) {
			continue
		}
		var x0, x1 float64
		for _, f := range strings.Fields(l) {
			if v, ok := strings.CutPrefix(f, `xMin="`); ok {
				x0, _ = strconv.ParseFloat(strings.TrimSuffix(v, `"`), 64)
			}
			if v, ok := strings.CutPrefix(f, `xMax="`); ok {
				x1, _ = strconv.ParseFloat(strings.TrimSuffix(v, `"`), 64)
			}
		}
		n++
		if want := 10 * float64(utf8.RuneCountInString(w)); x1-x0 < want-5.5 || x1-x0 > want+0.5 {
			t.Errorf("a line of %d characters is %.1f pt wide, want %.0f (full width): %s", utf8.RuneCountInString(w), x1-x0, want, w)
		}
	}
	if n < 4 {
		t.Fatalf("found %d lines of the paragraph", n)
	}
}

// TestContributorsRoles: the contributors page gives each person once
// with their roles in the book, a translator as a translator, in the
// book's language.
func TestContributorsRoles(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := booktest.Book("zh")
	src := mainSource(b, cat)
	at := strings.Index(src, `"contributors"`)
	if at < 0 {
		t.Fatal("no contributors page")
	}
	page := src[at:]
	tr := b.Chapters[1].Translators["zh"][0].Name["zh"]
	i := strings.Index(page, str(tr))
	if i < 0 {
		t.Fatalf("the contributors page does not name the translator %s", tr)
	}
	if j := strings.Index(page[i:], "#section-end"); !strings.Contains(page[i:i+j], str("译者")) {
		t.Errorf("the translator %s is not credited as 译者:\n%s", tr, page[i:i+j])
	}
	if strings.Count(page, str("作者")) != len(b.Chapters) {
		t.Errorf("want each of the %d authors credited as 作者:\n%s", len(b.Chapters), page)
	}
}
