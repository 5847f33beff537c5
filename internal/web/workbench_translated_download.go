package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/translate"
)

// workbenchTranslatedDownload answers GET
// /office/translations/{id}/translated/{format}: the translated document
// as HTML, Markdown or DOCX, with the source's structure and formatting
// (a DOCX source's styles, numbering and page setup too). Segments not
// confirmed yet stay in the source language, marked as in it; the exchange
// page says how many.
func (s *Server) workbenchTranslatedDownload(w http.ResponseWriter, rq *officeRequest) error {
	tr, _, _, err := s.exchangeTranslation(rq)
	if err != nil {
		return err
	}
	format := rq.PathValue("format")
	if format != "html" && format != "md" && format != "docx" {
		return fmt.Errorf("format %q: %w", format, errkind.NotFound)
	}
	ctx := rq.Context()
	revs := revision.NewStore(s.db, s.blobs)
	td, err := translate.DocumentOf(ctx, s.db, revs, tr.ID)
	if err != nil {
		return err
	}
	d := td.Doc
	if err := s.translatedMetadata(ctx, s.db, tr, d); err != nil {
		return err
	}
	total := 0
	for i := range d.Media {
		m := &d.Media[i]
		o, err := s.blobs.Open(ctx, revision.MediaKey(m.Name))
		if errors.Is(err, blob.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		m.Data, err = io.ReadAll(io.LimitReader(o, doc.MaxEmbedded+1))
		o.Close()
		if err != nil {
			return err
		}
		total += len(m.Data)
	}
	media := doc.EmbedMedia
	if total > doc.MaxEmbedded {
		media = doc.OmitMedia
	}
	name := fmt.Sprintf("%s.%s.%s", fileStem(tr), tr.Lang, format)
	var b bytes.Buffer
	switch format {
	case "html":
		if err := doc.WriteHTML(&b, d, doc.HTMLOptions{Standalone: true, Media: media}); err != nil {
			return err
		}
		return sendFile(w, name, "text/html; charset=utf-8", b.Bytes())
	case "md":
		if err := doc.WriteMarkdownWith(&b, d, doc.MarkdownOptions{Media: media}); err != nil {
			return err
		}
		return sendFile(w, name, "text/markdown; charset=utf-8", b.Bytes())
	}
	opt := docx.WriteOptions{Application: "tandem"}
	rev, err := revs.Get(ctx, tr.DocumentID, tr.Revision)
	if err != nil {
		return err
	}
	if rev.SourceType == "docx" {
		src, err := revs.Source(ctx, rev)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(src, 256<<20))
		src.Close()
		if err != nil {
			return err
		}
		// A source whose package cannot be taken over (Strict Open
		// XML) gives the translation tandem's own styles.
		if t, err := docx.OpenTemplate(data, docx.Limits{}); err == nil {
			opt.Template = t
		} else {
			s.log.Warn("DOCX source not usable as template", "translation", tr.ID, "err", err)
		}
	}
	if _, err := docx.Write(&b, d, opt); err != nil {
		return err
	}
	return sendFile(w, name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b.Bytes())
}
