package web

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/translate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// memoryPerPage is how many units the memory's page lists at once.
const memoryPerPage = 50

// memoryPage is the translation memory's page: its language pairs with
// their units, a page of one pair's units, the collections its units came
// from, the import form and the forums' termbases.
type memoryPage struct {
	Pairs       []memoryPair
	Pair        *memoryPair // the pair whose units are listed
	Units       []memoryUnit
	Page, Pages int
	Prev, Next  string
	Collections []memoryCollection
	Termbases   []memoryTermbase
	CanImport   bool
	Import      *form
	Summary     *errorSummary
	From, To    langSelect
	// ImportNotes say what the import just done did beyond its flash:
	// what it found already there, what it skipped and why.
	ImportNotes []string
}

// langSelect is a form's list of languages to choose one from.
type langSelect struct {
	Name, Label, Value string
	Errors             []string
	Options            []langOption
}

func (f *form) langSelect(rq *officeRequest, name, label string) langSelect {
	return langSelect{Name: name, Label: label, Value: f.values.Get(name), Errors: f.errors[name], Options: langOptions(rq)}
}

type memoryPair struct {
	From, To    string
	Label       string
	Units       int
	URL, Export string
	Current     bool
}

type memoryUnit struct {
	Source, Target string
	From, To       string
	Changed, By    string
	// Origin is where the unit came from: the title of the document whose
	// translation gave it, with OriginURL its workbench, or a TMX file's
	// name.
	Origin, OriginURL string
}

type memoryCollection struct {
	ID     int64
	Title  string
	Units  int
	Export string
}

type memoryTermbase struct {
	Title, URL string
}

// langOption is a language in a form's list: its tag and its name in the
// reader's language.
type langOption struct{ Tag, Name string }

func langOptions(rq *officeRequest) []langOption {
	out := make([]langOption, len(lang.Worked))
	for k, l := range lang.Worked {
		out[k] = langOption{l, rq.T.T("lang.name." + l)}
	}
	return out
}

// memoryIndex answers GET /office/memory[?from=zh&to=ru&page=N]: the
// translation memory, which every team shares, with the units of one pair
// (the first, unless from and to name another).
func (s *Server) memoryIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectMemory, account.View); err != nil {
		return err
	}
	f := newForm(rq.T, url.Values{"from": {lang.Worked[0]}, "to": {lang.Worked[1]}})
	return s.renderMemory(w, rq, http.StatusOK, f)
}

// renderMemory writes the memory's page with the import form f.
func (s *Server) renderMemory(w http.ResponseWriter, rq *officeRequest, status int, f *form) error {
	ctx := rq.Context()
	q := rq.URL.Query()
	n, err := pageNumber(q)
	if err != nil {
		return err
	}
	pairs, err := translate.Pairs(ctx, s.db)
	if err != nil {
		return err
	}
	pg := &memoryPage{Page: n, Pages: 1, CanImport: rq.can(account.SubjectMemory, account.Create), Import: f,
		Summary: f.summary("file", "from", "to", "collection"),
		From:    f.langSelect(rq, "from", rq.T.T("memory.import.from")), To: f.langSelect(rq, "to", rq.T.T("memory.import.to")),
		ImportNotes: s.importNotes(rq)}
	for _, p := range pairs {
		mp := memoryPair{From: p.From, To: p.To, Units: p.Units,
			Label:  rq.T.T("memory.pair", tagName(rq, p.From), tagName(rq, p.To)),
			URL:    officePrefix + "/memory?" + url.Values{"from": {p.From}, "to": {p.To}}.Encode(),
			Export: officePrefix + "/memory/export?" + url.Values{"from": {p.From}, "to": {p.To}}.Encode()}
		pg.Pairs = append(pg.Pairs, mp)
	}
	if len(pg.Pairs) > 0 {
		k := 0
		if from, to := q.Get("from"), q.Get("to"); from != "" || to != "" {
			k = slices.IndexFunc(pg.Pairs, func(p memoryPair) bool { return p.From == from && p.To == to })
			if k < 0 {
				return errkind.NotFound
			}
		}
		pg.Pairs[k].Current = true
		pg.Pair = &pg.Pairs[k]
		units, total, err := translate.ListUnits(ctx, s.db, pg.Pair.From, pg.Pair.To, memoryPerPage, (n-1)*memoryPerPage)
		if err != nil {
			return err
		}
		pg.Pages = max(1, (total+memoryPerPage-1)/memoryPerPage)
		trs, err := translate.OriginTranslations(ctx, s.db, units)
		if err != nil {
			return err
		}
		for _, u := range units {
			mu := memoryUnit{Source: u.Source, Target: u.Target, From: pg.Pair.From, To: pg.Pair.To,
				Changed: rq.T.Date(u.Changed), By: u.By, Origin: u.Origin}
			if id, ok := translate.OriginTranslation(u.Origin); ok {
				mu.Origin = rq.T.T("memory.origin.deleted")
				if tr := trs[id]; tr != nil {
					mu.Origin, mu.OriginURL = tr.Title, officePrefix+"/translations/"+itoa(id)
				}
			}
			pg.Units = append(pg.Units, mu)
		}
		page := func(n int) string {
			return officePrefix + "/memory?" + url.Values{"from": {pg.Pair.From}, "to": {pg.Pair.To}, "page": {itoa(int64(n))}}.Encode()
		}
		if n > 1 {
			pg.Prev = page(n - 1)
		}
		if n < pg.Pages {
			pg.Next = page(n + 1)
		}
	}
	if n > pg.Pages {
		return errkind.NotFound
	}
	colls, err := translate.Collections(ctx, s.db)
	if err != nil {
		return err
	}
	for _, c := range colls {
		title, _ := c.Title.In(rq.Lang)
		mc := memoryCollection{ID: c.ID, Title: title, Units: c.Units}
		if c.Units > 0 {
			mc.Export = officePrefix + "/memory/export?collection=" + itoa(c.ID)
		}
		pg.Collections = append(pg.Collections, mc)
	}
	forums, err := s.forums.WithDrafts().Forums(ctx)
	if err != nil {
		return err
	}
	for _, fo := range forums {
		if rq.can(account.SubjectTermbase, account.View, hostIDs(fo.Hosts)...) {
			title, _ := fo.Title.In(rq.Lang)
			pg.Termbases = append(pg.Termbases, memoryTermbase{Title: title, URL: officePrefix + "/forums/" + itoa(fo.ID) + "/termbase"})
		}
	}
	return s.officeRenderStatus(w, rq, status, "memory_index", "memory", rq.T.T("office.nav.memory"), pg)
}

// tagName returns the name of the language tag names in the reader's
// language: the catalog's for the languages tandem works in ("ru-RU" is
// Russian, as "ru" is), CLDR's for the others and for another script
// ("de" is German, "zh-TW" Chinese (Taiwan)), so that a list of languages
// names every one; the tag itself only for one CLDR does not name either.
func tagName(rq *officeRequest, tag string) string {
	base := lang.Base(tag)
	if lang.SameLanguage(tag, base) {
		if ok, _ := rq.T.Has("lang.name." + base); ok {
			return rq.T.T("lang.name." + base)
		}
	}
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if name := display.Tags(language.Make(rq.Lang)).Name(t); name != "" {
		return name
	}
	return tag
}
