package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/translate"
)

// A forum's termbase belongs to its hosts (account.SubjectTermbase): its
// page lists the entries with a search, a form to add one, the import of
// TBX and TSV files and their export; each entry has a page of its own to
// change or delete it.

// maxTermRows bounds the term rows an entry form may send.
const maxTermRows = 60

// blankTermRows is how many empty rows an entry form offers for new terms.
const blankTermRows = 3

// termbaseForum returns the forum of the route's {id} and its hosts, and
// fails unless the account may do action to its termbase.
func (s *Server) termbaseForum(rq *officeRequest, action account.Action) (*forum.Forum, []int64, error) {
	id, err := pathID(rq, "id")
	if err != nil {
		return nil, nil, err
	}
	f, hosts, err := s.forumHosts(rq.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if err := rq.must(account.SubjectTermbase, action, hosts...); err != nil {
		return nil, nil, err
	}
	return f, hosts, nil
}

// termbaseURL is the address of forum id's termbase page.
func termbaseURL(id int64) string { return officePrefix + "/forums/" + itoa(id) + "/termbase" }

// entryForm is an entry's form as its template shows it.
type entryForm struct {
	T       *i18n.Printer
	Form    *form
	Action  string
	Summary *errorSummary
	Rows    []termRow
	// Statuses and Parts are the choices of each row's lists.
	Statuses []choiceOption
	Parts    []choiceOption
	Langs    []langOption
	Button   string
	// Version is the entry's version the form was loaded with ("" for a
	// new entry); Message says why a save was refused as a whole.
	Version string
	Message string
	// Theirs are the terms someone else saved meanwhile, shown with a
	// refused save.
	Theirs []termView
}

// termRow is one term's row of an entry form; Prefix names its fields
// ("terms.0.").
type termRow struct {
	Prefix                         string
	Lang, Text, Status, Part, Note string
	LangErr, TextErr, StatusErr    []string
	PartErr                        []string
}

type choiceOption struct{ Value, Label string }

// entryValues returns the form values of e: its subject, note, terms and
// version.
func entryValues(e *translate.Entry) url.Values {
	v := url.Values{"subject": {e.Subject}, "note": {e.Note}, "version": {strconv.Itoa(e.Version)}}
	for k, t := range e.Terms {
		p := "terms." + strconv.Itoa(k) + "."
		v.Set(p+"lang", t.Lang)
		v.Set(p+"text", t.Text)
		v.Set(p+"status", string(t.Status))
		v.Set(p+"pos", t.PartOfSpeech)
		v.Set(p+"note", t.Note)
	}
	return v
}

// termRows returns how many term rows f holds: one past the greatest index
// sent, bounded by maxTermRows.
func termRows(f *form) int {
	n := 0
	for key := range f.values {
		rest, ok := strings.CutPrefix(key, "terms.")
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		if k, err := strconv.Atoi(num); err == nil && k >= 0 && k < maxTermRows && k+1 > n {
			n = k + 1
		}
	}
	return n
}

// readEntry reads an entry from f, checking each field's length and
// characters; the entry's own rules (translate.Entry.Validate) are checked
// when it is stored.
func readEntry(f *form) *translate.Entry {
	e := &translate.Entry{Subject: f.text("subject", false, 200), Note: f.multiline("note", false, 2000)}
	for k := range termRows(f) {
		p := "terms." + strconv.Itoa(k) + "."
		e.Terms = append(e.Terms, translate.EntryTerm{
			Lang: f.text(p+"lang", false, 35), Text: f.text(p+"text", false, 500),
			Status: interchange.TermStatus(f.text(p+"status", false, 20)), PartOfSpeech: f.text(p+"pos", false, 20),
			Note: f.text(p+"note", false, 500)})
	}
	return e
}

// entryError puts the message of an entry's refusal at its field: the
// fields of translate.EntryError are the form's, but for the blank rows
// the entry dropped, which the form still shows: its term indices are
// those of the rows kept, mapped back here.
func entryError(f *form, e *translate.EntryError, kept []int) {
	field := e.Field
	if rest, ok := strings.CutPrefix(field, "terms."); ok {
		num, suffix, _ := strings.Cut(rest, ".")
		if k, err := strconv.Atoi(num); err == nil && k < len(kept) {
			field = "terms." + strconv.Itoa(kept[k]) + "." + suffix
		}
	}
	if field == "terms" {
		field = "terms.0.text"
	}
	f.fail(field, "termbase.error."+e.Reason)
}

// keptRows returns the indices of the term rows of e, as read from the
// form, that Validate keeps: those with a language or a text.
func keptRows(e *translate.Entry) []int {
	var kept []int
	for k, t := range e.Terms {
		if strings.TrimSpace(t.Lang) != "" || strings.TrimSpace(t.Text) != "" {
			kept = append(kept, k)
		}
	}
	return kept
}

// newEntryForm returns the view of entry form f, posted to action, with
// blank rows after the terms for new ones.
func newEntryForm(rq *officeRequest, f *form, action, button string) *entryForm {
	ef := &entryForm{T: rq.T, Form: f, Action: action, Button: button, Langs: langOptions(rq),
		Summary: f.summary("subject", "note"), Version: f.values.Get("version")}
	for _, st := range translate.Statuses {
		label := rq.T.T("termbase.status.none")
		if st != "" {
			label = rq.T.T("termbase.status." + string(st))
		}
		ef.Statuses = append(ef.Statuses, choiceOption{string(st), label})
	}
	ef.Parts = append(ef.Parts, choiceOption{"", rq.T.T("termbase.pos.none")})
	for _, p := range translate.PartsOfSpeech {
		ef.Parts = append(ef.Parts, choiceOption{p, rq.T.T("termbase.pos." + p)})
	}
	n := termRows(f)
	// Blank rows follow the last row with something in it.
	filled := 0
	for k := range n {
		p := "terms." + strconv.Itoa(k) + "."
		if strings.TrimSpace(f.values.Get(p+"lang")+f.values.Get(p+"text")) != "" {
			filled = k + 1
		}
	}
	for k := range max(n, filled+blankTermRows) {
		p := "terms." + strconv.Itoa(k) + "."
		ef.Rows = append(ef.Rows, termRow{Prefix: p,
			Lang: f.values.Get(p + "lang"), Text: f.values.Get(p + "text"), Status: f.values.Get(p + "status"),
			Part: f.values.Get(p + "pos"), Note: f.values.Get(p + "note"),
			LangErr: f.errors[p+"lang"], TextErr: f.errors[p+"text"], StatusErr: f.errors[p+"status"], PartErr: f.errors[p+"pos"]})
	}
	return ef
}

// termbasePage is a forum's termbase page.
type termbasePage struct {
	ForumTitle string
	Query      string
	Entries    []termbaseEntryRow
	Total      int
	CanEdit    bool
	New        *entryForm
	Import     *form
	ImportSum  *errorSummary
	From, To   langSelect
	// ImportNotes say what the import just done did beyond its flash:
	// what it found already there, what it skipped and why.
	ImportNotes []string
	Exports     []exportLink
	ExportTBX   string
	Action      string
	Back        string
}

type termbaseEntryRow struct {
	URL     string
	Terms   []termView
	Subject string
	Note    string
}

// termView is a term as a list shows it: its status in the reader's
// language ("" when unsaid).
type termView struct {
	Lang, Text, Status string
}

func termViews(rq *officeRequest, ts []translate.EntryTerm) []termView {
	out := make([]termView, len(ts))
	for k, t := range ts {
		out[k] = termView{Lang: t.Lang, Text: t.Text}
		if t.Status != "" {
			out[k].Status = rq.T.T("termbase.status." + string(t.Status))
		}
	}
	return out
}

type exportLink struct{ Label, URL string }

// renderTermbase writes forum f's termbase page, with the new entry form
// newEntry and the import form imp (fresh ones when nil).
func (s *Server) renderTermbase(w http.ResponseWriter, rq *officeRequest, status int, f *forum.Forum, hosts []int64, newEntry, imp *form) error {
	ctx := rq.Context()
	es, err := translate.Entries(ctx, s.db, f.ID)
	if err != nil {
		return err
	}
	title, _ := f.Title.In(rq.Lang)
	base := termbaseURL(f.ID)
	pg := &termbasePage{ForumTitle: title, Query: strings.TrimSpace(rq.URL.Query().Get("q")), Total: len(es),
		CanEdit: rq.can(account.SubjectTermbase, account.Edit, hosts...), Action: base, Back: officePrefix + "/memory",
		ExportTBX: base + "/export?format=tbx", ImportNotes: s.importNotes(rq)}
	for _, e := range translate.Search(es, pg.Query) {
		pg.Entries = append(pg.Entries, termbaseEntryRow{URL: base + "/" + itoa(e.ID), Terms: termViews(rq, e.Terms), Subject: e.Subject, Note: e.Note})
	}
	langs := f.Languages
	if len(langs) < 2 {
		langs = lang.Worked
	}
	for _, a := range langs {
		for _, b := range langs {
			if a != b {
				pg.Exports = append(pg.Exports, exportLink{rq.T.T("memory.pair", tagName(rq, a), tagName(rq, b)),
					base + "/export?" + url.Values{"format": {"tsv"}, "from": {a}, "to": {b}}.Encode()})
			}
		}
	}
	if pg.CanEdit {
		if newEntry == nil {
			newEntry = newForm(rq.T, nil)
		}
		pg.New = newEntryForm(rq, newEntry, base, rq.T.T("termbase.add"))
		if imp == nil {
			imp = newForm(rq.T, url.Values{"format": {"auto"}, "from": {langs[0]}, "to": {langs[1]}})
		}
		pg.Import, pg.ImportSum = imp, imp.summary("file", "format", "from", "to")
		pg.From, pg.To = imp.langSelect(rq, "from", rq.T.T("termbase.import.from")), imp.langSelect(rq, "to", rq.T.T("termbase.import.to"))
	}
	return s.officeRenderStatus(w, rq, status, "termbase_index", "memory", rq.T.T("termbase.title", title), pg)
}
