package web

import (
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/works"
)

// maxNote is the longest note on an upload or a correction, in
// characters.
const maxNote = 1000

// manuscriptUpload answers POST /office/contributions/{id}/manuscript: an
// author or an editor uploads a DOCX or Markdown file (its type read from
// its content, not its name) as the next revision. A file that is not one
// of those, is empty, too large or hostile, or comes when the
// contribution's state takes no upload, is refused with the reason and the
// note kept; the current revision stays as it was. The form carries the
// revision it was loaded with (base): a file uploaded from a page older
// than the latest revision is held back (409) with the revisions made
// since and what they changed, until the uploader ticks "replace anyway"
// (overwrite) and sends it again. So is an author's file that has again
// the text of a block as it was before the editors corrected it since the
// authors' last revision (revertedCorrections), however fresh the page.
func (s *Server) manuscriptUpload(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if !a.Parties.Author && !a.Parties.Editor {
		return fmt.Errorf("upload to contribution %d: %w", id, errkind.Forbidden)
	}
	note := strings.TrimSpace(up.values.Get("note"))
	form := &workForm{Section: "upload", Values: map[string]string{"note": note, "base": up.values.Get("base")}}
	data := up.files["file"]
	switch {
	case up.oversized():
		form.Error = rq.T.T("manuscript.error.toolarge", rq.T.Bytes(works.MaxManuscript))
		return s.renderWork(w, rq, a, http.StatusRequestEntityTooLarge, form)
	case len([]rune(note)) > maxNote:
		form.Error = rq.T.T("office.form.toolong", maxNote)
		return s.renderWork(w, rq, a, http.StatusUnprocessableEntity, form)
	case !works.UploadAllowed(a.C.State):
		return s.workRefusal(w, rq, a, form, &works.StateError{From: string(a.C.State), To: string(a.C.State), Key: "works.manuscript.state"})
	}
	// A file made from a revision older than the latest would undo what
	// was revised since: it is held back, with what changed, until the
	// uploader confirms.
	if base, err := strconv.Atoi(up.values.Get("base")); err == nil && base > 0 && a.C.DocumentID != 0 && up.values.Get("overwrite") == "" {
		latest, err := s.revisions().Latest(ctx, a.C.DocumentID)
		if err != nil {
			return err
		}
		if latest.Number > base {
			form.Values["stale"] = "1"
			form.Error = rq.T.T("manuscript.upload.stale", base, latest.Number)
			return s.renderWork(w, rq, a, http.StatusConflict, form)
		}
	}
	d, typ, err := works.ReadManuscript(data, a.C.Lang)
	if err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	// An author's file made from a copy older than the editors'
	// corrections would undo them even when the page was fresh: a file
	// that has a corrected block's earlier text again is held back too.
	if a.Parties.Author && a.C.DocumentID != 0 && up.values.Get("overwrite") == "" {
		reverted, err := s.revertedCorrections(ctx, a.C, d)
		if err != nil {
			return err
		}
		if len(reverted) > 0 {
			form.Values["stale"] = "1"
			form.Reverted = reverted
			form.Error = rq.T.T("manuscript.upload.reverts")
			return s.renderWork(w, rq, a, http.StatusConflict, form)
		}
	}
	m := &works.Manuscripts{DB: s.db, Revs: s.revisions()}
	name := path.Base(strings.ReplaceAll(up.names["file"], "\\", "/"))
	src := revision.Source{Name: name, Type: typ, Data: data, By: rq.Account.Name, Note: note}
	rev, err := m.Upload(ctx, a.C, d, src, worksActor(rq))
	if err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	s.log.Info("manuscript uploaded", "contribution", id, "revision", rev.Number, "type", typ, "bytes", len(data))
	s.flash(ctx, "manuscript.flash.uploaded")
	return seeOther(w, rq.Request, manuscriptPath(id))
}
