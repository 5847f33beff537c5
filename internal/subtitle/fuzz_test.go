package subtitle

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse reads any bytes as a subtitle file: Parse never panics, what
// it reads has cues with times of no negative length of a line, and the
// cues written as WebVTT (and as SRT, when no line could read as markup)
// read back the same. The seeds are in testdata/fuzz/FuzzParse, made from
// the fixtures in testdata.
func FuzzParse(f *testing.F) {
	names, _ := filepath.Glob("testdata/*.*")
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			if _, ok := err.(Errors); !ok {
				t.Fatalf("Parse: %T %v, want Errors", err, err)
			}
			return
		}
		for i, c := range file.Cues {
			if c.Index != i+1 || c.Start < 0 || c.End < 0 {
				t.Fatalf("cue %d: %+v", i, c)
			}
			for _, l := range c.Lines {
				if l == "" || strings.ContainsAny(l, "\r\n") {
					t.Fatalf("cue %d: line %q", i, l)
				}
			}
		}
		back, err := Parse(WriteVTT(file.Cues))
		if err != nil || !reflect.DeepEqual(back.Cues, file.Cues) {
			t.Fatalf("WebVTT read back: %v\n got %v\nwant %v", err, back, file.Cues)
		}
		for _, c := range file.Cues {
			for _, l := range c.Lines {
				if markup.MatchString(l) {
					return
				}
			}
		}
		// SRT has no speakers: a speaker comes back as "Name: " before
		// the first line of each turn, and text that a player would take
		// for a tag comes back with its full-width "＜" or "＼"; the rest
		// comes back as it was.
		unvoiced := slices.Clone(file.Cues)
		last := ""
		for i := range unvoiced {
			c := &unvoiced[i]
			voice := strings.TrimSpace(c.Voice)
			lines := slices.Clone(c.Lines)
			if voice != "" && voice != last && len(lines) > 0 {
				lines[0] = voice + ": " + lines[0]
			}
			last = voice
			for j := range lines {
				lines[j] = srtText(lines[j])
			}
			c.Voice, c.Lines = "", lines
		}
		back, err = Parse(WriteSRT(file.Cues))
		if err != nil || !reflect.DeepEqual(back.Cues, unvoiced) {
			t.Fatalf("SRT read back: %v\n got %v\nwant %v", err, back, unvoiced)
		}
	})
}

// FuzzBreak breaks any UTF-8 text: the lines are at most two, none empty, and
// they hold the text's words in order.
func FuzzBreak(f *testing.F) {
	f.Add("The treaty was signed twenty years ago and it still holds today.", "en")
	f.Add("Договор о добрососедстве подписан в Москве шестнадцатого июля", "ru")
	f.Add("两国在二十年前签订的睦邻友好合作条约至今仍然有效", "zh")
	f.Fuzz(func(t *testing.T, text, tag string) {
		if !utf8.ValidString(text) {
			return // translations come back as UTF-8
		}
		lines := Break(text, tag)
		if len(lines) > 2 {
			t.Fatalf("%d lines", len(lines))
		}
		for _, l := range lines {
			if l == "" {
				t.Fatalf("an empty line in %q", lines)
			}
		}
		strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if strip(strings.Join(lines, "")) != strip(text) {
			t.Fatalf("Break(%q) = %q: the text changed", text, lines)
		}
	})
}
