package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/works"
)

// The public web reader of the editions: the list of released editions,
// each edition's contents, one page per chapter, its images and its
// EPUB and PDF files. Every page asks edition.Public with the server's
// clock, so that before its release an edition is a 404 like any address
// that names nothing, and it reads the book the edition's web build holds,
// not the office's live texts.

// publicEdition is a released edition and the book of its web build.
type publicEdition struct {
	E *edition.Edition
	B *book.Book
}

// loadPublicEdition returns the released edition slug and its book, or
// errkind.NotFound.
func (s *Server) loadPublicEdition(ctx context.Context, slug string) (*publicEdition, error) {
	e, err := edition.Public(ctx, s.db, slug, s.clock())
	if err != nil {
		return nil, err
	}
	b, err := edition.WebBook(ctx, s.db, s.blobs, e.ID)
	if err != nil {
		return nil, err
	}
	return &publicEdition{E: e, B: b}, nil
}

// bookLang is the language of the book a page in language l shows: l when
// the book is in it, else the book's first.
func bookLang(b *book.Book, l string) string {
	if slices.Contains(b.Langs, l) {
		return l
	}
	return b.Lang()
}

// counterparts returns, for each language of the site, the released
// edition of the same collection a reader of that language is sent to
// from pe: pe itself when it is in that language, else one in that
// language alone, else a parallel one with it; none when there is none.
func (s *Server) counterparts(ctx context.Context, pe *publicEdition) (map[string]*edition.Edition, []*edition.Edition, error) {
	all, err := edition.PublicList(ctx, s.db, s.clock())
	if err != nil {
		return nil, nil, err
	}
	var same []*edition.Edition
	for _, e := range all {
		if e.CollectionID == pe.E.CollectionID {
			same = append(same, e)
		}
	}
	out := map[string]*edition.Edition{}
	for _, l := range i18n.Languages {
		if slices.Contains(pe.E.Langs, l) {
			out[l] = pe.E
			continue
		}
		for _, e := range same {
			if len(e.Langs) == 1 && e.Langs[0] == l {
				out[l] = e
			}
		}
		if out[l] == nil {
			for _, e := range same {
				if slices.Contains(e.Langs, l) {
					out[l] = e
					break
				}
			}
		}
	}
	return out, same, nil
}

// editionFile is a download of an edition.
type editionFile struct {
	Format book.Format
	Name   string
	Path   string
	Size   int64
	ISBN   string
}

// editionView is what the edition pages show.
type editionView struct {
	E        *edition.Edition
	B        *book.Book
	Lang     string // the language of the book's text shown
	Path     string // the contents page's path, language prefix included
	Released time.Time
	Files    []editionFile
	ISBNs    []editionFile
	Preface  template.HTML
	Chapter  *chapterView
	Prev     *book.Chapter
	Next     *book.Chapter
	Parallel bool
	// ReadIn is the edition-language control: the collection's editions
	// the reader may switch to (nil when there is no other).
	ReadIn []readInLink
}

// chapterView is one chapter's page.
type chapterView struct {
	C    *book.Chapter
	Text template.HTML
	// Pairs are, in a parallel edition, the rows of the text in the
	// page's language and in its other language (FacingLang), block
	// beside block of the same ID; Text is then empty. The facing text's
	// anchors are its IDs after the language and a hyphen ("ru-p3"), so
	// that each page's own are the plain IDs.
	Pairs      []pairRow
	FacingLang string
	// FacingTranslators are the translators of the facing text, credited
	// as those of the page's language are (Translators).
	FacingTranslators []book.Person
	// Translators of the chapter into the language shown.
	Translators []book.Person
}

func (s *Server) editionView(ctx context.Context, rq *request, pe *publicEdition) (*editionView, error) {
	v := &editionView{E: pe.E, B: pe.B, Lang: bookLang(pe.B, rq.Lang), Path: "/" + rq.Lang + "/editions/" + pe.E.Slug,
		Released: pe.E.ReleaseAt.In(pe.E.Location()), Parallel: pe.E.Parallel()}
	files, err := edition.Files(ctx, s.db, pe.E.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range append(slices.Clone(book.Formats), book.PDFA) {
		ef := editionFile{Format: f, ISBN: pe.B.ISBN[f]}
		if file := files[f]; file != nil && f != book.Web && pe.E.Builds(f) {
			ef.Name = downloadName(pe.E, f)
			ef.Path = v.Path + "/files/" + ef.Name
			ef.Size = file.Size
			v.Files = append(v.Files, ef)
		}
		if ef.ISBN != "" {
			v.ISBNs = append(v.ISBNs, ef)
		}
	}
	if d := pe.B.Preface[v.Lang]; d != nil {
		h, err := s.docHTML(d, v.Path)
		if err != nil {
			return nil, err
		}
		v.Preface = h
	}
	return v, nil
}

// withoutTitle returns d without its first block when that is a heading
// of level 1 saying the title, which the page's own heading shows.
func withoutTitle(d *doc.Document, title string) *doc.Document {
	if len(d.Blocks) == 0 || d.Blocks[0].Type != doc.Heading || d.Blocks[0].Level != 1 ||
		strings.TrimSpace(doc.PlainText(d.Blocks[0].Inlines)) != strings.TrimSpace(title) {
		return d
	}
	c := *d
	c.Blocks = d.Blocks[1:]
	return &c
}

// prefixAnchors puts prefix before every id and in-page link of h, the
// HTML of one document, so that two documents that share block IDs can be
// shown on one page.
func prefixAnchors(h template.HTML, prefix string) template.HTML {
	r := strings.NewReplacer(` id="`, ` id="`+prefix, ` href="#`, ` href="#`+prefix)
	return template.HTML(r.Replace(string(h)))
}

// docHTML renders a document of an edition, its images under the
// edition's media path.
func (s *Server) docHTML(d *doc.Document, editionPath string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := doc.WriteHTML(&buf, d, doc.HTMLOptions{Media: doc.LinkMedia, MediaPrefix: editionPath + "/media/"}); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// editionItem is a released edition as the home page and a forum's page
// list it: its collection's title in the edition's first language, its
// languages (editionLangs says them) and its release date in its zone.
type editionItem struct {
	E        *edition.Edition
	Title    string
	Lang     string
	Released time.Time
}

// releasedEditions returns the editions released by the server's clock,
// newest first: those of collection only, unless it is 0, and at most
// limit of them, unless it is 0.
func (s *Server) releasedEditions(ctx context.Context, collection int64, limit int) ([]editionItem, error) {
	es, err := edition.PublicList(ctx, s.db, s.clock())
	if err != nil {
		return nil, err
	}
	titles := map[int64]lang.Text{}
	var out []editionItem
	for _, e := range es {
		if collection != 0 && e.CollectionID != collection {
			continue
		}
		if limit > 0 && len(out) == limit {
			break
		}
		t, ok := titles[e.CollectionID]
		if !ok {
			c, err := works.GetCollection(ctx, s.db, e.CollectionID)
			if err != nil {
				return nil, err
			}
			t, titles[e.CollectionID] = c.Title, c.Title
		}
		title, _ := t.In(e.Langs[0])
		out = append(out, editionItem{E: e, Title: lang.WithoutBreakHints(title), Lang: e.Langs[0], Released: e.ReleaseAt.In(e.Location())})
	}
	return out, nil
}

// editionsList answers /{lang}/editions: the released editions, newest
// first.
func (s *Server) editionsList(rq *request) (result, error) {
	ctx := rq.Context()
	es, err := edition.PublicList(ctx, s.db, s.clock())
	if err != nil {
		return result{}, err
	}
	var list []*publicEdition
	for _, e := range es {
		b, err := edition.WebBook(ctx, s.db, s.blobs, e.ID)
		if errors.Is(err, errkind.NotFound) {
			continue
		}
		if err != nil {
			return result{}, err
		}
		list = append(list, &publicEdition{E: e, B: b})
	}
	d := &pageData{Title: rq.T.T("editions.title"), Section: "editions", Main: list}
	return s.html(rq, "editions", "/editions", d)
}

// editionShow answers /{lang}/editions/{edition}: the title, the imprint's
// data, the downloads, the preface and the contents.
func (s *Server) editionShow(rq *request) (result, error) {
	ctx := rq.Context()
	pe, err := s.loadPublicEdition(ctx, rq.PathValue("edition"))
	if err != nil {
		return result{}, err
	}
	v, err := s.editionView(ctx, rq, pe)
	if err != nil {
		return result{}, err
	}
	_, same, err := s.counterparts(ctx, pe)
	if err != nil {
		return result{}, err
	}
	d := &pageData{Title: pe.B.Title[v.Lang], Section: "editions", OGType: "book", Main: v,
		JSONLD: marshalLD(s.bookLD(pe, v.Lang, same))}
	return s.editionHTML(rq, "edition", "/editions/"+pe.E.Slug, "", d)
}

// editionChapter answers /{lang}/editions/{edition}/{chapter}: one
// chapter, every paragraph with its permanent anchor (its block ID), the
// notes after the text, each linked to its call and back.
func (s *Server) editionChapter(rq *request) (result, error) {
	ctx := rq.Context()
	pe, err := s.loadPublicEdition(ctx, rq.PathValue("edition"))
	if err != nil {
		return result{}, err
	}
	i := slices.IndexFunc(pe.B.Chapters, func(c book.Chapter) bool { return c.ID == rq.PathValue("chapter") })
	if i < 0 {
		return result{}, fmt.Errorf("edition %s: no chapter %q: %w", pe.E.Slug, rq.PathValue("chapter"), errkind.NotFound)
	}
	v, err := s.editionView(ctx, rq, pe)
	if err != nil {
		return result{}, err
	}
	c := &pe.B.Chapters[i]
	cps, same, err := s.counterparts(ctx, pe)
	if err != nil {
		return result{}, err
	}
	links, err := s.paragraphLinks(ctx, pe, c, v.Lang, cps)
	if err != nil {
		return result{}, err
	}
	v.Chapter = &chapterView{C: c, Translators: c.Translators[v.Lang]}
	own := withoutTitle(c.Text[v.Lang], c.Title[v.Lang])
	for _, fl := range pe.B.Langs {
		if fl == v.Lang || c.Text[fl] == nil {
			continue
		}
		v.Chapter.FacingLang = fl
		v.Chapter.FacingTranslators = c.Translators[fl]
		v.Chapter.Pairs, err = s.pairs(own, withoutTitle(c.Text[fl], c.Title[fl]), fl+"-", v.Path, links)
		if err != nil {
			return result{}, err
		}
	}
	if v.Chapter.Pairs == nil {
		text, err := s.docHTML(own, v.Path)
		if err != nil {
			return result{}, err
		}
		v.Chapter.Text = links(text)
	}
	if i > 0 {
		v.Prev = &pe.B.Chapters[i-1]
	}
	if i+1 < len(pe.B.Chapters) {
		v.Next = &pe.B.Chapters[i+1]
	}
	d := &pageData{Title: c.Title[v.Lang], Section: "editions", OGType: "article", Main: v,
		JSONLD: marshalLD(s.chapterLD(pe, c, v.Lang, same))}
	return s.editionHTML(rq, "edition_chapter", "/editions/"+pe.E.Slug+"/"+c.ID, c.ID, d)
}

// paragraphLinks returns a function that adds, to the end of each
// paragraph of chapter c's text in language l found in HTML rendered from
// it (the whole text, or some of its blocks), a link to the same paragraph (the block of
// the same ID) in the edition of each other language, where one is
// released and has the paragraph, so that a reader goes from a paragraph
// to its translation without JavaScript.
func (s *Server) paragraphLinks(ctx context.Context, pe *publicEdition, c *book.Chapter, l string, cps map[string]*edition.Edition) (func(template.HTML) template.HTML, error) {
	type target struct{ lang, path string }
	var targets []target
	has := map[string]map[string]bool{}
	for _, al := range i18n.Languages {
		e := cps[al]
		if al == l || e == nil {
			continue
		}
		b := pe.B
		if e.ID != pe.E.ID {
			var err error
			if b, err = edition.WebBook(ctx, s.db, s.blobs, e.ID); errors.Is(err, errkind.NotFound) {
				continue
			} else if err != nil {
				return nil, err
			}
		}
		i := slices.IndexFunc(b.Chapters, func(x book.Chapter) bool { return x.ID == c.ID })
		if i < 0 || b.Chapters[i].Text[al] == nil {
			continue
		}
		ids := map[string]bool{}
		for _, bl := range b.Chapters[i].Text[al].Blocks {
			ids[bl.ID] = true
		}
		has[al] = ids
		targets = append(targets, target{al, "/" + al + "/editions/" + e.Slug + "/" + c.ID})
	}
	return func(text template.HTML) template.HTML {
		if len(targets) == 0 {
			return text
		}
		out := string(text)
		for _, bl := range c.Text[l].Blocks {
			if bl.Type != doc.Paragraph || bl.ID == "" {
				continue
			}
			open := strings.Index(out, `<p id="`+template.HTMLEscapeString(bl.ID)+`"`)
			if open < 0 {
				continue
			}
			end := strings.Index(out[open:], "</p>")
			if end < 0 {
				continue
			}
			var links strings.Builder
			for _, tg := range targets {
				if !has[tg.lang][bl.ID] {
					continue
				}
				fmt.Fprintf(&links, ` <a class="para-lang" href="%s#%s" hreflang="%s" lang="%s" title="%s">%s</a>`,
					template.HTMLEscapeString(tg.path), template.HTMLEscapeString(bl.ID), tg.lang, tg.lang,
					template.HTMLEscapeString(s.catalog.Printer(tg.lang).T("lang.self."+tg.lang)), tg.lang)
			}
			at := open + end
			out = out[:at] + links.String() + out[at:]
		}
		return template.HTML(out)
	}, nil
}

// pairRow is one row of a parallel chapter: the blocks of one ID in the
// page's language (Own) and in the other (Facing), either empty when the
// block has no counterpart; the last row holds the notes of each.
type pairRow struct {
	Own, Facing template.HTML
	Notes       bool
}

// pairs sets the blocks of own (the page's language) and facing (the
// other's) in rows, each block beside the block of the same ID, which a
// translation keeps; a block without a counterpart has a row of its own,
// where it stands in its text, and the notes of each text end the rows.
// The facing text's anchors are its block and note IDs after prefix, so
// that the page's own are the plain IDs; links adds the paragraphs' links
// to the other editions to own's blocks.
func (s *Server) pairs(own, facing *doc.Document, prefix, editionPath string, links func(template.HTML) template.HTML) ([]pairRow, error) {
	opt := doc.HTMLOptions{Media: doc.LinkMedia, MediaPrefix: editionPath + "/media/"}
	oh, on, err := doc.HTMLBlocks(own, opt)
	if err != nil {
		return nil, err
	}
	fh, fn, err := doc.HTMLBlocks(facing, opt)
	if err != nil {
		return nil, err
	}
	at := map[string]int{}
	for i, b := range facing.Blocks {
		if _, dup := at[b.ID]; b.ID != "" && !dup {
			at[b.ID] = i
		}
	}
	fhtml := func(i int) template.HTML { return prefixAnchors(template.HTML(fh[i]), prefix) }
	var rows []pairRow
	next := 0 // the first facing block not yet set
	for i, b := range own.Blocks {
		row := pairRow{Own: links(template.HTML(oh[i]))}
		if j, ok := at[b.ID]; ok && b.ID != "" && j >= next {
			for ; next < j; next++ {
				rows = append(rows, pairRow{Facing: fhtml(next)})
			}
			row.Facing = fhtml(j)
			next = j + 1
		}
		rows = append(rows, row)
	}
	for ; next < len(fh); next++ {
		rows = append(rows, pairRow{Facing: fhtml(next)})
	}
	if on != "" || fn != "" {
		rows = append(rows, pairRow{Own: template.HTML(on), Facing: prefixAnchors(template.HTML(fn), prefix), Notes: true})
	}
	return rows, nil
}

// editionHTML renders an edition's page as s.html does. There are two
// language choices on it: the site's switcher, the interface language's
// as on every page (the same edition, the site around it in another
// language; current, the page's language), and the edition-language
// control (readIn: the same chapter in another edition of the
// collection; current, the edition shown).
func (s *Server) editionHTML(rq *request, view, path, chapter string, d *pageData) (result, error) {
	if err := s.fill(rq.Context(), rq.Forums, rq.Lang, rq.T, path, d); err != nil {
		return result{}, err
	}
	// The site's switcher is the interface language's, as on every page:
	// it shows the same edition with the site around it in another
	// language. Which edition is read is the other control, ReadIn.
	if v, ok := d.Main.(*editionView); ok {
		links, err := s.readIn(rq, v, chapter)
		if err != nil {
			return result{}, err
		}
		v.ReadIn = links
	}
	var buf bytes.Buffer
	if err := s.views.render(&buf, view, d); err != nil {
		return result{}, fmt.Errorf("render %s: %w", view, err)
	}
	return result{contentType: "text/html; charset=utf-8", body: []byte(plain(buf.String()))}, nil
}

// readInLink is one choice of the edition-language control: an edition of
// the same collection, by the language(s) it is in.
type readInLink struct {
	Label, Lang, Path string
	Current           bool
}

// readIn returns the edition-language control of edition page v: every
// edition of its collection the public may see (the language editions in
// the site's language order, then the parallel ones), each leading to
// the same chapter when it has it (else to its contents), with the site
// around it in the reader's language; the edition shown is current.
func (s *Server) readIn(rq *request, v *editionView, chapter string) ([]readInLink, error) {
	ctx := rq.Context()
	all, err := edition.PublicList(ctx, s.db, s.clock())
	if err != nil {
		return nil, err
	}
	var mono, par []readInLink
	for _, e := range all {
		if e.CollectionID != v.E.CollectionID {
			continue
		}
		p := "/" + rq.Lang + "/editions/" + e.Slug
		if chapter != "" {
			has := e.ID == v.E.ID
			if !has {
				b, err := edition.WebBook(ctx, s.db, s.blobs, e.ID)
				if err != nil && !errors.Is(err, errkind.NotFound) {
					return nil, err
				}
				has = b != nil && slices.ContainsFunc(b.Chapters, func(c book.Chapter) bool { return c.ID == chapter })
			}
			if has {
				p += "/" + chapter
			}
		}
		l := readInLink{Path: p, Current: e.ID == v.E.ID}
		if e.Parallel() {
			l.Label, l.Lang = editionLangsIn(rq.T, e.Langs), rq.Lang
			par = append(par, l)
			continue
		}
		l.Lang = e.Langs[0]
		l.Label = s.catalog.Printer(l.Lang).T("lang.self." + l.Lang)
		mono = append(mono, l)
	}
	order := func(l string) int { return slices.Index(i18n.Languages, l) }
	slices.SortStableFunc(mono, func(a, b readInLink) int { return order(a.Lang) - order(b.Lang) })
	out := append(mono, par...)
	if len(out) < 2 {
		return nil, nil
	}
	return out, nil
}

// editionMedia answers /{lang}/editions/{edition}/media/{name}: an image
// of the edition's chapters, from the revision store.
func (s *Server) editionMedia(rq *request) (result, error) {
	ctx := rq.Context()
	pe, err := s.loadPublicEdition(ctx, rq.PathValue("edition"))
	if err != nil {
		return result{}, err
	}
	name := rq.PathValue("name")
	for _, c := range pe.B.Chapters {
		for _, d := range c.Text {
			for _, m := range d.Media {
				if m.Name == name {
					data, err := readAll(ctx, s.blobs, revision.MediaKey(name))
					if err != nil {
						return result{}, err
					}
					return result{contentType: m.Type, body: data}, nil
				}
			}
		}
	}
	return result{}, fmt.Errorf("edition %s: no image %q: %w", pe.E.Slug, name, errkind.NotFound)
}

func readAll(ctx context.Context, blobs blob.Store, key string) ([]byte, error) {
	o, err := blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(o)
	return buf.Bytes(), err
}

// downloadName is the name edition e's file in format f is downloaded
// under: "cw-zh.epub", "cw-zh.pdf", and "cw-zh.pdfa.pdf" for the archival
// PDF/A.
func downloadName(e *edition.Edition, f book.Format) string {
	if f == book.PDFA {
		return e.Slug + ".pdfa.pdf"
	}
	return e.Slug + "." + edition.Ext(f)
}

// editionFileServe answers /{lang}/editions/{edition}/files/{file}, the
// EPUB or PDF of a released edition ("cw-zh.epub"), outside the page
// cache: before the release it is a 404 like the pages.
func (s *Server) editionFileServe(l string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		slug := r.PathValue("edition")
		e, err := edition.Public(ctx, s.db, slug, s.clock())
		if err != nil {
			s.renderErrorIn(w, r, l, err)
			return
		}
		var f book.Format
		for _, x := range []book.Format{book.EPUB, book.PDF, book.PDFA} {
			if r.PathValue("file") == downloadName(e, x) && e.Builds(x) {
				f = x
			}
		}
		if f == "" {
			s.renderErrorIn(w, r, l, errkind.NotFound)
			return
		}
		data, file, err := edition.Open(ctx, s.db, s.blobs, e.ID, f)
		if err != nil {
			s.renderErrorIn(w, r, l, err)
			return
		}
		types := map[book.Format]string{book.EPUB: "application/epub+zip", book.PDF: "application/pdf", book.PDFA: "application/pdf"}
		w.Header().Set("Content-Type", types[f])
		w.Header().Set("Content-Disposition", `attachment; filename="`+r.PathValue("file")+`"`)
		w.Header().Set("ETag", strconv.Quote(file.SHA256))
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeContent(w, r, "", file.BuiltAt, bytes.NewReader(data))
	}
}

// bookFormats are the schema.org book formats and media types of an
// edition's files. The PDF is the edition's PDF e-book, the product its
// ISBN names (ONIX ED/E107, Crossref's electronic ISBN), not a printed
// book: schema.org's Paperback or Hardcover would say otherwise, and the
// edition records no binding.
var bookFormats = map[book.Format][2]string{
	book.Web:  {"https://schema.org/EBook", "text/html"},
	book.EPUB: {"https://schema.org/EBook", "application/epub+zip"},
	book.PDF:  {"https://schema.org/EBook", "application/pdf"},
}

func personsLD(ps []book.Person, l string) []any {
	var out []any
	for _, p := range ps {
		o := ld{"@type": "Person", "name": p.Name[l]}
		if a := p.Affiliation[l]; a != "" {
			o["affiliation"] = ld{"@type": "Organization", "name": a}
		}
		if p.ORCID != "" {
			o["sameAs"] = p.ORCID
		}
		out = append(out, o)
	}
	return out
}

func (s *Server) editionURL(e *edition.Edition, l string) string {
	return s.abs("/" + l + "/editions/" + e.Slug)
}

// ldID is edition e's identifier in JSON-LD: the address of its reader in
// its first language, whichever language the page is in, so that every
// page names one edition (the parallel one included) by one @id.
func (s *Server) ldID(e *edition.Edition) string { return s.editionURL(e, e.Langs[0]) }

// bookLD describes an edition as a schema.org Book, the web reader
// itself (bookFormat EBook, its ISBN), with its EPUB and PDF as
// workExamples (EBook, each with its media type and ISBN): its languages,
// editors, the translators of its chapters, publisher, chapters, and its
// relations to the collection's other released editions (see
// translationOf).
func (s *Server) bookLD(pe *publicEdition, l string, same []*edition.Edition) ld {
	b := pe.B
	url := s.ldID(pe.E)
	o := ld{"@type": "Book", "@id": url, "url": url, "name": b.Title[l], "inLanguage": langsLD(b.Langs),
		"datePublished": pe.E.ReleaseAt.In(pe.E.Location()).Format("2006-01-02"),
		"publisher":     ld{"@type": "Organization", "name": b.Publisher.Name[l]}, "bookFormat": bookFormats[book.Web][0]}
	if eds := personsLD(b.Editors, l); len(eds) > 0 {
		o["editor"] = eds
	}
	if n := b.ISBN[book.Web]; n != "" {
		o["isbn"] = n
	}
	var examples []any
	for _, f := range []book.Format{book.EPUB, book.PDF} {
		if !pe.E.Has(f) {
			continue
		}
		ex := ld{"@type": "Book", "bookFormat": bookFormats[f][0], "encodingFormat": bookFormats[f][1], "inLanguage": o["inLanguage"],
			"url": url + "/files/" + pe.E.Slug + "." + edition.Ext(f)}
		if n := b.ISBN[f]; n != "" {
			ex["isbn"] = n
		}
		examples = append(examples, ex)
	}
	if len(examples) > 0 {
		o["workExample"] = examples
	}
	var parts []any
	for _, c := range b.Chapters {
		parts = append(parts, ld{"@type": "Chapter", "@id": url + "/" + c.ID, "name": c.Title[l], "url": url + "/" + c.ID})
	}
	if len(parts) > 0 {
		o["hasPart"] = parts
	}
	var translations, originals []any
	for _, e := range same {
		if e.ID == pe.E.ID {
			continue
		}
		ref := ld{"@type": "Book", "@id": s.ldID(e), "inLanguage": langsLD(e.Langs)}
		if translationOf(b.Chapters, pe.E.Langs, e.Langs) {
			originals = append(originals, ref)
		}
		if translationOf(b.Chapters, e.Langs, pe.E.Langs) {
			translations = append(translations, ref)
		}
	}
	if len(translations) > 0 {
		o["workTranslation"] = translations
	}
	if len(originals) > 0 {
		o["translationOfWork"] = originals
	}
	var translators []book.Person
	seen := map[string]bool{}
	for _, c := range b.Chapters {
		for _, bl := range b.Langs {
			for _, p := range c.Translators[bl] {
				if !seen[p.Name[l]] {
					seen[p.Name[l]] = true
					translators = append(translators, p)
				}
			}
		}
	}
	if ts := personsLD(translators, l); len(ts) > 0 {
		o["translator"] = ts
	}
	if b.DOI != "" {
		o["sameAs"] = "https://doi.org/" + b.DOI
	}
	return o
}

// langsLD is an inLanguage of schema.org: the one language, or the list
// of a parallel edition's.
func langsLD(langs []string) any {
	if len(langs) == 1 {
		return langs[0]
	}
	return langs
}

// translationOf reports whether an edition in the languages to is, as a
// whole, a translation of one in the languages from: both are in one
// language each, different ones, and every chapter (chapters, the
// collection's) was written in from's. Each language edition of a
// collection written in one language is so a translation of the edition
// in that language; the editions of a collection of mixed originals are
// not translations of one another as wholes (their chapters say which
// translates which, see chapterLD), and a parallel edition, which holds
// the originals beside their translations, is a Book of its own and
// neither.
func translationOf(chapters []book.Chapter, to, from []string) bool {
	if len(to) != 1 || len(from) != 1 || to[0] == from[0] || len(chapters) == 0 {
		return false
	}
	for _, c := range chapters {
		if c.Original != from[0] {
			return false
		}
	}
	return true
}

// chapterLD describes a chapter as a schema.org Chapter of its Book: its
// authors and, in a translation, its translators and the chapter it
// translates (in the edition of the original's language alone); in the
// original, the chapters that translate it (in the editions of one other
// language each). A parallel edition's chapter, in both its languages,
// holds the original and its translation and is neither.
func (s *Server) chapterLD(pe *publicEdition, c *book.Chapter, l string, same []*edition.Edition) ld {
	bookID := s.ldID(pe.E)
	id := bookID + "/" + c.ID
	o := ld{"@type": "Chapter", "@id": id, "url": id, "name": c.Title[l], "inLanguage": langsLD(pe.E.Langs),
		"isPartOf": ld{"@type": "Book", "@id": bookID, "name": pe.B.Title[l]}}
	if as := personsLD(c.Authors, l); len(as) > 0 {
		o["author"] = as
	}
	if ts := personsLD(c.Translators[l], l); len(ts) > 0 {
		o["translator"] = ts
	}
	if c.Abstract[l] != "" {
		o["abstract"] = c.Abstract[l]
	}
	if kw := c.Keywords[l]; len(kw) > 0 {
		o["keywords"] = strings.Join(kw, ", ")
	}
	if c.DOI != "" {
		o["sameAs"] = "https://doi.org/" + c.DOI
	}
	if pe.E.Parallel() {
		return o
	}
	var translations []any
	for _, e := range same {
		if e.ID == pe.E.ID || e.Parallel() {
			continue
		}
		el := e.Langs[0]
		ref := ld{"@type": "Chapter", "@id": s.ldID(e) + "/" + c.ID, "inLanguage": el}
		switch {
		case l != c.Original && el == c.Original:
			o["translationOfWork"] = ref
		case l == c.Original && el != l:
			translations = append(translations, ref)
		}
	}
	if len(translations) > 0 {
		o["workTranslation"] = translations
	}
	return o
}
