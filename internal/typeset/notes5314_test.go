package typeset

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
)

// TestNoteNeverBeforeItsCall puts a paragraph with a note at each height
// of a page in turn (more or fewer words before it): wherever orphan and
// widow prevention moves its lines, the note is on the page of its call,
// never on the page before (Typst issue #5314).
func TestNoteNeverBeforeItsCall(t *testing.T) {
	ts, _ := newTypesetter(t)
	filler := "Экономические связи долгое время отставали от политического диалога. "
	for k := range 14 {
		b := booktest.Book("ru")
		d := b.Chapters[1].Text["ru"]
		d.Notes = append(d.Notes, doc.Note{ID: "n5314", Blocks: []doc.Block{para("", text("Примечание к абзацу в конце страницы."))}})
		var bs []doc.Block
		bs = append(bs, d.Blocks[0])
		for i := range 3 {
			bs = append(bs, para("f"+string(rune('a'+i)), text(strings.Repeat(filler, 4))))
		}
		bs = append(bs, para("f-k", text(strings.Repeat("слово ", 8*k+1))))
		bs = append(bs, para("p5314", text("Метка-абзаца начинает абзац, в конце которого стоит сноска, и он занимает несколько строк, чтобы правило о висячих строках могло его перенести целиком или частично на следующую страницу вместе со сноской в конце."),
			doc.Inline{Type: doc.NoteRef, Note: "n5314"}))
		d.Blocks = bs
		_, pages := buildPages(t, ts, b)
		callPage, notePage := -1, -1
		for p, pg := range pages {
			s := squeeze(RussianSpaces(pg))
			if strings.Contains(s, "вконце.") {
				callPage = p
			}
			if notePage < 0 && strings.Contains(s, "Примечаниекабзацу") {
				notePage = p
			}
		}
		if callPage < 0 || callPage != notePage {
			t.Errorf("%d filler lines: the note is on page %d, its call on page %d", k, notePage+1, callPage+1)
		}
	}
}
