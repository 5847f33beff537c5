package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// exchangeReport is the page after an upload: what the XLIFF file or the
// alignment did to the translation, in the reader's language.
type exchangeReport struct {
	Tr                     *translate.Translation
	SourceName, TargetName string
	FileName               string
	// Kind is "xliff" or "align".
	Kind  string
	XLIFF *translate.ImportReport
	Align *translate.AlignReport
	// Conflicts, Unmatched and Refused are the report's segments as the
	// page shows them.
	Conflicts []conflictView
	Unmatched []unmatchedView
	Refused   []refusedView
	Grouped   []beadView
	Unpaired  []beadView
	Warnings  []string
	Counts    []reportCount
}

// reportCount is one line of the summary: a plural message and its number.
type reportCount struct {
	Key string
	N   int
}

type conflictView struct {
	Key, Who                string
	Source, Current, File   template.HTML
	CurrentState, FileState translate.State
	ID                      int64
	// Version is the segment's as the upload found it: taking the file's
	// text is refused if it changed since.
	Version int
}

type unmatchedView struct {
	Key                 string
	Source, Target, Now template.HTML
	HasNow              bool
}

type refusedView struct {
	Key            string
	Source, Target template.HTML
	Why            string
}

type beadView struct {
	Keys             string
	Sources, Targets []string
}

// workbenchXLIFFUpload answers POST /office/translations/{id}/xliff: a
// translator uploads the XLIFF file a desktop CAT tool translated. A file
// that is no XLIFF, is empty or of another translation or language pair
// is refused with the reason on the exchange page (422) and nothing
// changes; otherwise each segment the file changes is saved as the
// workbench saves it, in one transaction with its event, and the page
// says how many were updated or unchanged, and lists the conflicts (with
// both texts), the segments that no longer match and those refused.
func (s *Server) workbenchXLIFFUpload(w http.ResponseWriter, rq *officeRequest) error {
	tr, pf, p, err := s.exchangeUpload(w, rq)
	if err != nil {
		return err
	}
	confirm := pf.values.Get("drafts") == "translated"
	if confirm {
		p.XLIFF.Drafts = "translated"
	}
	fail := func(key string, args ...any) error {
		p.XLIFF.Errors = append(p.XLIFF.Errors, rq.T.T(key, args...))
		return s.renderExchange(w, rq, http.StatusUnprocessableEntity, p)
	}
	switch {
	case !pf.Sent:
		return fail("exchange.error.nofile")
	case pf.TooLarge:
		return fail("exchange.error.toolarge", rq.T.Bytes(maxExchangeFile))
	case len(bytes.TrimSpace(pf.Data)) == 0:
		return fail("exchange.error.empty", pf.Name)
	}
	x, err := interchange.ReadXLIFF(bytes.NewReader(pf.Data), pf.Name)
	if err != nil {
		// The parser's detail is English and technical: the log gets it,
		// the page says what it means in the user's language.
		s.log.InfoContext(rq.Context(), "XLIFF upload refused", slog.String("file", pf.Name), slog.Any("err", err))
		var ie *interchange.Error
		if errors.As(err, &ie) && ie.Syntax {
			return fail("exchange.error.notxml", pf.Name, ie.Line)
		}
		return fail("exchange.error.notxliff", pf.Name)
	}
	ctx := rq.Context()
	snap, err := s.readSnapshot(ctx, translate.SnapshotKey(translate.Original(x)))
	if err != nil {
		return err
	}
	var rep translate.ImportReport
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		mem, err := s.memoryWriter(ctx, tx, tr)
		if err != nil {
			return err
		}
		rep, err = translate.ImportXLIFF(ctx, tx, mem, tr, x, translate.ImportOptions{By: rq.Account.Name, CanReview: p.CanReview,
			DraftsConfirmed: confirm, Snapshot: snap, File: pf.Name})
		if err != nil || rep.Updated == 0 {
			return err
		}
		if err := s.translationChanged(rq, tx, tr); err != nil {
			return err
		}
		type upload struct {
			File      string   `json:"file"`
			Updated   []string `json:"updated"`
			Conflicts int      `json:"conflicts,omitempty"`
			Unmatched int      `json:"unmatched,omitempty"`
		}
		return appendEvent(ctx, tx, rq.Account, "translation.xliff.upload", fmt.Sprintf("translation:%d", tr.ID), clientAddr(rq.Request),
			nil, upload{pf.Name, rep.Keys, len(rep.Conflicts), len(rep.Unmatched)})
	})
	var oe *translate.OtherFileError
	switch {
	case errors.As(err, &oe) && oe.Pair:
		return fail("exchange.error.pair", pf.Name, exchangeLangName(rq, oe.FileFrom), exchangeLangName(rq, oe.FileTo), p.SourceName, p.TargetName)
	case errors.As(err, &oe) && oe.Translation != 0:
		other := fmt.Sprintf("#%d", oe.Translation)
		if o, err := translate.Get(ctx, s.db, oe.Translation); err == nil {
			other = rq.T.T("exchange.other", o.Title, exchangeLangName(rq, o.Lang))
		}
		return fail("exchange.error.other", pf.Name, other)
	case errors.As(err, &oe):
		return fail("exchange.error.nomatch", pf.Name)
	case err != nil:
		return err
	}
	r := &exchangeReport{Tr: tr, SourceName: p.SourceName, TargetName: p.TargetName, FileName: pf.Name, Kind: "xliff", XLIFF: &rep,
		Counts: []reportCount{{"exchange.report.updated", rep.Updated}, {"exchange.report.unchanged", rep.Unchanged},
			{"exchange.report.untranslated", rep.Untranslated}, {"exchange.report.conflicts", len(rep.Conflicts)},
			{"exchange.report.unmatched", len(rep.Unmatched)}, {"exchange.report.refused", len(rep.Refused)},
			{"exchange.report.missing", rep.Missing}, {"exchange.report.lowered", rep.Lowered}}}
	for _, c := range rep.Conflicts {
		r.Conflicts = append(r.Conflicts, conflictView{Key: c.Key, ID: c.SegmentID, Who: rq.T.T("exchange.conflict.who", segmentAuthor(rq.T, translate.Segment{UpdatedBy: c.CurrentBy}), rq.T.Date(c.CurrentAt)),
			Source: contentHTML(rq.T, c.Source), Current: contentHTML(rq.T, c.Current), File: contentHTML(rq.T, c.File),
			CurrentState: c.CurrentState, FileState: c.FileState, Version: c.Version})
	}
	for _, u := range rep.Unmatched {
		r.Unmatched = append(r.Unmatched, unmatchedView{Key: u.Key, Source: contentHTML(rq.T, u.Source), Target: contentHTML(rq.T, u.Target),
			Now: contentHTML(rq.T, u.Now), HasNow: !u.Now.IsEmpty()})
	}
	r.Refused = refusedViews(rq, rep.Refused)
	for _, w := range rep.Warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	heading, err := s.translationTitle(rq, tr)
	if err != nil {
		return err
	}
	return s.officeRender(w, rq, "exchange_report", "", rq.T.T("exchange.report.title", heading, p.TargetName), r)
}

// refusedViews shows segments that could not be saved, each with why in
// the reader's language.
func refusedViews(rq *officeRequest, rs []translate.ImportRefused) []refusedView {
	var out []refusedView
	for _, x := range rs {
		why := rq.T.T("workbench.error.empty")
		switch {
		case errors.Is(x.Err, translate.ErrControl):
			why = rq.T.T("workbench.error.control")
		case errors.Is(x.Err, translate.ErrTooLong):
			why = rq.T.T("workbench.error.too_long", translate.MaxTargetChars)
		}
		var ce *translate.CodeError
		if errors.As(x.Err, &ce) {
			var parts []string
			if len(ce.Lost) > 0 {
				parts = append(parts, rq.T.T("workbench.error.codes_lost", strings.Join(ce.Lost, ", ")))
			}
			if len(ce.Invented) > 0 {
				parts = append(parts, rq.T.T("workbench.error.codes_invented", strings.Join(ce.Invented, ", ")))
			}
			if len(ce.Misordered) > 0 {
				parts = append(parts, rq.T.T("workbench.error.codes_order", strings.Join(ce.Misordered, ", ")))
			}
			why = strings.Join(parts, " ")
		}
		out = append(out, refusedView{Key: x.Key, Source: contentHTML(rq.T, x.Source), Target: contentHTML(rq.T, x.Target), Why: why})
	}
	return out
}

// readSnapshot reads what an XLIFF download held, kept under key; nil
// when key is "" or nothing is kept there.
func (s *Server) readSnapshot(ctx context.Context, key string) (translate.Snapshot, error) {
	if key == "" {
		return nil, nil
	}
	o, err := s.blobs.Open(ctx, key)
	if errors.Is(err, blob.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("XLIFF download %s: %w", key, err)
	}
	defer o.Close()
	data, err := io.ReadAll(io.LimitReader(o, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("XLIFF download %s: %w", key, err)
	}
	var snap translate.Snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return nil, fmt.Errorf("XLIFF download %s: %w", key, err)
	}
	return snap, nil
}
