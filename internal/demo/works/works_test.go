package works

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/qa"
	"github.com/tandemforum/tandem/internal/tm"
	"github.com/tandemforum/tandem/internal/translate"
)

// officialNames keep their official American spelling in the English texts.
var officialNames = []string{"Treaty of Good-Neighborliness and Friendly Cooperation"}

func manifest(t *testing.T) *Manifest {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// read imports a file of FS as tandem imports a manuscript.
func read(t *testing.T, name, lang string) *doc.Document {
	t.Helper()
	data, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatal(err)
	}
	var d *doc.Document
	if strings.HasSuffix(name, ".docx") {
		d, err = docx.Read(bytes.NewReader(data), int64(len(data)), docx.Limits{})
	} else {
		d, err = markdown.Read(data, lang, markdown.DefaultLimits)
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(d.Warnings) > 0 {
		t.Errorf("%s: import warnings %q", name, d.Warnings)
	}
	return d
}

// units returns the document's texts in segments, as the workbench and the
// XLIFF export see them.
func units(t *testing.T, d *doc.Document, from, to string) []interchange.Unit {
	t.Helper()
	x, err := translate.FromDocument(d, "demo", from, to)
	if err != nil {
		t.Fatal(err)
	}
	return x.Files[0].Units
}

func segments(us []interchange.Unit) []string {
	var out []string
	for _, u := range us {
		for _, s := range u.Segments {
			out = append(out, s.Source.Plain())
		}
	}
	return out
}

// original is the essay's original: its manuscript, or its last revision.
func original(e Essay) string {
	if e.Manuscript != "" {
		return e.Manuscript
	}
	return e.Revisions[len(e.Revisions)-1]
}

func other(l string) string {
	if l == "zh" {
		return "ru"
	}
	return "zh"
}

// walk calls f for every block of d, nested ones and notes' included.
func walk(d *doc.Document, f func(b doc.Block)) {
	var rec func(bs []doc.Block)
	rec = func(bs []doc.Block) {
		for _, b := range bs {
			f(b)
			rec(b.Blocks)
			if b.List != nil {
				for _, it := range b.List.Items {
					rec(it.Blocks)
				}
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						rec(c.Blocks)
					}
				}
			}
		}
	}
	rec(d.Blocks)
	for _, n := range d.Notes {
		rec(n.Blocks)
	}
}

func emphasised(ins []doc.Inline) bool {
	for _, in := range ins {
		if in.Type == doc.Emph || in.Type == doc.Strong || emphasised(in.Content) {
			return true
		}
	}
	return false
}

// TestManifest checks that the manifest names every embedded text once,
// that every author is complete and marked as a demo person, and that the
// collection has the languages the demo needs: two essays in Chinese, two
// in Russian, one in English.
func TestManifest(t *testing.T) {
	m := manifest(t)
	v1, err := LoadFile(Volume1)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]int{m.Termbase: 1}
	langs := map[string]int{}
	for _, e := range m.Essays {
		langs[e.Lang]++
	}
	// Volume 1, released: every essay in zh, ru and en.
	for _, e := range v1.Essays {
		if e.Stage != "approved" || len(e.Translations)+1 != 3 {
			t.Errorf("volume 1: %s at %s with %d translations, want approved in zh, ru and en", e.Slug, e.Stage, len(e.Translations))
		}
	}
	for _, e := range append(m.Essays, v1.Essays...) {
		files := append([]string{e.Manuscript}, e.Revisions...)
		for _, set := range []map[string]string{e.Translations, e.Pairs, e.Memory} {
			for _, f := range set {
				files = append(files, f)
			}
		}
		for _, f := range files {
			if f != "" {
				named[f]++
			}
		}
		for _, a := range e.Authors {
			if m.Author(a) == nil && v1.Author(a) == nil {
				t.Errorf("%s: no author %q", e.Slug, a)
			}
		}
		for _, l := range []string{"zh", "ru", "en"} {
			if strings.TrimSpace(e.Title[l]) == "" {
				t.Errorf("%s: no title in %s", e.Slug, l)
			}
		}
	}
	if langs["zh"] != 2 || langs["ru"] != 2 || langs["en"] != 1 {
		t.Errorf("essays by original language %v, want zh 2, ru 2, en 1", langs)
	}
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range entries {
		if n := de.Name(); n != "works.json" && n != Volume1 && named[n] != 1 {
			t.Errorf("%s is named %d times in works.json and %s, want once", n, named[n], Volume1)
		}
		delete(named, de.Name())
	}
	for n := range named {
		t.Errorf("works.json names %s, which is not embedded", n)
	}
	demo := map[string]string{"zh": "演示", "ru": "демо", "en": "demo"}
	for _, a := range append(m.Authors, v1.Authors...) {
		for l, mark := range demo {
			n, ok := a.Names.Values[l]
			if !ok || n.Family == "" || n.Given == "" {
				t.Errorf("%s: no name in %s", a.Slug, l)
			}
			if !strings.Contains(a.Affiliation[l], "("+mark+")") && !strings.Contains(a.Affiliation[l], "（"+mark+"）") {
				t.Errorf("%s: affiliation in %s %q is not marked (%s)", a.Slug, l, a.Affiliation[l], mark)
			}
		}
		switch a.Names.Source {
		case "zh":
			if !a.Names.Values["ru"].FamilyFirst || !a.Names.Values["en"].FamilyFirst {
				t.Errorf("%s: a Chinese name is written family name first in every language", a.Slug)
			}
		case "ru":
			if a.Names.Values["ru"].Patronymic == "" {
				t.Errorf("%s: a Russian name has a patronymic in Russian", a.Slug)
			}
		}
	}
}

// TestEssays imports each original as an author would upload it and checks
// what the demo relies on: metadata that matches the manifest, a body of
// 2,000 to 4,000 characters with headings, a footnote, emphasis and
// numbers, and sentences the segmenter splits sensibly.
func TestEssays(t *testing.T) {
	m := manifest(t)
	var quotes, tables int
	for _, e := range m.Essays {
		t.Run(e.Slug, func(t *testing.T) {
			d := read(t, original(e), e.Lang)
			if !strings.HasPrefix(d.Lang, e.Lang) {
				t.Errorf("language %q, want %s", d.Lang, e.Lang)
			}
			if d.Title != e.Title[e.Lang] {
				t.Errorf("title %q, manifest has %q", d.Title, e.Title[e.Lang])
			}
			var want []string
			for _, a := range e.Authors {
				want = append(want, m.Author(a).Names.Values[e.Lang].Full(e.Lang))
			}
			if !slices.Equal(d.Authors, want) {
				t.Errorf("authors %q, want %q", d.Authors, want)
			}
			abstract := d.Abstract
			if abstract == "" {
				abstract = e.Abstract[e.Lang]
			}
			if !strings.Contains(abstract, "tandem") {
				t.Errorf("abstract %q does not say the essay was written for tandem's demo", abstract)
			}
			if n := len(d.Keywords); n < 3 || n > 5 {
				t.Errorf("%d keywords %q, want 3 to 5", n, d.Keywords)
			}
			us := units(t, d, e.Lang, other(e.Lang))
			segs := segments(us)
			body := utf8.RuneCountInString(strings.Join(segs, ""))
			if body < 2000 || body > 4000 {
				t.Errorf("body of %d characters, want 2,000 to 4,000", body)
			}
			var headings, emph int
			walk(d, func(b doc.Block) {
				switch b.Type {
				case doc.Heading:
					headings++
				case doc.Quote:
					quotes++
				case doc.TableBlock:
					tables++
				}
				if emphasised(b.Inlines) {
					emph++
				}
			})
			if headings < 3 || len(d.Notes) == 0 || emph == 0 {
				t.Errorf("%d headings, %d notes, %d blocks with emphasis: want 3 or more, 1 or more, 1 or more", headings, len(d.Notes), emph)
			}
			digits := 0
			for i, s := range segs {
				if strings.ContainsFunc(s, unicode.IsDigit) {
					digits++
				}
				// A sentence is short enough to translate as one, and
				// has words: no run-on of several sentences, no stray
				// mark or label cut off on its own.
				if n := utf8.RuneCountInString(s); n > 300 {
					t.Errorf("segment %d has %d characters: %q", i+1, n, s)
				}
				if !strings.ContainsFunc(s, unicode.IsLetter) {
					t.Errorf("segment %d has no words: %q", i+1, s)
				}
			}
			if len(segs) < 25 || digits < 3 {
				t.Errorf("%d segments, %d with numbers: want 25 or more, 3 or more", len(segs), digits)
			}
			if e.Lang == "en" {
				for _, s := range append(segs, abstract) {
					if w := i18n.AmericanSpellings(s, officialNames...); len(w) > 0 {
						t.Errorf("%q spells %q the American way", s, w)
					}
				}
			}
		})
	}
	if quotes == 0 || tables == 0 {
		t.Errorf("%d quotations and %d tables in the essays, want one of each at least", quotes, tables)
	}
}

func termbase(t *testing.T, m *Manifest, from, to string) *interchange.Termbase {
	t.Helper()
	data, err := fs.ReadFile(FS, m.Termbase)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := interchange.ReadTSV(bytes.NewReader(data), m.Termbase, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Warnings) > 0 {
		t.Errorf("termbase warnings: %v", tb.Warnings)
	}
	return tb
}

// checkPairs runs tandem's QA, with the termbase, on translated segments
// and reports every finding: the demo's translations are to show what a
// clean translation looks like.
func checkPairs(t *testing.T, m *Manifest, from, to string, src, tgt []string) {
	t.Helper()
	c, err := qa.NewChecker(from, to, termbase(t, m, from, to))
	if err != nil {
		t.Fatal(err)
	}
	for i := range src {
		for _, f := range c.Segment(interchange.PlainText(src[i]), interchange.PlainText(tgt[i])) {
			t.Errorf("segment %d %q → %q: %s", i+1, src[i], tgt[i], f.Message)
		}
	}
}

// TestFullTranslation checks that each complete translation matches its
// original block by block and sentence by sentence, carries the metadata
// in its language, and passes QA with the termbase.
func TestFullTranslation(t *testing.T) {
	m := manifest(t)
	v1, err := LoadFile(Volume1)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range append(m.Essays, v1.Essays...) {
		for l, name := range e.Translations {
			n++
			t.Run(e.Slug+"/"+l, func(t *testing.T) {
				src := read(t, original(e), e.Lang)
				tgt := read(t, name, l)
				if tgt.Title != e.Title[l] {
					t.Errorf("title %q, manifest has %q", tgt.Title, e.Title[l])
				}
				if !strings.Contains(tgt.Abstract, "tandem") || len(tgt.Keywords) != len(src.Keywords) {
					t.Errorf("abstract %q, %d keywords: want an abstract that names tandem and %d keywords", tgt.Abstract, len(tgt.Keywords), len(src.Keywords))
				}
				for _, ml := range []string{"en"} {
					if _, translated := e.Translations[ml]; translated || ml == e.Lang {
						continue
					}
					if e.Abstract[ml] == "" || len(e.Keywords[ml]) != len(src.Keywords) {
						t.Errorf("manifest: abstract %q and %d keywords in %s, want both", e.Abstract[ml], len(e.Keywords[ml]), ml)
					}
				}
				su, tu := units(t, src, e.Lang, l), units(t, tgt, l, e.Lang)
				if len(su) != len(tu) {
					t.Fatalf("%d texts in the original, %d in the translation", len(su), len(tu))
				}
				var ss, ts []string
				for i := range su {
					if len(su[i].Segments) != len(tu[i].Segments) {
						t.Errorf("text %d (%s): %d sentences in the original, %d in the translation", i+1, su[i].ID, len(su[i].Segments), len(tu[i].Segments))
						continue
					}
					for k := range su[i].Segments {
						ss = append(ss, su[i].Segments[k].Source.Plain())
						ts = append(ts, tu[i].Segments[k].Source.Plain())
					}
				}
				checkPairs(t, m, e.Lang, l, ss, ts)
			})
		}
	}
	if n == 0 {
		t.Error("no essay is translated in full")
	}
}

// TestPartialTranslation checks that a partial translation covers the
// first third of its original's segments, in order, and passes QA; and
// that the memory units offered with it are fuzzy matches (75–95%) for
// sentences of the part still to translate, never exact ones.
func TestPartialTranslation(t *testing.T) {
	m := manifest(t)
	n := 0
	for _, e := range m.Essays {
		for l, name := range e.Pairs {
			n++
			t.Run(e.Slug+"/"+l, func(t *testing.T) {
				segs := segments(units(t, read(t, original(e), e.Lang), e.Lang, l))
				from, to, pairs, err := ReadPairs(name)
				if err != nil {
					t.Fatal(err)
				}
				if from != e.Lang || to != l {
					t.Fatalf("%s is %s→%s, want %s→%s", name, from, to, e.Lang, l)
				}
				if third := (len(segs) + 2) / 3; len(pairs) != third {
					t.Errorf("%d segments translated of %d, want the first third, %d", len(pairs), len(segs), third)
				}
				var src, tgt []string
				for i, p := range pairs {
					if i < len(segs) && p.Source != segs[i] {
						t.Errorf("pair %d has source %q, segment %d is %q", i+1, p.Source, i+1, segs[i])
					}
					src, tgt = append(src, p.Source), append(tgt, p.Target)
				}
				if p := pairs[0]; p.Target != e.Title[l] {
					t.Errorf("the title is translated %q, the manifest has %q", p.Target, e.Title[l])
				}
				checkPairs(t, m, from, to, src, tgt)

				from, to, units, err := ReadPairs(e.Memory[l])
				if err != nil {
					t.Fatal(err)
				}
				if from != e.Lang || to != l || len(units) < 6 || len(units) > 10 {
					t.Fatalf("%s: %d units %s→%s, want 6 to 10 %s→%s", e.Memory[l], len(units), from, to, e.Lang, l)
				}
				rest := segs[len(pairs):]
				matched := map[string]bool{}
				for _, u := range units {
					mem := tm.New(from, to)
					mem.Add(tm.Unit{Source: u.Source, Target: u.Target})
					best := 0
					for _, s := range rest {
						for _, mt := range mem.Lookup(s, "") {
							if mt.Score > best {
								best = mt.Score
								if mt.Score >= 75 && mt.Score <= 95 {
									matched[s] = true
								}
							}
						}
					}
					if best < 75 || best > 95 {
						t.Errorf("memory unit %q matches the untranslated part at %d%% at best, want 75–95%%", u.Source, best)
					}
				}
				if len(matched) < len(units) {
					t.Errorf("%d memory units suggest for %d segments, want one each", len(units), len(matched))
				}
				checkPairs(t, m, from, to, func() (s []string) {
					for _, u := range units {
						s = append(s, u.Source)
					}
					return
				}(), func() (s []string) {
					for _, u := range units {
						s = append(s, u.Target)
					}
					return
				}())
			})
		}
	}
	if n == 0 {
		t.Error("no essay is translated in part")
	}
}

// TestTermbase checks the termbase's size and languages, that it names
// every author in each script as the essays write them, and that its
// English is British but for official names.
func TestTermbase(t *testing.T) {
	m := manifest(t)
	tb := termbase(t, m, "zh", "ru")
	if n := len(tb.Entries); n < 15 || n > 25 {
		t.Errorf("%d entries, want 15 to 25", n)
	}
	has := map[string]bool{}
	for _, c := range tb.Entries {
		langs := map[string]bool{}
		for _, term := range c.Terms {
			langs[term.Lang] = true
			has[term.Lang+":"+term.Text] = true
			if term.Lang == "en" {
				if w := i18n.AmericanSpellings(term.Text, officialNames...); len(w) > 0 {
					t.Errorf("%q spells %q the American way", term.Text, w)
				}
			}
		}
		if len(langs) != 3 || c.Definition == "" {
			t.Errorf("entry %s: languages %v, note %q: want zh, ru, en and a note", c.ID, langs, c.Definition)
		}
	}
	for _, a := range m.Authors {
		for _, l := range []string{"zh", "ru", "en"} {
			if name := a.Names.Values[l].Full(l); !has[l+":"+name] {
				t.Errorf("no %s term for %s", l, name)
			}
		}
	}
}

// TestRevisions checks the DOCX manuscript's two revisions as the office
// will import them: the first carries one Word comment, and the second
// changes two sentences, adds one and removes one.
func TestRevisions(t *testing.T) {
	m := manifest(t)
	n := 0
	for _, e := range m.Essays {
		if len(e.Revisions) == 0 {
			continue
		}
		n++
		if len(e.Revisions) != 2 {
			t.Fatalf("%s: %d revisions, want 2", e.Slug, len(e.Revisions))
		}
		r1, r2 := read(t, e.Revisions[0], e.Lang), read(t, e.Revisions[1], e.Lang)
		if len(r1.Comments) != 1 || r1.Comments[0].Block == "" || len(r2.Comments) != 0 {
			t.Errorf("comments: %d in revision 1, %d in revision 2; want one on a block, then none", len(r1.Comments), len(r2.Comments))
		}
		if r1.Title != r2.Title || len(r1.Notes) != 1 || len(r2.Notes) != 1 {
			t.Errorf("titles %q and %q, %d and %d notes: want one title and one note", r1.Title, r2.Title, len(r1.Notes), len(r2.Notes))
		}
		s1 := segments(units(t, r1, e.Lang, other(e.Lang)))
		s2 := segments(units(t, r2, e.Lang, other(e.Lang)))
		var gone, came []string
		for _, s := range s1 {
			if !slices.Contains(s2, s) {
				gone = append(gone, s)
			}
		}
		for _, s := range s2 {
			if !slices.Contains(s1, s) {
				came = append(came, s)
			}
		}
		// A changed sentence is one the memory still suggests for its
		// new form; the others were removed or added.
		mem := tm.New(e.Lang, other(e.Lang))
		for _, s := range gone {
			mem.Add(tm.Unit{Source: s, Target: s})
		}
		changed := 0
		for _, s := range came {
			if len(mem.Lookup(s, "")) > 0 {
				changed++
			}
		}
		if changed != 2 || len(gone)-changed != 1 || len(came)-changed != 1 {
			t.Errorf("%d sentences changed, %d removed, %d added; want 2, 1, 1\nremoved or changed: %q\nadded or changed: %q", changed, len(gone)-changed, len(came)-changed, gone, came)
		}
	}
	if n == 0 {
		t.Error("no essay has DOCX revisions")
	}
}
