package cli

import (
	"fmt"
	"github.com/tandemforum/tandem/internal/i18n"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/tandemforum/tandem/internal/doc"
)

// maxEmbedded bounds the images a document written as HTML or Markdown
// carries as data: URIs.
const maxEmbedded = doc.MaxEmbedded

// mediaHelp says, for a command's help, where the images of a document
// written as HTML or Markdown go.
var mediaHelp = "Images: with --media, written into DIR and referred to there; without it,\n" +
	"embedded as data: URIs up to " + strconv.Itoa(maxEmbedded>>20) + " MiB in all, else left out with a note on stderr."

// textOutput is how a document's images appear when it is written as
// HTML or Markdown.
type textOutput struct {
	media  doc.MediaLinks
	prefix string // before a media name, for doc.LinkMedia
}

// placeMedia decides where the images of d (read from name) go when it is
// written as HTML or Markdown: into the folder dir, written there now,
// when dir is given; else into the output as data: URIs when they come to
// maxEmbedded or less; else nowhere, with a line on standard error saying
// so and how to have them (cmd names the command in it).
func placeMedia(env *Env, cmd, name string, d *doc.Document, dir string) (textOutput, error) {
	out := textOutput{media: doc.LinkMedia, prefix: "media/"}
	total := 0
	for _, m := range d.Media {
		total += len(m.Data)
	}
	switch {
	case dir != "":
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return out, err
		}
		for _, m := range d.Media {
			// Media names are hex digits and an extension, safe as file names.
			if err := os.WriteFile(filepath.Join(dir, m.Name), m.Data, 0o644); err != nil {
				return out, err
			}
		}
		out.prefix = filepath.ToSlash(dir) + "/"
	case total <= maxEmbedded:
		out.media = doc.EmbedMedia
	default:
		out.media = doc.OmitMedia
		fmt.Fprintf(env.Stderr, "%s: %s: %s (%.1f MiB) left out, more than %d MiB to embed; use --media DIR to write them\n",
			cmd, name, i18n.Count(len(d.Media), "image", "images"), float64(total)/(1<<20), maxEmbedded>>20)
	}
	return out, nil
}

// writeText writes d, read from name, as a standalone HTML page or as
// Markdown (format "markdown" or "md"). The page's title is the
// document's own (Document.Title), else its first heading, else the
// file's name.
func writeText(w io.Writer, format, name string, d *doc.Document, o textOutput) error {
	switch format {
	case "markdown", "md":
		return doc.WriteMarkdownWith(w, d, doc.MarkdownOptions{Media: o.media, MediaPrefix: o.prefix})
	}
	title := d.Title
	if title == "" {
		title = d.FirstHeading()
	}
	if title == "" {
		title = filepath.Base(name)
	}
	return doc.WriteHTML(w, d, doc.HTMLOptions{Standalone: true, Title: title, Media: o.media, MediaPrefix: o.prefix})
}
