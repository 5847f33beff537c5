package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// sessImportNotes holds, for the next page, what an import did beyond its
// flash: plural message keys with their counts ("key=n;key=n").
const sessImportNotes = "import_notes"

// importCount is one line of what an import did: a plural message key
// and the count it says.
type importCount struct {
	Key string
	N   int
}

// noteImport leaves for the next page the lines of counts whose count is
// not 0, each said with its plural message.
func (s *Server) noteImport(ctx context.Context, counts ...importCount) {
	var parts []string
	for _, c := range counts {
		if c.N > 0 {
			parts = append(parts, c.Key+"="+strconv.Itoa(c.N))
		}
	}
	if len(parts) > 0 {
		s.sessions.Put(ctx, sessImportNotes, strings.Join(parts, ";"))
	}
}

// importNotes returns, once, the lines noteImport left, in the reader's
// language.
func (s *Server) importNotes(rq *officeRequest) []string {
	var out []string
	for _, part := range strings.Split(s.sessions.PopString(rq.Context(), sessImportNotes), ";") {
		key, n, ok := strings.Cut(part, "=")
		count, err := strconv.Atoi(n)
		if !ok || err != nil || !strings.HasPrefix(key, "memory.import.") && !strings.HasPrefix(key, "termbase.import.") {
			continue
		}
		out = append(out, rq.T.N(key, count))
	}
	return out
}

// uploadName returns the base name of a file as the browser named it, for
// the origin of the units it gives the memory ("file" when it has none).
func uploadName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || lang.CheckPlain(name) != nil {
		return "file"
	}
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	return name
}

// logRefusedFile logs why an uploaded file was refused: the reader's
// detail (an XML parser's words, in English), which the page does not show.
func (s *Server) logRefusedFile(rq *officeRequest, action string, ie *interchange.Error) {
	s.log.Info("file refused", slog.String("action", action), slog.Int64("account", rq.Account.ID),
		slog.Int("line", ie.Line), slog.Int("col", ie.Col), slog.Bool("syntax", ie.Syntax), slog.String("detail", ie.Msg))
}

// memoryImport answers POST /office/memory: it adds the units of an
// uploaded TMX file to the memory, for the pair chosen on the form, marked
// as a collection's when one is chosen, and says on the next page how many
// it added, found already there (unchanged or updated) and skipped, and
// why. A file that is not TMX, or whose
// units are of another pair, is refused with a message saying so and the
// form as it was sent; nothing is imported then.
func (s *Server) memoryImport(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectMemory, account.Create); err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	f := newForm(rq.T, up.values)
	from := f.choice("from", true, lang.Worked...)
	to := f.choice("to", true, lang.Worked...)
	if from != "" && from == to {
		f.fail("to", "memory.import.samelang")
	}
	var collection int64
	if v := f.values.Get("collection"); v != "" {
		colls, err := translate.Collections(ctx, s.db)
		if err != nil {
			return err
		}
		id, _ := strconv.ParseInt(v, 10, 64)
		known := false
		for _, c := range colls {
			known = known || c.ID == id
		}
		if !known {
			f.fail("collection", "office.form.choice")
		}
		collection = id
	}
	file := up.files["file"]
	switch {
	case up.oversized():
		f.fail("file", "memory.import.toolarge", f.t.Bytes(maxUploadFile))
	case up.empty("file"):
		f.fail("file", "office.upload.empty", uploadName(up.names["file"]))
	case file == nil:
		f.fail("file", "memory.import.nofile")
	}
	if !f.ok() {
		return s.renderMemory(w, rq, formStatus(up, nil), f)
	}
	batch, err := translate.ReadTMX(bytes.NewReader(file), uploadName(up.names["file"]), from, to, collection, rq.Account.Name)
	var ie *interchange.Error
	var pe *translate.PairError
	var se *translate.ScriptError
	switch {
	case errors.As(err, &ie) && ie.Syntax:
		s.logRefusedFile(rq, "memory.import", ie)
		f.fail("file", "memory.import.notxml", ie.Line)
	case errors.As(err, &ie):
		s.logRefusedFile(rq, "memory.import", ie)
		f.fail("file", "memory.import.notmx", ie.Line, ie.Col)
	case errors.As(err, &pe):
		found := make([]string, len(pe.Found))
		for k, l := range pe.Found {
			found[k] = tagName(rq, l)
		}
		f.fail("file", "memory.import.pair", tagName(rq, from), tagName(rq, to), rq.T.List(found))
	case errors.As(err, &se):
		f.fail("file", "memory.import.scriptall")
	case err != nil:
		return err
	}
	if !f.ok() {
		return s.renderMemory(w, rq, http.StatusUnprocessableEntity, f)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := batch.Store(ctx, tx); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "memory.import", "memory", clientAddr(rq.Request), nil,
			map[string]any{"from": from, "to": to, "collection": collection, "units": batch.Units, "added": batch.Added,
				"updated": batch.Updated, "unchanged": batch.Unchanged, "skipped": batch.Skipped, "empty": batch.Empty,
				"repeated": batch.Repeated, "wrong_script": batch.WrongScript})
	})
	if err != nil {
		return err
	}
	unchanged, updated := importCount{"memory.import.unchanged", batch.Unchanged}, importCount{"memory.import.updated", batch.Updated}
	// One message says what the import did: units added, else units
	// updated, else that nothing new came (not "0 units added" beside
	// a notice that they were there already).
	switch {
	case batch.Added > 0:
		s.flashN(ctx, "memory.import.added", batch.Added)
	case batch.Updated > 0:
		s.flashN(ctx, "memory.import.updated", batch.Updated)
		updated.N = 0
	case batch.Unchanged > 0:
		s.flashN(ctx, "memory.import.nothing", batch.Unchanged)
		unchanged.N = 0
	default:
		s.flash(ctx, "memory.import.none")
	}
	s.noteImport(ctx, unchanged, updated,
		importCount{"memory.import.skipped.pair", batch.Skipped}, importCount{"memory.import.skipped.empty", batch.Empty},
		importCount{"memory.import.skipped.repeated", batch.Repeated}, importCount{"memory.import.script", batch.WrongScript})
	return seeOther(w, rq.Request, officePrefix+"/memory?from="+from+"&to="+to)
}
