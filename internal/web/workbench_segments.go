package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/qa"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/translate"
)

// What the workbench's page and its JSON endpoints share: segments as the
// page shows them, inline codes as numbered chips, QA findings in the
// reader's language.

// qaChecks are the QA checks the workbench names (qa.Finding.Check), in the
// order its filter offers them.
var qaChecks = []string{"numbers", "tags", "terminology", "untranslated", "sentences", "end-punctuation",
	"punctuation-width", "quotes", "spaces", "addresses", "length", "subtitle-lines"}

// codeTypes are the kinds of inline code whose names the workbench shows
// on a chip's tooltip; others show their own name.
var codeTypes = []string{"bold", "italic", "underlined", "link", "lb", "image", "footnote", "math", "anchor", "field", "code", "number"}

// wireRun is one run of a segment's text as the workbench's script sends
// and receives it: text (T), or a code (C: open, close, ph) with its number.
type wireRun struct {
	T  string `json:"t,omitempty"`
	C  string `json:"c,omitempty"`
	ID string `json:"id,omitempty"`
}

var wireKinds = map[interchange.RunKind]string{interchange.Open: "open", interchange.Close: "close", interchange.Standalone: "ph"}

func toWire(c interchange.Content) []wireRun {
	out := make([]wireRun, 0, len(c))
	for _, r := range c {
		if r.Kind == interchange.Text {
			out = append(out, wireRun{T: r.Text})
			continue
		}
		out = append(out, wireRun{C: wireKinds[r.Kind], ID: r.ID})
	}
	return out
}

// fromWire reads runs sent by the script. Codes carry only their kind and
// number; translate.CheckCodes gives them the source's meaning.
func fromWire(rs []wireRun) (interchange.Content, error) {
	var c interchange.Content
	for _, r := range rs {
		if r.C == "" {
			if r.T != "" {
				c = append(c, interchange.Run{Kind: interchange.Text, Text: r.T})
			}
			continue
		}
		k := interchange.RunKind(-1)
		for kind, name := range wireKinds {
			if name == r.C {
				k = kind
			}
		}
		if k < 0 || r.ID == "" {
			return nil, badRequest("run of kind %q", r.C)
		}
		c = append(c, interchange.Run{Kind: k, ID: r.ID})
	}
	return c, nil
}

// codeChip returns the chip that stands for an inline code: its number, a
// bracket on the side of a span's start or end, its kind in the tooltip.
func codeChip(t *i18n.Printer, r interchange.Run) string {
	label := map[interchange.RunKind]string{interchange.Open: "⟨" + r.ID, interchange.Close: r.ID + "⟩", interchange.Standalone: "⟨" + r.ID + "⟩"}[r.Kind]
	kind := r.Type
	for _, k := range codeTypes {
		if k == r.Type {
			kind = t.T("workbench.code." + k)
		}
	}
	return `<span class="code" contenteditable="false" data-c="` + wireKinds[r.Kind] + `" data-id="` + template.HTMLEscapeString(r.ID) +
		`" title="` + template.HTMLEscapeString(kind) + `">` + template.HTMLEscapeString(label) + `</span>`
}

// contentHTML shows a segment's text with its codes as chips.
func contentHTML(t *i18n.Printer, c interchange.Content) template.HTML {
	var b strings.Builder
	for _, r := range c {
		if r.Kind == interchange.Text {
			b.WriteString(template.HTMLEscapeString(r.Text))
			continue
		}
		b.WriteString(codeChip(t, r))
	}
	return template.HTML(b.String())
}

// findingView is a QA finding as the workbench shows it.
type findingView struct {
	Check, Label string
	Error        bool
	// Detail is the check's message in the reader's language.
	Detail string
}

func findingViews(t *i18n.Printer, fs []qa.Finding) []findingView {
	out := make([]findingView, 0, len(fs))
	for _, f := range fs {
		label := f.Check
		if ok, _ := t.Has("workbench.qa." + strings.ReplaceAll(f.Check, "-", "_")); ok {
			label = t.T("workbench.qa." + strings.ReplaceAll(f.Check, "-", "_"))
		}
		out = append(out, findingView{Check: f.Check, Label: label, Error: f.Severity == qa.Error, Detail: f.Text(t)})
	}
	return out
}

// cueFindings returns, by cue block, the warning of a subtitles
// translation's cue whose text does not fit two subtitle lines of its
// language once re-broken (subtrans.Overlongs), for every segment of the
// cue; nil for a translation of anything but subtitles.
func cueFindings(tr *translate.Translation, segs []translate.Segment) map[string]qa.Finding {
	if tr.OwnerKind != subtrans.OwnerKind {
		return nil
	}
	out := map[string]qa.Finding{}
	for block, o := range subtrans.Overlongs(segs, tr.Lang) {
		longest := slices.Max(o.Widths)
		key, unit := "workbench.cue_lines", "characters"
		if lang.Base(tr.Lang) == "zh" {
			key, unit = "workbench.cue_lines.zh", "full-width characters"
		}
		out[block] = qa.Finding{Check: "subtitle-lines", Severity: qa.Warning, Key: key, Args: []any{longest, o.Limit},
			Message: fmt.Sprintf("as subtitles, this cue's translation makes lines of up to %d %s; subtitles read well with two lines of up to %d: shorten the translation", longest, unit, o.Limit)}
	}
	return out
}

// segmentFindings runs the QA checks on a segment with a translation.
func segmentFindings(c *qa.Checker, s translate.Segment) []qa.Finding {
	if c == nil || s.State == translate.New || s.Target.IsEmpty() {
		return nil
	}
	return c.Segment(s.Source, s.Target)
}

// checker returns the QA checker of a translation's language pair, with the
// termbase of its forum when there is one.
func (s *Server) checker(ctx context.Context, tr *translate.Translation, forumID int64) (*qa.Checker, *interchange.Termbase, error) {
	var tb *interchange.Termbase
	if s.terms != nil && forumID != 0 {
		var err error
		if tb, err = s.terms.Termbase(ctx, forumID); err != nil {
			return nil, nil, fmt.Errorf("termbase of forum %d: %w", forumID, err)
		}
	}
	c, err := qa.NewChecker(tr.SourceLang, tr.Lang, tb)
	if err != nil {
		return nil, nil, fmt.Errorf("QA of translation %d: %w", tr.ID, err)
	}
	return c, tb, nil
}

// segmentJSON is a segment as the JSON endpoints return it.
type segmentJSON struct {
	ID         int64         `json:"id"`
	Version    int           `json:"version"`
	State      string        `json:"state"`
	StateLabel string        `json:"stateLabel"`
	Target     []wireRun     `json:"target"`
	TargetHTML string        `json:"targetHTML"`
	Who        string        `json:"who"`
	Returned   bool          `json:"returned"`
	Comment    string        `json:"comment,omitempty"`
	Findings   []findingView `json:"findings"`
}

func newSegmentJSON(t *i18n.Printer, seg translate.Segment, fs []qa.Finding) segmentJSON {
	return segmentJSON{ID: seg.ID, Version: seg.Version, State: string(seg.State), StateLabel: t.T("workbench.state." + string(seg.State)),
		Target: toWire(seg.Target), TargetHTML: string(contentHTML(t, seg.Target)), Who: whoWhen(t, seg),
		Returned: seg.Returned, Comment: seg.Comment, Findings: findingViews(t, fs)}
}

// whoWhen says who last changed a segment and when, or nothing for one
// nobody has touched; a segment filled from its site text says so, with
// the time that text was last changed.
func whoWhen(t *i18n.Printer, seg translate.Segment) string {
	if seg.UpdatedBy == "" {
		return ""
	}
	at := seg.UpdatedAt.UTC()
	when := t.DateShort(at) + " " + at.Format("15:04") + " UTC"
	if seg.UpdatedBy == translate.FromSiteText {
		return t.T("workbench.who.sitetext", when)
	}
	return t.T("workbench.who", seg.UpdatedBy, when)
}

// segmentAuthor names who last changed a segment, in a sentence.
func segmentAuthor(t *i18n.Printer, seg translate.Segment) string {
	if seg.UpdatedBy == translate.FromSiteText {
		return t.T("workbench.by.sitetext")
	}
	return seg.UpdatedBy
}

// writeJSON answers a JSON endpoint.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, err = w.Write(b)
	return err
}

// words cuts text into the units the suggestions' differences are marked
// in: words and the spaces and marks between them, or single characters of
// Chinese, which has no spaces.
func words(s string) []string {
	var out []string
	var cur strings.Builder
	kind := -1 // 0 letters or digits, 1 space, 2 other
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		k := 2
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out = append(out, string(r))
			kind = -1
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			k = 0
		case unicode.IsSpace(r):
			k = 1
		}
		if k != kind || k == 2 {
			flush()
		}
		kind = k
		cur.WriteRune(r)
	}
	flush()
	return out
}

// diffPart is a piece of a memory match's source: the same as in the
// segment's source, or not.
type diffPart struct {
	Text string `json:"text"`
	// Diff marks words of the match the segment does not have (to
	// change or delete); Missing words of the segment the match lacks,
	// shown where they would stand (to insert).
	Diff    bool `json:"diff,omitempty"`
	Missing bool `json:"missing,omitempty"`
}

// markDiff returns match cut into pieces that src has too, pieces it does
// not (Diff), and, between them, the pieces of src that match lacks
// (Missing), by a longest common subsequence of words, so that a
// translator sees at a glance what to change in a fuzzy match, words to
// add included.
func markDiff(src, match string) []diffPart {
	a, b := words(src), words(match)
	if len(a)*len(b) > 250000 {
		return []diffPart{{Text: match, Diff: src != match}}
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffPart
	add := func(text string, diff, missing bool) {
		if n := len(out); n > 0 && out[n-1].Diff == diff && out[n-1].Missing == missing {
			out[n-1].Text += text
			return
		}
		out = append(out, diffPart{Text: text, Diff: diff, Missing: missing})
	}
	// missing adds a word of src the match lacks; white space alone only
	// between two such words.
	missing := func(w string) {
		if strings.TrimSpace(w) != "" || len(out) > 0 && out[len(out)-1].Missing {
			add(w, false, true)
		}
	}
	i, j := 0, 0
	for j < len(b) {
		switch {
		case i < len(a) && a[i] == b[j]:
			add(b[j], false, false)
			i++
			j++
		case i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			missing(a[i])
			i++
		default:
			// White space alone is not a difference worth marking.
			add(b[j], strings.TrimSpace(b[j]) != "", false)
			j++
		}
	}
	for ; i < len(a); i++ {
		missing(a[i])
	}
	// A missing piece keeps no white space at its end: the match's own
	// follows it.
	for k := range out {
		if out[k].Missing {
			out[k].Text = strings.TrimRightFunc(out[k].Text, unicode.IsSpace)
		}
	}
	return slices.DeleteFunc(out, func(p diffPart) bool { return p.Text == "" })
}

// segmentReturners names, for each segment of translation trID a reviewer
// returned, who returned it last, from the event log's
// translation.segment.return events: the segment itself stays credited to
// its translator.
func segmentReturners(ctx context.Context, q store.Querier, trID int64) (map[int64]string, error) {
	evs, err := eventlog.List(ctx, q, eventlog.Filter{Subject: fmt.Sprintf("translation:%d", trID)})
	if err != nil {
		return nil, err
	}
	by := map[int64]string{}
	for _, e := range evs { // newest first
		if e.Action != "translation.segment.return" {
			continue
		}
		var after struct {
			Segment int64 `json:"segment"`
		}
		if json.Unmarshal(e.After, &after) != nil || after.Segment == 0 {
			continue
		}
		if _, ok := by[after.Segment]; !ok {
			by[after.Segment] = e.ActorName
		}
	}
	return by, nil
}
