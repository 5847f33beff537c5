package i18n

import "github.com/tandemforum/tandem/internal/lang"

// Punct is the punctuation that joins the parts of a line in one
// language: Chinese sets its full-width marks, which carry their own
// space, where English and Russian set the ASCII mark and a space. Code
// that joins names, places and labels into a line takes them from here
// rather than writing ", " or ": " ("北京：中国社会科学院", not "北京: …").
type Punct struct {
	// Enum separates the items of an enumeration without a conjunction:
	// ", ", or the enumeration comma "、" between Chinese names.
	Enum string
	// Comma sets off a phrase: ", " or "，".
	Comma string
	// Colon introduces what follows: ": " or "：".
	Colon string
	// Semicolon separates items that hold commas or colons: "; " or "；".
	Semicolon string
	zh        bool
}

// PunctOf returns the punctuation of language tag l (its base language).
func PunctOf(l string) Punct {
	if lang.Base(l) == "zh" {
		return Punct{Enum: "、", Comma: "，", Colon: "：", Semicolon: "；", zh: true}
	}
	return Punct{Enum: ", ", Comma: ", ", Colon: ": ", Semicolon: "; "}
}

// Paren puts aside in parentheses after s: "s (aside)", or
// "s（aside）" with full-width parentheses and no space in Chinese. An
// empty s gives the parenthesis alone.
func (p Punct) Paren(s, aside string) string {
	if p.zh {
		return s + "（" + aside + "）"
	}
	if s == "" {
		return "(" + aside + ")"
	}
	return s + " (" + aside + ")"
}

// Open and Close are the parentheses: "(" and ")", or "（" and "）".
func (p Punct) Open() string {
	if p.zh {
		return "（"
	}
	return "("
}

// Close is the closing parenthesis; see Open.
func (p Punct) Close() string {
	if p.zh {
		return "）"
	}
	return ")"
}

// Space is the space before a parenthesis or a trailing label: " ", none
// in Chinese.
func (p Punct) Space() string {
	if p.zh {
		return ""
	}
	return " "
}

// Punct returns the punctuation of the printer's language.
func (p *Printer) Punct() Punct { return PunctOf(p.lang) }
