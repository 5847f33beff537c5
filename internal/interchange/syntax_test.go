package interchange

import (
	"errors"
	"strings"
	"testing"
)

// A file that is not well-formed XML is refused with an *Error marked
// Syntax, at the line where the parser stopped, so that a page can say so
// in its reader's language; a well-formed file of the wrong kind is not
// marked.
func TestErrorSyntax(t *testing.T) {
	tests := []struct {
		name, file string
		syntax     bool
		line       int
	}{
		{"unknown entity", "<tmx version=\"1.4\">\n<header/>\n<body><tu><tuv xml:lang=\"en\"><seg>a &foo; b</seg></tuv></tu></body></tmx>", true, 3},
		{"cut short", "<tmx version=\"1.4\">\n<header/>\n<body>\n<tu>", true, 4},
		{"mismatched tag", "<tmx version=\"1.4\"><header/><body></tu></body></tmx>", true, 1},
		{"second root", "<tmx version=\"1.4\"><header/><body/></tmx>\n<tmx/>", true, 2},
		{"another format", "<xliff version=\"2.0\"/>", false, 1},
		{"not XML at all", "hello", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTMX(strings.NewReader(tt.file), "f.tmx")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want an *Error", err, err)
			}
			if e.Syntax != tt.syntax || e.Line != tt.line {
				t.Errorf("Syntax %v at line %d (%s), want %v at line %d", e.Syntax, e.Line, e.Msg, tt.syntax, tt.line)
			}
		})
	}
}
