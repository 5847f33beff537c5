package subtrans

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// ErrNoSpeech: the programme's draft no longer has the speech.
var ErrNoSpeech = fmt.Errorf("the programme has no such speech: %w", errkind.NotFound)

// Pause is the silence between two cues that ends a paragraph of a
// transcript.
const Pause = 2000

// longParagraph is the length (in characters; a Chinese character counts
// two) from which a paragraph of a transcript ends at the next sentence
// end even without a pause, so that a speech given without one is not a
// single paragraph.
const longParagraph = 600

// Transcript returns the text of cues, a track in language tag, as
// paragraphs separated by a blank line: a cue's lines and the cues of a
// paragraph are joined into running text, and a paragraph ends where the
// speaker pauses Pause or longer between two cues, or at the end of a
// sentence once the paragraph is long.
func Transcript(cues []subtitle.Cue, tag string) string {
	var paras []string
	var cur []string
	width := 0
	for i, c := range cues {
		text := join(c.Lines)
		if text == "" {
			continue
		}
		cur = append(cur, text)
		width += columns(text)
		last := i == len(cues)-1
		if last || cues[i+1].Start-c.End >= Pause || width >= longParagraph && endsSentence(text) {
			paras = append(paras, join(cur))
			cur, width = nil, 0
		}
	}
	if len(cur) > 0 {
		paras = append(paras, join(cur))
	}
	return strings.Join(paras, "\n\n")
}

// columns is the width of s: two for a Chinese character, one for others.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if wide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// endsSentence reports whether s ends with a sentence's end mark,
// quotation marks and brackets after it aside.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'»”’)）」』")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？", r)
}

// UseAsText makes transcript track t (a track written in its own
// language) the text of its speech in that language, in the programme's
// draft: the speech's text becomes one written in t's language, its value
// there the transcript, complete; its values in other languages stay as
// they were, for their translations to follow. The draft is saved as
// actor and goes through the hosts' approval like any other edit; the
// text is translated in the workbench with the forum's other texts
// (internal/sitetext, "speech-N-body").
func UseAsText(ctx context.Context, tx *store.Tx, t *subtitle.Track, actor approval.Actor) (*approval.Draft, error) {
	if t.SourceLang != "" {
		return nil, fmt.Errorf("subtitles of speech %d in %s: %w", t.SpeechID, t.Lang, ErrNotOriginal)
	}
	text := Transcript(t.Cues, t.Lang)
	if text == "" {
		return nil, fmt.Errorf("subtitles of speech %d in %s: no text: %w", t.SpeechID, t.Lang, errkind.Invalid)
	}
	var forumID int64
	if err := tx.QueryRow(ctx, `SELECT forum_id FROM speeches WHERE id = ?`, t.SpeechID).Scan(&forumID); err != nil {
		return nil, fmt.Errorf("speech %d: %w", t.SpeechID, errors.Join(err, ErrNoSpeech))
	}
	subj := approval.Subject{Kind: approval.KindProgramme, ID: forumID}
	d, err := approval.Load(ctx, tx, subj)
	if err != nil {
		return nil, err
	}
	prog := d.Content.(*forum.Programme)
	var sp *forum.Speech
	for _, ss := range prog.Sessions {
		for _, s := range ss.Speeches {
			if s.ID == t.SpeechID {
				sp = s
			}
		}
	}
	if sp == nil {
		return nil, fmt.Errorf("speech %d in the programme's draft: %w", t.SpeechID, ErrNoSpeech)
	}
	sp.Body = written(sp.Body, t.Lang, text)
	return approval.Save(ctx, tx, subj, prog, actor)
}

// written returns b as a text written in l, with v its complete value
// there.
func written(b lang.Text, l, v string) lang.Text {
	vals := maps.Clone(b.Values)
	if vals == nil {
		vals = map[string]string{}
	}
	vals[l] = v
	b.Values, b.Source = vals, l
	if !slices.Contains(b.Done, l) {
		b.Done = append(slices.Clone(b.Done), l)
		slices.Sort(b.Done)
	}
	return b
}
