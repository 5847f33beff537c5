package subtitle

import (
	"bytes"
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/textenc"
)

// MaxFileSize is the largest subtitle file tandem takes (2 MiB, as
// PeerTube): a two-hour speech's subtitles are a tenth of it.
const MaxFileSize = 2 << 20

// maxErrors is how many errors Parse reports of one file before it stops.
const maxErrors = 20

// File is a subtitle file as Parse read it.
type File struct {
	Format Format
	Cues   []Cue
	// Encoding names what the file was written in (textenc's names:
	// "UTF-8", "GB18030", "windows-1251", …).
	Encoding string
	// Warnings say what was assumed in reading it: an encoding guessed
	// from the letters of a file that is not UTF-8.
	Warnings []Message
}

// Parse reads an SRT or WebVTT file (WebVTT by its "WEBVTT" first line,
// else SRT) into cues, numbered from 1 in the file's order. The file may
// be in UTF-8 or UTF-16 with or without a byte-order mark, or in GB 18030
// or Windows-1251 when it reads clearly as Chinese or Russian in it
// (textenc.Decode), with CRLF, LF or CR line ends. A cue's speaker (<v
// Speaker>) is kept as its Voice and ruby's base text without its reading
// (<ruby>漢<rt>kan</rt></ruby> is 漢); other markup (<i>, <c.yellow>,
// {\an8}) is dropped and WebVTT's character references read; cue settings
// and WebVTT's NOTE, STYLE and REGION blocks are left out, and a warning
// says how many cues lost their styling, positions, ruby readings or
// karaoke times, so that the uploader knows what the player will not show. SRT
// times may be written with a comma or a period, as may WebVTT's, and
// WebVTT's hours may be left out.
//
// What cannot be read is an Errors naming each line that is not what it
// should be, its examples written in the syntax of the file's format
// (00:00:01,000 in SRT, 00:00:01.000 in WebVTT); a file without cues is an
// error. Parse does not judge the times or the text: Validate does.
func Parse(data []byte) (*File, error) { return parse(data, "") }

// ParseFile reads a file as Parse does, taking the format its name's
// extension names (FormatOf) as what it was meant to be: a file named
// .vtt that lacks WebVTT's first line is an error saying so, rather than
// being read as SRT and told of SRT's syntax.
func ParseFile(name string, data []byte) (*File, error) {
	f, _ := FormatOf(name)
	return parse(data, f)
}

func parse(data []byte, meant Format) (*File, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errors{{Key: "subtitle.error.empty", english: "the file is empty"}}
	}
	t, err := textenc.Decode(data)
	if err != nil {
		var e *textenc.Error
		switch {
		case errors.As(err, &e) && errors.Is(err, textenc.ErrNotText):
			return nil, Errors{{Key: "subtitle.error.nottext", english: "this is not a text file; upload subtitles as SRT or WebVTT"}}
		case errors.As(err, &e):
			return nil, Errors{lineMessage(e.Line, "subtitle.error.encoding", "the file is not in UTF-8, nor Chinese in GB 18030 nor Russian in Windows-1251; save it as UTF-8")}
		}
		return nil, err
	}
	f := &File{Encoding: t.Encoding, Format: SRT}
	if len(t.Warnings) > 0 {
		// textenc guessed a legacy encoding from the letters.
		f.Warnings = append(f.Warnings, Message{Key: "subtitle.warning.encoding", Args: []any{EncodingName(t.Encoding)}, Warning: true,
			english: "the file is not in UTF-8; it was read as %s: check that its text reads right"})
	}
	text := strings.ReplaceAll(string(t.Bytes), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.Split(text, "\n")
	if isVTTSignature(lines[0]) {
		f.Format = WebVTT
	} else if meant == WebVTT {
		return nil, Errors{lineMessage(1, "subtitle.error.signature", "a WebVTT file begins with the line WEBVTT, not “%s”", excerpt(lines[0]))}
	}
	var errs Errors
	timed := false   // whether any block has a cue's times
	var lost dropped // what markup the file's cues lost, and in how many
	var lostCues [dropKinds]int
	fail := func(m Message) bool {
		errs = append(errs, m)
		return len(errs) >= maxErrors
	}
	for i, b := range blocks(lines) {
		if f.Format == WebVTT {
			if i == 0 {
				// The header: the WEBVTT line and what follows it up to a
				// blank line. A cue there lacks the blank line before it.
				if k := timingLine(b.lines); k >= 0 {
					if fail(lineMessage(b.first+k, "subtitle.error.header", "a blank line must come between the WEBVTT line and the first cue")) {
						break
					}
				}
				continue
			}
			if word := firstWord(b.lines[0]); (word == "NOTE" || word == "STYLE" || word == "REGION") && timingLine(b.lines) < 0 {
				switch word {
				case "STYLE":
					lost |= 1 << dropStyleBlock
				case "REGION":
					lost |= 1 << dropRegion
				}
				continue
			}
		}
		k := timingLine(b.lines)
		timed = timed || k >= 0
		if k < 0 {
			// After a cue's number, its times are missing from the next
			// line; else from the block's first.
			at := 0
			if isNumber(b.lines[0]) && len(b.lines) > 1 {
				at = 1
			}
			m := lineMessage(b.first+at, "subtitle.error.timing", "a cue must begin with its times (00:00:01,000 --> 00:00:03,500), not “%s”", excerpt(b.lines[at]))
			if f.Format == WebVTT {
				m = lineMessage(b.first+at, "subtitle.error.timing.vtt", "a cue must begin with its times (00:00:01.000 --> 00:00:03.500), not “%s”", excerpt(b.lines[at]))
			}
			if fail(m) {
				break
			}
			continue
		}
		c := Cue{Index: len(f.Cues) + 1}
		var ok bool
		var settings bool
		if c.Start, c.End, settings, ok = readTiming(b.lines[k], b.first+k, f.Format, fail); !ok {
			if len(errs) >= maxErrors {
				break
			}
			continue
		}
		var d dropped
		if settings {
			d |= 1 << dropPosition
		}
		for _, l := range b.lines[k+1:] {
			l, voice, ld := cueLine(l, f.Format)
			d |= ld
			switch {
			case l == "" || voice == "" || voice == c.Voice:
			case c.Voice == "" && len(c.Lines) == 0:
				c.Voice = voice
			default:
				// A second speaker in the cue: their line says who.
				l = voice + ": " + l
			}
			if l != "" {
				c.Lines = append(c.Lines, l)
			}
		}
		for kind := range dropKinds {
			if d&(1<<kind) != 0 {
				lostCues[kind]++
			}
		}
		lost |= d
		f.Cues = append(f.Cues, c)
	}
	if len(errs) > 0 && !timed && f.Format == SRT {
		// Text, but not a block of it timed: no subtitles at all, which
		// a message per paragraph would not say.
		return nil, Errors{{Key: "subtitle.error.notsubtitles", english: "the file is text but not subtitles: it has no cue times (00:00:01,000 --> 00:00:03,500); upload an SRT or WebVTT file"}}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	f.Warnings = append(f.Warnings, droppedWarnings(lost, lostCues)...)
	if len(f.Cues) == 0 {
		// Only a WebVTT file gets here without cues: its header, notes
		// or styles and nothing more (an SRT file's every block is a cue
		// or an error).
		return nil, Errors{{Key: "subtitle.error.nocues", english: "the WebVTT file has no cues, only its header"}}
	}
	return f, nil
}

// isVTTSignature reports whether line is WebVTT's first: "WEBVTT", alone
// or followed by a space or tab and a title.
func isVTTSignature(line string) bool {
	rest, ok := strings.CutPrefix(line, "WEBVTT")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// isNumber reports whether s is a cue's number.
func isNumber(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// firstWord returns s up to its first space or tab.
func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// A block is a run of non-blank lines; first is the line number of its
// first line, from 1.
type block struct {
	first int
	lines []string
}

func blocks(lines []string) []block {
	var out []block
	var cur *block
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, block{first: i + 1})
			cur = &out[len(out)-1]
		}
		cur.lines = append(cur.lines, l)
	}
	return out
}

// timingLine returns which of a block's first two lines holds its times
// (the second when the first is the cue's number or identifier), or -1.
func timingLine(lines []string) int {
	for k := 0; k < 2 && k < len(lines); k++ {
		if strings.Contains(lines[k], "-->") {
			return k
		}
	}
	return -1
}

// readTiming reads "START --> END" and what follows (WebVTT's cue
// settings, SRT's coordinates), passing each error to fail, with an
// example in the syntax of format f; settings reports whether anything
// followed the end time (which is left out).
func readTiming(line string, n int, f Format, fail func(Message) bool) (start, end int64, settings, ok bool) {
	a, b, _ := strings.Cut(line, "-->")
	b = strings.TrimSpace(b)
	settings = strings.TrimSpace(strings.TrimPrefix(b, firstWord(b))) != ""
	b = firstWord(b)
	start, okA := readTime(strings.TrimSpace(a))
	end, okB := readTime(b)
	key, english := "subtitle.error.time", "“%s” is not a time: write it as 00:01:02,500"
	if f == WebVTT {
		key, english = "subtitle.error.time.vtt", "“%s” is not a time: write it as 00:01:02.500"
	}
	switch {
	case !okA:
		fail(lineMessage(n, key, english, excerpt(strings.TrimSpace(a))))
	case !okB:
		fail(lineMessage(n, key, english, excerpt(b)))
	}
	return start, end, settings, okA && okB
}

var timeRE = regexp.MustCompile(`^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})$`)

// readTime reads [hh:]mm:ss,mmm (or .mmm) as milliseconds.
func readTime(s string) (int64, bool) {
	m := timeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.ParseInt("0"+m[1], 10, 64)
	min, _ := strconv.ParseInt(m[2], 10, 64)
	sec, _ := strconv.ParseInt(m[3], 10, 64)
	frac := m[4] + strings.Repeat("0", 3-len(m[4]))
	ms, _ := strconv.ParseInt(frac, 10, 64)
	if min > 59 || sec > 59 {
		return 0, false
	}
	return ((h*60+min)*60+sec)*1000 + ms, true
}

// markup matches the tags of WebVTT and SRT (<i>, </i>, <v Speaker>,
// <c.yellow>, <font color="red">, a WebVTT timestamp tag <00:01.000>) and
// SSA override blocks ({\an8}) that SRT files carry.
var markup = regexp.MustCompile(`</?[A-Za-z][^<>]*>|<\d[\d:.]*>|\{\\[^{}]*\}`)

// rubyText matches a ruby annotation, the reading shown above its base
// text: <rt>kan</rt>, up to its end tag, the ruby's or the line's end.
var rubyText = regexp.MustCompile(`<rt(?:\.[^<>]*)?>[^<]*(?:</rt>)?`)

// voiceTag matches a WebVTT voice span's start tag, its name the first
// group: <v Speaker>, <v.loud Speaker>.
var voiceTag = regexp.MustCompile(`<v(?:\.[^\s<>]*)?[ \t]+([^<>]*)>`)

// dropped is a set of the kinds of markup a cue lost in reading, a bit per
// kind (1<<dropStyle, …).
type dropped uint8

// The kinds of markup reading leaves out.
const (
	dropStyle      = iota          // bold, italics, colours, classes, fonts
	dropPosition                   // cue settings, SRT coordinates, {\an8}, {\pos}
	dropRuby                       // ruby's readings (<rt>)
	dropTimestamp                  // karaoke times inside a cue (<00:01.000>)
	dropKinds                      // the number of kinds counted per cue
	dropStyleBlock = dropKinds     // WebVTT's STYLE blocks
	dropRegion     = dropKinds + 1 // WebVTT's REGION blocks
)

// droppedWarnings are the warnings about the markup a file lost: a warning
// per kind, with how many cues lost it, and one per kind of block.
func droppedWarnings(lost dropped, cues [dropKinds]int) []Message {
	var out []Message
	for kind, m := range []struct{ key, english string }{
		dropStyle:     {"subtitle.warning.dropped.style", "the styling of %d cues (bold, italics, colours) was left out: subtitles are shown as plain text"},
		dropPosition:  {"subtitle.warning.dropped.position", "the positions of %d cues (cue settings such as align or position, {\\an8}) were left out: the player shows every subtitle in its usual place"},
		dropRuby:      {"subtitle.warning.dropped.ruby", "the ruby readings (<rt>) of %d cues were left out; their base text is kept"},
		dropTimestamp: {"subtitle.warning.dropped.timestamps", "the times inside %d cues (karaoke, <00:01.000>) were left out: each cue is shown whole"},
	} {
		if cues[kind] > 0 {
			out = append(out, Message{Key: m.key, Args: []any{cues[kind]}, Warning: true, english: m.english})
		}
	}
	if lost&(1<<dropStyleBlock) != 0 {
		out = append(out, Message{Key: "subtitle.warning.dropped.styleblock", Warning: true, english: "the file's STYLE blocks were left out: subtitles are shown in the player's own style"})
	}
	if lost&(1<<dropRegion) != 0 {
		out = append(out, Message{Key: "subtitle.warning.dropped.region", Warning: true, english: "the file's REGION blocks were left out: the player shows every subtitle in its usual place"})
	}
	return out
}

// cueLine returns a line of a cue's text as shown: the speaker its voice
// tag names, if any, apart; ruby's readings and other markup dropped (and
// which kinds were); WebVTT's character references read; control
// characters made spaces; spaces trimmed.
func cueLine(l string, f Format) (text, voice string, d dropped) {
	if m := voiceTag.FindStringSubmatch(l); m != nil {
		voice = strings.TrimSpace(m[1])
	}
	if rubyText.MatchString(l) {
		d |= 1 << dropRuby
		l = rubyText.ReplaceAllString(l, "")
	}
	l = markup.ReplaceAllStringFunc(l, func(tag string) string {
		switch {
		case strings.HasPrefix(tag, "{"):
			if strings.Contains(tag, `\an`) || strings.Contains(tag, `\pos`) || strings.Contains(tag, `\move`) {
				d |= 1 << dropPosition
			} else {
				d |= 1 << dropStyle
			}
		case tag[1] >= '0' && tag[1] <= '9':
			d |= 1 << dropTimestamp
		default:
			name := strings.ToLower(strings.TrimLeft(tag[1:], "/"))
			name = name[:strings.IndexFunc(name+">", func(r rune) bool { return !(r >= 'a' && r <= 'z') })]
			if name != "v" && name != "ruby" && name != "rt" && name != "lang" {
				d |= 1 << dropStyle
			}
		}
		return ""
	})
	if f == WebVTT {
		l = html.UnescapeString(l)
		voice = html.UnescapeString(voice)
	}
	clean := func(s string) string {
		return strings.TrimSpace(strings.Map(func(r rune) rune {
			if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u2028' || r == '\u2029' {
				return ' '
			}
			return r
		}, s))
	}
	return clean(l), clean(voice), d
}

// excerpt returns the start of a line for a message to quote.
func excerpt(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// EncodingName writes the name of an encoding as textenc gives it
// ("GB18030", "windows-1251", "UTF-16LE") the way tandem's messages spell
// it everywhere: GB 18030, Windows-1251, KOI8-R, UTF-16.
func EncodingName(enc string) string {
	switch e := strings.ToLower(enc); {
	case e == "gb18030":
		return "GB 18030"
	case e == "windows-1251":
		return "Windows-1251"
	case e == "koi8-r":
		return "KOI8-R"
	case strings.HasPrefix(e, "utf-16"):
		return "UTF-16"
	case strings.HasPrefix(e, "utf-32"):
		return "UTF-32"
	case strings.HasPrefix(e, "utf-8"):
		return "UTF-8"
	}
	return enc
}
