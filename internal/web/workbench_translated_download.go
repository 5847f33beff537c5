package web

import (
	"fmt"
	"net/http"

	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/translate"
)

// workbenchTranslatedDownload answers GET
// /office/translations/{id}/translated/{format}: the translated document
// as HTML, Markdown or DOCX, with the source's structure and formatting
// (a DOCX source's styles, numbering and page setup too). Segments not
// confirmed yet stay in the source language, marked as in it; the exchange
// page says how many.
func (s *Server) workbenchTranslatedDownload(w http.ResponseWriter, rq *officeRequest) error {
	tr, _, _, err := s.exchangeTranslation(rq)
	if err != nil {
		return err
	}
	format := rq.PathValue("format")
	if format != "html" && format != "md" && format != "docx" {
		return fmt.Errorf("format %q: %w", format, errkind.NotFound)
	}
	ctx := rq.Context()
	revs := revision.NewStore(s.db, s.blobs)
	td, err := translate.DocumentOf(ctx, s.db, revs, tr.ID)
	if err != nil {
		return err
	}
	d := td.Doc
	if err := s.translatedMetadata(ctx, s.db, tr, d); err != nil {
		return err
	}
	rev, err := revs.Get(ctx, tr.DocumentID, tr.Revision)
	if err != nil {
		return err
	}
	return s.sendDocument(rq, w, fmt.Sprintf("%s.%s", fileStem(tr), tr.Lang), format, d, rev)
}
