// Package onix writes ONIX for Books 3.0 (reference tags), the message that
// booksellers, distributors and libraries read to list a book, for the
// editions of one collection: its language editions and its parallel
// edition, each in the formats that have an ISBN (web, EPUB, PDF).
//
// Each edition and format is one <Product>, identified by its ISBN-13
// (checked with internal/isbn), with: the product form (list 150/175: EPUB
// ED+E101, PDF ED+E107, web reader EC+E105), the title per language, the
// volume editors (list 17 B01), one <ContentItem> per chapter with its
// title, authors (A01) and translators (B06, with the languages they
// translated from and into), the languages (list 22: 01 language of text,
// 02 original language of a translated text, 06/07 original and
// translated language in the parallel edition), the publisher of record
// (role 01), the publishing status and date (list 64, list 163 role 01),
// the sales rights in the edition's territories (list 46: exclusive there,
// not for sale elsewhere), and the related products: the edition's other
// formats (list 51 code 06, alternative format) and the other editions'
// products (11, other-language version, or 41, some content shared, when
// the two share a language, as a parallel edition does with each
// monolingual one). A translated chapter names the chapter it was
// translated from by DOI (list 164 code 29, derived via translation).
//
// Sample ISBNs (book.Book.SampleISBN, the demo's) are marked as such in a
// <MessageNote> of the header and a <PublishingStatusNote> of each of the
// edition's products, in Chinese, Russian and English, so that no one
// orders or catalogues by them.
//
// The output is valid against EDItEUR's schema
// (ONIX_BookProduct_3.0_reference.xsd, code lists issue 68), which the
// tests check with xmllint. The same inputs give the same bytes: the sent
// time is the caller's, never the clock.
package onix

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/isbn"
)

// Header is what the message says about itself.
type Header struct {
	// Sender is the name of the sender, the host partner or the forum
	// that sends the message.
	Sender string
	// Email is an address for questions about the message; optional.
	Email string
	// Sent is when the message is sent. An edition released after it is
	// announced as forthcoming (notification 02, status 02), one released
	// at or before it as published (03, 04).
	Sent time.Time
}

// codes are the ONIX codes of one base language: list 74 (ISO 639-2/B)
// and list 121 (ISO 15924 script).
type codes struct{ language, script string }

var languages = map[string]codes{
	"zh": {"chi", "Hans"},
	"ru": {"rus", "Cyrl"},
	"en": {"eng", "Latn"},
}

// forms are the product form (list 150) and form details (list 175) of
// each format: the EPUB and the PDF are downloads (ED), reflowable and
// fixed-format; the web reader is read online (EC) in HTML.
var forms = map[book.Format]struct {
	form   string
	detail []string
}{
	book.EPUB: {"ED", []string{"E101", "E200"}},
	book.PDF:  {"ED", []string{"E107", "E201"}},
	book.Web:  {"EC", []string{"E105", "E200"}},
}

var (
	country = regexp.MustCompile(`^[A-Z]{2}$`)
	orcid   = regexp.MustCompile(`^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$`)
)

// Write writes the ONIX message for editions to w, one product per edition
// and format with an ISBN, in the order of editions and of book.Formats;
// a format without an ISBN has no product. cat gives the sample-data
// notes in each language. The publication date is the calendar date of
// each edition's Released in Released's own location, so the caller gives
// Released in the edition's release zone (midnight on 1 June in Beijing is
// 20210601, though it is still 31 May in UTC).
//
// It returns a *Problem (with a message for people) when the editions
// cannot make a valid message: none has an ISBN, a language has no ONIX
// code, two products share an ISBN, an edition has no release time, no
// absolute URL or a malformed territory, country or ORCID iD; and the
// *isbn.Error of an ISBN that is not valid, wrapped with the edition and
// format. Errors of w are returned as they are.
func Write(w io.Writer, cat *i18n.Catalog, h Header, editions []*book.Book) error {
	m, err := build(cat, h, editions)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// entry is one product to write: an edition in one format.
type entry struct {
	ed     *book.Book
	format book.Format
	isbn   string
}

func build(cat *i18n.Catalog, h Header, editions []*book.Book) (*message, error) {
	if strings.TrimSpace(h.Sender) == "" {
		return nil, problem(ErrNoSender)
	}
	var entries []entry
	seen := map[string]string{}
	for _, ed := range editions {
		if err := check(ed); err != nil {
			return nil, err
		}
		for _, f := range book.Formats {
			raw, ok := ed.ISBN[f]
			if !ok || raw == "" {
				continue
			}
			n, err := isbn.Parse(raw)
			if err != nil {
				return nil, fmt.Errorf("edition %s, %s: %w", ed.Slug, f, err)
			}
			where := ed.Slug + " " + string(f)
			if other, dup := seen[n]; dup {
				return nil, problem(ErrSameISBN, n, other, where)
			}
			seen[n] = where
			entries = append(entries, entry{ed, f, n})
		}
	}
	if len(entries) == 0 {
		return nil, problem(ErrNoISBN)
	}
	m := &message{Release: "3.0", Header: header{
		SenderName:   h.Sender,
		EmailAddress: h.Email,
		SentDateTime: h.Sent.UTC().Format("20060102T150405Z"),
	}}
	for _, ed := range editions {
		if ed.SampleISBN {
			m.Header.MessageNotes = notes(cat, "onix.sample_isbn.message")
			break
		}
	}
	for _, e := range entries {
		m.Products = append(m.Products, makeProduct(cat, h, e, entries, editions))
	}
	return m, nil
}

// check refuses an edition the message cannot describe.
func check(ed *book.Book) error {
	if len(ed.Langs) == 0 {
		return problem(ErrLanguage, ed.Slug, "")
	}
	for _, l := range ed.Langs {
		if _, ok := languages[l]; !ok {
			return problem(ErrLanguage, ed.Slug, l)
		}
	}
	for _, c := range ed.Chapters {
		if _, ok := languages[c.Original]; !ok {
			return problem(ErrLanguage, ed.Slug, c.Original)
		}
	}
	if ed.Released.IsZero() {
		return problem(ErrNoRelease, ed.Slug)
	}
	for _, l := range ed.Langs {
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
	if u, err := url.Parse(ed.URL); err != nil || !u.IsAbs() || u.Hostname() == "" {
		return problem(ErrURL, ed.Slug, ed.URL)
	}
	for _, t := range ed.Territories {
		if t != "WORLD" && !country.MatchString(t) {
			return problem(ErrTerritory, ed.Slug, t)
		}
	}
	if c := ed.Publisher.Country; c != "" && !country.MatchString(c) {
		return problem(ErrTerritory, ed.Slug, c)
	}
	persons := slices.Clone(ed.Editors)
	for _, c := range ed.Chapters {
		persons = append(persons, c.Authors...)
		for _, l := range ed.Langs {
			persons = append(persons, c.Translators[l]...)
		}
	}
	for _, p := range persons {
		if p.ORCID != "" && !orcid.MatchString(p.ORCID) {
			return problem(ErrORCID, ed.Slug, p.ORCID)
		}
	}
	return nil
}

func makeProduct(cat *i18n.Catalog, h Header, e entry, all []entry, editions []*book.Book) product {
	ed := e.ed
	lang := ed.Lang()
	forthcoming := ed.Released.After(h.Sent)
	p := product{
		RecordReference:   recordReference(e.isbn),
		NotificationType:  pick(forthcoming, "02", "03"),
		ProductIdentifier: []identifier{{"15", e.isbn}},
	}
	d := &p.Descriptive
	d.ProductComposition = "00"
	d.ProductForm = forms[e.format].form
	d.ProductFormDetail = forms[e.format].detail
	d.PrimaryContentType = "10" // text
	for i, l := range ed.Langs {
		td := titleDetail{TitleType: pick(i == 0, "01", "06"), Element: titleElement{
			Level: "01", Text: local(ed.Title, l)}}
		if s := ed.Subtitle[l]; s != "" {
			sub := local(ed.Subtitle, l)
			td.Element.Subtitle = &sub
		}
		d.Titles = append(d.Titles, td)
	}
	eds := contributors{}
	for _, ps := range ed.Editors {
		eds.add("B01", ps, ed.Langs, "", "")
	}
	d.Contributors = eds.list
	for _, l := range ed.Langs {
		d.Languages = append(d.Languages, language{"01", languages[l].language})
	}
	for _, orig := range originals(ed) {
		d.Languages = append(d.Languages, language{"02", languages[orig].language})
	}
	if len(ed.Chapters) > 0 {
		p.Content = &contentDetail{}
		for i, c := range ed.Chapters {
			p.Content.Items = append(p.Content.Items, chapterItem(i, c, ed, editions))
		}
	}

	pd := &p.Publishing
	pd.Publisher = publisher{Role: "01", Name: local(ed.Publisher.Name, lang)}
	pd.Publisher.Name.Script = "" // PublisherName takes no textscript
	if ed.Publisher.Place[lang] != "" {
		city := local(ed.Publisher.Place, lang)
		city.Script = ""
		pd.City = &city
	}
	pd.Country = ed.Publisher.Country
	pd.Status = pick(forthcoming, "02", "04")
	if ed.SampleISBN {
		pd.StatusNotes = notes(cat, "onix.sample_isbn.product")
	}
	pd.Date = publishingDate{Role: "01", Date: ed.Released.Format("20060102")}
	if len(ed.Territories) > 0 {
		sr := &salesRights{Type: "01"}
		var countries []string
		for _, t := range ed.Territories {
			if t == "WORLD" {
				sr.Regions = "WORLD"
			} else if !slices.Contains(countries, t) {
				countries = append(countries, t)
			}
		}
		if sr.Regions == "" {
			sr.Countries = strings.Join(countries, " ")
			pd.ROWSalesRightsType = "03"
		}
		pd.SalesRights = sr
	}

	rel := &relatedMaterial{}
	for _, o := range all {
		if o.ed == ed && o.format == e.format {
			continue
		}
		code := "06"
		if o.ed != ed {
			code = pick(shareLanguage(ed, o.ed), "41", "11")
		}
		rel.Products = append(rel.Products, relatedProduct{Code: code, Identifier: identifier{"15", o.isbn},
			ProductForm: forms[o.format].form, FormDetail: forms[o.format].detail})
	}
	// The edition's own other formats first, then the other editions'.
	slices.SortStableFunc(rel.Products, func(a, b relatedProduct) int {
		return cmp.Compare(pick(a.Code == "06", 0, 1), pick(b.Code == "06", 0, 1))
	})
	if len(rel.Products) > 0 {
		p.Related = rel
	}
	return p
}

// chapterItem is the content item of chapter c (number i+1) of edition ed.
func chapterItem(i int, c book.Chapter, ed *book.Book, editions []*book.Book) contentItem {
	it := contentItem{TextItem: textItem{Type: "03"}, ComponentNumber: strconv.Itoa(i + 1)} // 03: body matter
	if c.DOI != "" {
		it.TextItem.Identifiers = []textItemIdent{{"06", c.DOI}}
	}
	for j, l := range ed.Langs {
		it.Titles = append(it.Titles, titleDetail{TitleType: pick(j == 0, "01", "06"),
			Element: titleElement{Level: "04", Text: local(c.Title, l)}})
	}
	hasOriginal := slices.Contains(ed.Langs, c.Original)
	if !hasOriginal && c.Title[c.Original] != "" {
		it.Titles = append(it.Titles, titleDetail{TitleType: "03",
			Element: titleElement{Level: "04", Text: local(c.Title, c.Original)}})
	}
	cs := contributors{}
	for _, a := range c.Authors {
		cs.add("A01", a, ed.Langs, "", "")
	}
	for _, l := range ed.Langs {
		for _, t := range c.Translators[l] {
			cs.add("B06", t, ed.Langs, c.Original, l)
		}
	}
	it.Contributors = cs.list
	for _, l := range ed.Langs {
		role := "01"
		if ed.Parallel() && hasOriginal {
			role = pick(l == c.Original, "06", "07")
		}
		it.Languages = append(it.Languages, language{role, languages[l].language})
	}
	if !hasOriginal {
		it.Languages = append(it.Languages, language{"02", languages[c.Original].language})
		if doi := originalDOI(c, editions); doi != "" {
			it.Works = []relatedWork{{Code: "29", Identifier: workIdentifier{"06", doi}}}
		}
	}
	return it
}

// originalDOI returns the DOI of chapter c in the edition in its original
// language alone, or "" when editions hold none with a DOI.
func originalDOI(c book.Chapter, editions []*book.Book) string {
	for _, ed := range editions {
		if len(ed.Langs) != 1 || ed.Langs[0] != c.Original {
			continue
		}
		for _, oc := range ed.Chapters {
			if oc.ID == c.ID && oc.DOI != "" {
				return oc.DOI
			}
		}
	}
	return ""
}

// originals returns the original languages of ed's chapters that are not
// among its languages, in the order of first appearance: the languages
// it has translations from.
func originals(ed *book.Book) []string {
	var out []string
	for _, c := range ed.Chapters {
		if !slices.Contains(ed.Langs, c.Original) && !slices.Contains(out, c.Original) {
			out = append(out, c.Original)
		}
	}
	return out
}

// contributors collects the contributors of a product or a content item,
// each person once per role (and, for a translator, per language
// translated into), numbered in order from 1: a person credited twice
// (two accounts acting for one person, say) is listed once.
type contributors struct {
	list []contributor
	seen map[string]bool
}

// add adds p with role unless already there; a translator (to not "")
// translates from the language from into to.
func (cs *contributors) add(role string, p book.Person, langs []string, from, to string) {
	key := role + "\x00" + to + "\x00" + p.ORCID
	for _, l := range slices.Sorted(maps.Keys(p.Name)) {
		key += "\x00" + l + "=" + strings.TrimSpace(p.Name[l])
	}
	if cs.seen[key] {
		return
	}
	if cs.seen == nil {
		cs.seen = map[string]bool{}
	}
	cs.seen[key] = true
	c := person(len(cs.list)+1, role, p, langs)
	if to != "" {
		c.FromLanguage, c.ToLanguage = languages[from].language, languages[to].language
	}
	cs.list = append(cs.list, c)
}

// person is the contributor p with role in an edition in langs: the name
// in the first language, inverted for sorting ("Surname, Given", or
// family and given name run together for a Chinese name in characters),
// its parts (the family name as KeyNames, the given names before it, or
// after it in a name written family name first, as Chinese names are),
// the name in each other language (the edition's and then the rest) as
// an alternative name (list 18 code 05, transliterated or translated
// form), the ORCID iD and the affiliation. Each name carries the language
// and script it is written in, which for a name known only in its own
// script (p.Written) is not the edition's.
func person(seq int, role string, p book.Person, langs []string) contributor {
	lang := first(p.Name, langs)
	name := func(t book.Local, l string) text {
		x := local(t, l)
		if w := p.Written[l]; w != "" {
			if c, ok := languages[w]; ok {
				x.Language, x.Script = c.language, c.script
			}
		}
		return x
	}
	c := contributor{SequenceNumber: seq, Role: role, PersonName: name(p.Name, lang)}
	if m := orcid.FindStringSubmatch(p.ORCID); m != nil {
		c.NameIdentifier = &nameIdentifier{"21", m[1]}
	}
	if s := p.SortName[lang]; s != "" {
		c.Inverted = &text{Value: s}
	}
	if p.Family[lang] != "" {
		key := name(p.Family, lang)
		c.KeyNames = &key
		if p.Given[lang] != "" {
			given := name(p.Given, lang)
			if p.FamilyFirst {
				c.NamesAfterKey = &given
			} else {
				c.NamesBeforeKey = &given
			}
		}
	}
	for _, l := range order(p.Name, langs) {
		if l != lang && p.Name[l] != "" && p.Name[l] != p.Name[lang] {
			c.Alternatives = append(c.Alternatives, alternativeName{"05", name(p.Name, l)})
		}
	}
	if a := p.Affiliation[first(p.Affiliation, langs)]; a != "" {
		aff := local(p.Affiliation, first(p.Affiliation, langs))
		aff.Script = ""
		c.Affiliation = &aff
	}
	return c
}

// order returns the languages of t: langs first, then the others of
// i18n.Languages, then any more in sorted order.
func order(t book.Local, langs []string) []string {
	var out []string
	for _, l := range append(slices.Clone(langs), i18n.Languages...) {
		if _, ok := t[l]; ok && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	var rest []string
	for l := range t {
		if !slices.Contains(out, l) {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// first returns the first language in which t has a text, by order.
func first(t book.Local, langs []string) string {
	for _, l := range order(t, langs) {
		if t[l] != "" {
			return l
		}
	}
	if len(langs) > 0 {
		return langs[0]
	}
	return ""
}

// local is t's text in l with l's language and script codes.
func local(t book.Local, l string) text {
	c := languages[l]
	return text{Language: c.language, Script: c.script, Value: t[l]}
}

// notes are the catalog message key in each language of the site.
func notes(cat *i18n.Catalog, key string) []text {
	var out []text
	for _, l := range i18n.Languages {
		if c, ok := languages[l]; ok {
			out = append(out, text{Language: c.language, Value: cat.Printer(l).T(key)})
		}
	}
	return out
}

// recordReference names a product uniquely and stably among the sender's
// records: its ISBN, which names one product for good, so that every
// message about it (from the office, the command line or a server with
// another address) updates the same record ("tandem-isbn-9787999990001").
func recordReference(isbn string) string { return "tandem-isbn-" + isbn }

func shareLanguage(a, b *book.Book) bool {
	for _, l := range a.Langs {
		if slices.Contains(b.Langs, l) {
			return true
		}
	}
	return false
}

func pick[T any](cond bool, yes, no T) T {
	if cond {
		return yes
	}
	return no
}
