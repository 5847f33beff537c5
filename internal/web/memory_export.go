package web

import (
	"bytes"
	"cmp"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/translate"
)

// memoryExport answers GET /office/memory/export: the memory as a TMX
// file, whole, of one pair (from and to) or of one collection
// (collection), for CAT tools.
func (s *Server) memoryExport(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectMemory, account.View); err != nil {
		return err
	}
	q := rq.URL.Query()
	f := translate.MemoryFilter{From: q.Get("from"), To: q.Get("to")}
	name := "memory"
	if f.From != "" || f.To != "" {
		if _, err := lang.ParseTag(f.From); err != nil {
			return badRequest("from %q", f.From)
		}
		if _, err := lang.ParseTag(f.To); err != nil {
			return badRequest("to %q", f.To)
		}
		name += "-" + f.From + "-" + f.To
	}
	if v := q.Get("collection"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return badRequest("collection %q", v)
		}
		f.CollectionID = id
		name += "-collection-" + v
	}
	var buf bytes.Buffer
	// A server started without a version is a build that has none, which
	// `tandem version` calls "(devel)"; TMX wants one in its header.
	if err := translate.ExportTMX(rq.Context(), s.db, &buf, f, cmp.Or(s.version, "(devel)")); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-tmx+xml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.tmx"`)
	_, err := w.Write(buf.Bytes())
	return err
}
