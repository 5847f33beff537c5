package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// workbenchAlignUpload answers POST /office/translations/{id}/align: a
// translator uploads an existing translation (DOCX, Markdown or plain
// text); tandem cuts it into sentences, aligns them with the source's
// segments and fills the segments without translation with the aligned
// text as drafts to review, never touching a translation. An empty file,
// one that is not text, or one in another language than the translation's
// is refused with the reason (422), nothing changed. The page after says
// how many segments were filled and lists the links that were not one
// segment to its sentences: merged segments, and what found no partner.
func (s *Server) workbenchAlignUpload(w http.ResponseWriter, rq *officeRequest) error {
	tr, pf, p, err := s.exchangeUpload(w, rq)
	if err != nil {
		return err
	}
	fail := func(key string, args ...any) error {
		p.Align.Errors = append(p.Align.Errors, rq.T.T(key, args...))
		return s.renderExchange(w, rq, http.StatusUnprocessableEntity, p)
	}
	switch {
	case !pf.Sent:
		return fail("exchange.error.nofile")
	case pf.TooLarge:
		return fail("exchange.error.toolarge", rq.T.Bytes(maxExchangeFile))
	}
	paras, err := translate.ParagraphReader{DOCX: readDOCX}.Read(pf.Name, pf.Data, tr.Lang)
	var le *translate.LanguageError
	switch {
	case errors.Is(err, translate.ErrEmptyFile):
		return fail("exchange.error.empty", pf.Name)
	case errors.Is(err, translate.ErrNotTextFile):
		return fail("exchange.error.nottext", pf.Name)
	case errors.As(err, &le):
		return fail("exchange.error.language", pf.Name, exchangeLangName(rq, le.Found), p.TargetName)
	case err != nil:
		return err
	}
	ctx := rq.Context()
	var rep translate.AlignReport
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		rep, err = translate.AlignImport(ctx, tx, tr, paras, rq.Account.Name)
		if err != nil || rep.Filled == 0 {
			return err
		}
		type aligned struct {
			File   string   `json:"file"`
			Filled []string `json:"filled"`
		}
		return appendEvent(ctx, tx, rq.Account, "translation.align.import", fmt.Sprintf("translation:%d", tr.ID), clientAddr(rq.Request),
			nil, aligned{pf.Name, rep.Keys})
	})
	if err != nil {
		return err
	}
	r := &exchangeReport{Tr: tr, SourceName: p.SourceName, TargetName: p.TargetName, FileName: pf.Name, Kind: "align", Align: &rep,
		Counts: []reportCount{{"exchange.align.sentences", rep.Sentences}, {"exchange.align.filled", rep.Filled},
			{"exchange.align.kept", rep.Kept}, {"exchange.align.split", rep.Split}, {"exchange.align.grouped", len(rep.Grouped)},
			{"exchange.align.unpaired_source", len(rep.UnpairedSource)}, {"exchange.align.unpaired_target", len(rep.UnpairedTarget)},
			{"exchange.report.refused", len(rep.Refused)}}}
	for _, b := range rep.Grouped {
		r.Grouped = append(r.Grouped, beadView{Keys: strings.Join(b.Keys, ", "), Sources: b.Sources, Targets: b.Targets})
	}
	for _, b := range rep.UnpairedSource {
		r.Unpaired = append(r.Unpaired, beadView{Keys: strings.Join(b.Keys, ", "), Sources: b.Sources})
	}
	for _, t := range rep.UnpairedTarget {
		r.Unpaired = append(r.Unpaired, beadView{Targets: []string{t}})
	}
	r.Refused = refusedViews(rq, rep.Refused)
	heading, err := s.translationTitle(rq, tr)
	if err != nil {
		return err
	}
	return s.officeRender(w, rq, "exchange_report", "", rq.T.T("exchange.align.title", heading, p.TargetName), r)
}

// readDOCX reads an uploaded DOCX package as the manuscripts' importer
// does, with its limits against hostile packages.
func readDOCX(data []byte) (*doc.Document, error) {
	return docx.Read(bytes.NewReader(data), int64(len(data)), docx.Limits{})
}
