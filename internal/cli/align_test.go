package cli

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/align"
)

// checkBeads checks that the bead lines of out cover n source and m target
// segments once each, in order.
func checkBeads(out string, n, m int) error {
	var beads []align.Bead
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		b, err := align.ParseBead(l)
		if err != nil {
			return err
		}
		beads = append(beads, b)
	}
	return coverErr(beads, n, m)
}

func coverErr(beads []align.Bead, n, m int) error {
	i, j := 0, 0
	for _, b := range beads {
		for _, x := range b.Src {
			if x != i {
				return fmt.Errorf("bead %v: source %d out of order (want %d)", b, x, i)
			}
			i++
		}
		for _, y := range b.Tgt {
			if y != j {
				return fmt.Errorf("bead %v: target %d out of order (want %d)", b, y, j)
			}
			j++
		}
	}
	if i != n || j != m {
		return fmt.Errorf("beads cover %d of %d source and %d of %d target segments", i, n, j, m)
	}
	return nil
}

func numbered(n int, format string) string {
	var b strings.Builder
	for k := range n {
		fmt.Fprintf(&b, format+"\n", k+1)
	}
	return b.String()
}

// TestAlignCommandShapes runs align on the inputs that used to panic: one
// line against twelve or more, a very long line against fifty.
func TestAlignCommandShapes(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("Очень длинная строка, в которой много слов и цифр 2001", 300) + "\n"
	tests := []struct {
		name, from, to, src, tgt string
		n, m                     int
	}{
		{"one against twelve", "ru", "zh", "Один.\n", numbered(12, "第%d句话。"), 1, 12},
		{"twelve against one", "zh", "ru", numbered(12, "第%d句话。"), "Один.\n", 12, 1},
		{"one against forty", "en", "ru", "One.\n", numbered(40, "Строка %d."), 1, 40},
		{"long line against fifty", "ru", "en", long, numbered(50, "Line %d is here."), 1, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeLangFile(t, dir, "src.txt", tt.src)
			tgt := writeLangFile(t, dir, "tgt.txt", tt.tgt)
			code, out, stderr := runCLI(t, nil, "align", "--split=false", "--from", tt.from, "--to", tt.to, src, tgt)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if err := checkBeads(out, tt.n, tt.m); err != nil {
				t.Errorf("%v:\n%s", err, out)
			}
		})
	}
}

// TestAlignParagraphs checks that a text of one paragraph a line is split
// into sentences, with a note on standard error, and that --split=false
// aligns the lines as given.
func TestAlignParagraphs(t *testing.T) {
	dir := t.TempDir()
	src := writeLangFile(t, dir, "zh.txt", "中俄两国于2001年签署了条约。今年是条约签署20周年。两国贸易额达到2401亿美元。论坛由两国科学院共同主办。\n")
	tgt := writeLangFile(t, dir, "ru.txt", "В 2001 году Россия и Китай подписали договор. В этом году исполняется 20 лет со дня его подписания. Товарооборот двух стран достиг 240,1 млрд долларов. Форум совместно организовали академии наук двух стран.\n")
	tmx := filepath.Join(dir, "out.tmx")
	code, out, stderr := runCLI(t, nil, "align", "--from", "zh", "--to", "ru", "--tmx", tmx, src, tgt)
	if code != 0 || out != "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n" {
		t.Fatalf("exit %d, links:\n%s", code, out)
	}
	if !strings.Contains(stderr, "sentences on average") || !strings.Contains(stderr, "--split=false") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr does not say that the lines were split: %q", stderr)
	}
	b, err := os.ReadFile(tmx)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Count(s, "<tu>") != 4 || !strings.Contains(s, "<seg>今年是条约签署20周年。</seg>") {
		t.Errorf("TMX:\n%s", s)
	}
	// The header names this build's version, as tandem version prints it.
	if s, want := string(b), `creationtool="tandem" creationtoolversion="`+html.EscapeString(toolVersion())+`"`; !strings.Contains(s, want) {
		t.Errorf("TMX header lacks %s:\n%.300s", want, s)
	}

	code, out, stderr = runCLI(t, nil, "align", "--split=false", "--from", "zh", "--to", "ru", src, tgt)
	if code != 0 || out != "[0]:[0]\n" || stderr != "" {
		t.Errorf("--split=false: exit %d, stderr %q, links:\n%s", code, stderr, out)
	}
	// Paragraphs between blank lines stay paired after splitting, and
	// the blank line is no segment.
	src2 := writeLangFile(t, dir, "zh2.txt", "第一段。第二句。\n\n第二段。第二句。第三句。\n")
	tgt2 := writeLangFile(t, dir, "ru2.txt", "Первый абзац. Второе предложение.\n\nВторой абзац. Второе предложение. Третье.\n")
	code, out, _ = runCLI(t, nil, "align", "--from", "zh", "--to", "ru", src2, tgt2)
	if code != 0 || out != "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n" {
		t.Errorf("paragraphs: exit %d, links:\n%s", code, out)
	}
}

// TestAlignCommandRefuses checks that input align cannot treat is refused
// with one line naming the problem, not aligned into nonsense.
func TestAlignCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	good := writeLangFile(t, dir, "good.txt", "Один.\nДва.\n")
	zh := writeLangFile(t, dir, "zh.txt", "一。\n二。\n")
	empty := writeLangFile(t, dir, "empty.txt", "")
	bom := writeLangFile(t, dir, "bom.txt", "\ufeff")
	blank := writeLangFile(t, dir, "blank.txt", "\n \n\t\n")
	binary := writeLangFile(t, dir, "image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	utf16 := writeLangFile(t, dir, "utf16.txt", "\xff\xfeA\x00\n\x00B")
	docx := writeLangFile(t, dir, "manuscript.docx", "PK\x03\x04\x14\x00\x06\x00\x08\x00")
	noPair := writeLangFile(t, dir, "terms.tbx", `<martif type="TBX"><text><body><termEntry id="c1"><langSet xml:lang="ru"><tig><term>договор</term></tig></langSet><langSet xml:lang="en"><tig><term>treaty</term></tig></langSet></termEntry></body></text></martif>`)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--from", "ru", "--to", "zh", "--terms", noPair, good, zh}, 1, "terms.tbx: no entry has terms in both ru and zh"},
		{[]string{"--from", "ru", "--to", "fr", good, zh}, 2, `target language "fr": language not supported`},
		{[]string{"--from", "de", "--to", "zh", good, zh}, 2, `source language "de": language not supported`},
		{[]string{"--from", "ru", "--to", "!!bad", good, zh}, 2, `"!!bad": not a BCP 47 language tag`},
		{[]string{"--from", "ru", "--to", "ru-RU", good, good}, 2, "source and target are the same language"},
		{[]string{"--from", "zh-Hans", "--to", "zh-SG", zh, zh}, 2, "source and target are the same language"},
		{[]string{"--from", "ru", "--to", "zh", empty, zh}, 1, "empty.txt is empty"},
		{[]string{"--from", "ru", "--to", "zh", good, bom}, 1, "bom.txt is empty"},
		{[]string{"--from", "ru", "--to", "zh", good, blank}, 1, "blank.txt has only blank lines"},
		{[]string{"--from", "ru", "--to", "zh", binary, zh}, 1, "image.png:1:1: this is a PNG image, not text"},
		{[]string{"--from", "ru", "--to", "zh", good, utf16}, 1, "utf16.txt:2:1: not valid UTF-16: the file ends in the middle of a character"},
		{[]string{"--from", "ru", "--to", "zh", docx, zh}, 1, "manuscript.docx:1:1: this is a ZIP package (a DOCX, XLSX, ODT or EPUB file?), not text; convert a Word manuscript with 'tandem doc convert --to markdown FILE'"},
		{[]string{"--from", "ru", "--to", "zh", good, filepath.Join(dir, "missing.txt")}, 1, "no such file"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, nil, append([]string{"align"}, tt.args...)...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != tt.code || out != "" || !strings.Contains(first, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, out, stderr, tt.code, tt.want)
		}
		if rest := strings.TrimPrefix(stderr, first+"\n"); rest != "" && !strings.HasPrefix(rest, "Run 'tandem align -h'") {
			t.Errorf("%q: more than one line of error: %q", tt.args, stderr)
		}
	}
	terms := writeLangFile(t, dir, "pair.tsv", "один\t一\n")
	if code, out, stderr := runCLI(t, nil, "align", "--from", "ru", "--to", "zh", "--terms", terms, good, zh); code != 0 || out != "[0]:[0]\n[1]:[1]\n" {
		t.Errorf("with a term list: exit %d, stderr %q, links:\n%s", code, stderr, out)
	}
}

// TestAlignParagraphMismatch checks that paragraphs that do not pair up are
// said to be left unpaired, and that the alignment still covers both sides.
func TestAlignParagraphMismatch(t *testing.T) {
	dir := t.TempDir()
	src := writeLangFile(t, dir, "ru.txt", "Первый абзац.\n\nВторой абзац.\n\nТретий абзац.\n")
	tgt := writeLangFile(t, dir, "zh.txt", "第一段。\n\n第二段。第三段。\n")
	code, out, stderr := runCLI(t, nil, "align", "--split=false", "--from", "ru", "--to", "zh", src, tgt)
	if code != 0 || !strings.Contains(stderr, "has 3 paragraphs and") || !strings.Contains(stderr, " 2: paragraphs are not paired") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if err := checkBeads(out, 3, 2); err != nil {
		t.Error(err)
	}
	// Two blank lines against one are one paragraph break on each side.
	src2 := writeLangFile(t, dir, "ru2.txt", "Первый абзац.\n\n\nВторой абзац.\n")
	tgt2 := writeLangFile(t, dir, "zh2.txt", "第一段。\n\n第二段。\n")
	code, out, stderr = runCLI(t, nil, "align", "--split=false", "--from", "ru", "--to", "zh", src2, tgt2)
	if code != 0 || stderr != "" || out != "[0]:[0]\n[1]:[1]\n" {
		t.Errorf("exit %d, stderr %q, links:\n%s", code, stderr, out)
	}
}

// TestSegmentCommandRefuses checks the language and the input of segment.
func TestSegmentCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	good := writeLangFile(t, dir, "ru.txt", "Один. Два.\n")
	blank := writeLangFile(t, dir, "blank.txt", " \n\n")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--lang", "fr", good}, 2, `"fr": language not supported`},
		{[]string{"--lang", "ja", good}, 2, `"ja": language not supported`},
		{[]string{"--lang", "ru RU", good}, 2, "not a BCP 47 language tag"},
		{[]string{"--lang", "ru", blank}, 1, "blank.txt is empty or blank"},
		{[]string{"--lang", "ru"}, 1, "standard input is empty or blank"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, nil, append([]string{"segment"}, tt.args...)...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != tt.code || out != "" || !strings.Contains(first, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, out, stderr, tt.code, tt.want)
		}
	}
	if code, out, stderr := runCLI(t, nil, "segment", "--lang", "ru-RU", good); code != 0 || out != "Один.\nДва.\n" {
		t.Errorf("ru-RU: exit %d, %q, %q", code, out, stderr)
	}
}

// FuzzAlignInput reads two texts as align does and aligns them: the input
// is refused with an error of one line or aligned with beads that cover
// every segment of both sides.
func FuzzAlignInput(f *testing.F) {
	f.Add([]byte("Один.\n"), []byte(numbered(12, "第%d句话。")), uint8(0))
	f.Add([]byte("Первый абзац. Второе предложение.\n\nТретье."), []byte("第一段。第二句。\n\n第三句。\n"), uint8(1))
	f.Add([]byte("\ufeff\r\n\r\n"), []byte("x"), uint8(2))
	f.Add([]byte("a\n\n\nb\n"), []byte("\n\nc\n\nd\n\n"), uint8(0))
	f.Fuzz(func(t *testing.T, a, b []byte, split uint8) {
		if len(a) > 4000 || len(b) > 4000 {
			return
		}
		in := alignInput{from: "ru", to: "zh"}
		var err error
		if in.src, _, err = parseLines(a, "a"); err != nil {
			return
		}
		if in.tgt, _, err = parseLines(b, "b"); err != nil {
			return
		}
		n, m := len(in.src)-blankLines(in.src), len(in.tgt)-blankLines(in.tgt)
		sf := splitFlag{set: split%3 != 0, on: split%3 == 1}
		if err := in.prepare(sf); err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of several lines: %q", err)
			}
			return
		}
		if (!sf.on && sf.set) && (len(in.src) != n || len(in.tgt) != m) {
			t.Fatalf("--split=false did not keep the lines with text: %d × %d → %d × %d", n, m, len(in.src), len(in.tgt))
		}
		for _, side := range [][]string{in.src, in.tgt} {
			for _, s := range side {
				if strings.TrimSpace(s) == "" || strings.IndexFunc(s, isXMLControl) >= 0 {
					t.Fatalf("segment %q is blank or holds a control character", s)
				}
			}
		}
		beads := align.Align(in.src, in.tgt, align.Options{From: in.from, To: in.to, Hard: in.hard})
		if err := coverErr(beads, len(in.src), len(in.tgt)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestAlignNumbersSentences checks that links number sentences only, the
// blank line between paragraphs being no segment, so that the numbers are
// those of the lines 'tandem segment' writes (blank lines not counted),
// whether align splits the paragraphs or segment did; and that the TMX
// holds every linked pair.
func TestAlignNumbersSentences(t *testing.T) {
	dir := t.TempDir()
	ru := writeLangFile(t, dir, "ru.txt", "Делегации прибыли утром. Заседание открыл ректор.\n\nЗатем выступили послы. Вечером прошёл приём.\n")
	en := writeLangFile(t, dir, "en.txt", "The delegations arrived in the morning. The rector opened the session.\n\nThen the ambassadors spoke. A reception followed in the evening.\n")
	const want = "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n"
	tmx := filepath.Join(dir, "split.tmx")
	code, out, stderr := runCLI(t, nil, "align", "--from", "ru", "--to", "en", "--tmx", tmx, ru, en)
	if code != 0 || out != want {
		t.Fatalf("--split: exit %d, stderr %q, links:\n%s", code, stderr, out)
	}
	checkTMX(t, tmx, 4, "<seg>Затем выступили послы.</seg>", "<seg>A reception followed in the evening.</seg>")

	// segment writes the paragraphs apart; align --split=false on its
	// output gives the same links, the paragraphs still paired.
	segRU := segmentTo(t, dir, "ru", ru)
	segEN := segmentTo(t, dir, "en", en)
	if b, _ := os.ReadFile(segRU); string(b) != "Делегации прибыли утром.\nЗаседание открыл ректор.\n\nЗатем выступили послы.\nВечером прошёл приём.\n" {
		t.Errorf("segment output:\n%s", b)
	}
	tmx2 := filepath.Join(dir, "lines.tmx")
	code, out, stderr = runCLI(t, nil, "align", "--split=false", "--from", "ru", "--to", "en", "--tmx", tmx2, segRU, segEN)
	if code != 0 || out != want || stderr != "" {
		t.Fatalf("--split=false on segment's output: exit %d, stderr %q, links:\n%s", code, stderr, out)
	}
	checkTMX(t, tmx2, 4, "<seg>Затем выступили послы.</seg>", "<seg>A reception followed in the evening.</seg>")

	// The paragraphs are anchors: the first sentence of each paragraph
	// begins a link on both sides.
	for _, sf := range []splitFlag{{}, {set: true, on: false}} {
		in := alignInput{from: "ru", to: "en"}
		for k, name := range []string{segRU, segEN} {
			b, _ := os.ReadFile(name)
			lines, _, err := parseLines(b, name)
			if err != nil {
				t.Fatal(err)
			}
			if k == 0 {
				in.src = lines
			} else {
				in.tgt = lines
			}
		}
		if err := in.prepare(sf); err != nil {
			t.Fatal(err)
		}
		if len(in.src) != 4 || len(in.tgt) != 4 || fmt.Sprint(in.hard) != "[[2 2]]" {
			t.Errorf("%v: %d × %d segments, anchors %v; want 4 × 4, [[2 2]]", sf, len(in.src), len(in.tgt), in.hard)
		}
	}
}

// segmentTo runs tandem segment on a file and writes its output beside it.
func segmentTo(t *testing.T, dir, lang, name string) string {
	t.Helper()
	code, out, stderr := runCLI(t, nil, "segment", "--lang", lang, name)
	if code != 0 {
		t.Fatalf("segment %s: exit %d, %s", name, code, stderr)
	}
	return writeLangFile(t, dir, lang+".seg.txt", out)
}

// checkTMX checks that a TMX file holds n translation units, the given
// texts, and no replacement character.
func checkTMX(t *testing.T, name string, n int, texts ...string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Count(s, "<tu>") != n || strings.ContainsRune(s, '\uFFFD') {
		t.Errorf("%s: %d units (want %d) or U+FFFD:\n%s", name, strings.Count(s, "<tu>"), n, s)
	}
	for _, x := range texts {
		if !strings.Contains(s, x) {
			t.Errorf("%s lacks %s:\n%s", name, x, s)
		}
	}
}

// TestAlignNoStopNoSplit checks that lines without a stop, however many
// capitalised words that often begin sentences they hold, are one segment
// each: align does not take them for paragraphs.
func TestAlignNoStopNoSplit(t *testing.T) {
	dir := t.TempDir()
	src := writeLangFile(t, dir, "en.txt", strings.Repeat("notes on the book This Side of Paradise and It Ends Tonight\n", 40))
	tgt := writeLangFile(t, dir, "ru.txt", strings.Repeat("заметки о книге Это было давно и Они сражались за Родину\n", 40))
	code, out, stderr := runCLI(t, nil, "align", "--from", "en", "--to", "ru", src, tgt)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if err := checkBeads(out, 40, 40); err != nil {
		t.Error(err)
	}
}

// TestControlCharacters checks that control characters, which TMX cannot
// carry, are removed from align's and segment's input with a warning that
// gives the file, line and column, white-space ones becoming a space, and
// that the warnings stop after ten lines with a count of the rest.
func TestControlCharacters(t *testing.T) {
	dir := t.TempDir()
	src := writeLangFile(t, dir, "src.txt", "Договор\x07 подписан.\nВторая\x0cстрока\x1b.\nТретья строка\u0085здесь.\n")
	tgt := writeLangFile(t, dir, "tgt.txt", "The treaty was signed.\nThe second\x7f line.\nThe third line is here.\n")
	tmx := filepath.Join(dir, "out.tmx")
	code, out, stderr := runCLI(t, nil, "align", "--split=false", "--from", "ru", "--to", "en", "--tmx", tmx, src, tgt)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if err := checkBeads(out, 3, 3); err != nil {
		t.Error(err)
	}
	for _, w := range []string{
		src + ":1:8: warning: control character U+0007 removed: TMX and XML 1.0 cannot carry it\n",
		src + ":2:7: warning: control character U+000C replaced by a space, and 1 more on the line: TMX and XML 1.0 cannot carry it\n",
		src + ":3:14: warning: control character U+0085 replaced by a space: it is no text, and XML 1.0 discourages it\n",
		tgt + ":2:11: warning: control character U+007F removed: it is no text",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	checkTMX(t, tmx, 3, "<seg>Договор подписан.</seg>", "<seg>Вторая строка.</seg>", "<seg>Третья строка здесь.</seg>", "<seg>The second line.</seg>")

	code, out, stderr = runCLI(t, nil, "segment", "--lang", "ru", src)
	if code != 0 || out != "Договор подписан.\nВторая строка.\nТретья строка здесь.\n" || strings.Count(stderr, "warning: control character") != 3 || !strings.Contains(stderr, src+":2:7: ") {
		t.Errorf("segment: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}

	many := writeLangFile(t, dir, "many.txt", strings.Repeat("Строка\x1b.\n", 14))
	code, _, stderr = runCLI(t, nil, "segment", "--lang", "ru", many)
	if code != 0 || strings.Count(stderr, "\n") != 11 || !strings.HasSuffix(stderr, many+": warning: control characters removed from 4 more lines\n") {
		t.Errorf("many: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestSegmentParagraphs checks that segment keeps one blank line between
// paragraphs, however many blank lines (or lines of white space) separate
// them in the input, and none before the first or after the last; a single
// line break stays inside the sentence.
func TestSegmentParagraphs(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ lang, in, want string }{
		{"ru", "\n\nПервый абзац. Второе\nпредложение.\n \t\n\n\nТретий абзац.\n\n", "Первый абзац.\nВторое предложение.\n\nТретий абзац.\n"},
		{"zh", "第一段。第二句。\r\n\r\n第二段。", "第一段。\n第二句。\n\n第二段。\n"},
		{"en", "One. Two.\n\nThree.\n\nFour.", "One.\nTwo.\n\nThree.\n\nFour.\n"},
	} {
		in := writeLangFile(t, dir, tt.lang+".txt", tt.in)
		code, out, stderr := runCLI(t, nil, "segment", "--lang", tt.lang, in)
		if code != 0 || out != tt.want {
			t.Errorf("%s %q: exit %d, stderr %q, output %q, want %q", tt.lang, tt.in, code, stderr, out, tt.want)
		}
	}
}

// TestChineseSpacesKept checks that the spaces an author typed inside a
// Chinese line ("第一章 总则", "第1条 本法") reach segment's output and the
// TMX of align as written, while a line break between Chinese characters
// inside a sentence is still joined without a space.
func TestChineseSpacesKept(t *testing.T) {
	dir := t.TempDir()
	zh := writeLangFile(t, dir, "zh.txt", "第一章 总则 本条例适用于全国。第1条 本法\n适用于公民。\n")
	ru := writeLangFile(t, dir, "ru.txt", "Общие положения: настоящее положение действует по всей стране. Статья 1: закон применяется к гражданам.\n")
	code, out, stderr := runCLI(t, nil, "segment", "--lang", "zh", zh)
	if want := "第一章 总则 本条例适用于全国。\n第1条 本法适用于公民。\n"; code != 0 || out != want {
		t.Errorf("segment: exit %d, stderr %q, output %q, want %q", code, stderr, out, want)
	}
	// align reads one paragraph a line and splits it into sentences.
	zh = writeLangFile(t, dir, "zh-lines.txt", "第一章 总则 本条例适用于全国。第1条 本法适用于公民。\n")
	tmx := filepath.Join(dir, "out.tmx")
	code, _, stderr = runCLI(t, nil, "align", "--split", "--from", "zh", "--to", "ru", "--tmx", tmx, zh, ru)
	if code != 0 {
		t.Fatalf("align: exit %d, %s", code, stderr)
	}
	b, err := os.ReadFile(tmx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"第一章 总则 本条例适用于全国。", "第1条 本法适用于公民。"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("TMX lacks %q:\n%s", want, b)
		}
	}
}
