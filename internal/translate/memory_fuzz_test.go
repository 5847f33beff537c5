package translate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzReadTMX reads any file as a TMX memory for zh → ru: it never
// panics, and what it would store has text on both sides, with inline
// codes that read back as they were written.
func FuzzReadTMX(f *testing.F) {
	for _, name := range []string{"memory.tmx", "treaty.tbx"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(tmxEnDe))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadTMX(bytes.NewReader(data), "fuzz.tmx", "zh", "ru", 0, "fuzz")
		if err != nil {
			return
		}
		if len(b.rows) == 0 || b.Units < len(b.rows) {
			t.Fatalf("a batch of %d rows for %d units", len(b.rows), b.Units)
		}
		for _, r := range b.rows {
			if strings.TrimSpace(r.source) == "" || strings.TrimSpace(r.target) == "" {
				t.Fatalf("a unit with an empty side: %q → %q", r.source, r.target)
			}
			for _, pair := range [][2]string{{r.source, r.sourceCodes}, {r.target, r.targetCodes}} {
				c, err := contentOf(pair[0], pair[1])
				if err != nil {
					t.Fatalf("codes do not read back: %v", err)
				}
				if c.Plain() != pair[0] {
					t.Fatalf("text with codes %q, plain %q", c.Plain(), pair[0])
				}
				if pair[1] != "" {
					again, _ := json.Marshal(c)
					if !reflect.DeepEqual(string(again), pair[1]) {
						t.Fatalf("codes changed on the way: %s, %s", again, pair[1])
					}
				}
			}
		}
	})
}
