package textenc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// DecodeDeclared reads text whose encoding is declared outside its bytes
// (a MIME charset parameter, an HTML <meta charset>): label is the
// encoding's name as the WHATWG Encoding Standard knows it
// ("windows-1251", "gbk", "utf-8"). A byte-order mark wins over the label,
// with a warning when they differ, as it does in browsers. With no label
// it is Decode. Errors are those of Decode, and an *Error (ErrEncoding)
// for an unknown label or a byte that is not in the encoding, with its
// place.
func DecodeDeclared(b []byte, label string) (*Text, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		return Decode(b)
	}
	if e := notTextFile(b); e != nil {
		return nil, e
	}
	for _, m := range marks {
		if !bytes.HasPrefix(b, []byte(m.bom)) {
			continue
		}
		t, err := decodeUnicode(b)
		if err != nil {
			return nil, err
		}
		if !sameUnicode(family(t.Encoding), label) {
			f := family(t.Encoding)
			t.Warnings = append(t.Warnings, fmt.Sprintf("the charset declaration says %s, but the file begins with a %s byte-order mark: read as %s", label, f, f))
		}
		if err := checkNUL(t.Bytes); err != nil {
			return nil, err
		}
		return t, nil
	}
	t, err := decodeLabel(b, label, "the charset declaration")
	if err != nil {
		return nil, err
	}
	if err := checkNUL(t.Bytes); err != nil {
		return nil, err
	}
	return t, nil
}

// decodeLabel decodes b, which has no byte-order mark, in the encoding
// named label; by says who named it, for messages ("the XML
// declaration").
func decodeLabel(b []byte, label, by string) (*Text, error) {
	const hint = "save the file as UTF-8"
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, &Error{Line: 1, Col: 1, Kind: ErrEncoding, Hint: hint,
			Msg: fmt.Sprintf("%s names encoding %q, which is not known; %s", by, label, hint)}
	}
	name, _ := htmlindex.Name(enc)
	if name == "utf-8" {
		if line, col, bad := badUTF8(b); bad {
			return nil, invalidUTF8(b, line, col)
		}
		return &Text{Bytes: b, Encoding: "UTF-8"}, nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, &Error{Line: 1, Col: 1, Kind: ErrEncoding, Hint: hint,
			Msg: fmt.Sprintf("not valid %s, the encoding %s names: %v; %s", label, by, err, hint)}
	}
	if k := bytes.IndexRune(out, utf8.RuneError); k >= 0 {
		line, col := position(out, k)
		return nil, &Error{Line: line, Col: col, Kind: ErrEncoding, Hint: hint,
			Msg: fmt.Sprintf("a byte that is not %s, the encoding %s names; %s", label, by, hint)}
	}
	return &Text{Bytes: out, Encoding: label}, nil
}
