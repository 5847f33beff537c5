package translate

import (
	"cmp"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/lang"
)

// letterScripts returns the Unicode scripts the letters of language tag
// are written in (Han for Chinese, Cyrillic for Russian, Latin for
// English), or nil when tandem cannot tell.
func letterScripts(tag string) []*unicode.RangeTable {
	switch lang.Script(tag) {
	case "Hans", "Hant", "Hani":
		return []*unicode.RangeTable{unicode.Han}
	case "Jpan":
		return []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana}
	case "Kore":
		return []*unicode.RangeTable{unicode.Hangul, unicode.Han}
	case "Cyrl":
		return []*unicode.RangeTable{unicode.Cyrillic}
	case "Latn":
		return []*unicode.RangeTable{unicode.Latin}
	case "Grek":
		return []*unicode.RangeTable{unicode.Greek}
	case "Arab":
		return []*unicode.RangeTable{unicode.Arabic}
	case "Hebr":
		return []*unicode.RangeTable{unicode.Hebrew}
	}
	return nil
}

// translatedAway reports whether text marked as in language l is no
// longer in it: none of its letters is of a script l is written in, and
// some are of a script of the target language tgt. "Заявление было
// подписано." marked English in a Russian translation is; "Microsoft"
// marked English in a Russian translation, or text without letters, is
// not.
func translatedAway(text, l, tgt string) bool {
	own, target := letterScripts(l), letterScripts(tgt)
	if own == nil || target == nil {
		return false
	}
	inTarget := false
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.In(r, own...) {
			return false
		}
		inTarget = inTarget || unicode.In(r, target...)
	}
	return inTarget
}

// ownText returns the text of ins outside spans of a language of their
// own, which are judged on their own.
func ownText(ins []doc.Inline) string {
	var b strings.Builder
	var walk func(ins []doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch {
			case in.Type == doc.Text:
				b.WriteString(in.Text)
			case in.Type == doc.Span && in.Lang != "":
			default:
				walk(in.Content)
			}
		}
	}
	walk(ins)
	return b.String()
}

// settleTranslatedLang takes the languages of the source off what the
// translation into tgt put in another: a span or a block marked as in a
// language (an English name in a Chinese text, a Russian quotation) whose
// text was translated into tgt's script is no longer in it, and one in the
// language of the text around it (Russian in what is now a Russian
// document) says nothing of its own. Both lose their language, so that
// writers do not mark Russian text as English (HTML lang, a DOCX run's
// w:lang). Text still in the script of its language keeps it: a Latin
// name kept in a Russian translation is English still.
func settleTranslatedLang(d *doc.Document, tgt string) {
	var blocks func(bs []doc.Block, outer string)
	blocks = func(bs []doc.Block, outer string) {
		for i := range bs {
			b := &bs[i]
			if b.Lang != "" && (lang.SameLanguage(b.Lang, outer) || translatedAway(blockText(b), b.Lang, tgt)) {
				b.Lang = ""
			}
			inner := cmp.Or(b.Lang, outer)
			b.Inlines = settleSpans(b.Inlines, inner, tgt)
			if b.Figure != nil {
				b.Figure.Caption = settleSpans(b.Figure.Caption, inner, tgt)
			}
			b.EachChildList(func(children []doc.Block) { blocks(children, inner) })
		}
	}
	blocks(d.Blocks, tgt)
	for i := range d.Notes {
		blocks(d.Notes[i].Blocks, tgt)
	}
	for i := range d.Headers {
		blocks(d.Headers[i].Blocks, tgt)
	}
}

// blockText returns the text of b and of the blocks in it that are in its
// language, outside spans of a language of their own.
func blockText(b *doc.Block) string {
	var s strings.Builder
	var walk func(b *doc.Block)
	walk = func(b *doc.Block) {
		s.WriteString(ownText(b.Inlines))
		if b.Figure != nil {
			s.WriteString(ownText(b.Figure.Caption))
		}
		var inner []*doc.Block
		b.EachChildList(func(children []doc.Block) {
			for i := range children {
				inner = append(inner, &children[i])
			}
		})
		for _, c := range inner {
			if c.Lang == "" {
				walk(c)
			}
		}
	}
	walk(b)
	return s.String()
}

// settleSpans is settleTranslatedLang for inlines in language outer: it
// unwraps the spans whose language the translation took away or that are
// in outer, and merges the text this leaves side by side.
func settleSpans(ins []doc.Inline, outer, tgt string) []doc.Inline {
	if len(ins) == 0 {
		return ins
	}
	out := make([]doc.Inline, 0, len(ins))
	changed := false
	for _, in := range ins {
		inner := outer
		if in.Type == doc.Span && in.Lang != "" {
			if lang.SameLanguage(in.Lang, outer) || translatedAway(ownText(in.Content), in.Lang, tgt) {
				out = append(out, settleSpans(in.Content, outer, tgt)...)
				changed = true
				continue
			}
			inner = in.Lang
		}
		in.Content = settleSpans(in.Content, inner, tgt)
		out = append(out, in)
	}
	if !changed {
		return out
	}
	return doc.MergeText(out)
}
