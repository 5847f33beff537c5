package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/epub"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/typeset"
	"github.com/tandemforum/tandem/internal/typst"
)

// renderers are the program's EPUB writers, one per edition (each keeps
// its chapters' XHTML for the edition's next build), and one print
// typesetter, whose Typst compiler
// is a Node child process started at the first PDF build and kept warm,
// so that a rebuild lays out only what changed.
var renderers struct {
	mu       sync.Mutex
	epub     map[string]*epub.Writer // by edition slug
	compiler *typst.Compiler
	typeset  *typeset.Typesetter
	// typstDir is the Typst tools' folder SetTypstDir gave, when it did.
	typstDir string
}

// SetTypstDir makes the typesetter's compiler the one in folder dir (the
// tools/typst folder of tandem's checkout, holding server.js) instead of
// the one typst.FindDir finds; "" goes back to finding it. It takes
// effect at the next compiler start.
func SetTypstDir(dir string) {
	renderers.mu.Lock()
	defer renderers.mu.Unlock()
	renderers.typstDir = dir
}

// Renderers are the edition renderers of this program: internal/epub's
// writer and internal/typeset's typesetter (Typst from tools/typst, see
// typst.FindDir), their version that of the program (version), so that a
// new program rebuilds. A PDF build fails with typst.ErrNotInstalled when
// Node.js or the Typst package is missing (scripts/setup.sh demo installs
// them). CloseRenderers ends the Typst child process.
func Renderers(version string) edition.Renderers {
	return edition.Renderers{Version: version, EPUB: renderEPUB, PDF: renderPDF, PDFA: renderPDFA}
}

func renderEPUB(ctx context.Context, b *book.Book) ([]byte, error) {
	renderers.mu.Lock()
	if renderers.epub == nil {
		renderers.epub = map[string]*epub.Writer{}
	}
	w := renderers.epub[b.Slug]
	if w == nil {
		w = epub.NewWriter()
		renderers.epub[b.Slug] = w
	}
	renderers.mu.Unlock()
	return w.Write(b)
}

func renderPDF(ctx context.Context, b *book.Book) ([]byte, *book.PageMap, error) {
	ts, err := typesetter()
	if err != nil {
		return nil, nil, err
	}
	out, err := ts.Build(b, typeset.Options{})
	if err != nil {
		return nil, nil, err
	}
	return out.PDF, out.PageMap, nil
}

// renderPDFA typesets the book as PDF/A-2a with the same typesetter, whose
// compiler has just laid out the same sources for the PDF: only the export
// differs.
func renderPDFA(ctx context.Context, b *book.Book) ([]byte, error) {
	ts, err := typesetter()
	if err != nil {
		return nil, err
	}
	out, err := ts.Build(b, typeset.Options{Standard: typeset.A2a})
	if err != nil {
		return nil, err
	}
	return out.PDF, nil
}

// typesetter returns the program's typesetter, starting its compiler the
// first time.
func typesetter() (*typeset.Typesetter, error) {
	renderers.mu.Lock()
	defer renderers.mu.Unlock()
	if renderers.typeset != nil {
		return renderers.typeset, nil
	}
	dir := renderers.typstDir
	if dir == "" {
		var err error
		if dir, err = typst.FindDir(); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(filepath.Join(dir, "server.js")); err != nil {
		return nil, fmt.Errorf("typst: %s holds no server.js: give the tools/typst folder of tandem's checkout", dir)
	}
	c, err := typst.New(typst.Config{Dir: dir})
	if err != nil {
		return nil, err
	}
	cat, err := i18n.Load()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("typeset: %w", err)
	}
	renderers.compiler, renderers.typeset = c, typeset.New(c, cat)
	return renderers.typeset, nil
}

// CloseRenderers ends the Typst compiler's process, if one was started.
func CloseRenderers() error {
	renderers.mu.Lock()
	defer renderers.mu.Unlock()
	if renderers.compiler == nil {
		return nil
	}
	err := renderers.compiler.Close()
	renderers.compiler, renderers.typeset = nil, nil
	return err
}
