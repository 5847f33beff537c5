package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
)

// manuscriptDownload answers GET
// /office/contributions/{id}/manuscript/revisions/{n}/{format}: revision
// n of the manuscript as DOCX (written over the uploaded Word file the
// revision comes from, so an editor's correction is in the author's own
// document) or as Markdown, for anyone who may see the manuscript page.
// An author continues from the latest revision with it.
func (s *Server) manuscriptDownload(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	format := rq.PathValue("format")
	if format != "md" && format != "docx" {
		return fmt.Errorf("format %q: %w", format, errkind.NotFound)
	}
	n, err := strconv.Atoi(rq.PathValue("n"))
	if err != nil || n < 1 {
		return fmt.Errorf("revision %q: %w", rq.PathValue("n"), errkind.NotFound)
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if a.C.DocumentID == 0 {
		return fmt.Errorf("contribution %d has no manuscript: %w", id, errkind.NotFound)
	}
	rev, err := s.revisions().Get(ctx, a.C.DocumentID, n)
	if errors.Is(err, revision.ErrNotFound) {
		return fmt.Errorf("contribution %d revision %d: %w", id, n, errkind.NotFound)
	}
	if err != nil {
		return err
	}
	return s.sendDocument(rq, w, fmt.Sprintf("contribution-%d.r%d", id, n), format, rev.Doc, rev)
}
