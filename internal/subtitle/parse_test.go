package subtitle

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t *testing.T, data []byte) *File {
	t.Helper()
	f, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		file     string
		format   Format
		encoding string
		// the encoding as the warning names it
		named string
		want  []Cue
	}{
		{"speech.en.srt", SRT, "UTF-8", "", []Cue{
			{1, 560, 3100, []string{"Dear friends,", "colleagues!"}, ""},
			{2, 4000, 7250, []string{"The treaty was signed twenty years ago."}, ""},
			{3, 3723004, 3725900, []string{"Thank you."}, ""},
		}},
		{"speech.zh.vtt", WebVTT, "UTF-8", "", []Cue{
			{1, 560, 3100, []string{"亲爱的朋友们，", "同事们！"}, "发言人"},
			{2, 4000, 7250, []string{"条约签订于二十年前&今天<仍>有效。"}, ""},
		}},
		{"speech.ru.cp1251.srt", SRT, "windows-1251", "Windows-1251", []Cue{
			{1, 1000, 2500, []string{"Дорогие друзья, коллеги!"}, ""},
			{2, 3000, 5000, []string{"Договор был подписан двадцать лет назад."}, ""},
		}},
		{"speech.zh.gb18030.srt", SRT, "GB18030", "GB 18030", []Cue{
			{1, 1000, 2500, []string{"亲爱的朋友们，同事们！"}, ""},
			{2, 3000, 5000, []string{"条约签订于二十年前，今天仍然有效。"}, ""},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := mustParse(t, readFixture(t, tc.file))
			if f.Format != tc.format || f.Encoding != tc.encoding {
				t.Errorf("format %s, encoding %s; want %s, %s", f.Format, f.Encoding, tc.format, tc.encoding)
			}
			if !reflect.DeepEqual(f.Cues, tc.want) {
				t.Errorf("cues\n got %v\nwant %v", f.Cues, tc.want)
			}
			// A legacy encoding is taken with a warning to check the text.
			if legacy := tc.encoding != "UTF-8"; legacy != (len(f.Warnings) == 1) {
				t.Errorf("warnings %v", f.Warnings)
			}
			// It names the encoding as the office's hints do.
			if want := "it was read as " + tc.named + ":"; tc.named != "" && len(f.Warnings) == 1 && !strings.Contains(f.Warnings[0].String(), want) {
				t.Errorf("the warning %q does not say %q", f.Warnings[0].String(), want)
			}
		})
	}
}

// TestParseUTF16 reads a file saved as UTF-16 with its byte-order mark,
// as Windows' Notepad saves "Unicode".
func TestParseUTF16(t *testing.T) {
	src := "1\r\n00:00:01,000 --> 00:00:02,000\r\nПривет\r\n"
	b := []byte{0xff, 0xfe}
	for _, r := range src {
		b = append(b, byte(r), byte(r>>8))
	}
	f := mustParse(t, b)
	if len(f.Cues) != 1 || f.Cues[0].Text() != "Привет" {
		t.Errorf("cues %v", f.Cues)
	}
}

func TestParseErrors(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		// what the messages say in English, Russian and Chinese
		en, ru, zh []string
	}{
		{"broken times", readFixture(t, "broken.srt"),
			[]string{"Line 6: a cue must begin with its times (00:00:01,000 --> 00:00:03,500), not “00:00:03,000 -> 00:00:05,000”",
				"Line 10: “00:00:61,000” is not a time: write it as 00:01:02,500"},
			[]string{"Строка 6: титр должен начинаться со времени (00:00:01,000 --> 00:00:03,500), а не с «00:00:03,000 -> 00:00:05,000»",
				"Строка 10: «00:00:61,000» — не время; запишите его как 00:01:02,500"},
			[]string{"第6行：每条字幕须以时间开头（00:00:01,000 --> 00:00:03,500），而不是“00:00:03,000 -> 00:00:05,000”",
				"第10行：“00:00:61,000”不是时间；请写成00:01:02,500的格式"}},
		{"empty", []byte(" \r\n\r\n"), []string{"the file is empty"}, []string{"файл пуст"}, []string{"文件是空的"}},
		{"no cues", []byte("WEBVTT\n\nNOTE nothing here\n"), []string{"the WebVTT file has no cues, only its header"},
			[]string{"в файле WebVTT нет ни одного титра, только заголовок"}, nil},
		// Text that is no subtitles at all: one message saying so, not
		// one per paragraph.
		{"plain text", []byte("Дорогие друзья!\n\nМы собрались здесь.\n\nСпасибо.\n"),
			[]string{"the file is text but not subtitles: it has no cue times (00:00:01,000 --> 00:00:03,500); upload an SRT or WebVTT file"},
			[]string{"это текст, но не субтитры: в нём нет времени титров (00:00:01,000 --> 00:00:03,500); загрузите файл SRT или WebVTT"}, nil},
		// A broken WebVTT file is told of WebVTT's syntax, with a period
		// before the milliseconds, not SRT's comma.
		{"broken WebVTT", []byte("WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nПривет\n\n2\n00:00:03.000 --> 00:00:61.000\nМир\n"),
			[]string{"Line 4: a cue must begin with its times (00:00:01.000 --> 00:00:03.500), not “00:00:01.000 -> 00:00:02.000”",
				"Line 8: “00:00:61.000” is not a time: write it as 00:01:02.500"},
			[]string{"Строка 4: титр должен начинаться со времени (00:00:01.000 --> 00:00:03.500), а не с «00:00:01.000 -> 00:00:02.000»",
				"Строка 8: «00:00:61.000» — не время; запишите его как 00:01:02.500"},
			[]string{"第4行：每条字幕须以时间开头（00:00:01.000 --> 00:00:03.500），而不是“00:00:01.000 -> 00:00:02.000”",
				"第8行：“00:00:61.000”不是时间；请写成00:01:02.500的格式"}},
		{"a PDF", []byte("%PDF-1.7\n..."), []string{"this is not a text file; upload subtitles as SRT or WebVTT"}, nil, nil},
		{"bytes of no encoding", []byte("1\n00:00:01,000 --> 00:00:02,000\nabc\x81\x82\xff\xfe\x80\n"),
			[]string{"Line 3: the file is not in UTF-8, nor Chinese in GB 18030 nor Russian in Windows-1251; save it as UTF-8"}, nil, nil},
		{"a cue in the WebVTT header", []byte("WEBVTT\n00:01.000 --> 00:02.000\nhi\n"),
			[]string{"Line 2: a blank line must come between the WEBVTT line and the first cue"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.data)
			errs, ok := err.(Errors)
			if !ok {
				t.Fatalf("Parse: %v, want Errors", err)
			}
			for l, want := range map[string][]string{"en": tc.en, "ru": tc.ru, "zh": tc.zh} {
				if want == nil {
					continue
				}
				var got []string
				for _, m := range errs {
					got = append(got, m.Text(cat.Printer(l)))
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s:\n got %q\nwant %q", l, got, want)
				}
			}
		})
	}
}

// TestParseFileVTTName: a file named .vtt without WebVTT's first line is
// told it lacks it, not read as SRT and told of SRT's syntax; one named
// .srt that is WebVTT is read by what it holds.
func TestParseFileVTTName(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	srt := []byte("1\n00:00:01,000 --> 00:00:02,000\nПривет\n")
	_, err = ParseFile("речь.vtt", srt)
	errs, ok := err.(Errors)
	if !ok || len(errs) != 1 {
		t.Fatalf("ParseFile(.vtt of SRT): %v", err)
	}
	if got, want := errs[0].Text(cat.Printer("ru")), "Строка 1: файл WebVTT начинается строкой WEBVTT, а не «1»"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if f, err := ParseFile("речь.srt", srt); err != nil || f.Format != SRT {
		t.Errorf("ParseFile(.srt): %v", err)
	}
	if f, err := ParseFile("речь.srt", []byte("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n")); err != nil || f.Format != WebVTT {
		t.Errorf("ParseFile(.srt of WebVTT): %v", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	cues := []Cue{
		{1, 0, 1500, []string{"a < b & c > d", "--> not an arrow"}, ""},
		{2, 1500, 3723004, []string{"亲爱的朋友们，"}, ""},
	}
	vtt := string(WriteVTT(cues))
	if !strings.HasPrefix(vtt, "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\na &lt; b &amp; c &gt; d\n") {
		t.Errorf("WebVTT:\n%s", vtt)
	}
	srt := string(WriteSRT(cues))
	if !strings.HasPrefix(srt, "1\r\n00:00:00,000 --> 00:00:01,500\r\na < b & c > d\r\n--> not an arrow\r\n\r\n2\r\n00:00:01,500 --> 01:02:03,004\r\n") {
		t.Errorf("SRT:\n%q", srt)
	}
	for _, data := range [][]byte{[]byte(vtt), []byte(srt)} {
		f := mustParse(t, data)
		if !reflect.DeepEqual(f.Cues, cues) {
			t.Errorf("read back %v, want %v", f.Cues, cues)
		}
	}
}

// TestWriteSRTVoicesAndMarkup: SRT keeps a WebVTT voice as "Speaker: "
// on the first line of each speaker's turn, and text that SRT players
// would read as a tag or an override (<i>, </b>, <font…>, {\an8}) is
// written so that it shows as text, while "a < b" is left alone. WebVTT
// keeps both as markup and escapes.
func TestWriteSRTVoicesAndMarkup(t *testing.T) {
	cues := []Cue{
		{1, 0, 1000, []string{"Добрый вечер!"}, "Ведущий"},
		{2, 1000, 2000, []string{"Начнём."}, "Ведущий"},
		{3, 2000, 3000, []string{"", "Спасибо.", "Рад быть здесь."}, "Ли Вэй"},
		{4, 3000, 4000, []string{"(аплодисменты)"}, ""},
		{5, 4000, 5000, []string{"Ещё раз."}, "Ли Вэй"},
		{6, 5000, 6000, []string{"write <i>x</i> and <font color=red>", "{\\an8} a < b, 1<2"}, ""},
	}
	srt := string(WriteSRT(cues))
	for _, want := range []string{
		"1\r\n00:00:00,000 --> 00:00:01,000\r\nВедущий: Добрый вечер!\r\n\r\n",
		"2\r\n00:00:01,000 --> 00:00:02,000\r\nНачнём.\r\n\r\n",
		"3\r\n00:00:02,000 --> 00:00:03,000\r\nЛи Вэй: Спасибо.\r\nРад быть здесь.\r\n\r\n",
		"4\r\n00:00:03,000 --> 00:00:04,000\r\n(аплодисменты)\r\n\r\n",
		"5\r\n00:00:04,000 --> 00:00:05,000\r\nЛи Вэй: Ещё раз.\r\n\r\n",
		"6\r\n00:00:05,000 --> 00:00:06,000\r\nwrite ＜i>x＜/i> and ＜font color=red>\r\n{＼an8} a < b, 1＜2\r\n",
	} {
		if !strings.Contains(srt, want) {
			t.Errorf("SRT lacks %q:\n%q", want, srt)
		}
	}
	// Read back, no cue has markup taken from the text, nor a warning.
	f := mustParse(t, []byte(srt))
	if len(f.Warnings) != 0 || len(f.Cues) != 6 || f.Cues[5].Text() != "write ＜i>x＜/i> and ＜font color=red>\n{＼an8} a < b, 1＜2" {
		t.Errorf("SRT read back: %v, %v", f.Warnings, f.Cues)
	}
	vtt := string(WriteVTT(cues))
	for _, want := range []string{"<v Ведущий>Добрый вечер!\n", "<v Ведущий>Начнём.\n", "write &lt;i&gt;x&lt;/i&gt; and &lt;font color=red&gt;\n{\\an8} a &lt; b, 1&lt;2\n"} {
		if !strings.Contains(vtt, want) {
			t.Errorf("WebVTT lacks %q:\n%s", want, vtt)
		}
	}
	if back := mustParse(t, []byte(vtt)); back.Cues[5].Lines[0] != "write <i>x</i> and <font color=red>" {
		t.Errorf("WebVTT read back: %q", back.Cues[5].Lines)
	}
}

// TestRealFiles reads the Morevna Project's subtitles in /work/shared
// (Chinese, Russian and English SRT files a community wrote) and writes
// them back: the same cues come back from WebVTT and SRT.
func TestRealFiles(t *testing.T) {
	dir := "/work/shared/data/subtitles"
	names, _ := filepath.Glob(filepath.Join(dir, "*.srt"))
	if len(names) == 0 {
		t.Skipf("no subtitles in %s (the shared data is not on this machine)", dir)
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f := mustParse(t, data)
			if len(f.Cues) < 20 {
				t.Errorf("%d cues", len(f.Cues))
			}
			tag := map[string]string{"eng": "en", "rus": "ru", "zho": "zh"}[filepath.Base(name)[:3]]
			if ms := Validate(f.Cues, tag, 0); HasErrors(ms) {
				t.Errorf("errors in a published file: %v", ms)
			}
			for _, out := range [][]byte{WriteVTT(f.Cues), WriteSRT(f.Cues)} {
				back := mustParse(t, out)
				if !reflect.DeepEqual(back.Cues, f.Cues) {
					t.Errorf("written and read back, the cues differ")
				}
			}
		})
	}
}

// TestParseMarkup reads WebVTT's markup: the speaker of a voice tag is the
// cue's Voice (and a second speaker's line says who), ruby keeps its base
// text without the reading, and the styling, positions, readings and
// karaoke times left out are each a warning counting the cues that lost
// them, so that the uploader is told.
func TestParseMarkup(t *testing.T) {
	src := "WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\n" +
		"00:01.000 --> 00:03.000 align:start position:10%\n<v.loud Ведущий>Добрый <b>вечер</b>!\n\n" +
		"00:03.000 --> 00:05.000\n<v Ли Вэй>Спасибо.\n<v Ведущая>Прошу.\n\n" +
		"00:05.000 --> 00:07.000\n<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>は<i>難しい</i>\n\n" +
		"00:07.000 --> 00:09.000\nРаз <00:07.500>два <00:08.000>три\n"
	f := mustParse(t, []byte(src))
	want := []Cue{
		{1, 1000, 3000, []string{"Добрый вечер!"}, "Ведущий"},
		{2, 3000, 5000, []string{"Спасибо.", "Ведущая: Прошу."}, "Ли Вэй"},
		{3, 5000, 7000, []string{"漢字は難しい"}, ""},
		{4, 7000, 9000, []string{"Раз два три"}, ""},
	}
	if !reflect.DeepEqual(f.Cues, want) {
		t.Errorf("cues\n got %v\nwant %v", f.Cues, want)
	}
	var got []string
	for _, m := range f.Warnings {
		got = append(got, m.String())
	}
	wantW := []string{
		"the styling of 2 cues (bold, italics, colours) was left out: subtitles are shown as plain text",
		"the positions of 1 cues (cue settings such as align or position, {\\an8}) were left out: the player shows every subtitle in its usual place",
		"the ruby readings (<rt>) of 1 cues were left out; their base text is kept",
		"the times inside 1 cues (karaoke, <00:01.000>) were left out: each cue is shown whole",
		"the file's STYLE blocks were left out: subtitles are shown in the player's own style",
	}
	if !reflect.DeepEqual(got, wantW) {
		t.Errorf("warnings\n got %q\nwant %q", got, wantW)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ru := cat.Printer("ru")
	if got := f.Warnings[0].Text(ru); got != "оформление 2 титров (полужирный, курсив, цвета) не сохранено: субтитры показываются простым текстом" {
		t.Errorf("in Russian: %q", got)
	}
	// The speaker goes back into WebVTT; plain text has no warnings.
	if vtt := string(WriteVTT(f.Cues)); !strings.Contains(vtt, "<v Ли Вэй>Спасибо.\nВедущая: Прошу.\n") {
		t.Errorf("WebVTT:\n%s", vtt)
	}
	if f := mustParse(t, []byte("1\n00:00:01,000 --> 00:00:02,000\nПросто текст\n")); len(f.Warnings) != 0 {
		t.Errorf("plain SRT: %v", f.Warnings)
	}
	if f := mustParse(t, []byte("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Сверху\n")); len(f.Warnings) != 1 || f.Warnings[0].Key != "subtitle.warning.dropped.position" {
		t.Errorf("SRT with {\\an8}: %v", f.Warnings)
	}
}
