package web

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// errImportRefused ends an import's transaction whose file was refused, so
// that nothing of it is stored.
var errImportRefused = errors.New("import refused")

// termbaseImport answers POST /office/forums/{id}/termbase/import: it adds
// the entries of a TBX file, or of a TSV glossary whose columns are in the
// languages chosen (unless its first line names them), to the forum's
// termbase; entries it already has are not added again. The format is
// told by the file's content (translate.TermbaseFormat) unless the form
// chooses one. A file that is not of its format, or a glossary of other
// languages, is refused with a message at the file field that names the
// format tried and how to choose the other, and the form as sent; nothing
// is imported then.
func (s *Server) termbaseImport(w http.ResponseWriter, rq *officeRequest) error {
	fo, hosts, err := s.termbaseForum(rq, account.Edit)
	if err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	f := newForm(rq.T, up.values)
	// The format is told by the file's content; a format chosen on the
	// form overrides it.
	format := f.choice("format", false, "auto", "tbx", "tsv")
	how := "chosen"
	file := up.files["file"]
	switch {
	case up.oversized():
		f.fail("file", "memory.import.toolarge", f.t.Bytes(maxUploadFile))
	case up.empty("file"):
		f.fail("file", "office.upload.empty", uploadName(up.names["file"]))
	case file == nil:
		f.fail("file", "memory.import.nofile")
	case format == "" || format == "auto":
		format, how = translate.TermbaseFormat(file), "detected"
	}
	var from, to string
	if format == "tsv" {
		from, to = f.choice("from", true, lang.Worked...), f.choice("to", true, lang.Worked...)
		if from != "" && from == to {
			f.fail("to", "memory.import.samelang")
		}
	}
	if !f.ok() {
		return s.renderTermbase(w, rq, formStatus(up, nil), fo, hosts, nil, f)
	}
	ctx := rq.Context()
	var res translate.TermbaseImport
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		if format == "tbx" {
			res, err = translate.ImportTBX(ctx, tx, fo.ID, bytes.NewReader(file), "file", rq.Account.Name)
		} else {
			res, err = translate.ImportTSV(ctx, tx, fo.ID, bytes.NewReader(file), "file", from, to, rq.Account.Name)
		}
		var ie *interchange.Error
		switch {
		case errors.As(err, &ie) && ie.Syntax:
			s.logRefusedFile(rq, "termbase.import", ie)
			f.fail("file", "termbase.import.notxml."+how, ie.Line)
			return errImportRefused
		case errors.As(err, &ie):
			s.logRefusedFile(rq, "termbase.import", ie)
			f.fail("file", "termbase.import.bad."+format+"."+how, ie.Line)
			return errImportRefused
		case errors.Is(err, translate.ErrEmptyTermbase):
			f.fail("file", "termbase.import.empty")
			return errImportRefused
		case err != nil:
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "termbase.import", "forum:"+itoa(fo.ID), clientAddr(rq.Request), nil,
			map[string]any{"format": format, "added": res.Added, "unchanged": res.Unchanged, "skipped": res.Skipped,
				"wrong_script": res.WrongScript})
	})
	if errors.Is(err, errImportRefused) {
		return s.renderTermbase(w, rq, http.StatusUnprocessableEntity, fo, hosts, nil, f)
	}
	if err != nil {
		return err
	}
	s.flashN(ctx, "termbase.import.done", res.Added)
	s.noteImport(ctx, importCount{"termbase.import.script", res.WrongScript})
	return seeOther(w, rq.Request, termbaseURL(fo.ID))
}
