package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionShow is a collection's page: its facts and its contributions
// in order.
type collectionShow struct {
	ID                int64
	Title, Forum      string
	Description       string
	Languages         []string
	Release, Deadline string
	Editors           []string
	EditURL, NewURL   string
	EditionsURL       string
	CanOrder          bool
	OrderURL          string
	Contributions     []contributionRow
	LanguageCodes     []string
	History           *historyView
}

// contributionRow is one contribution in a collection's list.
type contributionRow struct {
	ID       int64
	Position int
	URL      string
	Title    string
	Authors  string
	Lang     string
	State    string
	StateKey string
	// Langs are the collection's languages' states, in its order.
	Langs       []langCell
	First, Last bool
}

type langCell struct {
	Lang, Name, State, StateKey string
}

// collectionShow answers GET /office/collections/{id}: the collection and
// its contributions in order, with their authors, original language, state
// and each language's state; its hosts' organisers and editors reorder
// them (dragging, or up and down without JavaScript).
func (s *Server) collectionShow(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectCollection, account.View, sc.Hosts...); err != nil {
		return err
	}
	c, t := sc.Collection, rq.T
	pg := &collectionShow{ID: id, OrderURL: officePrefix + "/collections/" + itoa(id) + "/order", LanguageCodes: c.Languages}
	pg.Title, _ = c.Title.In(rq.Lang)
	pg.Forum, _ = sc.Forum.Title.In(rq.Lang)
	pg.Description, _ = c.Description.In(rq.Lang)
	for _, l := range c.Languages {
		pg.Languages = append(pg.Languages, t.T("lang.name."+l))
	}
	pg.Release = zoned(rq, c.ReleasedAt, sc.Forum.TimeZone)
	if !c.Deadline.IsZero() {
		pg.Deadline = zoned(rq, c.Deadline, sc.Forum.TimeZone)
	}
	names, _, err := s.partnerNames(ctx, rq.Lang)
	if err != nil {
		return err
	}
	for _, e := range c.Editors {
		pg.Editors = append(pg.Editors, t.T("works.collection.editorfor", e.AccountName, names[e.PartnerID]))
	}
	if rq.can(account.SubjectCollection, account.Edit, sc.Hosts...) {
		pg.EditURL = officePrefix + "/collections/" + itoa(id) + "/edit"
		pg.CanOrder = true
	}
	if rq.can(account.SubjectEdition, account.View, sc.Hosts...) {
		pg.EditionsURL = officePrefix + "/collections/" + itoa(id) + "/editions"
	}
	if rq.can(account.SubjectContribution, account.Create, sc.Hosts...) {
		pg.NewURL = officePrefix + "/collections/" + itoa(id) + "/contributions/new"
	}
	cs, err := works.Contributions(ctx, s.db, id)
	if err != nil {
		return err
	}
	for i, k := range cs {
		pg.Contributions = append(pg.Contributions, s.contributionRow(rq, k, c.Languages, i == 0, i == len(cs)-1))
	}
	if pg.History, err = s.history(rq, works.CollectionSubject(id)); err != nil {
		return err
	}
	return s.officeRender(w, rq, "collection", "collections", pg.Title, pg)
}

// contributionRow is contribution k as a list shows it, with the states of
// langs.
func (s *Server) contributionRow(rq *officeRequest, k *works.Contribution, langs []string, first, last bool) contributionRow {
	t := rq.T
	r := contributionRow{ID: k.ID, Position: k.Position, URL: officePrefix + "/contributions/" + itoa(k.ID),
		Lang: t.T("lang.name." + k.Lang), First: first, Last: last}
	r.State, r.StateKey = contributionState(rq, k)
	r.Title = contributionTitle(rq, k)
	r.Authors = authorNames(rq, k)
	for _, l := range langs {
		cell := langCell{Lang: l, Name: t.T("lang.name." + l), StateKey: "none", State: t.T("works.lang.none")}
		if st, ok := k.LangState(l); ok {
			cell.StateKey, cell.State = string(st), t.T("works.lang."+string(st))
		} else if l == k.Lang {
			// The original is written, not translated: before its text
			// is final it has no state of its own.
			cell.StateKey, cell.State = "original", t.T("manuscript.original")
		}
		r.Langs = append(r.Langs, cell)
	}
	return r
}

// contributionTitle is a contribution's title in the reader's language, or
// in the language it has one, or a placeholder naming its number.
// contributionState is k's state as the office shows it (ShownState), in
// words and as the key pages style it by: a text returned to its author
// says by whom and when.
func contributionState(rq *officeRequest, k *works.Contribution) (words, key string) {
	st := k.ShownState()
	if st == works.ReturnedToAuthor {
		return rq.T.T("works.state.returnedby", k.ReturnedBy, rq.T.Date(k.ReturnedAt)), string(st)
	}
	return rq.T.T("works.state." + string(st)), string(st)
}

func contributionTitle(rq *officeRequest, k *works.Contribution) string {
	if v, _ := k.Title.In(rq.Lang); v != "" {
		return v
	}
	return rq.T.T("works.contribution.untitled", k.Position)
}

// authorNames lists a contribution's authors' names as the reader reads
// them.
func authorNames(rq *officeRequest, k *works.Contribution) string {
	var ns []string
	for _, a := range k.Authors {
		ns = append(ns, personName(a.Names, rq.Lang).Value)
	}
	return rq.T.List(ns)
}
