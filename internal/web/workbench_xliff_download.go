package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/translate"
)

// workbenchXLIFFDownload answers GET /office/translations/{id}/xliff
// ?version=1.2|2.1: the translation as an XLIFF file for a desktop CAT
// tool, pre-filled as OmegaT needs (translations and states, the source
// as target of the others, the memory's exact matches marked for review
// and its fuzzy matches as alternatives). What the file holds of each
// segment is kept (a blob beside the documents), so that its upload tells
// what the translator changed from what changed in tandem meanwhile.
func (s *Server) workbenchXLIFFDownload(w http.ResponseWriter, rq *officeRequest) error {
	tr, _, _, err := s.exchangeTranslation(rq)
	if err != nil {
		return err
	}
	version := rq.URL.Query().Get("version")
	switch version {
	case "":
		version = "1.2"
	case "1.2", "2.0", "2.1":
	default:
		return badRequest("XLIFF version %q", version)
	}
	ctx := rq.Context()
	var mem translate.MemoryLookup
	if s.memory != nil {
		mem = s.memory
	}
	x, rep, err := translate.ExportXLIFF(ctx, s.db, revision.NewStore(s.db, s.blobs), mem, tr, version, time.Now())
	if err != nil {
		return err
	}
	snap, err := json.Marshal(rep.Snapshot)
	if err != nil {
		return err
	}
	if _, err := s.blobs.Put(ctx, translate.SnapshotKey(translate.Original(x)), bytes.NewReader(snap)); err != nil {
		return fmt.Errorf("keep the XLIFF download of translation %d: %w", tr.ID, err)
	}
	var b bytes.Buffer
	if err := interchange.WriteXLIFF(&b, x); err != nil {
		return err
	}
	name := fmt.Sprintf("%s.%s-%s.xlf", fileStem(tr), tr.SourceLang, tr.Lang)
	if version != "1.2" {
		name = fmt.Sprintf("%s.%s-%s.xliff%s.xlf", fileStem(tr), tr.SourceLang, tr.Lang, version)
	}
	return sendFile(w, name, "application/xliff+xml", b.Bytes())
}
