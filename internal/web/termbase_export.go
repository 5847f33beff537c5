package web

import (
	"bytes"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/translate"
)

// termbaseExport answers GET /office/forums/{id}/termbase/export: the
// forum's termbase as TBX (format=tbx), or as an OmegaT glossary from one
// language into another (format=tsv&from=zh&to=ru).
func (s *Server) termbaseExport(w http.ResponseWriter, rq *officeRequest) error {
	fo, _, err := s.termbaseForum(rq, account.View)
	if err != nil {
		return err
	}
	q := rq.URL.Query()
	var buf bytes.Buffer
	name := "termbase-" + fo.Slug
	switch q.Get("format") {
	case "tbx":
		src := lang.Worked[0]
		if len(fo.Languages) > 0 {
			src = fo.Languages[0]
		}
		if err := translate.ExportTBX(rq.Context(), s.db, &buf, fo.ID, src); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/x-tbx+xml; charset=utf-8")
		name += ".tbx"
	case "tsv":
		from, to := q.Get("from"), q.Get("to")
		if _, err := lang.ParseTag(from); err != nil {
			return badRequest("from %q", from)
		}
		if _, err := lang.ParseTag(to); err != nil {
			return badRequest("to %q", to)
		}
		if err := translate.ExportTSV(rq.Context(), s.db, &buf, fo.ID, from, to); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/tab-separated-values; charset=utf-8")
		name += "-" + from + "-" + to + ".tsv"
	default:
		return badRequest("format %q", q.Get("format"))
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, err = w.Write(buf.Bytes())
	return err
}
