package web

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/qa"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// workbenchPage is the workbench: a translation's segments, source beside
// target, with what the translator or reviewer needs around them.
type workbenchPage struct {
	Tr                      *translate.Translation
	CanTranslate, CanReview bool
	// Review is the reviewer's mode: approve or return segments.
	Review bool
	Rows   []workbenchRow
	// Returned are the segments a reviewer returned, shown first to
	// their translators.
	Returned []workbenchRow
	States   []stateCount
	Counts   translate.Counts
	Percent  int
	// Others are the translations of the same document into other
	// languages, with their progress.
	Others []otherTranslation
	// Filters: State is "", "open", "returned" or a state; Check is "",
	// "any" or a QA check's name.
	State, Check string
	Checks       []checkCount
	Shown, Total int
	// MemoryOff and TermsOff say that the server has no translation
	// memory or termbases set up.
	MemoryOff, TermsOff bool
	// SourceName and TargetName name the languages in the reader's.
	SourceName, TargetName string
	// Replaces warns, on a translation of subtitles, that once reviewed
	// it replaces the subtitles the speech has in its language, and
	// which they are; "" when there are none or they are its own.
	Replaces string
}

// workbenchRow is one segment on the page.
type workbenchRow struct {
	ID         int64
	N          int
	Key        string
	Kind       string
	BlockStart bool
	// Context names what a block of the site's texts is ("Biography ·
	// Pyotr Ivanov"), or a cue of subtitles by its time ("00:01:02.300 →
	// 00:01:05.000"), shown in place of its kind.
	Context        string
	Source, Target template.HTML
	State          translate.State
	Who            string
	Version        int
	Returned       bool
	Comment        string
	// ReturnedBy names the reviewer who returned a returned segment
	// (the segment's Who stays its translator).
	ReturnedBy         string
	Previous, PrevSrc  template.HTML
	HasPrevious        bool
	Findings           []findingView
	Open, Confirmed    bool
	SourceLang, TgtLng string
}

type stateCount struct {
	State           translate.State
	Segments, Chars int
}

type checkCount struct {
	Check, Label string
	N            int
}

type otherTranslation struct {
	ID         int64
	Lang, Name string
	Percent    int
}

// workbenchShow answers GET /office/translations/{id}: the workbench. It
// reads without JavaScript (segments, states, findings, filters, progress);
// editing is the work of static/workbench.js through the JSON endpoints.
func (s *Server) workbenchShow(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	tr, err := translate.Get(ctx, s.db, id)
	if err != nil {
		return err
	}
	canTranslate, canReview, err := s.translationAccess(rq, tr)
	if err != nil {
		return err
	}
	forumID, _, err := s.translationOwner(ctx, tr)
	if err != nil {
		return err
	}
	segs, err := translate.Segments(ctx, s.db, tr.ID)
	if err != nil {
		return err
	}
	checker, _, err := s.checker(ctx, tr, forumID)
	if err != nil {
		return err
	}
	q := rq.URL.Query()
	p := &workbenchPage{Tr: tr, CanTranslate: canTranslate, CanReview: canReview,
		Review: canReview && (q.Get("mode") == "review" || !canTranslate),
		State:  q.Get("state"), Check: q.Get("qa"), Total: len(segs),
		MemoryOff: s.memory == nil, TermsOff: s.terms == nil,
		SourceName: rq.T.T("lang.name." + lang.Base(tr.SourceLang)), TargetName: rq.T.T("lang.name." + lang.Base(tr.Lang))}
	if p.State != "" && p.State != "open" && p.State != "returned" && !translate.State(p.State).Valid() {
		p.State = ""
	}
	if p.Check != "" && p.Check != "any" && !slices.Contains(qaChecks, p.Check) {
		p.Check = ""
	}
	p.Counts = translate.CountSegments(segs)
	p.Percent = p.Counts.Percent()
	for _, st := range translate.States {
		c := p.Counts.ByState[st]
		p.States = append(p.States, stateCount{State: st, Segments: c.Segments, Chars: c.Chars})
	}
	var labels map[string]string
	switch tr.OwnerKind {
	case sitetext.OwnerKind:
		if labels, err = s.siteLabels(rq, tr.OwnerID); err != nil {
			return err
		}
	case subtrans.OwnerKind:
		if labels, err = s.subtitleTimings(rq, tr); err != nil {
			return err
		}
		if p.Replaces, err = s.subtitleReplaces(rq, tr); err != nil {
			return err
		}
	}
	namedTranslator := false
	if tr.OwnerKind == ownerContribution {
		c, err := works.GetContribution(ctx, s.db, tr.OwnerID)
		if err != nil {
			return err
		}
		namedTranslator = c.IsStaff(rq.Account.ID, tr.Lang, works.RoleTranslator)
	}
	var returners map[int64]string
	if slices.ContainsFunc(segs, func(seg translate.Segment) bool { return seg.Returned }) {
		if returners, err = segmentReturners(ctx, s.db, tr.ID); err != nil {
			return err
		}
	}
	checks := map[string]int{}
	prevBlock := ""
	cues := cueFindings(tr, segs)
	for i, seg := range segs {
		fs := segmentFindings(checker, seg)
		if f, ok := cues[seg.BlockID]; ok && !seg.Target.IsEmpty() && seg.State != translate.New {
			fs = append(fs, f)
		}
		seen := map[string]bool{}
		for _, f := range fs {
			if !seen[f.Check] {
				seen[f.Check] = true
				checks[f.Check]++
			}
		}
		row := workbenchRow{ID: seg.ID, N: i + 1, Key: seg.Key, Kind: seg.BlockKind, BlockStart: seg.BlockID != prevBlock,
			Source: contentHTML(rq.T, seg.Source), Target: contentHTML(rq.T, seg.Target), State: seg.State,
			Who: whoWhen(rq.T, seg), Version: seg.Version, Returned: seg.Returned, Comment: seg.Comment, ReturnedBy: returners[seg.ID],
			Previous: contentHTML(rq.T, seg.Previous), PrevSrc: contentHTML(rq.T, seg.PreviousSource),
			HasPrevious: seg.State == translate.NeedsReview && !seg.PreviousSource.IsEmpty(),
			Findings:    findingViews(rq.T, fs), Open: seg.State.Open(), Confirmed: seg.State.Confirmed(),
			SourceLang: tr.SourceLang, TgtLng: tr.Lang}
		if row.BlockStart {
			row.Context = labels[sitetext.TextOf(seg.BlockID)]
		}
		prevBlock = seg.BlockID
		if seg.Returned && (seg.UpdatedBy == rq.Account.Name || namedTranslator) {
			// Returned to the reader: their text, or a translation
			// they are the named translator of.
			p.Returned = append(p.Returned, row)
		}
		if !p.shows(seg, fs) {
			continue
		}
		p.Rows = append(p.Rows, row)
	}
	p.Shown = len(p.Rows)
	for _, c := range qaChecks {
		if checks[c] > 0 {
			p.Checks = append(p.Checks, checkCount{Check: c, Label: rq.T.T("workbench.qa." + checkKey(c)), N: checks[c]})
		}
	}
	if p.Others, err = s.otherTranslations(rq, tr); err != nil {
		return err
	}
	heading, err := s.translationTitle(rq, tr)
	if err != nil {
		return err
	}
	title := rq.T.T("workbench.title", heading, p.TargetName)
	return s.officeRender(w, rq, "workbench", "", title, p)
}

// shows reports whether the page's filters let seg, with findings fs,
// through.
func (p *workbenchPage) shows(seg translate.Segment, fs []qa.Finding) bool {
	switch p.State {
	case "":
	case "open":
		if !seg.State.Open() {
			return false
		}
	case "returned":
		if !seg.Returned {
			return false
		}
	default:
		if string(seg.State) != p.State {
			return false
		}
	}
	switch p.Check {
	case "":
		return true
	case "any":
		return len(fs) > 0
	}
	for _, f := range fs {
		if f.Check == p.Check {
			return true
		}
	}
	return false
}

// otherTranslations lists the translations of tr's document into the
// other languages, with their progress, for the page's header.
func (s *Server) otherTranslations(rq *officeRequest, tr *translate.Translation) ([]otherTranslation, error) {
	ctx := rq.Context()
	rows, err := s.db.Query(ctx, `SELECT t.id, t.lang, s.state, COUNT(*), COALESCE(SUM(s.chars), 0)
		FROM translations t JOIN translation_segments s ON s.translation_id = t.id AND s.archived_at IS NULL
		WHERE t.document_id = ? AND t.id <> ? GROUP BY t.id, t.lang, s.state ORDER BY t.lang`, tr.DocumentID, tr.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[int64]*translate.Counts{}
	var out []otherTranslation
	for rows.Next() {
		var o otherTranslation
		var st string
		var n translate.Count
		if err := rows.Scan(&o.ID, &o.Lang, &st, &n.Segments, &n.Chars); err != nil {
			return nil, err
		}
		c, ok := counts[o.ID]
		if !ok {
			c = &translate.Counts{ByState: map[translate.State]translate.Count{}}
			counts[o.ID] = c
			out = append(out, o)
		}
		c.ByState[translate.State(st)] = n
		c.Total.Segments += n.Segments
		c.Total.Chars += n.Chars
	}
	for i := range out {
		out[i].Percent = counts[out[i].ID].Percent()
		out[i].Name = rq.T.T("lang.name." + lang.Base(out[i].Lang))
	}
	return out, rows.Err()
}

// checkKey is a QA check's name as a message key.
func checkKey(check string) string {
	b := []byte(check)
	for i, c := range b {
		if c == '-' {
			b[i] = '_'
		}
	}
	return string(b)
}
