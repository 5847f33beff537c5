package doc

import (
	"bufio"
	"strings"
)

// HTMLBlocks renders d as WriteHTML does, but piece by piece: the HTML of
// each top-level block of d.Blocks, in order, and that of the notes, so
// that a page can set something beside each block (an editor's comments).
// The entries of a table of contents are rendered as the paragraphs they
// are, without the <nav> that WriteHTML wraps a run of them in.
func HTMLBlocks(d *Document, opt HTMLOptions) (blocks []string, notes string, err error) {
	var sb strings.Builder
	bw := bufio.NewWriter(&sb)
	h := newHTMLWriter(bw, d, opt)
	take := func() (string, error) {
		if err := h.flush(); err != nil {
			return "", err
		}
		s := sb.String()
		sb.Reset()
		return s, nil
	}
	for i := range d.Blocks {
		h.block(&d.Blocks[i], d.Lang)
		s, err := take()
		if err != nil {
			return nil, "", err
		}
		blocks = append(blocks, s)
	}
	h.notes()
	notes, err = take()
	return blocks, notes, err
}
