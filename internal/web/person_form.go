package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// A person belongs to their partner: the partner's organisers, editors
// and translators edit them. A person without a partner (an affiliation
// outside the partners) belongs to no team, so that organisers and
// editors of any partner may edit them (translators too, as everywhere);
// the approval of publishing them is asked of every partner that hosts a
// forum (approval.Approvers).

// personPage is the office's form of a person, new or being edited.
type personPage struct {
	// Back is where the page's way back leads: the list of people, or an
	// author's dashboard (an author has no list).
	Back                       string
	Form                       *form
	New                        bool
	Action                     string
	Head                       *draftHead
	Summary                    *errorSummary
	Message                    string
	Slug                       string
	SlugInput                  inputField
	Names                      nameField
	Position, Bio, Affiliation mlField
	Partner                    selectField
	Photo                      *imageField
	// History is the person's latest events; nil on a new one's form.
	History *historyView
}

// nameField is a person's name per language and script, side by side.
type nameField struct {
	Label, SourceLabel string
	Errors             []string
	Columns            []nameColumn
}

type nameColumn struct {
	Lang, LangName              string
	Family, Given, Patronymic   inputField
	ShowPatronymic, FamilyFirst bool
	Source                      bool
	State, StateName            string
}

// selectField is a choice among options.
type selectField struct {
	Name, Label, Hint string
	Chosen            string
	Options           []selectOption
	Errors            []string
	// Disabled shows the choice without letting it change; the form
	// carries Chosen in a hidden field.
	Disabled bool
}

type selectOption struct{ Value, Label string }

// personValues returns the form values of a stored person.
func personValues(p *forum.Person, version int) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(version))
	v.Set("slug", p.Slug)
	v.Set("name.src", p.Names.Source)
	for l, n := range p.Names.Values {
		v.Set("name."+l+".family", n.Family)
		v.Set("name."+l+".given", n.Given)
		v.Set("name."+l+".patronymic", n.Patronymic)
		if n.FamilyFirst {
			v.Set("name."+l+".ff", "1")
		}
	}
	putText(v, "position", p.Position)
	putText(v, "bio", p.Bio)
	putText(v, "affiliation", p.Affiliation)
	if p.PartnerID != 0 {
		v.Set("partner", strconv.FormatInt(p.PartnerID, 10))
	}
	if p.PhotoID != 0 {
		v.Set("photo", strconv.FormatInt(p.PhotoID, 10))
	}
	return v
}

// newPersonValues are the values of a new person's form: names in Chinese
// written family name first.
func newPersonValues(l string) url.Values {
	v := url.Values{"version": {"0"}, "name.src": {l}, "name.zh.ff": {"1"}}
	for _, fld := range []string{"position", "bio", "affiliation"} {
		v.Set(fld+".src", l)
	}
	return v
}

// readPerson reads the form into p, failing the fields that are wrong; the
// partner must be one of partners (by id).
func readPerson(f *form, p *forum.Person, partners []int64) {
	p.Names = readNames(f)
	p.Position = f.mltext("position", contentLangs, false, false, 300)
	p.Bio = f.mltext("bio", contentLangs, false, true, 10000)
	p.Affiliation = f.mltext("affiliation", contentLangs, false, false, 300)
	p.PartnerID = 0
	if v := f.values.Get("partner"); v != "" && v != "0" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !slices.Contains(partners, id) {
			f.fail("partner", "office.form.choice")
		} else {
			p.PartnerID = id
		}
	}
}

// readNames reads a person's name in each language from name.<lang>.family,
// .given, .patronymic (Russian only) and .ff (family name first), and the
// language of the name's own script from name.src.
func readNames(f *form) lang.Names {
	ns := lang.Names{Values: map[string]lang.Name{}}
	for _, l := range contentLangs {
		pre := "name." + l + "."
		n := lang.Name{
			Family:      f.text(pre+"family", false, 100),
			Given:       f.text(pre+"given", false, 100),
			FamilyFirst: f.values.Get(pre+"ff") != "",
		}
		if l == "ru" {
			n.Patronymic = f.text(pre+"patronymic", false, 100)
		}
		if n.Family != "" || n.Given != "" {
			ns.Values[l] = n
		} else if n.Patronymic != "" {
			f.fail(pre+"family", "office.content.person.namepart")
		}
	}
	src := f.values.Get("name.src")
	switch {
	case len(ns.Values) == 0:
		f.fail("name", "office.content.person.noname")
	case !slices.Contains(contentLangs, src):
		f.fail("name", "office.form.source")
	case ns.Values[src] == (lang.Name{}):
		f.fail("name."+src+".family", "office.form.sourceempty")
	}
	ns.Source = src
	return ns
}

// personPartners returns the partners a person may belong to in the form
// of rq's account: those where it may edit people (every partner for an
// admin), and current, the person's partner now.
func (s *Server) personPartners(ctx context.Context, rq *officeRequest, current int64) ([]*forum.Partner, error) {
	all, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return nil, err
	}
	var out []*forum.Partner
	for _, p := range all {
		if p.ID == current || rq.can(account.SubjectPerson, account.Edit, p.ID) {
			out = append(out, p)
		}
	}
	return out, nil
}

func partnerIDs(ps []*forum.Partner) []int64 {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// renderPerson writes the person form with status; partners are those the
// person may belong to.
func (s *Server) renderPerson(w http.ResponseWriter, rq *officeRequest, status int, pg *personPage, partners []*forum.Partner) error {
	f := pg.Form
	pg.Slug = f.values.Get("slug")
	pg.SlugInput = f.input("slug", rq.T.T("office.content.slug.label"), rq.T.T("office.content.slug.hint"), "text", true, 100)
	pg.Names = nameFieldOf(rq.T, f)
	pg.Position = f.field("position", rq.T.T("office.content.person.position"), contentLangs, false, false, 300)
	pg.Bio = f.field("bio", rq.T.T("office.content.person.bio"), contentLangs, false, true, 10000)
	pg.Affiliation = f.field("affiliation", rq.T.T("office.content.person.affiliation"), contentLangs, false, false, 300)
	pg.Affiliation.Hint = rq.T.T("office.content.person.affiliationhint")
	pg.Partner = selectField{Name: "partner", Label: rq.T.T("office.content.person.partner"), Chosen: f.values.Get("partner"),
		Errors: f.errors["partner"], Options: []selectOption{{"0", rq.T.T("office.content.person.nopartner")}}}
	for _, p := range partners {
		name, _ := p.Name.In(rq.Lang)
		pg.Partner.Options = append(pg.Partner.Options, selectOption{strconv.FormatInt(p.ID, 10), name})
	}
	photo, err := s.imageField(rq.Context(), rq, f, "photo", rq.T.T("office.content.person.photo"))
	if err != nil {
		return err
	}
	pg.Photo = photo
	pg.Summary = f.summary("slug", "name")
	if !pg.New && pg.Head != nil {
		if pg.History, err = s.history(rq, approval.Subject{Kind: pg.Head.Kind, ID: pg.Head.ID}.String()); err != nil {
			return err
		}
	}
	title := rq.T.T("office.content.person.new")
	if !pg.New {
		title = rq.T.T("office.content.person.edit", personFormName(f, rq.Lang))
	}
	return s.officeRenderStatus(w, rq, status, "person_form", "people", title, pg)
}

// nameFieldOf returns the view of the name fields of f.
func nameFieldOf(t *i18n.Printer, f *form) nameField {
	nf := nameField{Label: t.T("office.content.person.name"), SourceLabel: t.T("office.content.person.namesource"), Errors: f.errors["name"]}
	src := f.values.Get("name.src")
	for _, l := range contentLangs {
		pre := "name." + l + "."
		c := nameColumn{
			Lang: l, LangName: t.T("lang.self." + l), Source: l == src, ShowPatronymic: l == "ru",
			FamilyFirst: f.values.Get(pre+"ff") != "",
			Family:      f.input(pre+"family", t.T("office.content.person.family"), "", "text", false, 100),
			Given:       f.input(pre+"given", t.T("office.content.person.given"), "", "text", false, 100),
			Patronymic:  f.input(pre+"patronymic", t.T("office.content.person.patronymic"), "", "text", false, 100),
		}
		c.State = "missing"
		if f.values.Get(pre+"family") != "" || f.values.Get(pre+"given") != "" {
			c.State = "complete"
		}
		c.StateName = t.T("office.state." + c.State)
		nf.Columns = append(nf.Columns, c)
	}
	return nf
}

// personFormName is the person's full name as the form holds it, in
// language l or else in the name's own script.
func personFormName(f *form, l string) string {
	name := func(l string) string {
		pre := "name." + l + "."
		n := lang.Name{Family: f.values.Get(pre + "family"), Given: f.values.Get(pre + "given"), Patronymic: f.values.Get(pre + "patronymic"),
			FamilyFirst: f.values.Get(pre+"ff") != ""}
		return n.Full(l)
	}
	if n := name(l); n != "" {
		return n
	}
	return name(f.values.Get("name.src"))
}

// personSlugTaken reports whether a person has the slug, published or not.
func (s *Server) personSlugTaken(ctx context.Context, slug string) (bool, error) {
	return found(s.forums.WithDrafts().PersonBySlug(ctx, slug))
}
