package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// The office's pages of editions (internal/edition): the editions of a
// collection, the form of one, and its page, where its hosts' organisers
// and editors build it (a job whose progress the page shows, reloading
// itself while it runs), download and approve its proofs, each for its own
// partner, and schedule or unschedule its release.

// editionScope is an edition with its collection's scope.
type editionScope struct {
	E *edition.Edition
	*worksScope
}

// editionFor reads the edition the request's path names and checks that
// the account may take action on it for its hosts (errkind.Forbidden
// otherwise), as every edition page and step begins.
func (s *Server) editionFor(rq *officeRequest, action account.Action) (*editionScope, error) {
	id, err := idParam(rq)
	if err != nil {
		return nil, err
	}
	es, err := s.editionScope(rq.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := rq.must(account.SubjectEdition, action, es.Hosts...); err != nil {
		return nil, err
	}
	return es, nil
}

// zone is the time zone the office tells the edition's times in: its
// own, the one its release is planned in, else its forum's.
func (es *editionScope) zone() string {
	if es.E.TimeZone != "" {
		return es.E.TimeZone
	}
	return es.Forum.TimeZone
}

func (s *Server) editionScope(ctx context.Context, id int64) (*editionScope, error) {
	e, err := edition.Get(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	sc, err := s.collectionScope(ctx, e.CollectionID)
	if err != nil {
		return nil, err
	}
	return &editionScope{E: e, worksScope: sc}, nil
}

func editionPath(id int64) string { return officePrefix + "/editions/" + itoa(id) }

func editionActor(rq *officeRequest, hosts []int64) edition.Actor {
	a := rq.worksActor(hosts)
	return edition.Actor{AccountID: a.AccountID, Name: a.Name, PartnerID: a.PartnerID}
}

// editionRow is one edition in a list.
type editionRow struct {
	ID                  int64
	URL, Slug, Langs    string
	State, StateKey     string
	Release, ISBNs      string
	PublicURL, Building string
}

func (s *Server) editionRow(rq *officeRequest, e *edition.Edition) editionRow {
	t := rq.T
	pu := t.Punct()
	var langs, isbns []string
	for _, l := range e.Langs {
		langs = append(langs, t.T("lang.name."+l))
	}
	for _, f := range book.Formats {
		if n := e.ISBN[f]; n != "" {
			isbns = append(isbns, t.T("edition.format."+string(f))+pu.Colon+n)
		}
	}
	r := editionRow{ID: e.ID, URL: editionPath(e.ID), Slug: e.Slug, Langs: strings.Join(langs, " + "), State: t.T("edition.state." + string(e.State)),
		StateKey: string(e.State), ISBNs: strings.Join(isbns, pu.Semicolon), Release: "—"}
	if !e.ReleaseAt.IsZero() {
		r.Release = zoned(rq, e.ReleaseAt, e.TimeZone)
	}
	if e.State == edition.Released || e.State == edition.Scheduled {
		r.PublicURL = "/" + e.Langs[0] + "/editions/" + e.Slug
	}
	return r
}

// editionsPage is a collection's editions.
type editionsPage struct {
	Collection, Forum string
	CollectionURL     string
	NewURL            string
	Editions          []editionRow
	// Message says why an export was refused; ONIXURL and CrossrefURL
	// are the exports of every edition.
	Message              string
	ONIXURL, CrossrefURL string
}

// editionIndex answers GET /office/collections/{id}/editions.
func (s *Server) editionIndex(w http.ResponseWriter, rq *officeRequest) error {
	return s.renderEditions(w, rq, http.StatusOK, "")
}

// renderEditions shows a collection's editions, with message (why an
// export was refused) when it is not empty.
func (s *Server) renderEditions(w http.ResponseWriter, rq *officeRequest, status int, message string) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectEdition, account.View, sc.Hosts...); err != nil {
		return err
	}
	pg := &editionsPage{CollectionURL: officePrefix + "/collections/" + itoa(id), Message: message}
	pg.ONIXURL, pg.CrossrefURL = pg.CollectionURL+"/editions/onix", pg.CollectionURL+"/editions/crossref"
	pg.Collection, _ = sc.Collection.Title.In(rq.Lang)
	pg.Forum, _ = sc.Forum.Title.In(rq.Lang)
	if rq.can(account.SubjectEdition, account.Create, sc.Hosts...) {
		pg.NewURL = pg.CollectionURL + "/editions/new"
	}
	es, err := edition.OfCollection(ctx, s.db, id)
	if err != nil {
		return err
	}
	for _, e := range es {
		pg.Editions = append(pg.Editions, s.editionRow(rq, e))
	}
	return s.officeRenderStatus(w, rq, status, "editions", "collections", rq.T.T("edition.office.list", pg.Collection), pg)
}

// editionFormPage is the form of an edition, new or being edited.
type editionFormPage struct {
	Form          *form
	Summary       *errorSummary
	Message       string
	New           bool
	Action, Back  string
	Slug          string
	SlugInput     inputField
	Languages     checkGroup
	Formats       checkGroup
	ISBNs         []inputField
	Publishers    checkGroup
	PublisherData []inputField
	Release, Zone inputField
	Territories   inputField
	Imprint       []textArea
	Preface       []textArea
	Notes         checkGroup
	PageSizes     checkGroup
	DOIPrefix     inputField
	SampleISBN    bool
	// Zones are the default time zone of each host as publisher of
	// record (its country's), which the form's script puts in the zone
	// field when another publisher is chosen.
	Zones map[string]string
	// Scheduled is set when the edition is scheduled: saving a change
	// cancels the planned release, which the form says and asks to
	// confirm (Confirm).
	Scheduled  bool
	Confirm    checkOption
	ConfirmErr string
}

// textArea is a multi-line field of a form.
type textArea struct {
	Form              *form
	Name, Label, Hint string
	Lang              string
	Rows              int
	Value             string
	Errors            []string
}

// editionValues returns the form values of a stored edition.
func editionValues(e *edition.Edition) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(e.Version))
	v.Set("slug", e.Slug)
	v.Set("languages", strings.Join(e.Langs, "+"))
	for _, f := range e.Formats {
		v.Add("formats", string(f))
	}
	for f, n := range e.ISBN {
		v.Set("isbn."+string(f), n)
	}
	v.Set("publisher", itoa(e.PublisherID))
	for l, x := range e.PublisherName {
		v.Set("publisher_name."+l, x)
	}
	for l, x := range e.PublisherPlace {
		v.Set("publisher_place."+l, x)
	}
	v.Set("zone", e.TimeZone)
	if !e.ReleaseAt.IsZero() {
		v.Set("release", e.ReleaseAt.In(e.Location()).Format("2006-01-02T15:04"))
	}
	v.Set("territories", strings.Join(e.Territories, " "))
	for l, lines := range e.Imprint {
		v.Set("imprint."+l, strings.Join(lines, "\n"))
	}
	for l, x := range e.Preface {
		v.Set("preface."+l, x)
	}
	v.Set("notes", string(e.Notes))
	v.Set("page_size", string(e.PageSize))
	v.Set("doi_prefix", e.DOIPrefix)
	if e.SampleISBN {
		v.Set("sample_isbn", "on")
	}
	return v
}

// readEdition reads the form into e; the fields' errors are recorded on f,
// those of edition.Validate included.
func readEdition(f *form, e *edition.Edition, sc *worksScope, now time.Time) {
	langs := sc.Collection.Languages
	if v := f.choice("languages", true, languageChoices(langs)...); v != "" {
		e.Langs = strings.Split(v, "+")
	}
	e.Formats = nil
	for _, x := range f.values["formats"] {
		if slices.Contains(book.Formats, book.Format(x)) && !slices.Contains(e.Formats, book.Format(x)) {
			e.Formats = append(e.Formats, book.Format(x))
		}
	}
	e.ISBN = map[book.Format]string{}
	for _, x := range book.Formats {
		if v := f.text("isbn."+string(x), false, 40); v != "" {
			e.ISBN[x] = v
		}
	}
	e.PublisherID, _ = strconv.ParseInt(f.values.Get("publisher"), 10, 64)
	e.PublisherName, e.PublisherPlace = book.Local{}, book.Local{}
	e.Imprint, e.Preface = map[string][]string{}, map[string]string{}
	for _, l := range langs {
		if v := f.text("publisher_name."+l, false, 200); v != "" {
			e.PublisherName[l] = v
		}
		if v := f.text("publisher_place."+l, false, 100); v != "" {
			e.PublisherPlace[l] = v
		}
		if v := f.multiline("imprint."+l, false, 4000); v != "" {
			e.Imprint[l] = strings.Split(v, "\n")
		}
		if v := f.multiline("preface."+l, false, 100000); v != "" {
			e.Preface[l] = v
		}
	}
	e.TimeZone = f.text("zone", false, 64)
	loc := time.UTC
	if e.TimeZone != "" {
		if l, err := time.LoadLocation(e.TimeZone); err == nil {
			loc = l
		}
	}
	// The release time is in the edition's zone (the field below it), not
	// the forum's, and a time already past would only be refused when the
	// release is planned.
	e.ReleaseAt = f.localTimeKey("release", false, loc, "edition.invalid.release_format")
	if !e.ReleaseAt.IsZero() && !e.ReleaseAt.After(now) {
		f.fail("release", "edition.invalid.release_past_at", zonedIn(f.t, e.ReleaseAt, loc.String()))
	}
	e.Territories = strings.FieldsFunc(f.values.Get("territories"), func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' })
	e.Notes = book.NoteNumbering(f.choice("notes", true, string(book.PerPage), string(book.PerChapter)))
	e.PageSize = edition.PageSize(f.values.Get("page_size"))
	e.DOIPrefix = f.text("doi_prefix", false, 40)
	e.SampleISBN = f.values.Get("sample_isbn") != ""
	if f.errors["languages"] != nil {
		return
	}
	var inv edition.Invalid
	if errors.As(edition.Validate(e, langs, sc.Hosts), &inv) {
		for _, fe := range inv {
			if fe.Field == "slug" && f.errors["slug"] != nil {
				continue
			}
			f.fail(fe.Field, fe.Key, fe.Args...)
		}
	}
}

// checkISBNsUnused records on f each of e's ISBNs that another edition
// already has: an ISBN names one product.
func (s *Server) checkISBNsUnused(ctx context.Context, f *form, e *edition.Edition) error {
	for _, x := range book.Formats {
		n := e.ISBN[x]
		if n == "" || f.errors["isbn."+string(x)] != nil {
			continue
		}
		slug, err := edition.ISBNUsed(ctx, s.db, e, n)
		if err != nil {
			return err
		}
		if slug != "" {
			f.fail("isbn."+string(x), "edition.invalid.isbn_used", slug)
		}
	}
	return nil
}

// languageChoices are the languages an edition of a collection in langs
// may be in: each alone, then each ordered pair (verso first).
func languageChoices(langs []string) []string {
	out := slices.Clone(langs)
	for _, a := range langs {
		for _, b := range langs {
			if a != b {
				out = append(out, a+"+"+b)
			}
		}
	}
	return out
}

// publisherZones returns the default time zone of an edition published by
// each of the hosts of sc: its country's (edition.CountryZone), else the
// forum's.
func (s *Server) publisherZones(ctx context.Context, sc *worksScope) (map[int64]string, error) {
	_, partners, err := s.partnerNames(ctx, "")
	if err != nil {
		return nil, err
	}
	zones := map[int64]string{}
	for _, h := range sc.Hosts {
		zones[h] = sc.Forum.TimeZone
		for _, p := range partners {
			if z := edition.CountryZone(p.Country); p.ID == h && z != "" {
				zones[h] = z
			}
		}
	}
	return zones, nil
}

func (s *Server) renderEditionForm(w http.ResponseWriter, rq *officeRequest, status int, pg *editionFormPage, sc *worksScope) error {
	t, f := rq.T, pg.Form
	fields := []string{"slug", "languages", "formats", "isbn.web", "isbn.epub", "isbn.pdf", "publisher", "release", "zone", "territories"}
	for _, l := range sc.Collection.Languages {
		fields = append(fields, "publisher_name."+l, "publisher_place."+l, "imprint."+l, "preface."+l)
	}
	pg.Summary = f.summary(append(fields, "notes", "page_size", "doi_prefix", "confirm")...)
	pg.SlugInput = f.input("slug", t.T("office.content.slug.label"), t.T("edition.office.slug.hint"), "text", true, 100)
	pg.Languages = checkGroup{Name: "languages", Label: t.T("edition.office.languages"), Hint: t.T("edition.office.languages.hint"), Errors: f.errors["languages"]}
	for _, c := range languageChoices(sc.Collection.Languages) {
		var names []string
		for _, l := range strings.Split(c, "+") {
			names = append(names, t.T("lang.name."+l))
		}
		pg.Languages.Options = append(pg.Languages.Options, checkOption{Value: c, Label: strings.Join(names, " + "), Checked: f.values.Get("languages") == c})
	}
	pg.Formats = checkGroup{Name: "formats", Label: t.T("edition.office.formats"), Errors: f.errors["formats"]}
	for _, x := range book.Formats {
		pg.Formats.Options = append(pg.Formats.Options, checkOption{Value: string(x), Label: t.T("edition.format." + string(x)), Checked: slices.Contains(f.values["formats"], string(x))})
		pg.ISBNs = append(pg.ISBNs, f.input("isbn."+string(x), t.T("edition.office.isbn", t.T("edition.format."+string(x))), t.T("edition.office.isbn.hint"), "text", false, 40))
	}
	names, _, err := s.partnerNames(rq.Context(), rq.Lang)
	if err != nil {
		return err
	}
	zones, err := s.publisherZones(rq.Context(), sc)
	if err != nil {
		return err
	}
	pg.Zones = map[string]string{}
	pg.Publishers = checkGroup{Name: "publisher", Label: t.T("edition.office.publisher"), Errors: f.errors["publisher"]}
	for _, h := range sc.Hosts {
		pg.Publishers.Options = append(pg.Publishers.Options, checkOption{Value: itoa(h), Label: names[h], Checked: f.values.Get("publisher") == itoa(h)})
		pg.Zones[itoa(h)] = zones[h]
	}
	if pg.Scheduled {
		pg.Confirm = checkOption{Value: "on", Label: t.T("edition.office.confirm_unschedule"), Checked: f.values.Get("confirm") != ""}
		if errs := f.errors["confirm"]; len(errs) > 0 {
			pg.ConfirmErr = errs[0]
		}
	}
	for _, l := range sc.Collection.Languages {
		pg.PublisherData = append(pg.PublisherData,
			f.input("publisher_name."+l, t.T("edition.office.publisher_name", t.T("lang.name."+l)), "", "text", false, 200),
			f.input("publisher_place."+l, t.T("edition.office.publisher_place", t.T("lang.name."+l)), "", "text", false, 100))
		pg.Imprint = append(pg.Imprint, textArea{Form: f, Name: "imprint." + l, Lang: l, Rows: 6, Value: f.values.Get("imprint." + l),
			Label: t.T("edition.office.imprint", t.T("lang.name."+l)), Hint: t.T("edition.office.imprint.hint"), Errors: f.errors["imprint."+l]})
		pg.Preface = append(pg.Preface, textArea{Form: f, Name: "preface." + l, Lang: l, Rows: 10, Value: f.values.Get("preface." + l),
			Label: t.T("edition.office.preface", t.T("lang.name."+l)), Hint: t.T("edition.office.preface.hint"), Errors: f.errors["preface."+l]})
	}
	pg.Release = f.input("release", t.T("edition.office.release"), t.T("edition.office.release.hint"), "datetime-local", false, 20)
	pg.Zone = f.input("zone", t.T("edition.office.zone"), t.T("edition.office.zone.hint"), "text", false, 64)
	pg.Territories = f.input("territories", t.T("edition.office.territories"), t.T("edition.office.territories.hint"), "text", false, 1000)
	pg.Notes = checkGroup{Name: "notes", Label: t.T("edition.office.notes"), Errors: f.errors["notes"]}
	for _, n := range []book.NoteNumbering{book.PerPage, book.PerChapter} {
		pg.Notes.Options = append(pg.Notes.Options, checkOption{Value: string(n), Label: t.T("edition.office.notes." + string(n)), Checked: f.values.Get("notes") == string(n)})
	}
	pg.PageSizes = checkGroup{Name: "page_size", Label: t.T("edition.office.page_size"), Errors: f.errors["page_size"]}
	for _, p := range []string{"a5", "b5", "16k", "a4"} {
		pg.PageSizes.Options = append(pg.PageSizes.Options, checkOption{Value: p, Label: t.T("edition.office.page." + p), Checked: f.values.Get("page_size") == p})
	}
	pg.DOIPrefix = f.input("doi_prefix", t.T("edition.office.doi_prefix"), t.T("edition.office.doi_prefix.hint"), "text", false, 40)
	pg.SampleISBN = f.values.Get("sample_isbn") != ""
	title := t.T("edition.office.new")
	if !pg.New {
		title = t.T("edition.office.edit", pg.Slug)
	}
	return s.officeRenderStatus(w, rq, status, "edition_form", "collections", title, pg)
}

// editionNew answers GET /office/collections/{id}/editions/new.
func (s *Server) editionNew(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	sc, err := s.collectionScope(rq.Context(), id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectEdition, account.Create, sc.Hosts...); err != nil {
		return err
	}
	v := url.Values{"version": {"0"}, "formats": {"web", "epub", "pdf"}, "notes": {string(book.PerChapter)}, "page_size": {"a5"}, "zone": {sc.Forum.TimeZone}}
	if len(sc.Collection.Languages) > 0 {
		v.Set("languages", sc.Collection.Languages[0])
	}
	if len(sc.Hosts) > 0 {
		// The release is in the publisher of record's zone (its
		// country's); the form's script follows another choice of
		// publisher, and without it the office sets the zone by hand.
		v.Set("publisher", itoa(sc.Hosts[0]))
		zones, err := s.publisherZones(rq.Context(), sc)
		if err != nil {
			return err
		}
		v.Set("zone", zones[sc.Hosts[0]])
	}
	pg := &editionFormPage{Form: newForm(rq.T, v), New: true, Action: officePrefix + "/collections/" + itoa(id) + "/editions/new",
		Back: officePrefix + "/collections/" + itoa(id) + "/editions"}
	status := http.StatusOK
	if rq.Method == http.MethodPost {
		// A form too large to read (editionCreate).
		status, pg.Message = http.StatusRequestEntityTooLarge, rq.T.T("edition.office.too_large", rq.T.Bytes(maxEditionForm))
	}
	return s.renderEditionForm(w, rq, status, pg, sc)
}

// editionCreate answers POST /office/collections/{id}/editions/new.
func (s *Server) editionCreate(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectEdition, account.Create, sc.Hosts...); err != nil {
		return err
	}
	if err := parseEditionForm(w, rq); err != nil {
		if errors.Is(err, errFormTooLarge) {
			// What was typed is more than the office reads: the form
			// comes back empty, with why.
			return s.editionNew(w, rq)
		}
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	e := &edition.Edition{CollectionID: id}
	if e.Slug, err = readSlug(ctx, f, func(ctx context.Context, slug string) (bool, error) { return edition.SlugTaken(ctx, s.db, slug) }); err != nil {
		return err
	}
	readEdition(f, e, sc, s.clock())
	if err := s.checkISBNsUnused(ctx, f, e); err != nil {
		return err
	}
	pg := &editionFormPage{Form: f, New: true, Action: officePrefix + "/collections/" + itoa(id) + "/editions/new",
		Back: officePrefix + "/collections/" + itoa(id) + "/editions"}
	if !f.ok() {
		return s.renderEditionForm(w, rq, http.StatusUnprocessableEntity, pg, sc)
	}
	if err := s.db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, editionActor(rq, sc.Hosts)) }); err != nil {
		return err
	}
	s.flash(ctx, "edition.office.created")
	return seeOther(w, rq.Request, editionPath(e.ID))
}

// editionEdit answers GET /office/editions/{id}/edit.
func (s *Server) editionEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	es, err := s.editionScope(rq.Context(), id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectEdition, account.Edit, es.Hosts...); err != nil {
		return err
	}
	if es.E.State == edition.Released {
		return s.renderEdition(w, rq, http.StatusConflict, rq.T.T("edition.edit.released"))
	}
	pg := &editionFormPage{Form: newForm(rq.T, editionValues(es.E)), Slug: es.E.Slug, Action: editionPath(id) + "/edit", Back: editionPath(id),
		Scheduled: es.E.State == edition.Scheduled}
	return s.renderEditionForm(w, rq, http.StatusOK, pg, es.worksScope)
}

// maxEditionForm is the most of an edition's form the office reads: a
// preface or imprint over its limit is refused by its field, with the
// form kept, up to this size.
const maxEditionForm = 64 << 20

// errFormTooLarge is a form over maxEditionForm.
var errFormTooLarge = errors.New("edition form: too large")

// parseEditionForm parses an edition's form, of at most maxEditionForm
// bytes (errFormTooLarge otherwise).
func parseEditionForm(w http.ResponseWriter, rq *officeRequest) error {
	rq.Body = http.MaxBytesReader(w, rq.Body, maxEditionForm)
	if err := rq.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errFormTooLarge
		}
		return badRequest("edition form: %v", err)
	}
	return nil
}

// editionSave answers POST /office/editions/{id}/edit.
func (s *Server) editionSave(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	es, err := s.editionFor(rq, account.Edit)
	if err != nil {
		return err
	}
	id := es.E.ID
	if es.E.State == edition.Released {
		return s.renderEdition(w, rq, http.StatusConflict, rq.T.T("edition.edit.released"))
	}
	pg := &editionFormPage{Slug: es.E.Slug, Action: editionPath(id) + "/edit", Back: editionPath(id), Scheduled: es.E.State == edition.Scheduled}
	if err := parseEditionForm(w, rq); err != nil {
		if errors.Is(err, errFormTooLarge) {
			pg.Form = newForm(rq.T, editionValues(es.E))
			pg.Message = rq.T.T("edition.office.too_large", rq.T.Bytes(maxEditionForm))
			return s.renderEditionForm(w, rq, http.StatusRequestEntityTooLarge, pg, es.worksScope)
		}
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	pg.Form = f
	version, err := strconv.Atoi(f.values.Get("version"))
	if err != nil {
		return badRequest("edition form: version %q", f.values.Get("version"))
	}
	e := *es.E
	f.values.Set("slug", e.Slug)
	readEdition(f, &e, es.worksScope, s.clock())
	if err := s.checkISBNsUnused(ctx, f, &e); err != nil {
		return err
	}
	if f.ok() && pg.Scheduled && f.values.Get("confirm") == "" && !edition.Unchanged(es.E, &e) {
		// A change of a scheduled edition cancels its release: the
		// proofs approved are not what it would release any more. The
		// office says so before, and saves only when asked to.
		f.fail("confirm", "edition.office.confirm_required")
	}
	if !f.ok() {
		return s.renderEditionForm(w, rq, http.StatusUnprocessableEntity, pg, es.worksScope)
	}
	err = s.press.Update(ctx, &e, version, editionActor(rq, es.Hosts))
	var se *edition.StateError
	switch {
	case errors.Is(err, edition.ErrStale):
		pg.Message = rq.T.T("works.stale")
		f.values.Set("version", strconv.Itoa(es.E.Version))
		return s.renderEditionForm(w, rq, http.StatusConflict, pg, es.worksScope)
	case errors.As(err, &se):
		pg.Message = rq.T.T(se.Key, se.Args...)
		return s.renderEditionForm(w, rq, http.StatusConflict, pg, es.worksScope)
	case err != nil:
		return err
	}
	after, err := edition.Get(ctx, s.db, id)
	if err != nil {
		return err
	}
	switch {
	case edition.Unchanged(es.E, &e):
		s.flash(ctx, "works.saved")
	case pg.Scheduled && after.State == edition.Approved:
		// The book is the same: the approvals hold, and only the
		// release is to be planned again.
		s.flash(ctx, "edition.office.saved_replan")
	case pg.Scheduled:
		s.flash(ctx, "edition.office.saved_unscheduled")
	case es.E.State == edition.Approved && after.State == edition.Proofs:
		s.flash(ctx, "edition.office.saved_withdrawn")
	default:
		s.flash(ctx, "works.saved")
	}
	return seeOther(w, rq.Request, editionPath(id))
}

// editionPage is an edition's page in the office.
type editionPage struct {
	editionRow
	ID            int64
	Collection    string
	CollectionURL string
	EditURL       string
	Message       string
	Facts         []fact
	CanBuild      bool
	// BuildNote says why an edition that cannot be built again is not.
	BuildNote     string
	BuildURL      string
	Build         buildView
	Proofs        []proofFile
	Hosts         []hostApproval
	CanSchedule   bool
	CanUnschedule bool
	// ScheduleNote says why the release of an approved edition cannot be
	// planned yet: its release time is not set, or past.
	ScheduleNote  string
	ScheduleURL   string
	UnscheduleURL string
	// Publisher is the publisher of record when the account is of
	// another host, whose organisers and editors plan the release.
	Publisher  string
	Unapproved []string
	// ProofsCurrent is set when every format's proofs are made from what
	// the edition and its approved texts are now; Stale says why not.
	ProofsCurrent bool
	Stale         bool
	// ProofsHidden is set when proofs exist that the account may not
	// read: they are for the hosts' organisers and editors.
	ProofsHidden bool
	// ONIXURL and CrossrefURL are the edition's metadata exports.
	ONIXURL, CrossrefURL string
}

type fact struct{ Label, Value string }

// buildView is the latest build as the page shows it.
type buildView struct {
	State, StateKey string
	Format          string
	Done, Total     int
	Percent         int
	Error           string
	Running         bool
}

type proofFile struct {
	// URL is empty for an account that may not read the proofs.
	Label, URL string
	Size       string // as the reader writes sizes
	Built      string
	Stale      bool
}

// hostApproval is a host's approval of the current proofs.
type hostApproval struct {
	Partner  string
	ID       int64
	Approved bool
	By, At   string
	// CanApprove is set when the account approves for this host.
	CanApprove bool
	URL        string
	// StaleBy is who approved proofs that are out of date now
	// ("Name, time"); Other is set when the account approved these
	// proofs for another host and so may not for this one (four eyes).
	StaleBy string
	Other   bool
}

func (p *editionPage) selfRefresh() bool { return p.Build.Running }

// editionOffice answers GET /office/editions/{id}.
func (s *Server) editionOffice(w http.ResponseWriter, rq *officeRequest) error {
	return s.renderEdition(w, rq, http.StatusOK, "")
}

func (s *Server) renderEdition(w http.ResponseWriter, rq *officeRequest, status int, message string) error {
	ctx := rq.Context()
	es, err := s.editionFor(rq, account.View)
	if err != nil {
		return err
	}
	id := es.E.ID
	e, t := es.E, rq.T
	// The times of the edition's proofs, approvals and builds are told in
	// its own zone, which its release is planned in, and named.
	zone := es.zone()
	pg := &editionPage{editionRow: s.editionRow(rq, e), ID: id, Message: message,
		CollectionURL: officePrefix + "/collections/" + itoa(e.CollectionID) + "/editions",
		BuildURL:      editionPath(id) + "/build", ONIXURL: editionPath(id) + "/onix", CrossrefURL: editionPath(id) + "/crossref", ScheduleURL: editionPath(id) + "/schedule", UnscheduleURL: editionPath(id) + "/unschedule"}
	pg.Collection, _ = es.Collection.Title.In(rq.Lang)
	names, _, err := s.partnerNames(ctx, rq.Lang)
	if err != nil {
		return err
	}
	var formats []string
	for _, f := range e.Formats {
		formats = append(formats, t.T("edition.format."+string(f)))
	}
	pg.Facts = []fact{
		{t.T("edition.office.languages"), pg.Langs},
		{t.T("edition.office.formats"), strings.Join(formats, t.Punct().Enum)},
		{t.T("edition.office.publisher"), names[e.PublisherID]},
		releaseFact(t, e, pg.Release),
		{t.T("edition.office.territories"), strings.Join(e.Territories, " ")},
		{"ISBN", pg.ISBNs},
	}
	editable := e.State != edition.Released && rq.can(account.SubjectEdition, account.Edit, es.Hosts...)
	if editable {
		pg.EditURL = editionPath(id) + "/edit"
	}
	switch {
	case e.State == edition.Released:
		pg.BuildNote = t.T("edition.build.released")
	case e.State == edition.Scheduled && editable:
		// A build would change the approved files of a planned
		// release: the release is cancelled first, in the open.
		pg.BuildNote = t.T("edition.office.build_scheduled")
	case editable:
		pg.CanBuild = true
	}
	files, err := edition.Files(ctx, s.db, id)
	if err != nil {
		return err
	}
	b := e.Build
	pg.Build = buildView{StateKey: b.State, Format: string(b.Format), Done: b.Done, Total: b.Total,
		Running: b.State == "queued" || b.State == "running"}
	if b.State == "" && len(files) > 0 {
		// Built by `tandem edition build` or the demo, not by a job.
		pg.Build.StateKey = "done"
	}
	if pg.Build.StateKey != "" {
		pg.Build.State = t.T("edition.build." + pg.Build.StateKey)
	}
	if b.Format != "" {
		pg.Build.Format = t.T("edition.format." + string(b.Format))
	}
	if b.Total > 0 {
		pg.Build.Percent = b.Done * 100 / b.Total
	}
	if b.State == "failed" {
		pg.Build.Error = buildError(t, b)
	}
	var stale []book.Format
	if e.State != edition.Released {
		if stale, err = s.press.Stale(ctx, e); err != nil {
			return err
		}
	}
	readsProofs := rq.can(account.SubjectEdition, account.Approve, es.Hosts...)
	for _, f := range []book.Format{book.PDF, book.PDFA, book.EPUB, book.Web} {
		file := files[f]
		if file == nil || !e.Builds(f) {
			continue
		}
		pf := proofFile{Label: t.T("edition.office.proof." + string(f)), Size: t.Bytes(file.Size),
			Built: zoned(rq, file.BuiltAt, zone), Stale: slices.Contains(stale, f)}
		if readsProofs {
			pf.URL = editionPath(id) + "/proofs/" + string(f)
		}
		pg.Proofs = append(pg.Proofs, pf)
	}
	pg.ProofsHidden = !readsProofs && len(pg.Proofs) > 0
	pg.ProofsCurrent = len(stale) == 0
	pg.Stale = len(stale) > 0 && len(files) > 0
	if pg.Stale && (e.State == edition.Proofs || e.State == edition.Approved) {
		// Approved proofs that are out of date are not what would be
		// released: the page does not call them approved.
		pg.StateKey, pg.State = "stale", t.T("edition.state.stale")
	}
	fp := edition.ProofsFingerprint(e, files)
	approvals, err := edition.ProofApprovals(ctx, s.db, id)
	if err != nil {
		return err
	}
	typed := map[int64]string{}
	for _, a := range approvals {
		typed[a.AccountID] = a.AccountName
	}
	approvers, err := works.AccountNames(ctx, s.db, rq.Lang, typed)
	if err != nil {
		return err
	}
	mine := false
	for _, a := range approvals {
		if a.AccountID == rq.Account.ID && a.Fingerprint == fp && fp != "" {
			mine = true
		}
	}
	for _, h := range es.Hosts {
		ha := hostApproval{Partner: names[h], ID: h, URL: editionPath(id) + "/approve"}
		for _, a := range approvals {
			if a.PartnerID == h && a.Fingerprint == fp && fp != "" {
				if pg.Stale && e.State != edition.Released {
					ha.StaleBy = t.T("edition.office.approved_stale", approvers[a.AccountID], zoned(rq, a.ApprovedAt, zone))
				} else {
					ha.Approved, ha.By, ha.At = true, approvers[a.AccountID], zoned(rq, a.ApprovedAt, zone)
				}
			}
		}
		can := !ha.Approved && ha.StaleBy == "" && fp != "" && !pg.Stale && (e.State == edition.Proofs || e.State == edition.Approved) && approvesFor(rq, h)
		ha.Other = can && mine
		ha.CanApprove = can && !mine
		pg.Hosts = append(pg.Hosts, ha)
	}
	publish := rq.can(account.SubjectEdition, account.Publish, e.PublisherID)
	pg.CanSchedule = publish && e.State == edition.Approved && !pg.Stale
	if pg.CanSchedule {
		// The button names the time it plans the release for: it is
		// offered only when that time can be planned.
		switch now := s.clock(); {
		case e.ReleaseAt.IsZero():
			pg.CanSchedule, pg.ScheduleNote = false, t.T("edition.office.release_unset")
		case !e.ReleaseAt.After(now):
			pg.CanSchedule, pg.ScheduleNote = false, t.T("edition.office.release_passed", pg.Release)
		}
	}
	pg.CanUnschedule = publish && e.State == edition.Scheduled
	if !publish && (e.State == edition.Approved || e.State == edition.Scheduled) {
		pg.Publisher = names[e.PublisherID]
	}
	missing, err := edition.Unapproved(ctx, s.db, e)
	if err != nil {
		return err
	}
	for _, m := range missing {
		title, _ := m.Title.In(rq.Lang)
		pg.Unapproved = append(pg.Unapproved, t.T("edition.office.unapproved_item", m.Position, title, t.T("lang.name."+m.Lang)))
	}
	if len(missing) > 0 {
		// Scheduling is refused while chapters await approval
		// (release_waits says so).
		pg.CanSchedule = false
	}
	return s.officeRenderStatus(w, rq, status, "edition", "collections", e.Slug, pg)
}

// releaseFact is the release line of edition e's page, its time as text
// being release: a planned release only when it is planned, a release
// time set but not planned otherwise.
func releaseFact(t *i18n.Printer, e *edition.Edition, release string) fact {
	switch {
	case e.State == edition.Released:
		return fact{t.T("edition.office.released_at"), release}
	case e.State == edition.Scheduled:
		return fact{t.T("edition.office.release_planned"), release}
	case e.ReleaseAt.IsZero():
		return fact{t.T("edition.office.release"), ""}
	}
	return fact{t.T("edition.office.release"), t.T("edition.office.release_unplanned", release)}
}

// buildError is what the page says of failed build b: the message its
// job recorded (edition.BuildFailure), or for one recorded before in a
// renderer's words, that the build failed, with the details in the log.
func buildError(t *i18n.Printer, b edition.BuildStatus) string {
	format := t.T("edition.format." + string(b.Format))
	if b.Format == "" {
		format = t.T("edition.office.proofs_all")
	}
	switch {
	case b.Error == "edition.build.no_renderer":
		return t.T(b.Error, format)
	case strings.HasPrefix(b.Error, "edition.") && !strings.ContainsAny(b.Error, " :") && b.Error != "edition.build.error":
		return t.T(b.Error)
	}
	return t.T("edition.build.error", format)
}

// approvesFor reports whether the signed-in account approves an edition's
// proofs for host partner h: an organiser or editor of h. An admin without
// a role at h does not: a host's approval is its own people's word.
func approvesFor(rq *officeRequest, h int64) bool {
	return account.Allowed(rq.Account.RolesAt(h), false, account.SubjectEdition, account.Approve)
}

// editionRefusal shows the edition's page with why a step was refused: a
// state the step needs, or a field (the release time) to correct.
func (s *Server) editionRefusal(w http.ResponseWriter, rq *officeRequest, err error) error {
	var se *edition.StateError
	var inv edition.Invalid
	switch {
	case errors.As(err, &se):
		msg := rq.T.T(se.Key, se.Args...)
		if se.Key == "edition.schedule.unapproved" && len(se.Args) == 1 {
			msg = rq.T.N(se.Key, se.Args[0].(int))
		}
		return s.renderEdition(w, rq, http.StatusConflict, msg)
	case errors.As(err, &inv):
		var msgs []string
		for _, f := range inv {
			msgs = append(msgs, rq.T.T(f.Key, f.Args...))
		}
		return s.renderEdition(w, rq, http.StatusUnprocessableEntity, strings.Join(msgs, " "))
	case errors.Is(err, edition.ErrStale):
		return s.renderEdition(w, rq, http.StatusConflict, rq.T.T("edition.state.changed"))
	}
	return err
}

// editionBuild answers POST /office/editions/{id}/build: it queues the
// build (every format, or the form's one) and goes back to the page,
// which follows its progress.
func (s *Server) editionBuild(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	es, err := s.editionFor(rq, account.Edit)
	if err != nil {
		return err
	}
	id := es.E.ID
	if err := rq.ParseForm(); err != nil {
		return badRequest("build form: %v", err)
	}
	var formats []book.Format
	if f := rq.PostForm.Get("format"); f != "" {
		if !es.E.Has(book.Format(f)) {
			return badRequest("build form: format %q", f)
		}
		formats = []book.Format{book.Format(f)}
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		_, err := edition.QueueBuild(ctx, tx, id, formats, editionActor(rq, es.Hosts))
		return err
	})
	if err != nil {
		return s.editionRefusal(w, rq, err)
	}
	s.flash(ctx, "edition.office.build_queued")
	return seeOther(w, rq.Request, editionPath(id))
}

// editionProof answers GET /office/editions/{id}/proofs/{format}: the
// built file, for the hosts' organisers and editors to read before they
// approve it. The proofs are under embargo until the release: those who
// only follow the edition (translators, reviewers) do not get them. The
// web reader's proof is a page of the office that shows its book
// (editionPreview), not the JSON the public site reads.
func (s *Server) editionProof(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	es, err := s.editionFor(rq, account.Approve)
	if err != nil {
		return err
	}
	id := es.E.ID
	f := book.Format(rq.PathValue("format"))
	if !es.E.Builds(f) {
		return fmt.Errorf("edition %d has no %s: %w", id, f, errkind.NotFound)
	}
	if f == book.Web {
		return s.editionPreview(w, rq, es)
	}
	data, file, err := edition.Open(ctx, s.db, s.blobs, id, f)
	if err != nil {
		return err
	}
	types := map[book.Format]string{book.EPUB: "application/epub+zip", book.PDF: "application/pdf", book.PDFA: "application/pdf"}
	name := es.E.Slug + ".proof." + edition.Ext(f)
	if f == book.PDFA {
		name = es.E.Slug + ".pdfa.proof.pdf"
	}
	w.Header().Set("Content-Type", types[f])
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	http.ServeContent(w, rq.Request, "", file.BuiltAt, bytes.NewReader(data))
	return nil
}

// editionApprove answers POST /office/editions/{id}/approve: the account
// approves the current proofs for the form's host partner, one it is an
// organiser or editor of.
func (s *Server) editionApprove(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	es, err := s.editionFor(rq, account.Approve)
	if err != nil {
		return err
	}
	id := es.E.ID
	if err := rq.ParseForm(); err != nil {
		return badRequest("approve form: %v", err)
	}
	partner, _ := strconv.ParseInt(rq.PostForm.Get("partner"), 10, 64)
	if partner == 0 {
		for _, h := range es.Hosts {
			if approvesFor(rq, h) {
				partner = h
				break
			}
		}
	}
	if !slices.Contains(es.Hosts, partner) || !approvesFor(rq, partner) {
		return fmt.Errorf("approve edition %d for partner %d: %w", id, partner, errkind.Forbidden)
	}
	done, err := s.press.ApproveProofs(ctx, id, partner, editionActor(rq, []int64{partner}))
	if err != nil {
		return s.editionRefusal(w, rq, err)
	}
	missing, err := edition.Unapproved(ctx, s.db, es.E)
	if err != nil {
		return err
	}
	switch {
	case done && len(missing) > 0:
		// The proofs are approved, but they lack the chapters not
		// approved yet, and the release waits for them.
		s.flashN(ctx, "edition.office.approved_all_missing", len(missing))
	case done:
		s.flash(ctx, "edition.office.approved_all")
	default:
		s.flash(ctx, "edition.office.approved")
	}
	return seeOther(w, rq.Request, editionPath(id))
}

// publisherFor is editionFor for planning the release, which is the
// publisher of record's: its organisers and editors (and admins) schedule
// and unschedule it. The other hosts' say is their approval of the proofs.
func (s *Server) publisherFor(rq *officeRequest) (*editionScope, error) {
	es, err := s.editionFor(rq, account.View)
	if err != nil {
		return nil, err
	}
	if !rq.can(account.SubjectEdition, account.Publish, es.E.PublisherID) {
		return es, errPublisherOnly
	}
	return es, nil
}

// errPublisherOnly is a step of the release asked by someone who is not
// of the publisher of record.
var errPublisherOnly = fmt.Errorf("edition release: not of the publisher of record: %w", errkind.Forbidden)

// publisherOnly shows the edition's page with why a step of the release
// was refused: whose it is.
func (s *Server) publisherOnly(w http.ResponseWriter, rq *officeRequest, es *editionScope) error {
	names, _, err := s.partnerNames(rq.Context(), rq.Lang)
	if err != nil {
		return err
	}
	return s.renderEdition(w, rq, http.StatusForbidden, rq.T.T("edition.schedule.publisher_only", names[es.E.PublisherID]))
}

// editionSchedule answers POST /office/editions/{id}/schedule.
func (s *Server) editionSchedule(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	es, err := s.publisherFor(rq)
	if errors.Is(err, errPublisherOnly) {
		return s.publisherOnly(w, rq, es)
	}
	if err != nil {
		return err
	}
	id := es.E.ID
	if err := s.press.Schedule(ctx, id, editionActor(rq, es.Hosts), s.clock()); err != nil {
		return s.editionRefusal(w, rq, err)
	}
	s.flash(ctx, "edition.office.scheduled")
	return seeOther(w, rq.Request, editionPath(id))
}

// editionUnschedule answers POST /office/editions/{id}/unschedule.
func (s *Server) editionUnschedule(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	es, err := s.publisherFor(rq)
	if errors.Is(err, errPublisherOnly) {
		return s.publisherOnly(w, rq, es)
	}
	if err != nil {
		return err
	}
	id := es.E.ID
	err = s.db.Transact(ctx, func(tx *store.Tx) error { return edition.Unschedule(ctx, tx, id, editionActor(rq, es.Hosts)) })
	if err != nil {
		return s.editionRefusal(w, rq, err)
	}
	s.flash(ctx, "edition.office.unscheduled")
	return seeOther(w, rq.Request, editionPath(id))
}
