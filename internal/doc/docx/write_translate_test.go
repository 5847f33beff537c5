package docx

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/translate"
)

// pseudo "translates" text into the target's script: every letter becomes
// a letter of that script (Han for zh, Cyrillic for ru, Latin for en);
// digits, punctuation and spaces stay, but Chinese punctuation becomes
// the target's, as a translator writes it. A reader of the result sees
// the target language, and every piece of text is still told apart.
func pseudo(s, tgt string) string {
	return strings.Map(func(r rune) rune {
		if tgt != "zh" {
			if i := strings.IndexRune("，。：；！？、（）", r); i >= 0 {
				return []rune(",.:;!?,()")[len([]rune("，。：；！？、（）"[:i]))]
			}
		}
		if !unicode.IsLetter(r) {
			return r
		}
		switch tgt {
		case "zh":
			return 0x4E00 + r%2000
		case "ru":
			return 'а' + r%32
		}
		return 'a' + r%26
	}, s)
}

// translation is one source and a target language.
type translation struct {
	name, from, to string
	source         []byte // a DOCX, or Markdown when markdown is set
	markdown       bool
	images         map[string][]byte // the image files beside a Markdown source
}

func translations(t *testing.T) []translation {
	src := templates(t)
	return []translation{
		{name: "manuscript-ru→zh", from: "ru", to: "zh", source: src["manuscript-ru"]},
		{name: "manuscript-ru→en", from: "ru", to: "en", source: src["manuscript-ru"]},
		{name: "collection-zh→ru", from: "zh", to: "ru", source: src["collection-zh"]},
		{name: "handmade→ru", from: "zh", to: "ru", source: src["handmade"]},
		{name: "features→zh", from: "ru", to: "zh", source: src["features"]},
		{name: "furniture→en", from: "ru", to: "en", source: src["furniture"]},
		{name: "looks→zh", from: "ru", to: "zh", source: src["looks"]},
		{name: "code→zh", from: "ru", to: "zh", source: src["code"]},
		{name: "essay-md→ru", from: "zh", to: "ru", source: mustRead(t, "../markdown/testdata/essay-zh.md"), markdown: true,
			images: map[string][]byte{"images/square.png": testPNG(t, 16, 16)}},
	}
}

func mustRead(t *testing.T, name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (tr translation) read(t *testing.T) *doc.Document {
	t.Helper()
	var d *doc.Document
	var err error
	if tr.markdown {
		d, err = markdown.Read(tr.source, tr.from, markdown.Limits{})
	} else {
		d, err = readBytes(t, tr.source)
	}
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// translate exports the source to XLIFF 2.1 as `tandem xliff export`
// does, has every segment translated (codes kept in place), reads the file
// back as a CAT tool would return it, and applies it to the source, as
// `tandem xliff import` does.
func (tr translation) translate(t *testing.T) *doc.Document {
	t.Helper()
	x, err := translate.FromDocument(tr.read(t), tr.name, tr.from, tr.to)
	if err != nil {
		t.Fatal(err)
	}
	x.Version = "2.1"
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			u := &x.Files[fi].Units[ui]
			for si := range u.Segments {
				s := &u.Segments[si]
				s.Target = nil
				for _, r := range s.Source {
					if r.Kind == interchange.Text {
						r.Text = pseudo(r.Text, tr.to)
					}
					s.Target = append(s.Target, r)
				}
				s.State = interchange.Translated
			}
		}
	}
	var buf bytes.Buffer
	if err := interchange.WriteXLIFF(&buf, x); err != nil {
		t.Fatal(err)
	}
	y, err := interchange.ReadXLIFF(&buf, tr.name+".xlf")
	if err != nil {
		t.Fatal(err)
	}
	d := tr.read(t)
	res, err := translate.ApplyTranslation(d, y)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Kept) > 0 || res.Translated == 0 {
		t.Fatalf("%d units translated, kept in the source language: %v", res.Translated, res.Kept)
	}
	return d
}

// write writes the translation over its source (or without a template
// for Markdown).
func (tr translation) write(t *testing.T, d *doc.Document) []byte {
	t.Helper()
	opt := WriteOptions{Media: func(src string) ([]byte, error) {
		if b, ok := tr.images[src]; ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	}}
	if !tr.markdown {
		tmpl, err := OpenTemplate(tr.source, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		opt.Template = tmpl
	}
	return write(t, d, opt)
}

// TestWriteTranslation writes translations made through XLIFF over their
// sources and reads them back: the structure is the source's, every block
// holds its translation, the document is in the target language, list
// paragraphs keep the source's numbering, and the language and fonts of
// the styles fit the target.
func TestWriteTranslation(t *testing.T) {
	for _, tr := range translations(t) {
		t.Run(tr.name, func(t *testing.T) {
			d := tr.translate(t)
			out := tr.write(t, d)
			parts := checkPackage(t, out)
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := shape(back), shape(d); got != want {
				t.Errorf("structure read back:\n%s\nwant:\n%s", got, want)
			}
			sameTexts(t, "read back", texts(back), texts(d))
			if primary(back.Lang) != tr.to {
				t.Errorf("document language %q, want %s", back.Lang, tr.to)
			}
			styles := string(parts["word/styles.xml"])
			docDefaults := styles[strings.Index(styles, "<w:docDefaults>"):strings.Index(styles, "</w:docDefaults>")]
			switch tr.to {
			case "zh":
				if !strings.Contains(docDefaults, `w:eastAsia="zh-CN"`) {
					t.Errorf("document defaults do not make East Asian text Chinese: %s", docDefaults)
				}
				if !strings.Contains(docDefaults, `<w:rFonts`) || strings.Contains(docDefaults, `w:eastAsia="Times New Roman"`) {
					t.Errorf("document defaults lack an East Asian font: %s", docDefaults)
				}
			default:
				if !strings.Contains(docDefaults, `<w:lang w:val="`+wordLang(tr.to)+`"`) {
					t.Errorf("document defaults do not make text %s: %s", wordLang(tr.to), docDefaults)
				}
			}
			if tr.from != "zh" && strings.Contains(styles, `"`+wordLang(tr.from)+`"`) {
				t.Errorf("styles.xml still marks text as %s", wordLang(tr.from))
			}
			if !tr.markdown {
				srcParts := map[string][]byte{}
				zr := mustZip(t, tr.source)
				for _, f := range zr.File {
					if f.Name == "word/document.xml" {
						rc, _ := f.Open()
						var b bytes.Buffer
						b.ReadFrom(rc)
						rc.Close()
						srcParts[f.Name] = b.Bytes()
					}
				}
				// A list whose labels were translated has numbering of its
				// own (the source's would show the source's labels); the
				// labels read back are checked with the structure.
				got, want := numIDs(t, parts), numIDs(t, srcParts)
				if listLabels(tr.read(t)) != listLabels(d) {
					if len(got) != len(want) {
						t.Errorf("%d numbered paragraphs, want the source's %d", len(got), len(want))
					}
				} else if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("numbered paragraphs use numIds %s, want the source's %s", strings.Join(got, " "), strings.Join(want, " "))
				}
			}
		})
	}
}

func mustZip(t *testing.T, b []byte) *zip.Reader {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}
