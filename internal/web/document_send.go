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
)

// sendDocument sends d as a file named stem plus the format's extension:
// "html" (a page of its own), "md" (Markdown) or "docx". Its images are
// embedded from the blob store while they stay under doc.MaxEmbedded in
// all. A DOCX is written over the package of rev, the revision d was read
// or translated from, when that was a DOCX, so that the file keeps the
// source's styles, numbering and page setup; any other source gives
// tandem's own styles.
func (s *Server) sendDocument(rq *officeRequest, w http.ResponseWriter, stem, format string, d *doc.Document, rev *revision.Revision) error {
	ctx := rq.Context()
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
	name := stem + "." + format
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
	case "docx":
	default:
		return fmt.Errorf("format %q: not a document format", format)
	}
	opt := docx.WriteOptions{Application: "tandem"}
	if rev != nil && rev.SourceType == "docx" {
		src, err := s.revisions().Source(ctx, rev)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(src, 256<<20))
		src.Close()
		if err != nil {
			return err
		}
		// A source whose package cannot be taken over (Strict Open
		// XML) gives the file tandem's own styles.
		if t, err := docx.OpenTemplate(data, docx.Limits{}); err == nil {
			opt.Template = t
		} else {
			s.log.Warn("DOCX source not usable as template", "document", rev.DocumentID, "revision", rev.Number, "err", err)
		}
	}
	if _, err := docx.Write(&b, d, opt); err != nil {
		return err
	}
	return sendFile(w, name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b.Bytes())
}
