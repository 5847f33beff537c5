package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionPage is the office's form of a contribution, new or being
// edited: its original language, its title, abstract and keywords in the
// collection's languages, its authors (people of the list, or one added by
// name) and its translators and reviewers per target language. An
// author's form (MetadataOnly) has the texts alone.
type contributionPage struct {
	Form         *form
	Summary      *errorSummary
	Message      string
	New          bool
	MetadataOnly bool
	Action       string
	Back         string
	Collection   string
	Lang         selectField
	Title        mlField
	Abstract     mlField
	Keywords     []inputField
	// Authors are the author rows: the chosen people in order and one
	// blank row more; People the people to choose from.
	Authors             []selectField
	NewFamily, NewGiven inputField
	NewLang             selectField
	AuthorErrors        []string
	// LangFixed is set once a manuscript is uploaded: the original
	// language is the manuscript's and no longer changes.
	LangFixed bool
	// Langs are the languages the form has fields for
	// (contributionLangs); nil means the collection's.
	Langs   []string
	Staff   []staffGroup
	History *historyView
}

// staffGroup is the translators and reviewers of one language; the
// original language's (Original) is hidden and disabled, and shown by the
// page's script when another language becomes the original.
type staffGroup struct {
	Lang, LangName         string
	Original               bool
	Translators, Reviewers checkGroup
}

// contributionStaffRoles are the roles of the accounts a contribution's
// translators and reviewers are chosen from.
var contributionStaffRoles = []account.Role{account.Translator, account.Reviewer, account.Editor}

const (
	contributionTitleMax    = 500
	contributionAbstractMax = 10000
	contributionKeywordsMax = 500
)

// contributionValues returns the form values of a stored contribution.
func contributionValues(c *works.Contribution) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(c.Version))
	v.Set("lang", c.Lang)
	putText(v, "title", c.Title)
	putText(v, "abstract", c.Abstract)
	for l, ks := range c.Keywords {
		v.Set("keywords."+l, joinKeywords(l, ks))
	}
	for _, a := range c.Authors {
		v.Add("author", itoa(a.PersonID))
	}
	for _, s := range c.Staff {
		v.Add(string(s.Role)+"."+s.Lang, itoa(s.AccountID))
	}
	return v
}

// newContributionValues are the values of a new contribution's form in a
// collection of languages langs.
func newContributionValues(langs []string) url.Values {
	v := url.Values{"version": {"0"}}
	if len(langs) > 0 {
		v.Set("lang", langs[0])
		v.Set("title.src", langs[0])
		v.Set("abstract.src", langs[0])
		v.Set("newauthor.lang", langs[0])
	}
	return v
}

// splitKeywords splits a list of keywords at commas (and the Chinese
// commas), dropping empty ones and repeats.
func splitKeywords(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' })
	var out []string
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// joinKeywords joins keywords in language l with l's own list separator,
// whatever the reader's language: "、" for Chinese, ", " otherwise.
func joinKeywords(l string, ks []string) string {
	if l == "zh" {
		return strings.Join(ks, "、")
	}
	return strings.Join(ks, ", ")
}

// readContributionTexts reads the texts of a contribution in langs into c:
// title (required in the original language c.Lang), abstract, keywords.
func readContributionTexts(f *form, c *works.Contribution, langs []string) {
	c.Title = f.mltext("title", langs, true, false, contributionTitleMax)
	if f.errors["title"] == nil && c.Title.Values[c.Lang] == "" && slices.Contains(langs, c.Lang) {
		f.fail("title."+c.Lang, "works.contribution.titleoriginal", f.t.T("lang.name."+c.Lang))
	}
	c.Abstract = f.mltext("abstract", langs, false, true, contributionAbstractMax)
	c.Keywords = map[string][]string{}
	for _, l := range langs {
		if ks := splitKeywords(f.text("keywords."+l, false, contributionKeywordsMax)); len(ks) > 0 {
			c.Keywords[l] = ks
		}
	}
}

// readContribution reads the whole form into c: the original language
// (one of langs), the texts, the authors (people of the list by id, and
// newAuthor, a person to add by name, or nil) and the staff, whose
// accounts must be among candidates.
func readContribution(f *form, c *works.Contribution, langs []string, people map[int64]*forum.Person, candidates []*account.Account) (newAuthor *forum.Person) {
	c.Lang = f.choice("lang", true, langs...)
	// The original language's title and abstract are the source ones,
	// whichever "original" mark the page left on.
	for _, n := range []string{"title", "abstract"} {
		if c.Lang != "" && strings.TrimSpace(f.values.Get(n+"."+c.Lang)) != "" {
			f.values.Set(n+".src", c.Lang)
		}
	}
	readContributionTexts(f, c, langs)
	c.Authors = nil
	for _, v := range f.values["author"] {
		v = strings.TrimSpace(v)
		if v == "" || v == "0" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || people[id] == nil {
			f.fail("authors", "works.contribution.unknownperson")
			continue
		}
		if !slices.ContainsFunc(c.Authors, func(a works.Author) bool { return a.PersonID == id }) {
			c.Authors = append(c.Authors, works.Author{PersonID: id, Names: people[id].Names})
		}
	}
	family := f.text("newauthor.family", false, 100)
	given := f.text("newauthor.given", false, 100)
	if family != "" || given != "" {
		l := f.choice("newauthor.lang", true, contentLangs...)
		if l != "" {
			n := lang.Name{Family: family, Given: given, FamilyFirst: l == "zh"}
			newAuthor = &forum.Person{Names: lang.Names{Source: l, Values: map[string]lang.Name{l: n}}}
		}
	}
	if len(c.Authors) == 0 && newAuthor == nil {
		f.fail("authors", "works.contribution.noauthor")
	}
	c.Staff = nil
	for _, l := range langs {
		if l == c.Lang {
			// Nothing is translated into the original: staff chosen for
			// it (the language changed on a page without script) is
			// refused, not dropped.
			if len(f.values["translator."+l]) > 0 || len(f.values["reviewer."+l]) > 0 {
				f.fail("staff", "works.contribution.stafforiginal", f.t.T("lang.name."+l))
			}
			continue
		}
		for _, role := range []works.StaffRole{works.RoleTranslator, works.RoleReviewer} {
			for _, v := range f.values[string(role)+"."+l] {
				id, err := strconv.ParseInt(v, 10, 64)
				if err != nil || !slices.ContainsFunc(candidates, func(a *account.Account) bool { return a.ID == id }) {
					f.fail("staff", "office.form.choice")
					continue
				}
				c.Staff = append(c.Staff, works.Staff{Lang: l, AccountID: id, Role: role})
			}
		}
	}
	return newAuthor
}

// contributionLangs are the languages of stored contribution c's form:
// the collection's (coll), then c's original language and the languages
// of its editions when the collection does not list them (an essay written
// in English for a collection in Chinese and Russian), so that the original
// language is shown as it is and each of those languages has its title,
// abstract and keywords.
func contributionLangs(coll []string, c *works.Contribution) []string {
	out := slices.Clone(coll)
	add := func(l string) {
		if l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	add(c.Lang)
	for _, l := range c.Languages {
		add(l.Lang)
	}
	return out
}

// authorChoices returns the people rq's account may name as authors, by
// id: published people, people of no partner, and the drafts of partners
// whose people it may see.
func (s *Server) authorChoices(ctx context.Context, rq *officeRequest) (map[int64]*forum.Person, []*forum.Person, error) {
	all, err := s.forums.WithDrafts().People(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]*forum.Person{}
	var list []*forum.Person
	for _, p := range all {
		if p.Published || p.PartnerID == 0 || rq.can(account.SubjectPerson, account.View, p.PartnerID) {
			byID[p.ID] = p
			list = append(list, p)
		}
	}
	sortPeople(rq.Lang, list)
	return byID, list, nil
}

// staffCandidates returns the accounts of the hosts' teams a contribution's
// translators and reviewers are chosen from, each once.
func (s *Server) staffCandidates(ctx context.Context, hosts []int64) ([]*account.Account, error) {
	by, err := s.teamAccounts(ctx, hosts, contributionStaffRoles...)
	if err != nil {
		return nil, err
	}
	var out []*account.Account
	for _, h := range hosts {
		for _, a := range by[h] {
			if !slices.ContainsFunc(out, func(x *account.Account) bool { return x.ID == a.ID }) {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// renderContribution writes the contribution form with status, in the
// languages of collection sc.
func (s *Server) renderContribution(w http.ResponseWriter, rq *officeRequest, status int, pg *contributionPage, sc *worksScope, people []*forum.Person, candidates []*account.Account) error {
	f, t := pg.Form, rq.T
	langs := pg.Langs
	if langs == nil {
		langs = sc.Collection.Languages
	}
	pg.Summary = f.summary("lang", "title", "abstract", "authors", "newauthor.family", "staff")
	pg.Collection, _ = sc.Collection.Title.In(rq.Lang)
	pg.Lang = selectField{Name: "lang", Label: t.T("works.contribution.lang"), Hint: t.T("works.contribution.langhint"), Chosen: f.values.Get("lang"), Errors: f.errors["lang"],
		Disabled: pg.LangFixed}
	if pg.LangFixed {
		pg.Lang.Hint = t.T("works.contribution.langfixed")
	}
	for _, l := range langs {
		pg.Lang.Options = append(pg.Lang.Options, selectOption{l, t.T("lang.name." + l)})
	}
	pg.Title = f.field("title", t.T("works.contribution.title"), langs, true, false, contributionTitleMax)
	pg.Abstract = f.field("abstract", t.T("works.contribution.abstract"), langs, false, true, contributionAbstractMax)
	for _, l := range langs {
		pg.Keywords = append(pg.Keywords, f.input("keywords."+l, t.T("works.contribution.keywordsin", t.T("lang.name."+l)), "", "text", false, contributionKeywordsMax))
	}
	if !pg.MetadataOnly {
		chosen := slices.DeleteFunc(slices.Clone(f.values["author"]), func(v string) bool { return strings.TrimSpace(v) == "" || v == "0" })
		chosen = append(chosen, "")
		for i, v := range chosen {
			sf := selectField{Name: "author", Label: t.T("works.contribution.authorn", i+1), Chosen: v,
				Options: []selectOption{{"", t.T("works.contribution.noperson")}}}
			for _, p := range people {
				sf.Options = append(sf.Options, selectOption{itoa(p.ID), personName(p.Names, rq.Lang).Value})
			}
			pg.Authors = append(pg.Authors, sf)
		}
		pg.AuthorErrors = f.errors["authors"]
		pg.NewFamily = f.input("newauthor.family", t.T("works.contribution.newfamily"), "", "text", false, 100)
		pg.NewGiven = f.input("newauthor.given", t.T("works.contribution.newgiven"), "", "text", false, 100)
		pg.NewLang = selectField{Name: "newauthor.lang", Label: t.T("works.contribution.newlang"), Chosen: f.values.Get("newauthor.lang"), Errors: f.errors["newauthor.lang"]}
		for _, l := range contentLangs {
			pg.NewLang.Options = append(pg.NewLang.Options, selectOption{l, t.T("lang.name." + l)})
		}
		orig := f.values.Get("lang")
		for _, l := range langs {
			g := staffGroup{Lang: l, LangName: t.T("lang.name." + l), Original: l == orig}
			g.Translators = checkGroup{Name: "translator." + l, Label: t.T("works.contribution.translators"), Errors: f.errors["staff"]}
			g.Reviewers = checkGroup{Name: "reviewer." + l, Label: t.T("works.contribution.reviewers")}
			for _, a := range candidates {
				g.Translators.Options = append(g.Translators.Options, checkOption{itoa(a.ID), a.Name, slices.Contains(f.values["translator."+l], itoa(a.ID))})
				g.Reviewers.Options = append(g.Reviewers.Options, checkOption{itoa(a.ID), a.Name, slices.Contains(f.values["reviewer."+l], itoa(a.ID))})
			}
			if len(candidates) == 0 {
				g.Translators.Hint = t.T("works.contribution.nostaff")
			}
			pg.Staff = append(pg.Staff, g)
		}
	}
	title := t.T("works.contribution.new", t.InTitleMarks(pg.Collection))
	if !pg.New {
		v, _ := pg.Title.valueIn(rq.Lang)
		title = t.T("works.contribution.edit", v)
	}
	return s.officeRenderStatus(w, rq, status, "contribution_form", "collections", title, pg)
}
