package textenc

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// A form is one of the ways to write Unicode in units of two or four
// bytes.
type form struct {
	name   string // "UTF-16LE"
	family string // "UTF-16", for messages
	unit   int    // 2 or 4
	order  binary.ByteOrder
}

var (
	utf16LE = form{"UTF-16LE", "UTF-16", 2, binary.LittleEndian}
	utf16BE = form{"UTF-16BE", "UTF-16", 2, binary.BigEndian}
	utf32LE = form{"UTF-32LE", "UTF-32", 4, binary.LittleEndian}
	utf32BE = form{"UTF-32BE", "UTF-32", 4, binary.BigEndian}
)

// marks are the byte-order marks, longest first where one starts another
// (a UTF-32 LE mark starts with the UTF-16 LE one).
var marks = []struct {
	bom  string
	form *form // nil for UTF-8
}{
	{"\xef\xbb\xbf", nil},
	{"\xff\xfe\x00\x00", &utf32LE},
	{"\x00\x00\xfe\xff", &utf32BE},
	{"\xff\xfe", &utf16LE},
	{"\xfe\xff", &utf16BE},
}

// family returns the name of the encoding a Text was read from without
// its byte order ("UTF-16" for "UTF-16LE").
func family(enc string) string {
	switch enc {
	case "UTF-16LE", "UTF-16BE":
		return "UTF-16"
	case "UTF-32LE", "UTF-32BE":
		return "UTF-32"
	}
	return enc
}

// decodeUnicode reads b when a byte-order mark or the zero bytes of UTF-16
// or UTF-32 say how it is written; it returns nil, nil when they do not.
func decodeUnicode(b []byte) (*Text, error) {
	for _, m := range marks {
		if !bytes.HasPrefix(b, []byte(m.bom)) {
			continue
		}
		rest := b[len(m.bom):]
		if m.form == nil {
			if line, col, bad := badUTF8(rest); bad {
				e := invalidUTF8(rest, line, col)
				e.Msg = "the file begins with a UTF-8 byte-order mark, but has " + e.Msg
				return nil, e
			}
			return &Text{Bytes: rest, Encoding: "UTF-8", BOM: true}, nil
		}
		out, err := decodeForm(rest, *m.form)
		if err != nil {
			return nil, err
		}
		return &Text{Bytes: out, Encoding: m.form.name, BOM: true}, nil
	}
	if bytes.IndexByte(b, 0) < 0 {
		return nil, nil
	}
	// Zero bytes: UTF-16 or UTF-32 without a mark, if one of them reads
	// as text. The one with the most ASCII characters wins: text in the
	// other byte order turns them into characters of other scripts. Bytes
	// that are UTF-8 text but for a few NULs are taken for UTF-16 or
	// UTF-32 only when they read as mostly ASCII in it, as such files are.
	valid := utf8.Valid(b) && !bytes.ContainsFunc(b, func(r rune) bool {
		return r < 0x20 && r != 0 && r != '\t' && r != '\n' && r != '\r' && r != '\f'
	})
	var best []byte
	var bestForm form
	bestScore := -1
	for _, f := range []form{utf32LE, utf32BE, utf16LE, utf16BE} {
		out, err := decodeForm(b, f)
		if err != nil {
			continue
		}
		score, ok := plausible(out)
		if valid && score*2 < utf8.RuneCount(out) {
			continue
		}
		if ok && score > bestScore {
			best, bestForm, bestScore = out, f, score
		}
	}
	if bestScore < 0 {
		return nil, nil
	}
	return &Text{Bytes: best, Encoding: bestForm.name}, nil
}

// plausible reports whether decoded text has only characters text has:
// graphic ones and white space, no controls, no unassigned code points.
// score counts its ASCII characters.
func plausible(s []byte) (score int, ok bool) {
	for _, r := range string(s) {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
			score++
		case r < 0x80 && r >= 0x20 && r != 0x7f:
			score++
		case r == '\ufeff' || unicode.IsGraphic(r) || unicode.IsSpace(r) && r >= 0x80:
		default:
			return 0, false
		}
	}
	return score, true
}

// decodeForm decodes b written in f, refusing what is not Unicode (half a
// character at the end, a lone surrogate, a number beyond U+10FFFF) with
// its place in the decoded text.
func decodeForm(b []byte, f form) ([]byte, error) {
	out := make([]byte, 0, len(b)+len(b)/2)
	line, col := 1, 1
	bad := func(format string, args ...any) error {
		hint := "save the file again as UTF-8 or " + f.family
		return &Error{Line: line, Col: col, Kind: ErrEncoding, Hint: hint,
			Msg: fmt.Sprintf("not valid %s: %s; %s", f.family, fmt.Sprintf(format, args...), hint)}
	}
	for i := 0; i < len(b); {
		if len(b)-i < f.unit {
			return nil, bad("the file ends in the middle of a character")
		}
		var r rune
		if f.unit == 4 {
			u := f.order.Uint32(b[i:])
			if u > unicode.MaxRune || utf16.IsSurrogate(rune(u)) {
				return nil, bad("0x%08x is not a character", u)
			}
			r = rune(u)
			i += 4
		} else {
			u := rune(f.order.Uint16(b[i:]))
			i += 2
			switch {
			case u >= 0xd800 && u < 0xdc00:
				if len(b)-i < 2 {
					return nil, bad("a lone surrogate 0x%04x", u)
				}
				lo := rune(f.order.Uint16(b[i:]))
				if lo < 0xdc00 || lo > 0xdfff {
					return nil, bad("a lone surrogate 0x%04x", u)
				}
				r = utf16.DecodeRune(u, lo)
				i += 2
			case u >= 0xdc00 && u <= 0xdfff:
				return nil, bad("a lone surrogate 0x%04x", u)
			default:
				r = u
			}
		}
		out = utf8.AppendRune(out, r)
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return out, nil
}
