package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/tm"
	"github.com/tandemforum/tandem/internal/translate"
)

// suggestion is a translation memory match as the workbench shows it.
type suggestion struct {
	Score int `json:"score"`
	// Source is the match's source with the words the segment's source
	// does not have marked.
	Source     []diffPart `json:"source"`
	Target     []wireRun  `json:"target"`
	TargetHTML string     `json:"targetHTML"`
	Origin     string     `json:"origin,omitempty"`
	Exact      bool       `json:"exact,omitempty"`
	// Label says where a suggestion that is not a memory match comes
	// from: the segment's translation before its source changed, or an
	// uploaded file.
	Label string `json:"label,omitempty"`
	// Kind is "offer" for an uploaded file's text that conflicted with a
	// newer one (not in the memory, and no match: the workbench shows it
	// apart, without a score), "previous" for the translation before the
	// source changed, "" for a memory match.
	Kind string `json:"kind,omitempty"`
}

// termHitView is a termbase hit as the workbench shows it.
type termHitView struct {
	Source  string   `json:"source"`
	Targets []string `json:"targets"`
	Note    string   `json:"note,omitempty"`
}

// suggestAnswer is what GET …/suggestions answers.
type suggestAnswer struct {
	Memory    []suggestion  `json:"memory"`
	Terms     []termHitView `json:"terms"`
	MemoryOff bool          `json:"memoryOff,omitempty"`
	TermsOff  bool          `json:"termsOff,omitempty"`
}

// workbenchSuggest answers GET /office/translations/{id}/segments/{seg}/suggestions:
// the translation memory's matches for the segment, best first, with their
// differences from its source marked and their codes made the segment's,
// and the termbase's terms found in its source.
func (s *Server) workbenchSuggest(w http.ResponseWriter, rq *officeRequest) error {
	tr, seg, err := s.workbenchSegment(rq)
	if err != nil {
		return s.workbenchFail(w, rq, err)
	}
	if _, _, err := s.translationAccess(rq, tr); err != nil {
		return s.workbenchFail(w, rq, err)
	}
	ctx := rq.Context()
	ans := suggestAnswer{Memory: []suggestion{}, Terms: []termHitView{}, MemoryOff: s.memory == nil, TermsOff: s.terms == nil}
	offer, ok, err := translate.GetOffer(ctx, s.db, seg.ID)
	if err != nil {
		return s.workbenchFail(w, rq, err)
	}
	if ok {
		ans.Memory = append(ans.Memory, offerSuggestion(rq, seg, offer))
	}
	if seg.State == translate.NeedsReview && !seg.Previous.IsEmpty() {
		ans.Memory = append(ans.Memory, previousSuggestion(rq, tr.SourceLang, seg))
	}
	if s.memory != nil {
		matches, err := s.memory.Lookup(ctx, tr.SourceLang, tr.Lang, seg.Source, seg.BlockID)
		if err != nil {
			return s.workbenchFail(w, rq, err)
		}
		seen := map[string]bool{}
		for _, m := range matches {
			// The same translation of the same text, from several
			// documents, is one suggestion: the best-scored.
			if k := m.Source + "\x00" + m.Target; seen[k] {
				continue
			} else {
				seen[k] = true
			}
			tgt := fitCodes(seg.Source, matchTarget(m))
			ans.Memory = append(ans.Memory, suggestion{Score: min(m.Score, 100), Source: markDiff(seg.Source.Plain(), m.Source),
				Target: toWire(tgt), TargetHTML: string(contentHTML(rq.T, tgt)), Origin: m.Origin, Exact: m.Exact})
		}
	}
	if s.terms != nil {
		forumID, _, err := s.translationOwner(ctx, tr)
		if err != nil {
			return s.workbenchFail(w, rq, err)
		}
		if forumID != 0 {
			tb, err := s.terms.Termbase(ctx, forumID)
			if err != nil {
				return s.workbenchFail(w, rq, err)
			}
			for _, h := range termsOnce(s.terms.Hits(tb, tr.SourceLang, tr.Lang, seg.Source.Plain())) {
				ans.Terms = append(ans.Terms, termHitView{Source: h.Source, Targets: h.Targets, Note: h.Note})
			}
		}
	}
	return writeJSON(w, http.StatusOK, ans)
}

// previousSuggestion offers a segment whose source changed its translation
// of the source before, scored against the new source as the memory
// scores its matches (0 when under the memory's threshold), with the
// changed words marked.
func previousSuggestion(rq *officeRequest, from string, seg translate.Segment) suggestion {
	mem := tm.New(from, "")
	mem.Add(tm.Unit{Source: seg.PreviousSource.Plain(), Target: seg.Previous.Plain()})
	score := 0
	if ms := mem.Lookup(seg.Source.Plain(), ""); len(ms) > 0 {
		score = min(ms[0].Score, 100)
	}
	tgt := fitCodes(seg.Source, seg.Previous)
	return suggestion{Score: score, Source: markDiff(seg.Source.Plain(), seg.PreviousSource.Plain()), Target: toWire(tgt),
		TargetHTML: string(contentHTML(rq.T, tgt)), Label: rq.T.T("workbench.suggest.previous"), Kind: "previous"}
}

// offerSuggestion offers the text an uploaded XLIFF file gave a segment
// that had changed in tandem too, labelled as that (not a memory match,
// not in the memory) with the file, who uploaded it and when. Its source
// is the segment's own; it has no score.
func offerSuggestion(rq *officeRequest, seg translate.Segment, o translate.Offer) suggestion {
	at := o.At.UTC()
	tgt := fitCodes(seg.Source, o.Target)
	return suggestion{Source: markDiff(seg.Source.Plain(), seg.Source.Plain()), Target: toWire(tgt),
		TargetHTML: string(contentHTML(rq.T, tgt)), Kind: "offer",
		Label: rq.T.T("workbench.suggest.offered", o.File, o.By, rq.T.DateShort(at)+" "+at.Format("15:04")+" UTC")}
}

// matchTarget is a match's translation with its codes when the memory has
// them.
func matchTarget(m tm.Match) interchange.Content {
	if m.TargetSeg != nil {
		return m.TargetSeg
	}
	return interchange.PlainText(m.Target)
}

// fitCodes gives a memory match's translation the codes of the segment's
// source: codes the source has are kept where the match has them, others
// dropped; the source's codes the match lacks are added, a span's start at
// the beginning and its end and standalone codes at the end, so that the
// suggestion can be confirmed once the translator has moved them to their
// places.
func fitCodes(src, tgt interchange.Content) interchange.Content {
	type key struct {
		kind interchange.RunKind
		id   string
	}
	have := map[key]bool{}
	for _, r := range src.Codes() {
		have[key{r.Kind, r.ID}] = true
	}
	used := map[key]bool{}
	var body interchange.Content
	for _, r := range tgt {
		if r.Kind == interchange.Text {
			body = append(body, interchange.Run{Kind: interchange.Text, Text: r.Text})
			continue
		}
		k := key{r.Kind, r.ID}
		if have[k] && !used[k] && (r.Kind != interchange.Close || used[key{interchange.Open, r.ID}] || !have[key{interchange.Open, r.ID}]) {
			used[k] = true
			body = append(body, interchange.Run{Kind: r.Kind, ID: r.ID})
		}
	}
	var head, tail interchange.Content
	for _, r := range src.Codes() {
		k := key{r.Kind, r.ID}
		if used[k] {
			continue
		}
		if r.Kind == interchange.Open {
			head = append(head, interchange.Run{Kind: r.Kind, ID: r.ID})
		} else {
			tail = append(tail, interchange.Run{Kind: r.Kind, ID: r.ID})
		}
	}
	out := append(append(head, body...), tail...)
	// The chips need the source's codes' kinds for their tooltips.
	byID := map[key]interchange.Run{}
	for _, r := range src.Codes() {
		byID[key{r.Kind, r.ID}] = r
	}
	for i, r := range out {
		if r.Kind != interchange.Text {
			out[i] = byID[key{r.Kind, r.ID}]
		}
	}
	return out
}

// termsOnce keeps the first hit of each termbase entry, so that a term
// used twice in a segment is listed (and given a shortcut) once. Hits
// without an entry id are told apart by their source and translations.
func termsOnce(hits []translate.TermHit) []translate.TermHit {
	seen := map[string]bool{}
	var out []translate.TermHit
	for _, h := range hits {
		k := "e" + strconv.FormatInt(h.EntryID, 10)
		if h.EntryID == 0 {
			k = strings.ToLower(h.Source) + "\x00" + strings.Join(h.Targets, "\x00")
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, h)
	}
	return out
}
