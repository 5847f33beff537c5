// Package crossref writes a Crossref deposit (metadata schema 5.4.0) that
// registers the DOIs of the editions of one collection and of their
// chapters: one <book book_type="edited_book"> per edition, with its
// volume editors, titles, publication date, an ISBN per format (all
// electronic: web, EPUB, PDF), publisher and DOI, and one <content_item
// component_type="chapter"> per chapter with its authors and translators,
// its title (and the title in its original language when the edition
// translates it) and its DOI.
//
// Translations are linked both ways with the relations program
// (rel:program, intra_work_relation, identifier type doi): a chapter
// translated in one edition isTranslationOf the same chapter in each
// edition that holds it in its original language, which in turn
// hasTranslation it; an edition isTranslationOf (and the other
// hasTranslation) each other edition from which it translates at least
// one chapter, so that two editions of a jointly compiled collection, each
// translating part of the other, are translations of each other. Crossref
// lists isTranslationOf and hasTranslation as intra-work relations (the
// same work in another language), so they are written as
// intra_work_relation; the schema does not accept them as inter-work.
//
// Every DOI (book.Book.DOI, book.Chapter.DOI) must lie under the
// depositor's prefix (Head.Prefix), as Crossref accepts only those. When
// an edition's ISBNs are sample data (book.Book.SampleISBN), the deposit
// says so in an XML comment after its declaration, in Chinese, Russian
// and English; such a deposit is for tests and demonstrations, not for
// Crossref.
//
// The output is valid against the 5.4.0 schema (crossref5.4.0.xsd), which
// the tests check with xmllint. The same inputs give the same bytes: the
// timestamp is the caller's, never the clock.
package crossref

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/isbn"
)

// Head is what the deposit says about itself and its depositor.
type Head struct {
	// BatchID names the deposit in Crossref's reports, 4 to 100
	// characters ("tandem-cw-20210602T093000").
	BatchID string
	// Timestamp is the deposit's version, written as yyyyMMddHHmmss in
	// UTC: Crossref applies a deposit only when its timestamp is later
	// than that of the DOIs' last one.
	Timestamp time.Time
	// Depositor and Email are who made the deposit and where Crossref
	// sends its report.
	Depositor string
	Email     string
	// Registrant is the organisation that owns the DOIs.
	Registrant string
	// Prefix is the registrant's DOI prefix ("10.99999"); every DOI of
	// the deposit must lie under it.
	Prefix string
}

// languages are the base languages the deposit accepts, those of the site;
// Crossref takes ISO 639-1 codes, as book.Book uses.
var languages = []string{"zh", "ru", "en"}

var (
	prefixPattern = regexp.MustCompile(`^10\.[0-9]{4,9}$`)
	orcidPattern  = regexp.MustCompile(`^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$`)
	namePattern   = regexp.MustCompile(`^[^\d?]*[^?\s]+[^\d]*$`)
)

// Write writes the deposit for editions to w, one book per edition in the
// given order. cat gives the sample-data comment in each language. The
// publication date is the calendar date of each edition's Released in
// Released's own location, so the caller gives Released in the edition's
// release zone.
//
// It returns a *Problem (with a message for people) when the editions
// cannot make a valid deposit: a head field missing, a malformed prefix,
// an edition or chapter without a DOI under the prefix or without an
// absolute http(s) address, two items with one DOI, an edition without a
// release time, a language Crossref does not take here, a name Crossref
// refuses (digits, more than 60 characters) or a malformed ORCID iD; and
// the *isbn.Error of an ISBN that is not valid, wrapped with the edition
// and format. Errors of w are returned as they are.
func Write(w io.Writer, cat *i18n.Catalog, h Head, editions []*book.Book) error {
	b, err := build(h, editions)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	if slices.ContainsFunc(editions, func(ed *book.Book) bool { return ed.SampleISBN }) {
		for _, l := range i18n.Languages {
			// A comment may not hold "--".
			note := strings.ReplaceAll(cat.Printer(l).T("crossref.sample_isbn"), "--", "—")
			if _, err := io.WriteString(w, "<!-- "+note+" -->\n"); err != nil {
				return err
			}
		}
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(b); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

func build(h Head, editions []*book.Book) (*batch, error) {
	for _, f := range []struct{ name, value string }{{"doi_batch_id", h.BatchID}, {"depositor", h.Depositor},
		{"email_address", h.Email}, {"registrant", h.Registrant}} {
		if strings.TrimSpace(f.value) == "" {
			return nil, problem(ErrHead, f.name)
		}
	}
	if n := utf8.RuneCountInString(h.BatchID); n < 4 || n > 100 {
		return nil, problem(ErrHead, "doi_batch_id")
	}
	if !prefixPattern.MatchString(h.Prefix) {
		return nil, problem(ErrPrefix, h.Prefix)
	}
	if len(editions) == 0 {
		return nil, problem(ErrNoEdition)
	}
	dois := map[string]string{}
	useDOI := func(doi, where string) error {
		if doi == "" || !strings.HasPrefix(doi, h.Prefix+"/") || len(doi) == len(h.Prefix)+1 || len(doi) > 2048 {
			return problem(ErrDOI, where, doi, h.Prefix)
		}
		if other, dup := dois[doi]; dup {
			return problem(ErrSameDOI, doi, other, where)
		}
		dois[doi] = where
		return nil
	}
	for _, ed := range editions {
		if err := check(ed); err != nil {
			return nil, err
		}
		if err := useDOI(ed.DOI, ed.Slug); err != nil {
			return nil, err
		}
		for _, c := range ed.Chapters {
			if err := useDOI(c.DOI, ed.Slug+" "+c.ID); err != nil {
				return nil, err
			}
		}
	}
	b := &batch{Version: "5.4.0", Head: head{
		BatchID:    h.BatchID,
		Timestamp:  h.Timestamp.UTC().Format("20060102150405"),
		Depositor:  h.Depositor,
		Email:      h.Email,
		Registrant: h.Registrant,
	}}
	for _, ed := range editions {
		el, err := makeBook(ed, editions)
		if err != nil {
			return nil, err
		}
		b.Books = append(b.Books, el)
	}
	return b, nil
}

// check refuses an edition the deposit cannot describe.
func check(ed *book.Book) error {
	if len(ed.Langs) == 0 {
		return problem(ErrLanguage, ed.Slug, "")
	}
	for _, l := range ed.Langs {
		if !slices.Contains(languages, l) {
			return problem(ErrLanguage, ed.Slug, l)
		}
	}
	for _, c := range ed.Chapters {
		if !slices.Contains(languages, c.Original) {
			return problem(ErrLanguage, ed.Slug, c.Original)
		}
	}
	if ed.Released.IsZero() {
		return problem(ErrNoRelease, ed.Slug)
	}
	for _, l := range ed.Langs[:1] {
		if ed.Title[l] == "" {
			return problem(ErrTitle, ed.Slug, l)
		}
		for _, c := range ed.Chapters {
			if c.Title[l] == "" {
				return problem(ErrTitle, ed.Slug+" "+c.ID, l)
			}
		}
	}
	if ed.Publisher.Name[ed.Lang()] == "" {
		return problem(ErrPublisher, ed.Slug, ed.Lang())
	}
	if !absolute(ed.URL) {
		return problem(ErrURL, ed.Slug, ed.URL)
	}
	for _, c := range ed.Chapters {
		if !absolute(c.URL) {
			return problem(ErrURL, ed.Slug+" "+c.ID, c.URL)
		}
	}
	return nil
}

func absolute(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2048
}

func makeBook(ed *book.Book, editions []*book.Book) (bookEl, error) {
	lang := ed.Lang()
	m := bookMetadata{
		Language: lang,
		Titles:   titles{Title: ed.Title[lang], Subtitle: ed.Subtitle[lang]},
		Date: publicationDate{MediaType: "online", Year: ed.Released.Format("2006"),
			Month: ed.Released.Format("01"), Day: ed.Released.Format("02")},
		Publisher: publisher{Name: ed.Publisher.Name[lang], Place: ed.Publisher.Place[lang]},
		DOIData:   doiData{DOI: ed.DOI, Resource: ed.URL},
	}
	var err error
	if m.Contributors, err = people(ed.Slug, lang, "editor", ed.Editors, nil); err != nil {
		return bookEl{}, err
	}
	for _, f := range book.Formats {
		raw := ed.ISBN[f]
		if raw == "" {
			continue
		}
		n, err := isbn.Parse(raw)
		if err != nil {
			return bookEl{}, fmt.Errorf("edition %s, %s: %w", ed.Slug, f, err)
		}
		// The web reader, the EPUB and the PDF are all electronic.
		m.ISBNs = append(m.ISBNs, isbnEl{MediaType: "electronic", Value: n})
	}
	if len(m.ISBNs) == 0 {
		m.NoISBN = &noISBN{Reason: "monograph"}
	}
	m.Relations = editionRelations(ed, editions)
	el := bookEl{Type: "edited_book", Metadata: m}
	for i, c := range ed.Chapters {
		it := contentItem{Type: "chapter", Language: lang, ComponentNumber: strconv.Itoa(i + 1),
			Titles: titles{Title: c.Title[lang]}, DOIData: doiData{DOI: c.DOI, Resource: c.URL}}
		if c.Original != lang && c.Title[c.Original] != "" {
			it.Titles.Original = &langTitle{Language: c.Original, Value: c.Title[c.Original]}
		}
		var translators []book.Person
		for _, l := range ed.Langs {
			translators = append(translators, c.Translators[l]...)
		}
		if it.Contributors, err = people(ed.Slug+" "+c.ID, lang, "author", c.Authors, translators); err != nil {
			return bookEl{}, err
		}
		it.Relations = chapterRelations(ed, c, editions)
		el.Items = append(el.Items, it)
	}
	return el, nil
}

// translates reports whether edition a holds chapter id translated and b
// holds it in its original language.
func translates(a, b *book.Book, id string) bool {
	ca, cb := chapter(a, id), chapter(b, id)
	return ca != nil && cb != nil &&
		!slices.Contains(a.Langs, ca.Original) && slices.Contains(b.Langs, cb.Original)
}

func chapter(ed *book.Book, id string) *book.Chapter {
	for i := range ed.Chapters {
		if ed.Chapters[i].ID == id {
			return &ed.Chapters[i]
		}
	}
	return nil
}

// editionRelations are ed's translation relations with the other editions.
func editionRelations(ed *book.Book, editions []*book.Book) *program {
	p := &program{}
	for _, o := range editions {
		if o == ed {
			continue
		}
		var of, has bool
		for _, c := range ed.Chapters {
			of = of || translates(ed, o, c.ID)
			has = has || translates(o, ed, c.ID)
		}
		if of {
			p.add("isTranslationOf", o.DOI)
		}
		if has {
			p.add("hasTranslation", o.DOI)
		}
	}
	return p.orNil()
}

// chapterRelations are the translation relations of chapter c of ed with
// the same chapter in the other editions.
func chapterRelations(ed *book.Book, c book.Chapter, editions []*book.Book) *program {
	p := &program{}
	for _, o := range editions {
		if o == ed {
			continue
		}
		oc := chapter(o, c.ID)
		if oc == nil {
			continue
		}
		if translates(ed, o, c.ID) {
			p.add("isTranslationOf", oc.DOI)
		}
		if translates(o, ed, c.ID) {
			p.add("hasTranslation", oc.DOI)
		}
	}
	return p.orNil()
}

func (p *program) add(kind, doi string) {
	p.Items = append(p.Items, relatedItem{relation{Type: kind, IdentifierType: "doi", Value: doi}})
}

func (p *program) orNil() *program {
	if len(p.Items) == 0 {
		return nil
	}
	return p
}

// people are the contributors of an item in lang: main with role (editor
// for a book, author for a chapter), then the translators.
func people(where, lang, role string, main, translators []book.Person) (*contributors, error) {
	cs := &contributors{}
	add := func(p book.Person, role string) error {
		pn, err := person(where, lang, p)
		if err != nil {
			return err
		}
		pn.Role = role
		pn.Sequence = "additional"
		if len(cs.Persons) == 0 {
			pn.Sequence = "first"
		}
		cs.Persons = append(cs.Persons, pn)
		return nil
	}
	for _, p := range main {
		if err := add(p, role); err != nil {
			return nil, err
		}
	}
	for _, p := range translators {
		if err := add(p, "translator"); err != nil {
			return nil, err
		}
	}
	if len(cs.Persons) == 0 {
		return nil, nil
	}
	return cs, nil
}

// person is p's name in lang: surname and given name from its parts
// (Family, Given), or else from the sort name ("Family, Given"), and the
// name as printed when it reads otherwise (a Chinese name in characters,
// family name first, beside its parts).
func person(where, lang string, p book.Person) (personName, error) {
	sort := p.SortName[lang]
	if sort == "" {
		sort = p.Name[lang]
	}
	family, given, _ := strings.Cut(sort, ",")
	if p.Family[lang] != "" {
		family, given = p.Family[lang], p.Given[lang]
	}
	pn := personName{Surname: strings.TrimSpace(family), GivenName: strings.TrimSpace(given)}
	full := p.Name[lang]
	if full != "" && full != strings.TrimSpace(pn.GivenName+" "+pn.Surname) {
		pn.Name = full
	}
	for _, n := range []string{pn.Surname, pn.GivenName, pn.Name} {
		if n != "" && (utf8.RuneCountInString(n) > 60 || !namePattern.MatchString(n)) {
			return personName{}, problem(ErrName, where, n)
		}
	}
	if pn.Surname == "" {
		return personName{}, problem(ErrName, where, sort)
	}
	if a := p.Affiliation[lang]; a != "" {
		pn.Affiliations = &affiliations{[]institution{{Name: a}}}
	}
	if p.ORCID != "" {
		m := orcidPattern.FindStringSubmatch(p.ORCID)
		if m == nil {
			return personName{}, problem(ErrORCID, where, p.ORCID)
		}
		pn.ORCID = "https://orcid.org/" + m[1]
	}
	return pn, nil
}
