package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/edition"
)

// The office's metadata exports of editions: the ONIX 3.0 message and the
// Crossref deposit of one edition (with its collection's other editions),
// or of every released edition of a collection, as downloads dated now.
// Those who may see a collection's editions may download them; the public
// site never offers them. Before its release nothing of an edition leaves
// tandem: an edition not released yet, or one that lacks what the format
// needs (an ISBN, a release date, a DOI prefix), is refused on its page,
// which says why in the reader's language, and a collection's export
// leaves out its editions not released yet.

// exportFormats are the exports, by the last segment of their address.
var exportFormats = []string{"onix", "crossref"}

// editionExport answers GET /office/editions/{id}/onix and
// /office/editions/{id}/crossref.
func (s *Server) editionExport(format string) func(w http.ResponseWriter, rq *officeRequest) error {
	return func(w http.ResponseWriter, rq *officeRequest) error {
		es, err := s.editionFor(rq, account.View)
		if err != nil {
			return err
		}
		data, err := s.export(rq, format, es.E.CollectionID, es.E.ID)
		if msg, ok := exportRefusal(rq, err); ok {
			return s.renderEdition(w, rq, http.StatusUnprocessableEntity, msg)
		}
		if err != nil {
			return err
		}
		return serveExport(w, edition.ExportName(es.E.Slug, es.E.CollectionID, format), data)
	}
}

// collectionExport answers GET /office/collections/{id}/editions/onix and
// /office/collections/{id}/editions/crossref: the export of every edition
// of the collection that has what the format needs.
func (s *Server) collectionExport(format string) func(w http.ResponseWriter, rq *officeRequest) error {
	return func(w http.ResponseWriter, rq *officeRequest) error {
		id, err := idParam(rq)
		if err != nil {
			return err
		}
		ctx := rq.Context()
		sc, err := s.collectionScope(ctx, id)
		if err != nil {
			return err
		}
		if err := rq.must(account.SubjectEdition, account.View, sc.Hosts...); err != nil {
			return err
		}
		data, err := s.export(rq, format, id, 0)
		if msg, ok := exportRefusal(rq, err); ok {
			return s.renderEditions(w, rq, http.StatusUnprocessableEntity, msg)
		}
		if err != nil {
			return err
		}
		return serveExport(w, edition.ExportName("", id, format), data)
	}
}

// export makes the export of edition id (0: of every edition) of
// collection, dated now.
func (s *Server) export(rq *officeRequest, format string, collection, id int64) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "onix":
		err = s.press.ONIX(rq.Context(), &buf, s.catalog, collection, id, s.clock())
	case "crossref":
		err = s.press.Crossref(rq.Context(), &buf, s.catalog, collection, id, edition.Depositor{}, s.clock())
	default:
		return nil, fmt.Errorf("export format %q", format)
	}
	return buf.Bytes(), err
}

// exportRefusal says in the reader's language why an export was refused,
// when err has a catalog message (an edition's *edition.ExportError, an
// *onix.Problem, a *crossref.Problem, an ISBN's *isbn.Error).
func exportRefusal(rq *officeRequest, err error) (string, bool) {
	var m interface{ MessageKey() (string, []any) }
	if err == nil || !errors.As(err, &m) {
		return "", false
	}
	key, args := m.MessageKey()
	return rq.T.T("edition.office.export_refused", rq.T.T(key, args...)), true
}

func serveExport(w http.ResponseWriter, name string, data []byte) error {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(data)
	return err
}
