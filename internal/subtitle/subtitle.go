// Package subtitle holds the subtitles of a speech's video: a track per
// language is a list of cues, each shown from a start to an end time with
// one or two lines of text. It reads the SRT and WebVTT files people
// upload (in whatever encoding textenc reads), checks them against the
// conventions of subtitling in the track's language, re-breaks translated
// text into lines, writes the tracks back as WebVTT (for the player) and
// SRT (for download), and stores them per programme item.
//
// A cue keeps its timing through everything: when a track is translated,
// each cue becomes a segment whose key is its index and whose timing stays
// with the cue, and only the lines change.
package subtitle

import (
	"bytes"
	"fmt"
	"strings"
)

// A Cue is one subtitle.
type Cue struct {
	// Index is the cue's number in its track, from 1, in the order of the
	// file; messages name cues by it, and a translation's segment is keyed
	// by it.
	Index int `json:"index"`
	// Start and End are milliseconds from the media's first frame.
	Start int64 `json:"start"`
	End   int64 `json:"end"`
	// Lines is the text as it is shown, one element per line, without
	// markup.
	Lines []string `json:"lines"`
	// Voice is who speaks the cue, as a WebVTT voice tag (<v Speaker>)
	// named them, or "": the transcript shows it, and WebVTT keeps it.
	Voice string `json:"voice,omitempty"`
}

// Text returns the cue's lines as one text, lines joined by a newline.
func (c Cue) Text() string { return strings.Join(c.Lines, "\n") }

// Within returns the cues that can be shown over a video ms milliseconds
// long: those that start before its end, the last of them ending at the
// end at the latest. Subtitles timed for an earlier, longer video would
// otherwise offer cues (and transcript links) past the end. A length of 0
// or less (unknown) keeps every cue. cues is not changed.
func Within(cues []Cue, ms int64) []Cue {
	if ms <= 0 {
		return cues
	}
	out := make([]Cue, 0, len(cues))
	for _, c := range cues {
		if c.Start >= ms {
			continue
		}
		c.End = min(c.End, ms)
		out = append(out, c)
	}
	return out
}

// Beyond counts the cues that end after a video ms milliseconds long (0
// when its length is unknown): subtitles out of step with the video.
func Beyond(cues []Cue, ms int64) int {
	n := 0
	for _, c := range cues {
		if ms > 0 && c.End > ms {
			n++
		}
	}
	return n
}

// Format is a subtitle file format.
type Format string

// The formats tandem reads and writes.
const (
	SRT    Format = "srt"
	WebVTT Format = "vtt"
)

// ContentType returns the MIME type of files of the format.
func (f Format) ContentType() string {
	if f == WebVTT {
		return "text/vtt; charset=utf-8"
	}
	return "application/x-subrip; charset=utf-8"
}

// FormatOf returns the format a file name's extension names (".srt",
// ".vtt"), and false for any other.
func FormatOf(name string) (Format, bool) {
	switch {
	case strings.HasSuffix(strings.ToLower(name), ".srt"):
		return SRT, true
	case strings.HasSuffix(strings.ToLower(name), ".vtt"):
		return WebVTT, true
	}
	return "", false
}

// Write writes cues in format f: WebVTT or SRT, UTF-8 without a byte-order
// mark, lines ended by LF (SRT by CRLF, as the programs that read SRT
// expect), cues numbered from 1 in order.
func Write(f Format, cues []Cue) []byte {
	if f == WebVTT {
		return WriteVTT(cues)
	}
	return WriteSRT(cues)
}

// WriteVTT writes cues as a WebVTT file, a cue's Voice as a voice tag
// (<v Speaker>) before its text. Text that WebVTT would read as
// markup (&, <, >) is escaped, and a line that would end the cue (an empty
// one, or one with "-->") cannot occur: empty lines are left out and the
// arrow is written with an escaped ">".
func WriteVTT(cues []Cue) []byte {
	var b bytes.Buffer
	b.WriteString("WEBVTT\n")
	for i, c := range cues {
		fmt.Fprintf(&b, "\n%d\n%s --> %s\n", i+1, Timestamp(c.Start, '.'), Timestamp(c.End, '.'))
		voice := strings.TrimSpace(c.Voice)
		for _, l := range c.Lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if voice != "" {
				b.WriteString("<v " + vttEscaper.Replace(voice) + ">")
				voice = ""
			}
			b.WriteString(vttEscaper.Replace(l))
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

var vttEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// WriteSRT writes cues as an SRT file, with CRLF line ends. SRT has no
// voices: a cue's Voice is written as "Speaker: " before its first line
// when the speaker changes (on the first cue of each turn, as subtitlers
// label a new speaker, so that a speech of one speaker does not repeat
// the name on every cue). SRT has no escapes either, and players read
// <i>, </b>, <font …> and {\an8} in it as markup: text that would form
// such a tag is neutralised (see srtText) so that it is shown as written.
func WriteSRT(cues []Cue) []byte {
	var b bytes.Buffer
	last := ""
	for i, c := range cues {
		if i > 0 {
			b.WriteString("\r\n")
		}
		fmt.Fprintf(&b, "%d\r\n%s --> %s\r\n", i+1, Timestamp(c.Start, ','), Timestamp(c.End, ','))
		voice := strings.TrimSpace(c.Voice)
		label := voice != "" && voice != last
		last = voice
		for _, l := range c.Lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if label {
				l = voice + ": " + l
				label = false
			}
			b.WriteString(srtText(l))
			b.WriteString("\r\n")
		}
	}
	return b.Bytes()
}

// srtText returns a line of text for SRT so that no player reads markup
// in it: a "<" followed by anything but a space, a tab or the line's end
// (which could open a tag such as <i> or </font>) becomes the full-width
// "＜" (U+FF1C), and the backslash of "{\" (which would open an override
// such as {\an8}) the full-width "＼" (U+FF3C). Full-width forms look
// alike and are never markup. (An invisible character after the "<" was
// the other way; but players that strip tags they do not know would still
// take "<", that character and a word up to ">" for one, and drop it.)
// A "<" before a space ("a < b") is left as it is.
func srtText(l string) string {
	if !strings.ContainsAny(l, "<{") {
		return l
	}
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '<' && i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t':
			b.WriteString("＜")
		case l[i] == '{' && i+1 < len(l) && l[i+1] == '\\':
			b.WriteString("{＼")
			i++
		default:
			b.WriteByte(l[i])
		}
	}
	return b.String()
}

// Timestamp writes ms as hh:mm:ss followed by sep and the milliseconds
// (00:01:02,500 for SRT with ',', 00:01:02.500 for WebVTT with '.').
func Timestamp(ms int64, sep byte) string {
	if ms < 0 {
		ms = 0
	}
	h := ms / 3600000
	m := ms / 60000 % 60
	s := ms / 1000 % 60
	return fmt.Sprintf("%02d:%02d:%02d%c%03d", h, m, s, sep, ms%1000)
}
