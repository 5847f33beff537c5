package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/translate"
)

// exchangePage is a translation's exchange with files: the XLIFF for a
// desktop CAT tool and its upload, the import of an existing translation
// by alignment, and the translated document's downloads.
type exchangePage struct {
	Tr                      *translate.Translation
	CanTranslate, CanReview bool
	SourceName, TargetName  string
	Counts                  translate.Counts
	Percent                 int
	// Untranslated counts the segments not confirmed yet, which the
	// downloads of the translated document keep in the source language.
	Untranslated int
	// XLIFF and Align are the upload forms, with the values sent and the
	// error of a refused upload.
	XLIFF, Align uploadForm
	// MemoryOff says that the server has no translation memory to
	// pre-translate downloads from.
	MemoryOff bool
}

// uploadForm is an upload form as sent back: its error in the reader's
// language, and the choice of what the file's drafts become.
type uploadForm struct {
	Errors []string
	Drafts string
}

// newExchangePage reads what the exchange page shows of tr.
func (s *Server) newExchangePage(rq *officeRequest, tr *translate.Translation, canTranslate, canReview bool) (*exchangePage, error) {
	counts, err := translate.Progress(rq.Context(), s.db, tr.ID)
	if err != nil {
		return nil, err
	}
	return &exchangePage{Tr: tr, CanTranslate: canTranslate, CanReview: canReview,
		SourceName: exchangeLangName(rq, tr.SourceLang), TargetName: exchangeLangName(rq, tr.Lang),
		Counts: counts, Percent: counts.Percent(), Untranslated: counts.Total.Segments - counts.Confirmed().Segments,
		MemoryOff: s.memory == nil}, nil
}

// renderExchange writes the exchange page with status (422 for a refused
// upload).
func (s *Server) renderExchange(w http.ResponseWriter, rq *officeRequest, status int, p *exchangePage) error {
	heading, err := s.translationTitle(rq, p.Tr)
	if err != nil {
		return err
	}
	return s.officeRenderStatus(w, rq, status, "exchange", "", rq.T.T("exchange.title", heading, p.TargetName), p)
}

// workbenchExchangeShow answers GET /office/translations/{id}/exchange:
// the downloads and uploads of a translation, for whoever may read it;
// the upload forms for those who may translate it.
func (s *Server) workbenchExchangeShow(w http.ResponseWriter, rq *officeRequest) error {
	tr, canTranslate, canReview, err := s.exchangeTranslation(rq)
	if err != nil {
		return err
	}
	p, err := s.newExchangePage(rq, tr, canTranslate, canReview)
	if err != nil {
		return err
	}
	return s.renderExchange(w, rq, http.StatusOK, p)
}
