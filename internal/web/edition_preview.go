package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/edition"
)

// The web reader's proof, in the office: the book its last web build
// holds, as pages its hosts read before they approve it, not the JSON
// the public site reads. It is the office's, under the edition's embargo:
// the public reader shows nothing of an edition before its release.

// editionPreviewPage is the web proof of an edition.
type editionPreviewPage struct {
	Back, Built string
	// Langs are the book's languages; Parallel shows them side by side.
	Langs    []string
	Parallel bool
	Titles   []editionPreviewText
	Preface  []editionPreviewText
	Chapters []editionPreviewChapter
}

// editionPreviewText is one language's text of the preview.
type editionPreviewText struct {
	Lang string
	Text string
	HTML template.HTML
}

type editionPreviewChapter struct {
	ID      string
	Titles  []editionPreviewText
	Authors []editionPreviewText
	Texts   []editionPreviewText
}

// editionPreview answers GET /office/editions/{id}/proofs/web (through
// editionProof, which checks who may read the proofs).
func (s *Server) editionPreview(w http.ResponseWriter, rq *officeRequest, es *editionScope) error {
	ctx := rq.Context()
	b, err := edition.WebBook(ctx, s.db, s.blobs, es.E.ID)
	if err != nil {
		return err
	}
	files, err := edition.Files(ctx, s.db, es.E.ID)
	if err != nil {
		return err
	}
	pg := &editionPreviewPage{Back: editionPath(es.E.ID), Langs: b.Langs, Parallel: len(b.Langs) > 1}
	if f := files[book.Web]; f != nil {
		pg.Built = zoned(rq, f.BuiltAt, es.zone())
	}
	html := func(d *doc.Document) (template.HTML, error) {
		if d == nil {
			return "", nil
		}
		var buf bytes.Buffer
		// The media of an edition are public only after its release:
		// the proof names its images by their alternative text.
		err := doc.WriteHTML(&buf, d, doc.HTMLOptions{Media: doc.OmitMedia})
		return template.HTML(buf.String()), err
	}
	for _, l := range b.Langs {
		pg.Titles = append(pg.Titles, editionPreviewText{Lang: l, Text: b.Title[l]})
		if d := b.Preface[l]; d != nil {
			h, err := html(d)
			if err != nil {
				return err
			}
			pg.Preface = append(pg.Preface, editionPreviewText{Lang: l, HTML: h})
		}
	}
	for _, c := range b.Chapters {
		pc := editionPreviewChapter{ID: c.ID}
		for _, l := range b.Langs {
			pc.Titles = append(pc.Titles, editionPreviewText{Lang: l, Text: c.Title[l]})
			var names []string
			for _, a := range c.Authors {
				names = append(names, a.Name[l])
			}
			pc.Authors = append(pc.Authors, editionPreviewText{Lang: l, Text: strings.Join(names, ", ")})
			h, err := html(c.Text[l])
			if err != nil {
				return err
			}
			pc.Texts = append(pc.Texts, editionPreviewText{Lang: l, HTML: h})
		}
		pg.Chapters = append(pg.Chapters, pc)
	}
	title := rq.T.T("edition.office.preview", es.E.Slug)
	return s.officeRenderStatus(w, rq, http.StatusOK, "edition_preview", "collections", title, pg)
}
