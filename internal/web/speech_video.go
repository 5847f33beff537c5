package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/video"
)

// speechVideo is what a speech page shows of the speech's recorded video:
// the player with its sources, subtitle tracks and download, and the
// transcript made from the same cues.
type speechVideo struct {
	// Base is the address of the video's files without the file's name
	// (/en/forums/f/speeches/s/video/v12/): it names the video, so that
	// a replacement has other addresses (speechVideoFile).
	Base     string
	Video    *video.Video
	Main     *video.Rendition
	Sources  []*video.Rendition // main first, then the smaller ones
	Duration string             // m:ss
	Size     string             // the main rendition's, in the reader's way
	// Frame is the main rendition's width×height; FileName the name its
	// download is saved under.
	Frame, FileName string
	// SubBase is the address of the subtitle files without the file's
	// name (/en/forums/f/speeches/s/subtitles/).
	SubBase string
	Tracks  []*subtitle.Track
	// Outdated is set, by language, for a track translated from an
	// earlier version of its source track (trackOutdated).
	Outdated map[string]bool
	// Default is the language of the track shown at first: the reader's,
	// or "" when there is no track in it.
	Default    string
	Transcript *transcript
	// TextIsTranscript is set when the speech's text, as the page shows
	// it, is the transcript it shows (its own track's or the original's
	// beside it, made the text by "use as the speech's text" and not
	// edited since): the page then shows it once, as the transcript.
	TextIsTranscript bool
	// NoText is set when the speech has no text in any language while the
	// page shows its transcript: the page then says nothing of a text
	// rather than that none is published under the words spoken.
	NoText bool
}

// transcript is the text of a speech's video, a row per cue of one track
// (the reader's language, else the original's, else the first), with the
// original's cues beside each row when the track is in another language.
type transcript struct {
	Track *subtitle.Track
	// Original is the track in the speech's original language when it is
	// not Track, nil otherwise.
	Original *subtitle.Track
	Rows     []transcriptRow
}

// transcriptRow is one cue of a transcript.
type transcriptRow struct {
	ID    string
	Start int64 // milliseconds
	End   int64
	// Seconds is Start as the media fragment's time (12.5), Clock as read
	// (0:12).
	Seconds, Clock string
	// Text is the cue's lines as one text (joined without a space in
	// Chinese); OriginalText the original's cues that fall in the cue's
	// time.
	Text, OriginalText string
	// Voice is who speaks from this cue on, as the subtitles name them,
	// set where the speaker changes.
	Voice string
}

// speechVideoArg is the argument of the templates speech-video and
// speech-transcript.
type speechVideoArg struct {
	Page  *pageData
	Video *speechVideo
}

// pluralForms returns the forms of the plural message key in the page's
// language as JSON, for a script's data attribute.
func pluralForms(d *pageData, key string) string {
	b, err := json.Marshal(d.T.Forms(key))
	if err != nil {
		return "{}"
	}
	return string(b)
}

// provenance says who made a subtitle track, as its viewers are told:
// written or translated by people, machine-translated, or recognised from
// the speech's sound, from which language a translation was made, and
// that it was made from an earlier version of that language's subtitles
// when they have been replaced since (v.Outdated).
func provenance(d *pageData, v *speechVideo, t *subtitle.Track) string {
	key := "speech.video.provenance." + string(t.Provenance)
	if t.SourceLang == "" || t.SourceLang == t.Lang {
		return d.T.T(key)
	}
	out := d.T.T(key+".from", d.T.T("speech.source."+t.SourceLang))
	if v != nil && v.Outdated[t.Lang] {
		out = d.T.T("speech.video.provenance.earlier", out)
	}
	return out
}

// trackOutdated is subtitle.Outdated: t was translated from an earlier
// version of its source language's track among tracks.
func trackOutdated(t *subtitle.Track, tracks []*subtitle.Track) bool {
	return subtitle.Outdated(t, tracks)
}

// SubFile is the address of track t's public subtitles in format ext
// ("vtt", "srt"), versioned by the approved text (?v= a prefix of its
// PublicHash): a browser that cached the file for a minute fetches the new
// one as soon as a changed track is approved. The server ignores v.
func (sv *speechVideo) SubFile(t *subtitle.Track, ext string) string {
	u := sv.SubBase + t.Lang + "." + ext
	if h := t.PublicHash; h != "" {
		u += "?v=" + h[:min(len(h), 12)]
	}
	return u
}

// videoFiles are the names of a video's public files: its renditions and
// its poster.
var videoFiles = map[string]string{"main.mp4": "video/mp4", "720p.mp4": "video/mp4", "poster.jpg": "image/jpeg"}

// loadSpeechVideo returns what speech sp's page shows of its video, or nil
// when it has no video that every host approved, with the approved
// versions of its subtitles. A preview shows none: the files are
// served only for published forums.
func (s *Server) loadSpeechVideo(rq *request, fv *forumView, sp *forum.Speech) (*speechVideo, error) {
	if rq.Preview != "" {
		return nil, nil
	}
	ctx := rq.Context()
	vs, err := video.PlayableFor(ctx, s.db, []int64{sp.ID})
	if err != nil {
		return nil, err
	}
	v := vs[sp.ID]
	if v == nil || v.State != video.Ready || v.Main() == nil {
		return nil, nil
	}
	tracks, err := subtitle.ListPublic(ctx, s.db, sp.ID, i18n.Languages...)
	if err != nil {
		return nil, err
	}
	outdated := map[string]bool{}
	for _, t := range tracks {
		outdated[t.Lang] = trackOutdated(t, tracks)
	}
	for _, t := range tracks {
		// The transcript and the JSON-LD are of the video as it now is.
		t.Cues = subtitle.Within(t.Cues, v.Duration.Milliseconds())
	}
	page := "/" + rq.Lang + fv.speechPath(sp)
	sv := &speechVideo{Base: page + "/video/" + videoVersion(v) + "/", SubBase: page + "/subtitles/", Video: v, Main: v.Main(), Tracks: tracks, Outdated: outdated,
		Duration: clockDuration(v.Duration), Size: rq.T.Bytes(v.Main().Size),
		Frame: fmt.Sprintf("%d×%d", v.Main().Width, v.Main().Height), FileName: fv.Forum.Slug + "-" + sp.Slug + ".mp4"}
	sv.Sources = append(sv.Sources, sv.Main)
	for i := range v.Renditions {
		if r := &v.Renditions[i]; r.Name != "main" && videoFiles[r.Name+".mp4"] != "" {
			sv.Sources = append(sv.Sources, r)
		}
	}
	var own, original *subtitle.Track
	for _, t := range tracks {
		switch t.Lang {
		case rq.Lang:
			own = t
			sv.Default = t.Lang
		case sp.OriginalLang:
			original = t
		}
	}
	switch {
	case own != nil:
		sv.Transcript = newTranscript(own, original)
	case original != nil:
		sv.Transcript = newTranscript(original, nil)
	case len(tracks) > 0:
		sv.Transcript = newTranscript(tracks[0], nil)
	}
	if tr := sv.Transcript; tr != nil {
		text, written := sp.Body.In(rq.Lang)
		sv.NoText = strings.TrimSpace(text) == ""
		for _, t := range []*subtitle.Track{tr.Track, tr.Original} {
			if t != nil && t.Lang == written && sameWords(text, subtrans.Transcript(t.Cues, t.Lang)) {
				sv.TextIsTranscript = true
			}
		}
	}
	return sv, nil
}

// sameWords reports whether a and b are the same text but for white
// space: how their words are spaced and their lines and paragraphs broken
// (a transcript's paragraphs may be broken otherwise once it is the
// speech's text; Chinese has no spaces to tell them by).
func sameWords(a, b string) bool {
	return a != "" && strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}

// newTranscript makes the rows of t's transcript, with original's cues
// beside them when original is not nil, and the speaker named where the
// subtitles' voice changes. Each cue of the original goes
// beside the row whose time it overlaps most, or, overlapping none, the
// nearest before it: a translation made from the original keeps its
// timings and matches cue for cue, and subtitles written apart still line
// up by what is said when.
func newTranscript(t, original *subtitle.Track) *transcript {
	tr := &transcript{Track: t, Original: original}
	voice := ""
	for _, c := range t.Cues {
		r := transcriptRow{ID: "cue-" + strconv.Itoa(c.Index), Start: c.Start, End: c.End,
			Seconds: mediaSeconds(c.Start), Clock: clockDuration(time.Duration(c.Start) * time.Millisecond), Text: joinCueLines(c.Lines, t.Lang)}
		if c.Voice != "" && c.Voice != voice {
			r.Voice, voice = c.Voice, c.Voice
		}
		tr.Rows = append(tr.Rows, r)
	}
	if original == nil || len(tr.Rows) == 0 {
		return tr
	}
	var beside = make([][]string, len(tr.Rows))
	for _, c := range original.Cues {
		best, overlap := -1, int64(0)
		for i, r := range tr.Rows {
			if o := min(c.End, r.End) - max(c.Start, r.Start); o > overlap {
				best, overlap = i, o
			}
			if best < 0 && r.Start <= c.Start {
				best = i
			}
		}
		if best < 0 {
			best = 0
		}
		beside[best] = append(beside[best], joinCueLines(c.Lines, original.Lang))
	}
	for i, b := range beside {
		tr.Rows[i].OriginalText = joinCueLines(b, original.Lang)
	}
	return tr
}

// joinCueLines joins the lines of subtitles in language l into running
// text: with a space, but in Chinese, which has none between words,
// without.
func joinCueLines(lines []string, l string) string {
	if l == "zh" {
		return strings.Join(lines, "")
	}
	return strings.Join(lines, " ")
}

// mediaSeconds writes ms as seconds for a media fragment (#t=12.5).
func mediaSeconds(ms int64) string {
	return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
}

// isoDuration writes d as an ISO 8601 duration (PT1H2M3.5S).
func isoDuration(d time.Duration) string {
	ms := d.Milliseconds()
	h, m := ms/3600000, ms/60000%60
	sec := strconv.FormatFloat(float64(ms%60000)/1000, 'f', -1, 64)
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if sec != "0" || (h == 0 && m == 0) {
		b.WriteString(sec + "S")
	}
	return b.String()
}

// videoLD describes the speech's video as a schema.org VideoObject, with
// its subtitles as captions, inLanguage the language spoken and the
// transcript in that language (the original's track), whatever language
// the page is in: a transcript is of what is said.
func (s *Server) videoLD(l string, sp *forum.Speech, sv *speechVideo) ld {
	name, _ := sp.Title.In(l)
	desc := textIn(sp.Summary, l)
	if desc == "" {
		desc = plain(name)
	}
	o := ld{
		"@type":          "VideoObject",
		"name":           plain(name),
		"description":    desc,
		"duration":       isoDuration(sv.Video.Duration),
		"thumbnailUrl":   s.abs(sv.Base + "poster.jpg"),
		"contentUrl":     s.abs(sv.Base + "main.mp4"),
		"uploadDate":     sv.Video.CreatedAt.UTC().Format(time.RFC3339),
		"width":          sv.Main.Width,
		"height":         sv.Main.Height,
		"encodingFormat": "video/mp4",
	}
	if sp.OriginalLang != "" {
		o["inLanguage"] = sp.OriginalLang
	}
	var captions []ld
	for _, t := range sv.Tracks {
		captions = append(captions, ld{"@type": "MediaObject", "contentUrl": s.abs(sv.SubFile(t, "vtt")),
			"encodingFormat": "text/vtt", "inLanguage": t.Lang})
	}
	if len(captions) > 0 {
		o["caption"] = captions
	}
	if t := spokenTrack(sp, sv.Tracks); t != nil {
		// The transcript is of what is said: the track in the language
		// spoken, whatever the page's language.
		o["inLanguage"] = t.Lang
		o["transcript"] = joinCueText(t)
	}
	return o
}

// spokenTrack returns the track of what is said in the video: the one in
// the speech's original language, or, when that is not stated, the one
// written in its own language (not a translation); nil when there is none.
// A translation is not offered as the transcript.
func spokenTrack(sp *forum.Speech, tracks []*subtitle.Track) *subtitle.Track {
	for _, t := range tracks {
		if sp.OriginalLang != "" && t.Lang == sp.OriginalLang || sp.OriginalLang == "" && t.SourceLang == "" {
			return t
		}
	}
	return nil
}

// joinCueText returns the text of track t's cues as running text.
func joinCueText(t *subtitle.Track) string {
	var b strings.Builder
	for i, c := range t.Cues {
		if i > 0 && t.Lang != "zh" {
			b.WriteByte(' ')
		}
		b.WriteString(joinCueLines(c.Lines, t.Lang))
	}
	return b.String()
}
