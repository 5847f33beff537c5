package edition

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// Path returns the web reader's address of edition slug in language l,
// without the site's base URL ("/zh/editions/cw-zh").
func Path(l, slug string) string { return "/" + l + "/editions/" + slug }

// ChapterID names contribution id's chapter in file names and anchors.
func ChapterID(contributionID int64) string { return fmt.Sprintf("ch%d", contributionID) }

// Missing is a chapter of an edition whose text is not yet approved (and
// kept) in one of the edition's languages.
type Missing struct {
	ContributionID int64
	Position       int
	Title          lang.Text
	Lang           string
}

// inEdition reports whether contribution c is a chapter of an edition: a
// declined contribution is none.
func inEdition(c *works.Contribution) bool { return c.State != works.Declined }

// Unapproved lists the chapters of edition e not approved in each of its
// languages by every host, or whose approved text is not kept yet, in the
// collection's order.
func Unapproved(ctx context.Context, q store.Querier, e *Edition) ([]Missing, error) {
	cs, err := works.Contributions(ctx, q, e.CollectionID)
	if err != nil {
		return nil, err
	}
	var out []Missing
	for _, c := range cs {
		if !inEdition(c) {
			continue
		}
		for _, l := range e.Langs {
			st, _ := c.LangState(l)
			docID := int64(0)
			if st == works.Approved {
				if docID, err = works.LangDocument(ctx, q, c.ID, l); err != nil {
					return nil, err
				}
			}
			if docID == 0 {
				out = append(out, Missing{ContributionID: c.ID, Position: c.Position, Title: c.Title, Lang: l})
			}
		}
	}
	return out, nil
}

// Load makes the book of edition id from its collection: the chapters
// whose texts are approved and kept in every language of the edition (see
// Unapproved for those that are not), each with the kept document per
// language (works.LangDocument and the revision store), authors named in
// each language with their affiliation (their partner, or the affiliation
// of their person), volume editors and translators from the collection's
// editors and the contribution's staff, named as the person their account
// acts for or as the account's name (see names.go), and the
// contribution's titles, abstracts and keywords. The book's URL is the
// path of its web reader (Path) and each chapter's URL that of the
// chapter's page under it (Path/chN); with a DOI prefix, the book's DOI is
// PREFIX/SLUG and a chapter's PREFIX/SLUG.chN. Its Modified time is the latest change
// of anything it is made of, never the clock's time.
func Load(ctx context.Context, db *store.DB, blobs blob.Store, editionID int64) (*book.Book, error) {
	e, err := Get(ctx, db, editionID)
	if err != nil {
		return nil, err
	}
	return load(ctx, db, blobs, e)
}

func load(ctx context.Context, db *store.DB, blobs blob.Store, e *Edition) (*book.Book, error) {
	revs := revision.NewStore(db, blobs)
	coll, err := works.GetCollection(ctx, db, e.CollectionID)
	if err != nil {
		return nil, err
	}
	cs, err := works.Contributions(ctx, db, e.CollectionID)
	if err != nil {
		return nil, err
	}
	pub, err := partner(ctx, db, e.PublisherID)
	if err != nil {
		return nil, err
	}
	size := PageSizes[e.PageSize]
	b := &book.Book{
		Slug:        e.Slug,
		Langs:       slices.Clone(e.Langs),
		Title:       local(coll.Title, e.Langs),
		Subtitle:    book.Local{},
		Publisher:   book.Publisher{Name: e.PublisherName, Place: e.PublisherPlace, Country: pub.country},
		ISBN:        map[book.Format]string{},
		SampleISBN:  e.SampleISBN,
		URL:         Path(e.Langs[0], e.Slug),
		Released:    e.ReleaseAt.UTC(),
		Territories: slices.Clone(e.Territories),
		Imprint:     map[string][]string{},
		Layout:      book.Layout{Width: size[0], Height: size[1], Notes: e.Notes},
	}
	// The imprint's name where one is entered, else the partner's.
	b.Publisher.Name = book.Local{}
	for l, v := range local(pub.name, e.Langs) {
		b.Publisher.Name[l] = v
	}
	for l, v := range e.PublisherName {
		if v != "" && slices.Contains(e.Langs, l) {
			b.Publisher.Name[l] = v
		}
	}
	modified := e.EditedAt
	later := func(t time.Time) {
		if t.After(modified) {
			modified = t
		}
	}
	for _, f := range e.Formats {
		if n := e.ISBN[f]; n != "" {
			b.ISBN[f] = n
		}
	}
	if e.DOIPrefix != "" {
		b.DOI = e.DOIPrefix + "/" + e.Slug
	}
	for _, l := range e.Langs {
		if lines := e.Imprint[l]; len(lines) > 0 {
			b.Imprint[l] = slices.Clone(lines)
		}
		if src := e.Preface[l]; src != "" {
			d, err := markdown.Read([]byte(src), l, markdown.DefaultLimits)
			if err != nil {
				return nil, fmt.Errorf("edition %s: preface in %s: %w", e.Slug, l, err)
			}
			d.Warnings = nil
			if b.Preface == nil {
				b.Preface = map[string]*doc.Document{}
			}
			b.Preface[l] = d
		}
	}
	var personIDs []int64
	for _, c := range cs {
		for _, a := range c.Authors {
			personIDs = append(personIDs, a.PersonID)
		}
	}
	people, err := peopleOf(ctx, db, personIDs)
	if err != nil {
		return nil, err
	}
	partnerNames, err := partnerNames(ctx, db)
	if err != nil {
		return nil, err
	}
	var accounts []int64
	for _, ed := range coll.Editors {
		accounts = append(accounts, ed.AccountID)
	}
	for _, c := range cs {
		for _, s := range c.Staff {
			accounts = append(accounts, s.AccountID)
		}
	}
	staff, err := accountPeople(ctx, db, accounts)
	if err != nil {
		return nil, err
	}
	staffAff, err := accountAffiliations(ctx, db, accounts)
	if err != nil {
		return nil, err
	}
	for _, ed := range coll.Editors {
		p := staffPerson(ed.AccountID, ed.AccountName, staff, e.Langs)
		p.Affiliation = local(partnerNames[ed.PartnerID], e.Langs)
		b.Editors = append(b.Editors, p)
	}
	for _, c := range cs {
		if !inEdition(c) {
			continue
		}
		ch := book.Chapter{ID: ChapterID(c.ID), Title: local(c.Title, e.Langs), Original: c.Lang,
			Abstract: local(c.Abstract, e.Langs), Keywords: map[string][]string{}, Text: map[string]*doc.Document{}}
		if e.DOIPrefix != "" {
			ch.DOI = b.DOI + "." + ch.ID
		}
		ch.URL = b.URL + "/" + ch.ID
		complete := true
		for _, l := range e.Langs {
			st, _ := c.LangState(l)
			if st != works.Approved {
				complete = false
				break
			}
			docID, err := works.LangDocument(ctx, db, c.ID, l)
			if err != nil {
				return nil, err
			}
			if docID == 0 {
				complete = false
				break
			}
			rev, err := revs.Latest(ctx, docID)
			if err != nil {
				return nil, fmt.Errorf("edition %s: chapter %d in %s: %w", e.Slug, c.ID, l, err)
			}
			rev.Doc.Warnings = nil
			for i := range rev.Doc.Media {
				if rev.Doc.Media[i].Data, err = readBlob(ctx, blobs, revision.MediaKey(rev.Doc.Media[i].Name)); err != nil {
					return nil, fmt.Errorf("edition %s: chapter %d in %s: image %s: %w", e.Slug, c.ID, l, rev.Doc.Media[i].Name, err)
				}
			}
			ch.Text[l] = rev.Doc
			later(rev.CreatedAt)
			for _, x := range c.Languages {
				if x.Lang == l {
					later(x.UpdatedAt)
				}
			}
			if kw := c.Keywords[l]; len(kw) > 0 {
				ch.Keywords[l] = slices.Clone(kw)
			}
			if l != c.Lang {
				for _, s := range c.Staff {
					if s.Lang == l && s.Role == works.RoleTranslator {
						if ch.Translators == nil {
							ch.Translators = map[string][]book.Person{}
						}
						tp := staffPerson(s.AccountID, s.AccountName, staff, e.Langs)
						if pr, ok := staffAff[s.AccountID]; ok {
							tp.Affiliation = pr.in(partnerNames, e.Langs)
						}
						ch.Translators[l] = append(ch.Translators[l], tp)
					}
				}
			}
		}
		if !complete {
			continue
		}
		later(c.UpdatedAt)
		for _, a := range c.Authors {
			p := people[a.PersonID]
			var bp book.Person
			named(&bp, a.Names, e.Langs)
			bp.Affiliation = p.in(partnerNames, e.Langs)
			ch.Authors = append(ch.Authors, bp)
		}
		b.Chapters = append(b.Chapters, ch)
	}
	b.Modified = modified.UTC()
	withoutBreakHints(b)
	return b, nil
}

// withoutBreakHints takes out of the book's short texts (titles, names,
// affiliations, the publisher's name and place) the break hints
// (lang.BreakHint, U+200B) they store for the site's line breaks: in an
// EPUB, a PDF, ONIX or Crossref they would be characters of the text,
// copied with it and breaking searches.
func withoutBreakHints(b *book.Book) {
	clean := func(ls ...book.Local) {
		for _, l := range ls {
			for k, v := range l {
				l[k] = lang.WithoutBreakHints(v)
			}
		}
	}
	people := func(ps []book.Person) {
		for _, p := range ps {
			clean(p.Name, p.SortName, p.Given, p.Family, p.Affiliation)
		}
	}
	clean(b.Title, b.Subtitle, b.Publisher.Name, b.Publisher.Place)
	people(b.Editors)
	for _, c := range b.Chapters {
		clean(c.Title, c.Abstract)
		people(c.Authors)
		for _, ps := range c.Translators {
			people(ps)
		}
	}
	for _, lines := range b.Imprint {
		for i, v := range lines {
			lines[i] = lang.WithoutBreakHints(v)
		}
	}
}

// local returns t's values in the languages langs, each in that language
// when it is complete, else as the text was written.
func local(t lang.Text, langs []string) book.Local {
	out := book.Local{}
	for _, l := range langs {
		if v, _ := t.In(l); v != "" {
			out[l] = v
		}
	}
	return out
}

// sortName is "Family, Given Patronymic", or the name as written when it
// has no given name; a Chinese name in Han characters is family and given
// name run together, as Chinese indexes sort it.
func sortName(n lang.Name) string {
	if r, _ := utf8.DecodeRuneInString(n.Family); n.FamilyFirst && unicode.Is(unicode.Han, r) {
		return n.Family + n.Given
	}
	given := n.Given
	if n.Patronymic != "" {
		given += " " + n.Patronymic
	}
	if given == "" || n.Family == "" {
		return n.Family + given
	}
	return n.Family + ", " + given
}

type personRow struct {
	partnerID   int64
	affiliation lang.Text
}

// in is the affiliation of the person in each of langs that has one:
// the partner's name, or the affiliation as entered.
func (p personRow) in(partnerNames map[int64]lang.Text, langs []string) book.Local {
	aff := p.affiliation
	if p.partnerID != 0 {
		aff = partnerNames[p.partnerID]
	}
	out := book.Local{}
	for _, l := range langs {
		if v, _ := aff.In(l); v != "" {
			out[l] = v
		}
	}
	return out
}

// accountAffiliations returns the partner and affiliation of the people
// the accounts ids act for (person_accounts), one query: an account acting
// for several people is taken as the first of them, as accountPeople names
// it.
func accountAffiliations(ctx context.Context, q store.Querier, ids []int64) (map[int64]personRow, error) {
	out := map[int64]personRow{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT pa.account_id, COALESCE(p.partner_id, 0), p.affiliation FROM person_accounts pa JOIN people p ON p.id = pa.person_id
		WHERE pa.account_id IN (`+in+`) ORDER BY pa.account_id, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("affiliations of accounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p personRow
		if err := rows.Scan(&id, &p.partnerID, &p.affiliation); err != nil {
			return nil, err
		}
		if _, ok := out[id]; !ok {
			out[id] = p
		}
	}
	return out, rows.Err()
}

// peopleOf returns the partner and affiliation of the people ids, in one
// query.
func peopleOf(ctx context.Context, q store.Querier, ids []int64) (map[int64]personRow, error) {
	out := map[int64]personRow{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT id, COALESCE(partner_id, 0), affiliation FROM people WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("authors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p personRow
		if err := rows.Scan(&id, &p.partnerID, &p.affiliation); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}

// partnerNames returns every partner's name.
func partnerNames(ctx context.Context, q store.Querier) (map[int64]lang.Text, error) {
	rows, err := q.Query(ctx, `SELECT id, name FROM partners`)
	if err != nil {
		return nil, fmt.Errorf("partners: %w", err)
	}
	defer rows.Close()
	out := map[int64]lang.Text{}
	for rows.Next() {
		var id int64
		var t lang.Text
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[id] = t
	}
	return out, rows.Err()
}

type partnerRow struct {
	name    lang.Text
	country string
}

func partner(ctx context.Context, q store.Querier, id int64) (partnerRow, error) {
	var p partnerRow
	if err := q.QueryRow(ctx, `SELECT name, country FROM partners WHERE id = ?`, id).Scan(&p.name, &p.country); err != nil {
		return p, fmt.Errorf("publisher %d: %w", id, err)
	}
	return p, nil
}

func readBlob(ctx context.Context, blobs blob.Store, key string) ([]byte, error) {
	o, err := blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	return io.ReadAll(o)
}
