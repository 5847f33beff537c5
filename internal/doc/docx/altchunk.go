package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/htmldoc"
	"github.com/tandemforum/tandem/internal/textenc"
)

// maxNesting bounds how deeply DOCX files embedded as chunks are read.
const maxNesting = 3

// contentType returns the media type [Content_Types].xml gives a part: its
// Override, else the Default for its extension.
func (p *pkg) contentType(part string) (string, error) {
	if p.types == nil {
		p.types = map[string]string{}
		err := p.eachChild("[Content_Types].xml", func(x *xmlPart, s xml.StartElement) error {
			switch s.Name.Local {
			case "Override":
				p.types[strings.ToLower(strings.TrimPrefix(attr(s, "PartName"), "/"))] = attr(s, "ContentType")
			case "Default":
				p.types["*."+strings.ToLower(attr(s, "Extension"))] = attr(s, "ContentType")
			}
			return x.skip()
		})
		if err != nil {
			return "", err
		}
	}
	if t, ok := p.types[strings.ToLower(part)]; ok {
		return t, nil
	}
	return p.types["*."+strings.ToLower(strings.TrimPrefix(path.Ext(part), "."))], nil
}

// altChunk reads the part a w:altChunk embeds, where converters put whole
// documents of another format into a Word file, and returns its blocks. It
// reads HTML, web archives (MHT), plain text and DOCX (to a bounded depth),
// and refuses every other format with an error naming it: content left
// unread would make an empty or partial document look complete.
func (r *reader) altChunk(s xml.StartElement) ([]pblock, error) {
	id := attr(s, "id")
	rl, ok := r.rels[id]
	if !ok || rl.external || !r.p.has(rl.target) {
		return nil, fmt.Errorf("%w: w:altChunk %q points at no part of the package", ErrMalformed, id)
	}
	name := rl.target
	ctype, err := r.p.contentType(name)
	if err != nil {
		return nil, err
	}
	data, err := r.p.readAll(name, r.p.lim.MaxPart)
	if err != nil {
		return nil, err
	}
	mtype := strings.ToLower(strings.TrimSpace(strings.Split(ctype, ";")[0]))
	ext := strings.ToLower(path.Ext(name))
	var chunk *doc.Document
	hopt := htmldoc.Options{ContentType: ctype, MaxSize: int(min(r.p.lim.MaxPart, 1<<30)), MaxDepth: r.p.lim.MaxDepth}
	switch {
	case mtype == "text/html" || mtype == "application/xhtml+xml" || (mtype == "" && (ext == ".htm" || ext == ".html")):
		chunk, err = htmldoc.Parse(data, hopt)
	case mtype == "message/rfc822" || mtype == "multipart/related" || (mtype == "" && (ext == ".mht" || ext == ".mhtml")):
		chunk, err = htmldoc.ParseMHT(data, hopt)
	case mtype == "text/plain" || (mtype == "" && ext == ".txt"):
		chunk, err = plainChunk(data)
	case strings.HasPrefix(mtype, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") ||
		strings.HasPrefix(mtype, "application/vnd.ms-word.document.macroenabled") || (mtype == "" && ext == ".docx"):
		if r.p.nesting+1 >= maxNesting {
			return nil, fmt.Errorf("%s: %w: Word files embedded in each other more than %d deep", name, ErrTooLarge, maxNesting)
		}
		chunk, err = readNested(data, r.p.lim, r.p.nesting+1)
	default:
		what := ctype
		switch {
		case mtype == "application/rtf" || mtype == "text/rtf" || ext == ".rtf":
			what = "RTF"
		case what == "":
			what = "an unknown format"
		}
		return nil, fmt.Errorf("%s: %w: the document embeds content in %s (w:altChunk), which tandem cannot read; open it in Word and save it again, which merges the content into the text", name, ErrUnsupported, what)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: embedded content (w:altChunk): %w", name, err)
	}
	r.merge(chunk)
	out := make([]pblock, 0, len(chunk.Blocks))
	for _, b := range chunk.Blocks {
		if b.Lang == "" {
			b.Lang = chunk.Lang // the chunk's text counts as the language it declares
		}
		out = append(out, pblock{b: b})
	}
	return out, nil
}

// merge takes over what a chunk brings besides its blocks: images, notes,
// warnings, and its title and authors when the document has none.
func (r *reader) merge(chunk *doc.Document) {
	for _, m := range chunk.Media {
		if r.d.MediaByName(m.Name) == nil {
			r.d.Media = append(r.d.Media, m)
		}
	}
	r.d.Notes = append(r.d.Notes, chunk.Notes...)
	for _, w := range chunk.Warnings {
		r.d.Warn("%s", w)
	}
	if r.d.Title == "" {
		r.d.Title = chunk.Title
	}
	if len(r.d.Authors) == 0 {
		r.d.Authors = chunk.Authors
	}
}

// plainChunk reads plain text, in any encoding textenc.Decode reads:
// paragraphs separated by line breaks.
func plainChunk(data []byte) (*doc.Document, error) {
	t, err := textenc.Decode(data)
	if err != nil {
		return nil, err
	}
	d := &doc.Document{}
	for _, w := range t.Warnings {
		d.Warn("embedded text (w:altChunk): %s", w)
	}
	text := strings.ReplaceAll(string(t.Bytes), "\r\n", "\n")
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			d.Blocks = append(d.Blocks, doc.Block{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: line}}})
		}
	}
	return d, nil
}

// readNested reads a DOCX embedded in another.
func readNested(data []byte, lim Limits, nesting int) (*doc.Document, error) {
	return read(bytes.NewReader(data), int64(len(data)), lim, nesting)
}
