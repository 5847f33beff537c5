package translate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/align"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/textenc"
)

// Errors of reading an existing translation for alignment, each of kind
// errkind.Invalid.
var (
	// ErrEmptyFile: the file has no bytes, or no text.
	ErrEmptyFile = fmt.Errorf("the file is empty: %w", errkind.Invalid)
	// ErrNotTextFile: the file is not DOCX, Markdown or plain text.
	ErrNotTextFile = fmt.Errorf("the file is not a DOCX, Markdown or text file: %w", errkind.Invalid)
	// ErrWrongLanguage is the kind of a *LanguageError.
	ErrWrongLanguage = fmt.Errorf("the file is in another language: %w", errkind.Invalid)
)

// LanguageError refuses a file whose letters are mostly of another script
// than the translation's language writes in.
type LanguageError struct {
	// Found is the language its script says (zh, ru or en), Want the
	// translation's.
	Found, Want string
}

func (e *LanguageError) Error() string {
	return fmt.Sprintf("the file is written in %s, not in %s", e.Found, e.Want)
}

func (e *LanguageError) Unwrap() error { return ErrWrongLanguage }

// maxAlignFile bounds the file read for alignment.
const maxAlignFile = 20 << 20

// ParagraphReader reads an existing translation for the alignment import.
// DOCX reads a DOCX package into a document; it is the caller's
// (internal/doc/docx, which this package cannot import because docx's
// tests use it). Without it a DOCX file is refused as not a text.
type ParagraphReader struct {
	DOCX func(data []byte) (*doc.Document, error)
}

// Read reads an existing translation into language tgt from a DOCX,
// Markdown or plain text file (name is the file's name; its extension
// tells Markdown from plain text) and returns its paragraphs (headings,
// paragraphs, list items, table cells, notes), each cut into sentences by
// tandem's segmentation of tgt. An empty file, one that is not text, or one
// written mostly in letters of another script than tgt's is refused
// (ErrEmptyFile, ErrNotTextFile, *LanguageError).
func (pr ParagraphReader) Read(name string, data []byte, tgt string) ([][]string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmptyFile
	}
	if len(data) > maxAlignFile {
		return nil, fmt.Errorf("%w: over %d MB", ErrNotTextFile, maxAlignFile>>20)
	}
	var texts []string
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if pr.DOCX == nil {
			return nil, fmt.Errorf("%w: a DOCX package, and no reader for it", ErrNotTextFile)
		}
		d, err := pr.DOCX(data)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotTextFile, err)
		}
		texts = docTexts(d)
	default:
		t, err := textenc.Decode(data)
		if err != nil {
			var te *textenc.Error
			if errors.As(err, &te) && errors.Is(te.Kind, textenc.ErrEmpty) {
				return nil, ErrEmptyFile
			}
			return nil, fmt.Errorf("%w: %v", ErrNotTextFile, err)
		}
		text := t.Bytes
		if strings.HasSuffix(strings.ToLower(name), ".md") || strings.HasSuffix(strings.ToLower(name), ".markdown") {
			d, err := markdown.Read(text, tgt, markdown.Limits{})
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrNotTextFile, err)
			}
			texts = docTexts(d)
		} else {
			texts = strings.Split(string(text), "\n")
		}
	}
	var letters strings.Builder
	for _, t := range texts {
		letters.WriteString(t)
	}
	if strings.IndexFunc(letters.String(), unicode.IsLetter) < 0 {
		return nil, ErrEmptyFile
	}
	if found := scriptLanguage(letters.String()); found != "" && found != scriptLanguage(sampleOf(tgt)) {
		return nil, &LanguageError{Found: found, Want: lang.Base(tgt)}
	}
	sp, err := segment.Shared(tgt)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		var sents []string
		for _, s := range segment.Strings(sp, strings.Map(dropControl, t)) {
			if s = strings.TrimSpace(segment.OneLine(s)); s != "" {
				sents = append(sents, s)
			}
		}
		if len(sents) > 0 {
			out = append(out, sents)
		}
	}
	if len(out) == 0 {
		return nil, ErrEmptyFile
	}
	return out, nil
}

func dropControl(r rune) rune {
	if r == '\t' {
		return ' '
	}
	if lang.IsControl(r) || r == utf8.RuneError {
		return -1
	}
	return r
}

// docTexts returns the text of each block of d that holds text, in reading
// order, with the title first.
func docTexts(d *doc.Document) []string {
	var out []string
	if d.Title != "" {
		out = append(out, d.Title)
	}
	d.Walk(func(b *doc.Block) {
		if len(b.Inlines) > 0 {
			out = append(out, doc.PlainText(b.Inlines))
		}
		if b.Figure != nil && len(b.Figure.Caption) > 0 {
			out = append(out, doc.PlainText(b.Figure.Caption))
		}
	})
	return out
}

// sampleOf is a letter of the script lang writes in.
func sampleOf(tag string) string {
	switch lang.Base(tag) {
	case "zh", "ja":
		return "中"
	case "ru", "uk", "be", "bg", "sr", "kk":
		return "я"
	}
	return "a"
}

// scriptLanguage names the language of tandem's that writes most of the
// letters of s (zh for Han, ru for Cyrillic, en for Latin), "" when s has
// none of them.
func scriptLanguage(s string) string {
	var han, cyr, lat int
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	switch {
	case han == 0 && cyr == 0 && lat == 0:
		return ""
	case han >= cyr && han >= lat:
		return "zh"
	case cyr >= lat:
		return "ru"
	}
	return "en"
}

// AlignReport says what AlignImport did.
type AlignReport struct {
	// Sentences counts the sentences of the file.
	Sentences int
	// Filled counts the segments given the aligned text as a draft;
	// Kept those that had a translation already, which stays.
	Filled, Kept int
	// Grouped are links of several source segments to one or more
	// sentences of the file (a translator's merge): not filled, since
	// the text cannot be cut between segments by itself.
	Grouped []AlignedBead
	// Split counts the links of one segment to several sentences (filled,
	// with the sentences joined).
	Split int
	// UnpairedSource are segments no sentence of the file was linked to;
	// UnpairedTarget sentences of the file linked to no segment.
	UnpairedSource []AlignedBead
	UnpairedTarget []string
	// Refused are segments whose aligned draft could not be saved.
	Refused []ImportRefused
	// Keys lists the filled segments' keys, for the event log.
	Keys []string
}

// AlignedBead is a link the page lists: the segments' keys and sources and
// the file's sentences.
type AlignedBead struct {
	Keys    []string
	Sources []string
	Targets []string
}

// AlignImport aligns paras, the paragraphs (each its sentences) of an
// existing translation into tr's language, with the segments of tr
// (internal/align; paragraphs pair as hard anchors when both sides have as
// many), and in the caller's transaction fills each segment that has no
// translation yet with the text linked to it, as a draft to review. It
// never overwrites a translation. The source's inline codes are placed in
// the draft where they stand in proportion to the text, for the
// translator to check.
func AlignImport(ctx context.Context, tx *store.Tx, tr *Translation, paras [][]string, by string) (AlignReport, error) {
	var rep AlignReport
	segs, err := Segments(ctx, tx, tr.ID)
	if err != nil {
		return rep, err
	}
	src := make([]string, len(segs))
	var srcParas []int
	for i, s := range segs {
		src[i] = s.Source.Plain()
		if i == 0 || s.BlockID != segs[i-1].BlockID {
			srcParas = append(srcParas, i)
		}
	}
	var tgt []string
	var tgtParas []int
	for _, p := range paras {
		tgtParas = append(tgtParas, len(tgt))
		tgt = append(tgt, p...)
	}
	rep.Sentences = len(tgt)
	if len(segs) == 0 || len(tgt) == 0 {
		return rep, nil
	}
	opt := align.Options{From: lang.Base(tr.SourceLang), To: lang.Base(tr.Lang)}
	if len(srcParas) == len(tgtParas) {
		for k := 1; k < len(srcParas); k++ {
			opt.Hard = append(opt.Hard, [2]int{srcParas[k], tgtParas[k]})
		}
	}
	joiner := " "
	if lang.Base(tr.Lang) == "zh" {
		joiner = ""
	}
	for _, b := range align.Align(src, tgt, opt) {
		var ab AlignedBead
		for _, i := range b.Src {
			ab.Keys = append(ab.Keys, segs[i].Key)
			ab.Sources = append(ab.Sources, src[i])
		}
		for _, j := range b.Tgt {
			ab.Targets = append(ab.Targets, tgt[j])
		}
		switch {
		case len(b.Tgt) == 0:
			rep.UnpairedSource = append(rep.UnpairedSource, ab)
			continue
		case len(b.Src) == 0:
			rep.UnpairedTarget = append(rep.UnpairedTarget, ab.Targets...)
			continue
		case len(b.Src) > 1:
			rep.Grouped = append(rep.Grouped, ab)
			continue
		}
		if len(b.Tgt) > 1 {
			rep.Split++
		}
		s := segs[b.Src[0]]
		if !s.Target.IsEmpty() || s.State != New {
			rep.Kept++
			continue
		}
		draft := codesInProportion(s.Source, strings.Join(ab.Targets, joiner))
		_, _, err := SaveIn(ctx, tx, nil, Edit{SegmentID: s.ID, Version: s.Version, Target: draft, State: Draft, By: by})
		if errors.Is(err, ErrCodes) || errors.Is(err, ErrTooLong) {
			rep.Refused = append(rep.Refused, ImportRefused{Key: s.Key, Source: s.Source, Target: draft, Err: err})
			continue
		}
		if err != nil {
			return rep, err
		}
		rep.Filled++
		rep.Keys = append(rep.Keys, s.Key)
	}
	return rep, nil
}

// codesInProportion makes the content of text, a translation of src, with src's
// inline codes placed where they stand in src in proportion to its text,
// moved to the nearest word boundary so that no word is cut.
func codesInProportion(src interchange.Content, text string) interchange.Content {
	codes := src.Codes()
	if len(codes) == 0 {
		return interchange.PlainText(text)
	}
	total := utf8.RuneCountInString(src.Plain())
	runes := []rune(text)
	var out interchange.Content
	at, last := 0, 0
	for _, r := range src {
		if r.Kind == interchange.Text {
			at += utf8.RuneCountInString(r.Text)
			continue
		}
		pos := len(runes)
		if total > 0 {
			pos = at * len(runes) / total
		}
		for pos > last && pos < len(runes) && unicode.IsLetter(runes[pos]) && unicode.IsLetter(runes[pos-1]) && !unicode.Is(unicode.Han, runes[pos]) {
			pos--
		}
		if pos < last {
			pos = last
		}
		if pos > last {
			out = append(out, interchange.Run{Kind: interchange.Text, Text: string(runes[last:pos])})
		}
		out = append(out, r)
		last = pos
	}
	if last < len(runes) {
		out = append(out, interchange.Run{Kind: interchange.Text, Text: string(runes[last:])})
	}
	return out
}
