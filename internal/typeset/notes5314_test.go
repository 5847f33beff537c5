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

// TestHeadingNoteOnItsPage walks a heading that calls a note down a page:
// a heading sticks to the paragraph after it, and when that moved it to
// the next page its note stayed behind (Typst issue #5314); the note must
// be on the heading's page wherever it falls.
func TestHeadingNoteOnItsPage(t *testing.T) {
	ts, _ := newTypesetter(t)
	for k := 14; k < 30; k++ {
		b := booktest.Book("ru")
		d := b.Chapters[1].Text["ru"]
		d.Notes = append(d.Notes, doc.Note{ID: "nh", Blocks: []doc.Block{para("", text("Примечание к заголовку раздела."))}})
		bs := []doc.Block{d.Blocks[0], para("f0", text(strings.Repeat("слово ", 10*k+1)))}
		bs = append(bs, doc.Block{ID: "h1", Type: doc.Heading, Level: 2, Inlines: []doc.Inline{text("Заголовок раздела"), {Type: doc.NoteRef, Note: "nh"}}})
		bs = append(bs, para("p1", text(strings.Repeat("Текст после заголовка занимает несколько строк. ", 8))))
		d.Blocks = bs
		_, pages := buildPages(t, ts, b)
		callPage, notePage := -1, -1
		for p, pg := range pages {
			s := squeeze(RussianSpaces(pg))
			if strings.Contains(s, "Заголовокраздела") {
				callPage = p
			}
			if notePage < 0 && strings.Contains(s, "Примечаниекзаголовку") {
				notePage = p
			}
		}
		if callPage < 0 || callPage != notePage {
			t.Errorf("%d words before it: the heading is on page %d, its note on page %d", 10*k+1, callPage+1, notePage+1)
		}
	}
}
