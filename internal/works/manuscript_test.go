package works_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipOf makes a ZIP package of the named entries.
func zipOf(t testing.TB, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a DOCX whose document part says it unpacks to a terabyte: what a
// zip bomb declares.
func bomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range [][2]string{{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rels}} {
		w, _ := zw.Create(e[0])
		w.Write([]byte(e[1]))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, CompressedSize64: 5, UncompressedSize64: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<w:d>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const contentTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

func wordDoc(body string) string {
	return `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
}

// TestReadManuscript reads the files an author may upload, whatever their
// names say, and refuses the rest with the reason the office shows.
func TestReadManuscript(t *testing.T) {
	deep := strings.Repeat("<w:tbl><w:tr><w:tc>", 200) + strings.Repeat("</w:tc></w:tr></w:tbl>", 200)
	tests := []struct {
		name    string
		data    []byte
		typ     string
		key     string // the refusal's message key
		blocks  int
		comment string
	}{
		{name: "DOCX made by LibreOffice, with a Word comment", data: readFile(t, "ms-v1.docx"), typ: "docx", blocks: 4, comment: "Уточнить место подписания."},
		{name: "Markdown", data: readFile(t, "ms.md"), typ: "markdown", blocks: 3},
		{name: "Markdown in Windows-1251", data: []byte("\xc4\xee\xe3\xee\xe2\xee\xf0 \xef\xee\xe4\xef\xe8\xf1\xe0\xed \xe2 \xcc\xee\xf1\xea\xe2\xe5."), typ: "markdown", blocks: 1},
		{name: "empty file", data: nil, key: "manuscript.error.empty"},
		{name: "white space only", data: []byte(" \n\t\n"), key: "manuscript.error.empty"},
		{name: "Markdown with no text", data: []byte("---\ntitle: x\n---\n"), key: "manuscript.error.notext"},
		{name: "old Word file", data: append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...), key: "manuscript.error.olddoc"},
		{name: "PDF", data: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), key: "manuscript.error.pdf"},
		{name: "PNG image", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), key: "manuscript.error.type"},
		{name: "binary with NUL bytes", data: []byte("abc\x00def"), key: "manuscript.error.type"},
		{name: "broken ZIP", data: []byte("PK\x03\x04garbage"), key: "manuscript.error.brokenzip"},
		{name: "ODT or other package", data: zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", "<x/>"}), key: "manuscript.error.package"},
		{name: "zip bomb", data: bomb(t), key: "manuscript.error.bomb"},
		{name: "path traversal", data: zipOf(t, [2]string{"[Content_Types].xml", contentTypes}, [2]string{"word/document.xml", wordDoc("")}, [2]string{"../../etc/passwd", "x"}), key: "manuscript.error.unsafe"},
		{name: "XML nested too deep", data: zipOf(t, [2]string{"[Content_Types].xml", contentTypes}, [2]string{"_rels/.rels", rels}, [2]string{"word/document.xml", wordDoc(deep)}), key: "manuscript.error.bomb"},
		{name: "DOCX without a body", data: zipOf(t, [2]string{"[Content_Types].xml", contentTypes}, [2]string{"word/styles.xml", "<x/>"}), key: "manuscript.error.malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, typ, err := works.ReadManuscript(tt.data, "ru")
			if tt.key != "" {
				var me *works.ManuscriptError
				if !errors.As(err, &me) || me.Key != tt.key || !errors.Is(err, errkind.Invalid) {
					t.Fatalf("err = %v; want a refusal %s", err, tt.key)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if typ != tt.typ || len(d.Blocks) != tt.blocks {
				t.Fatalf("type %s, %d blocks; want %s, %d", typ, len(d.Blocks), tt.typ, tt.blocks)
			}
			if tt.comment != "" && (len(d.Comments) != 1 || d.Comments[0].Text != tt.comment || d.Comments[0].Block != d.Blocks[1].ID) {
				t.Fatalf("comments = %+v; want %q on the second block", d.Comments, tt.comment)
			}
		})
	}
}

// FuzzSniff: whatever is uploaded, Sniff names a type it then reads, or
// refuses with a message key; it never panics.
func FuzzSniff(f *testing.F) {
	for _, name := range []string{"ms-v1.docx", "ms.md"} {
		f.Add(readFile(f, name))
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
	f.Add([]byte("# Заголовок\n\nТекст."))
	f.Fuzz(func(t *testing.T, data []byte) {
		typ, err := works.Sniff(data)
		var me *works.ManuscriptError
		switch {
		case err != nil && (!errors.As(err, &me) || !strings.HasPrefix(me.Key, "manuscript.error.")):
			t.Fatalf("Sniff error %v is not a refusal with a message", err)
		case err == nil && typ != works.TypeDOCX && typ != works.TypeMarkdown:
			t.Fatalf("type %q", typ)
		}
		if _, _, err := works.ReadManuscript(data, "ru"); err != nil && !errors.As(err, &me) {
			t.Fatalf("ReadManuscript error %v is not a refusal with a message", err)
		}
	})
}

// manuscripts returns a Manuscripts over db and a contribution of the seeded
// collection in state st.
func manuscripts(t *testing.T, db *store.DB, st works.State) (*works.Manuscripts, *works.Contribution) {
	t.Helper()
	ctx := context.Background()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	collID, authorID := seed(t, db)
	c := &works.Contribution{CollectionID: collID, Lang: "ru", State: st, Title: lang.New("ru", map[string]string{"ru": "Договор"}),
		Authors: []works.Author{{PersonID: authorID}}}
	if err := db.Transact(ctx, func(tx *store.Tx) error { return works.CreateContribution(ctx, tx, c, works.Actor{Name: "Editor"}) }); err != nil {
		t.Fatal(err)
	}
	return &works.Manuscripts{DB: db, Revs: revision.NewStore(db, blobs)}, c
}

func upload(t *testing.T, m *works.Manuscripts, c *works.Contribution, name string) (*revision.Revision, error) {
	t.Helper()
	data := readFile(t, name)
	d, typ, err := works.ReadManuscript(data, c.Lang)
	if err != nil {
		t.Fatal(err)
	}
	return m.Upload(context.Background(), c, d, revision.Source{Name: name, Type: typ, Data: data, By: "Автор"}, works.Actor{AccountID: 1, Name: "Автор"})
}

// TestManuscriptRevisions uploads a DOCX and its revision, compares them,
// corrects a block in place and checks what editors see: the revisions,
// the diff, the correction noted with who and why, and an upload refused
// in a state that takes none, with the current revision unchanged.
func TestManuscriptRevisions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m, c := manuscripts(t, db, works.Accepted)
		r1, err := upload(t, m, c, "ms-v1.docx")
		if err != nil {
			t.Fatal(err)
		}
		r2, err := upload(t, m, c, "ms-v2.docx")
		if err != nil {
			t.Fatal(err)
		}
		if r1.Number != 1 || r2.Number != 2 || c.DocumentID == 0 {
			t.Fatalf("revisions %d, %d of document %d", r1.Number, r2.Number, c.DocumentID)
		}
		got, err := works.GetContribution(ctx, db, c.ID)
		if err != nil || got.DocumentID != c.DocumentID {
			t.Fatalf("contribution's document = %d (%v); want %d", got.DocumentID, err, c.DocumentID)
		}
		ch, err := m.Revs.Diff(ctx, c.DocumentID, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		var changed []string
		for _, b := range ch.Blocks {
			if b.Op == doc.Changed {
				changed = append(changed, doc.PlainText(b.New.Inlines))
			}
		}
		if len(changed) != 2 || changed[0] != "Статья 6 говорит о границе и соседстве." {
			t.Fatalf("changed blocks = %q", changed)
		}
		var html bytes.Buffer
		if err := doc.WriteDiffHTML(&html, ch, doc.HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(html.String(), "<del>9</del>") || !strings.Contains(html.String(), "<ins>6</ins>") {
			t.Errorf("diff does not mark the changed article number:\n%s", html.String())
		}

		// An editor corrects the third block; a stale form, an unchanged
		// text and a formatted block are refused.
		c.State = works.InEditing
		block := r2.Doc.Blocks[2].ID
		editor := works.Actor{AccountID: 2, Name: "Редактор"}
		var se *works.StateError
		if _, err := m.Correct(ctx, c, block, 1, "x", "why", editor); !errors.As(err, &se) || se.Key != "works.manuscript.stale" {
			t.Fatalf("correction of an old revision: %v", err)
		}
		var me *works.ManuscriptError
		if _, err := m.Correct(ctx, c, block, 2, "Статья 6 говорит о границе и соседстве.", "why", editor); !errors.As(err, &me) || me.Key != "manuscript.error.unchanged" {
			t.Fatalf("unchanged correction: %v", err)
		}
		r3, err := m.Correct(ctx, c, block, 2, "Статья 6 говорит о  границе.", "лишнее слово", editor)
		if err != nil {
			t.Fatal(err)
		}
		if r3.Number != 3 || r3.By != "Редактор" || r3.Note != "лишнее слово" || r3.Doc.Blocks[2].ID != block ||
			doc.PlainText(r3.Doc.Blocks[2].Inlines) != "Статья 6 говорит о границе." {
			t.Fatalf("correction = revision %d by %q (%q), block %s %q", r3.Number, r3.By, r3.Note, r3.Doc.Blocks[2].ID, doc.PlainText(r3.Doc.Blocks[2].Inlines))
		}
		evs, err := eventlog.List(ctx, db, eventlog.Filter{Subject: "contribution:" + itoa(c.ID)})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		if s := strings.Join(actions, " "); !strings.Contains(s, "manuscript.correct") || strings.Count(s, "manuscript.upload") != 2 {
			t.Errorf("events %s", s)
		}

		// A final text takes no upload; the current revision stays.
		c.State = works.TextFinal
		if _, err := upload(t, m, c, "ms-v1.docx"); !errors.As(err, &se) || se.Key != "works.manuscript.state" {
			t.Fatalf("upload to a final text: %v", err)
		}
		latest, err := m.Revs.Latest(ctx, c.DocumentID)
		if err != nil || latest.Number != 3 {
			t.Fatalf("latest = %v, %v; want revision 3", latest, err)
		}

		// Comments on blocks, resolved.
		var id int64
		err = db.Transact(ctx, func(tx *store.Tx) (err error) {
			id, err = works.AddComment(ctx, tx, c, 3, block, "Проверить номер статьи.", editor)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.ResolveComment(ctx, tx, c.ID, id, editor) }); err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.ResolveComment(ctx, tx, c.ID, id+100, editor) }); !errors.Is(err, errkind.NotFound) {
			t.Fatalf("resolving a missing comment: %v", err)
		}
		cs, err := works.Comments(ctx, db, c.ID)
		if err != nil || len(cs) != 1 || cs[0].ResolvedAt.IsZero() || cs[0].BlockID != block {
			t.Fatalf("comments = %+v, %v", cs, err)
		}
	})
}
