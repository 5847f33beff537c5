package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
)

// diffPage is what the page of a difference shows.
type diffPage struct {
	T         *i18n.Printer
	Back      string
	Heading   string
	Revisions []revision.Revision
	From, To  int
	// Inserted, Deleted and Changed count the blocks added, removed and
	// edited (an edited block counts once, as changed, its words marked).
	Inserted, Deleted, Changed int
	HTML                       template.HTML
	// Metadata lists what changed in the language's title, abstract and
	// keywords since the approval (the changes page only).
	Metadata []metadataChange
}

// metadataChange is one field of a contribution's metadata in one
// language, as approved and as it is now.
type metadataChange struct {
	Field, Before, After string
}

// manuscriptDiff answers GET
// /office/contributions/{id}/manuscript/diff?from=N&to=M: the difference
// between any two revisions of the manuscript, words deleted and inserted
// marked (characters for Chinese). Without from and to it compares the
// last two.
func (s *Server) manuscriptDiff(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if a.C.DocumentID == 0 {
		return fmt.Errorf("contribution %d has no manuscript: %w", id, errkind.NotFound)
	}
	revs := s.revisions()
	list, err := revs.List(ctx, a.C.DocumentID)
	if err != nil {
		return err
	}
	n := len(list)
	from, to := max(n-1, 1), n
	q := rq.URL.Query()
	for name, dst := range map[string]*int{"from": &from, "to": &to} {
		if v := q.Get(name); v != "" {
			k, err := strconv.Atoi(v)
			if err != nil || k < 1 || k > n {
				return badRequest("%s %q: no such revision", name, v)
			}
			*dst = k
		}
	}
	ch, err := revs.Diff(ctx, a.C.DocumentID, from, to)
	if err != nil {
		return err
	}
	title, _ := a.C.Title.In(rq.Lang)
	pg := &diffPage{T: rq.T, Back: manuscriptPath(id), Heading: title, Revisions: list, From: from, To: to}
	html, err := s.diffHTML(rq, ch, pg)
	if err != nil {
		return err
	}
	pg.HTML = html
	return s.officeRender(w, rq, "manuscript_diff", "", rq.T.T("manuscript.diff.title", from, to), pg)
}

// diffOptions are how the office writes a difference for the reader of
// rq.
func (s *Server) diffOptions(rq *officeRequest) doc.HTMLOptions {
	return doc.HTMLOptions{Media: doc.OmitMedia, ContextName: func(kind string, n int) string {
		if kind == "note" {
			return rq.T.T("manuscript.diff.ctx.note", n)
		}
		if ok, _ := rq.T.Has("manuscript.diff.ctx." + kind); ok {
			return rq.T.T("manuscript.diff.ctx." + kind)
		}
		return kind
	}}
}

// diffHTML renders ch for the reader of rq and counts its insertions,
// deletions and edited blocks into pg.
func (s *Server) diffHTML(rq *officeRequest, ch *doc.Changes, pg *diffPage) (template.HTML, error) {
	for _, c := range ch.Blocks {
		switch c.Op {
		case doc.Insert:
			pg.Inserted++
		case doc.Delete:
			pg.Deleted++
		case doc.Changed:
			pg.Changed++
		}
	}
	var buf bytes.Buffer
	if err := doc.WriteDiffHTML(&buf, ch, s.diffOptions(rq)); err != nil {
		return "", err
	}
	// The writer escapes every text it writes.
	return template.HTML(buf.String()), nil
}
