package cli

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/tandemforum/tandem/internal/i18n"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
)

// writeTranslation writes the translated document d as format (html,
// markdown or docx) to the file out, or to standard output when out is
// empty. A DOCX is written over SOURCE when SOURCE is a DOCX, so that it
// keeps the original's styles, numbering, page setup, headers and footers;
// over tandem's own styles when SOURCE is Markdown, whose images are read
// from beside it. HTML and Markdown are written as doc convert writes
// them: titled with the document's title, images embedded or written into
// the folder media (see placeMedia).
func writeTranslation(env *Env, format, out, media, source string, d *doc.Document) error {
	var buf bytes.Buffer
	switch format {
	case "docx":
		if out == "" && isTerminal(env.Stdout) {
			return fmt.Errorf("%w: a DOCX is not text to show on a terminal; give -o FILE.docx", errUsage)
		}
		opt := docx.WriteOptions{Application: "tandem " + toolVersion()}
		if isDOCX(source) {
			t, err := docx.OpenTemplateFile(source, docx.Limits{})
			if err != nil {
				// The manuscript was read; only its package cannot be taken
				// over (a Strict Open XML file): the translation is still
				// worth having.
				fmt.Fprintf(env.Stderr, "tandem xliff import: %v; the DOCX gets tandem's own styles\n", err)
			}
			opt.Template = t
		} else {
			opt.Media = localImages(filepath.Dir(source))
		}
		rep, err := docx.Write(&buf, d, opt)
		if err != nil {
			return err
		}
		if len(rep.MissingImages) > 0 {
			fmt.Fprintf(env.Stderr, "tandem xliff import: %s not found, their figures keep only their captions: %s\n", i18n.Count(len(rep.MissingImages), "image", "images"), shortList(rep.MissingImages))
		}
		if rep.FlatTextBoxes > 0 {
			fmt.Fprintf(env.Stderr, "tandem xliff import: %d text boxes of %s are not in a shape that can be written back: their text is written as paragraphs of the body\n", rep.FlatTextBoxes, source)
		}
		if len(rep.DroppedLinks) > 0 {
			fmt.Fprintf(env.Stderr, "tandem xliff import: %d internal links point nowhere in the document and are left as text: %s\n", len(rep.DroppedLinks), shortList(rep.DroppedLinks))
		}
	default:
		o, err := placeMedia(env, "tandem xliff import", source, d, media)
		if err != nil {
			return err
		}
		if err := writeText(&buf, format, source, d, o); err != nil {
			return err
		}
	}
	if out == "" {
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	return writeOutput(out, buf.Bytes())
}

// isDOCX reports whether a manuscript is a DOCX package, by its first bytes
// as readManuscript decides.
func isDOCX(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], []byte("PK\x03\x04")) || strings.EqualFold(filepath.Ext(name), ".docx")
}

// isTerminal reports whether w is a terminal (a console on Windows), as
// the terminal driver answers for its file descriptor: /dev/null and other
// character devices, pipes and files are not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// localImages reads the images a Markdown manuscript in dir refers to by
// relative path; references that leave dir, absolute paths and URLs are
// not read.
func localImages(dir string) func(src string) ([]byte, error) {
	return func(src string) ([]byte, error) {
		p, err := url.PathUnescape(src)
		if err != nil || strings.Contains(p, ":") || !filepath.IsLocal(filepath.FromSlash(p)) {
			return nil, fmt.Errorf("%s: not a file beside the manuscript", src)
		}
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	}
}

// writeOutput writes data to a new file beside name and renames it over
// name, so that a failed write leaves no half-written file. The error names
// name once.
func writeOutput(name string, data []byte) error {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return nil
}
