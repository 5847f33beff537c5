package subtitle

import (
	"math"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"golang.org/x/text/width"
)

// The conventions of subtitling that Validate warns about.
const (
	// MinDuration and MaxDuration bound how long a cue should show, in
	// milliseconds: shorter cannot be read, longer is out of step with the
	// speech.
	MinDuration = 1000
	MaxDuration = 7000
	// MaxLines is how many lines a cue should have.
	MaxLines = 2
	// LineLimitChinese is the longest line of Chinese subtitles, in
	// full-width characters; LineLimit that of other languages, in
	// characters.
	LineLimitChinese = 16
	LineLimit        = 42
)

// lineWidth returns how long line l is in lang's measure: for Chinese in
// full-width characters (a half-width one, a Latin letter or digit, counts
// a half), else in characters.
func lineWidth(l, tag string) float64 {
	if lang.Base(tag) != "zh" {
		return float64(len([]rune(l)))
	}
	var w float64
	for _, r := range l {
		if fullWidth(r) {
			w++
		} else {
			w += 0.5
		}
	}
	return w
}

// fullWidth reports whether r takes a full-width cell: Han characters,
// kana and hangul, and full-width punctuation.
func fullWidth(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// Width returns how long line l is in language tag's measure of
// subtitle lines, rounded up: full-width characters for Chinese (a Latin
// letter or digit counts a half), characters for others.
func Width(l, tag string) int { return int(math.Ceil(lineWidth(l, tag))) }

// Limit returns the longest line of subtitles in language tag that reads
// well, in Width's measure: LineLimitChinese for Chinese, LineLimit for
// others.
func Limit(tag string) int { return int(lineLimit(tag)) }

// lineLimit returns the longest line of subtitles in lang, in
// lineWidth's measure.
func lineLimit(tag string) float64 {
	if lang.Base(tag) == "zh" {
		return LineLimitChinese
	}
	return LineLimit
}

// Validate checks the cues of a track in language tag for a video
// duration milliseconds long (0 when it is not known, and not checked).
// Errors: a cue without text, a cue that does not end after it starts, one
// that starts before the cue before it, one that ends after the video.
// Warnings: a cue shown for under MinDuration or over MaxDuration, with
// more than MaxLines lines, or with a line longer than its language reads
// well (LineLimitChinese full-width characters for Chinese, LineLimit
// characters for others), and, first, a track whose letters are mostly in
// another script than its language's (see ScriptWarning). The messages
// about cues come in the order of the cues.
func Validate(cues []Cue, tag string, duration int64) []Message {
	var out []Message
	if m, ok := ScriptWarning(cues, tag); ok {
		out = append(out, m)
	}
	limit := lineLimit(tag)
	for i, c := range cues {
		if len(c.Lines) == 0 {
			out = append(out, cueMessage(c, false, "subtitle.error.nocue", "it has no text"))
		}
		if c.End <= c.Start {
			out = append(out, cueMessage(c, false, "subtitle.error.end", "it does not end after it starts"))
		}
		if i > 0 && c.Start < cues[i-1].Start {
			out = append(out, cueMessage(c, false, "subtitle.error.order", "it starts before cue %s, which comes before it", cues[i-1].Index))
		}
		if duration > 0 && c.End > duration {
			out = append(out, cueMessage(c, false, "subtitle.error.outside", "it ends after the video, which is %s long", Timestamp(duration, '.')))
		}
		if d := c.End - c.Start; d > 0 && d < MinDuration {
			out = append(out, cueMessage(c, true, "subtitle.warning.short", "it shows for %s s only; a cue needs a second at least to be read", Seconds(d)))
		} else if d > MaxDuration {
			out = append(out, cueMessage(c, true, "subtitle.warning.long", "it shows for %s s; a cue over seven seconds falls out of step with what is said", Seconds(d)))
		}
		if len(c.Lines) > MaxLines {
			out = append(out, cueMessage(c, true, "subtitle.warning.lines", "it has %s lines; two at most can be read in time", len(c.Lines)))
		}
		for j, l := range c.Lines {
			if w := lineWidth(l, tag); w > limit {
				n := int(math.Ceil(w))
				if lang.Base(tag) == "zh" {
					out = append(out, cueMessage(c, true, "subtitle.warning.width.zh", "line %s is %s full-width characters long; Chinese subtitles read well up to 16", j+1, n))
				} else {
					out = append(out, cueMessage(c, true, "subtitle.warning.width", "line %s has %s characters; subtitles read well up to 42", j+1, n))
				}
			}
		}
	}
	return out
}

// The share of a track's letters below which its language's script is
// taken for not being its own, when most of its letters are in one other
// script, and the fewest letters a track needs for that to be judged.
const (
	ownScriptShare   = 0.3
	minScriptLetters = 12
)

// scriptNames are the English names of the scripts ScriptWarning names.
var scriptNames = map[string]string{"Hani": "Chinese characters", "Cyrl": "Cyrillic letters", "Latn": "Latin letters"}

// ScriptWarning returns the warning about a track said to be in language
// tag whose text is plainly in another: most of its letters are Han,
// Cyrillic or Latin, and under a third of them in the language's own
// script, as Russian subtitles uploaded as Chinese or Chinese ones as
// English are. Latin names and abbreviations in Chinese or Russian text,
// and short tracks (under a dozen letters), are no reason for it. It is a
// warning, not an error: a speech may be quoted in another language.
func ScriptWarning(cues []Cue, tag string) (Message, bool) {
	own := lang.LetterScript(tag)
	if own == "" {
		return Message{}, false
	}
	var text strings.Builder
	for _, c := range cues {
		for _, l := range c.Lines {
			text.WriteString(l)
			text.WriteByte('\n')
		}
	}
	counts := lang.Letters(text.String())
	total := 0
	main := ""
	for s, n := range counts {
		total += n
		if s != "" && (main == "" || n > counts[main] || n == counts[main] && s < main) {
			main = s
		}
	}
	if total < minScriptLetters || main == own || float64(counts[own]) >= ownScriptShare*float64(total) || 2*counts[main] <= total {
		return Message{}, false
	}
	return Message{Key: "subtitle.warning.script." + main, Args: []any{LangName(tag)}, Warning: true,
		english: "most of the text is in " + scriptNames[main] + ", not in the script of %s, the language chosen: check that the language is right"}, true
}
