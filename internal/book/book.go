// Package book is an edition of the Collected Works as its renderers read
// it: the web reader, the EPUB writer (internal/epub) and the print
// typesetter (internal/typeset) take a *Book and nothing else, so that the
// three formats of one edition say the same thing. A Book is made from the
// database by internal/edition; tests make their own (see booktest).
//
// An edition is in one language, or in two for a parallel edition, whose
// first language is on the verso (left-hand page) and second on the recto,
// paragraph beside paragraph. Texts that the book shows in each of its
// languages are Local values keyed by language; chapters hold one approved
// document per language, whose blocks share their IDs (a translation keeps
// its source's block IDs, see internal/translate.Document), so that the
// paragraphs of a pair are the blocks with the same ID.
package book

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
)

// Format is one of the formats an edition is published in.
type Format string

const (
	Web  Format = "web"
	EPUB Format = "epub"
	PDF  Format = "pdf"
	// PDFA is the archival variant of the print PDF: the same pages as
	// PDF/A-2a. It is no format of its own (no ISBN, no metadata record,
	// not in Formats): an edition published in PDF has it, made from the
	// same inputs as its PDF.
	PDFA Format = "pdfa"
)

// Formats lists the formats in the order the office and the metadata show
// them.
var Formats = []Format{Web, EPUB, PDF}

// Local is a text of the book in each of its languages, keyed by base
// language ("zh", "ru", "en").
type Local map[string]string

// NoteNumbering says where the numbers of a book's notes start again.
type NoteNumbering string

const (
	// PerPage numbers the notes of each printed page from 1 (Chinese
	// practice, often shown as ①②③); EPUB and the web reader, which
	// have no pages, number them per chapter.
	PerPage NoteNumbering = "page"
	// PerChapter numbers the notes of each chapter from 1 (Russian
	// practice).
	PerChapter NoteNumbering = "chapter"
)

// Role is what a person did for the book, with the codes of ONIX list 17
// beside each.
type Role string

const (
	Author     Role = "author"     // ONIX A01
	Editor     Role = "editor"     // ONIX B01, a volume editor
	Translator Role = "translator" // ONIX B06
)

// Person is someone the book names: an author, a volume editor or a
// translator.
type Person struct {
	// Name is the person's name as the book prints it, per language
	// (family name first in Chinese, given name first in Russian and
	// English, as internal/lang.Name.Full gives it).
	Name Local
	// SortName is the name for indexes and metadata, "Family, Given" in
	// the Latin or Cyrillic script when the person has one, else as Name.
	SortName Local
	// Affiliation is the person's institution, per language; empty when
	// none is known.
	Affiliation Local
	// Written is, per language of the book, the language Name is written
	// in when it is not that one: a name known only in its own script (a
	// Chinese editor's 刘洋 in the Russian edition), which the renderers
	// mark with its language (xml:lang, Typst's lang). Empty when every
	// name is in its book language's form.
	Written Local
	// Given and Family are Name's parts per language, for the metadata
	// that names them apart (Crossref's given_name and surname, ONIX's
	// KeyNames): Given holds the given name and any patronymic, and is
	// empty for a name with one part. FamilyFirst says the family name
	// comes first, as in Chinese names in every language.
	Given, Family Local
	FamilyFirst   bool
	// ORCID is the person's ORCID iD as a URL, empty when unknown.
	ORCID string
}

// Publisher is the publisher of record of an edition: one of the host
// partners, with its imprint.
type Publisher struct {
	// Name is the publisher's name per language.
	Name Local
	// Place is the city of publication per language ("北京", "Москва").
	Place Local
	// ISBNPrefix is the registrant prefix of its ISBNs ("978-7-5227"),
	// for information; the ISBNs themselves are in Book.ISBN.
	ISBNPrefix string
	// Country is the ISO 3166-1 alpha-2 code of its country ("CN", "RU").
	Country string
}

// Book is one edition, in one language or, for a parallel edition, two.
type Book struct {
	// Slug names the edition in URLs and file names ("collected-works-zh").
	Slug string
	// Langs are the edition's languages, base tags: one, or two for a
	// parallel edition (the first on the verso, the second on the recto).
	Langs []string
	// Title and Subtitle of the book, per language.
	Title    Local
	Subtitle Local
	// Editors are the volume editors, in the order the title page names
	// them.
	Editors []Person
	// Publisher is the publisher of record.
	Publisher Publisher
	// ISBN is each format's ISBN-13, thirteen digits without hyphens;
	// a format without one is absent.
	ISBN map[Format]string
	// SampleISBN is set when the ISBNs are sample data (the demo): every
	// page and every file that shows one says so.
	SampleISBN bool
	// DOI is the book's DOI ("10.99999/tandem.cw.zh"), empty when none.
	DOI string
	// URL is the web reader's address of the book, absolute; the EPUB's
	// identifier and the PDF's metadata give it.
	URL string
	// Released is the edition's release time; its date is the
	// publication date the imprint page and the metadata give.
	Released time.Time
	// Modified is the time of the latest change of anything the book is
	// made of (an approval, a metadata edit). Files take their timestamps
	// from it, never from the clock, so that the same inputs make the
	// same bytes.
	Modified time.Time
	// Territories are where the edition is released, ISO 3166-1 alpha-2
	// codes ("CN"), or "WORLD" for everywhere.
	Territories []string
	// Imprint is the imprint page's data block as the editor entered it,
	// line by line, per language: in a Chinese edition the CIP block
	// (图书在版编目（CIP）数据 and its lines), in a Russian one the УДК,
	// ББК, author sign and ISBN lines.
	Imprint map[string][]string
	// Preface is the volume editors' preface per language; absent when
	// the book has none.
	Preface map[string]*doc.Document
	// Chapters are the contributions, in the collection's order.
	Chapters []Chapter
	// Layout is the print edition's page and notes.
	Layout Layout
	// PageMap is where the print edition's pages begin, for the EPUB's
	// page list and the web reader; nil until the PDF is built.
	PageMap *PageMap
}

// Layout is the print edition's page geometry and note numbering.
type Layout struct {
	// Width and Height of the trimmed page in millimetres (A5: 148 × 210).
	Width, Height float64
	// Notes says where note numbers start again.
	Notes NoteNumbering
}

// A5 is the default page: 148 × 210 mm.
var A5 = Layout{Width: 148, Height: 210}

// Chapter is one contribution of the book.
type Chapter struct {
	// ID names the chapter in file names and anchors, stable across
	// builds: "ch" and the contribution's number ("ch12").
	ID string
	// Title per language.
	Title Local
	// Authors in byline order.
	Authors []Person
	// Translators per language: who translated the chapter into that
	// language; none for the chapter's original language.
	Translators map[string][]Person
	// Original is the base language the chapter was written in.
	Original string
	// Abstract and Keywords per language, as the contribution gives them.
	Abstract Local
	Keywords map[string][]string
	// Text is the approved document per language of the book. The
	// documents of one chapter share block IDs: the blocks with the same
	// ID are the same paragraph in each language.
	Text map[string]*doc.Document
	// DOI is the chapter's DOI, empty when none.
	DOI string
	// URL is the web reader's address of the chapter, absolute: the page
	// its DOI resolves to (Crossref's resource), empty when none.
	URL string
}

// PageMap is where the pages of a print edition begin, so that the EPUB
// and the web reader can show the print edition's page numbers.
type PageMap struct {
	// Source is the ISBN-13 of the print edition the pages are of.
	Source string
	Pages  []PageStart
}

// PageStart is the beginning of one printed page.
type PageStart struct {
	// Label is the folio as printed: "7", or "iv" in the front matter.
	Label string
	// Chapter is the ID of the chapter the page's first line belongs to,
	// empty in the front matter.
	Chapter string
	// Block is the ID of the top-level block whose text the page's first
	// line belongs to; empty for a page that opens the chapter.
	Block string
	// Unnumbered is set for a page that prints no folio: the title page
	// and its verso, a page left blank before a part that opens on a
	// recto (or, in a parallel edition, a verso). A page list leaves it
	// out, since no reader of the print edition can cite it.
	Unnumbered bool `json:",omitempty"`
	// Section names the part of the front or back matter the page
	// belongs to ("title", "preface", "contents", "contributors"); empty
	// in a chapter.
	Section string `json:",omitempty"`
}

// Fingerprint returns a hash of everything the chapter's rendering depends
// on, as 64 hex digits: a renderer that built a chapter with the same
// fingerprint may reuse what it built.
func (c *Chapter) Fingerprint() string {
	b, err := json.Marshal(c)
	if err != nil {
		// Chapters hold only strings, maps of strings and documents,
		// which always marshal.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Lang returns the book's main language, the first of Langs.
func (b *Book) Lang() string {
	if len(b.Langs) == 0 {
		return ""
	}
	return b.Langs[0]
}

// Parallel reports whether the book is a parallel edition.
func (b *Book) Parallel() bool { return len(b.Langs) > 1 }
