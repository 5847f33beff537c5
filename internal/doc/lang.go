package doc

import (
	"errors"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/lang"
)

// SettleLang decides the document's language and removes what it makes
// redundant. Importers mark every piece of text with the language its source
// gave it; SettleLang takes the language of most letters as the document's.
// Letters no source marked count as in fallback (the default a source
// declares, or what the caller was told) when they are in its script, and
// as Chinese or Russian when they are Han or Cyrillic in another, so that
// Cyrillic text under an "en-US" default is Russian; without a fallback
// they count as in no known language, so that a Chinese essay that marks
// only a Russian name is not taken for Russian (it stays without a
// language when nothing else is marked). It then unwraps spans in that language,
// moves a span covering a whole block onto the block, and merges the text
// this leaves side by side.
func SettleLang(d *Document, fallback string) {
	counts := map[string]int{}
	fallbackScript := lang.Script(fallback)
	// addUnmarked counts n letters no source marked, written in script
	// (whose language is l, when it tells one).
	addUnmarked := func(n int, script, l string) {
		switch {
		case n == 0:
		case fallback == "":
			counts["?"] += n
		case l == "" || strings.HasPrefix(fallbackScript, script):
			counts[fallback] += n
		default:
			counts[l] += n
		}
	}
	var count func(ins []Inline, lang string)
	count = func(ins []Inline, lang string) {
		for _, in := range ins {
			switch in.Type {
			case Text:
				han, cyr, other := 0, 0, 0
				for _, c := range in.Text {
					switch {
					case c < 0x80:
						if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
							other++
						}
					case 0x410 <= c && c <= 0x44f || c == 0x401 || c == 0x451: // Russian letters
						cyr++
					case 0x4e00 <= c && c <= 0x9fff: // CJK unified ideographs
						han++
					case !unicode.IsLetter(c):
					case unicode.Is(unicode.Han, c):
						han++
					case unicode.Is(unicode.Cyrillic, c):
						cyr++
					default:
						other++
					}
				}
				if lang != "" {
					counts[lang] += han + cyr + other
					continue
				}
				addUnmarked(han, "Han", "zh")
				addUnmarked(cyr, "Cyrl", "ru")
				addUnmarked(other, "", "")
			case Span:
				count(in.Content, in.Lang)
			default:
				count(in.Content, lang)
			}
		}
	}
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) { count(ins, b.Lang) })
	})
	best, n := fallback, 0
	for l, c := range counts {
		if c > n || (c == n && l < best) {
			best, n = l, c
		}
	}
	if best == "?" {
		best = ""
	}
	if d.Lang == "" {
		d.Lang = best
	}
	d.Walk(func(b *Block) {
		outer := d.Lang
		if b.Lang != "" {
			outer = b.Lang
		}
		// A paragraph or heading whose every letter is in one other
		// language is in that language, however its spans are cut by
		// links and marks.
		if b.Type == Paragraph || b.Type == Heading {
			if l := onlyLang(b.Inlines, outer); l != "" {
				b.Lang, outer = l, l
			}
		}
		b.Inlines = unwrapLang(b.Inlines, outer)
		if b.Figure != nil {
			b.Figure.Caption = unwrapLang(b.Figure.Caption, outer)
		}
		if (b.Type == Paragraph || b.Type == Heading) && len(b.Inlines) == 1 && b.Inlines[0].Type == Span {
			b.Lang = b.Inlines[0].Lang
			b.Inlines = b.Inlines[0].Content
		}
	})
	// A block in the document's language says nothing of its own.
	var clear func(bs []Block, outer string)
	clear = func(bs []Block, outer string) {
		for i := range bs {
			b := &bs[i]
			if strings.EqualFold(b.Lang, outer) {
				b.Lang = ""
			}
			inner := outer
			if b.Lang != "" {
				inner = b.Lang
			}
			b.EachChildList(func(children []Block) { clear(children, inner) })
		}
	}
	clear(d.Blocks, d.Lang)
	for i := range d.Notes {
		clear(d.Notes[i].Blocks, d.Lang)
	}
}

// ErrNoContent is returned by whatever stores or converts a document in which
// HasContent finds nothing: an empty manuscript is refused, never kept as a
// successful import.
var ErrNoContent = errors.New("no text found")

// HasContent reports whether d holds anything to read: text that is not
// white space, a formula or an image. A document without any is what an
// importer must refuse rather than pass on as a success.
func (d *Document) HasContent() bool {
	found := false
	d.Walk(func(b *Block) {
		if b.Figure != nil && (b.Figure.Src != "" || strings.TrimSpace(b.Figure.Alt) != "") {
			found = true
		}
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				switch in.Type {
				case Text:
					if strings.TrimSpace(in.Text) != "" {
						found = true
					}
				case MathInline, Image:
					found = true
				}
			})
		})
	})
	return found
}

// unwrapLang removes spans in the surrounding language and merges adjacent
// text.
func unwrapLang(ins []Inline, outer string) []Inline {
	if len(ins) == 0 {
		return ins
	}
	out := make([]Inline, 0, len(ins))
	for _, in := range ins {
		if in.Type == Span && (in.Lang == "" || strings.EqualFold(in.Lang, outer)) {
			out = append(out, unwrapLang(in.Content, outer)...)
			continue
		}
		inner := outer
		if in.Type == Span {
			inner = in.Lang
		}
		in.Content = unwrapLang(in.Content, inner)
		out = append(out, in)
	}
	return MergeText(out)
}

// onlyLang returns the language of every letter of ins, where text outside
// spans is in outer, when that is one language other than outer; else "".
func onlyLang(ins []Inline, outer string) string {
	found, mixed := "", false
	var walk func(ins []Inline, l string)
	walk = func(ins []Inline, l string) {
		for _, in := range ins {
			switch in.Type {
			case Text:
				if mixed || !strings.ContainsFunc(in.Text, unicode.IsLetter) {
					continue
				}
				if found == "" {
					found = l
				} else if !strings.EqualFold(found, l) {
					mixed = true
				}
			case Span:
				walk(in.Content, in.Lang)
			default:
				walk(in.Content, l)
			}
		}
	}
	walk(ins, outer)
	if mixed || strings.EqualFold(found, outer) {
		return ""
	}
	return found
}

// MergeText joins adjacent text inlines, adjacent code inlines of the
// same style and adjacent marks of the same kind.
func MergeText(ins []Inline) []Inline {
	out := ins[:0]
	for _, in := range ins {
		if (in.Type == Text || in.Type == Code) && in.Text == "" {
			continue
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			if (in.Type == Text || in.Type == Code) && last.Type == in.Type && SameStyle(in.Style, last.Style) {
				last.Text += in.Text
				continue
			}
			if in.Type == last.Type && in.Type.IsMark() && in.Href == last.Href && in.Lang == last.Lang && SameStyle(in.Style, last.Style) {
				last.Content = MergeText(append(last.Content, in.Content...))
				continue
			}
		}
		out = append(out, in)
	}
	return out
}
