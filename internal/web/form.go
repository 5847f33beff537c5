package web

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// form is an office form as its user sees it: the values as typed, kept
// when the form comes back with errors so that nothing typed is lost, and
// the messages per field in the user's language. Handlers read fields
// through its methods, which record what is wrong; ok reports whether
// nothing was.
type form struct {
	values url.Values
	errors map[string][]string
	t      *i18n.Printer
}

// newForm returns a form holding values (a request's PostForm, or the
// stored values of a new form), with messages written by t.
func newForm(t *i18n.Printer, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{values: values, errors: map[string][]string{}, t: t}
}

// fail records the message key (with its arguments) against field.
func (f *form) fail(field, key string, args ...any) {
	f.errors[field] = append(f.errors[field], f.t.T(key, args...))
}

// ok reports whether no field has an error.
func (f *form) ok() bool { return len(f.errors) == 0 }

// count returns the number of fields with errors, for the summary at the
// top of a form.
func (f *form) count() int { return len(f.errors) }

// Fields lists the fields with errors in the order given, for the summary
// at the top of the form that links to each.
func (f *form) failed(order ...string) []string {
	var out []string
	for _, name := range order {
		if len(f.errors[name]) > 0 {
			out = append(out, name)
		}
	}
	ordered := len(out)
	for name := range f.errors {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out[ordered:])
	return out
}

// text returns the field's value without surrounding space. It fails the
// field when the value is required and empty, longer than max characters,
// or holds control characters.
func (f *form) text(field string, required bool, max int) string {
	v := strings.TrimSpace(f.values.Get(field))
	switch {
	case v == "" && required:
		f.fail(field, "office.form.required")
	case utf8.RuneCountInString(v) > max:
		f.fail(field, "office.form.toolong", max)
	case !utf8.ValidString(v) || lang.CheckPlain(v) != nil:
		f.fail(field, "office.form.control")
	}
	return v
}

// multiline is text for a field that may hold line breaks (a biography, a
// news post's body); line ends become \n.
func (f *form) multiline(field string, required bool, max int) string {
	v := strings.TrimSpace(strings.ReplaceAll(f.values.Get(field), "\r\n", "\n"))
	switch {
	case v == "" && required:
		f.fail(field, "office.form.required")
	case utf8.RuneCountInString(v) > max:
		f.fail(field, "office.form.toolong", max)
	case !utf8.ValidString(v) || lang.CheckPlain(strings.ReplaceAll(v, "\n", " ")) != nil:
		f.fail(field, "office.form.control")
	}
	return v
}

// choice returns the field's value when it is one of allowed, and fails
// the field otherwise (or when it is required and empty).
func (f *form) choice(field string, required bool, allowed ...string) string {
	v := strings.TrimSpace(f.values.Get(field))
	if v == "" && !required {
		return ""
	}
	if !slices.Contains(allowed, v) {
		f.fail(field, "office.form.choice")
		return ""
	}
	return v
}

// localTime reads a date and time written in the zone loc, as an
// <input type="datetime-local"> sends it (2021-06-01T10:00), and returns
// the instant. A value with a zone or an offset of its own is refused: the
// form says in which zone times are written.
func (f *form) localTime(field string, required bool, loc *time.Location) time.Time {
	return f.localTimeKey(field, required, loc, "office.form.datetime")
}

// localTimeKey is localTime with the message key of a value it cannot
// read (its argument the zone's name): a form whose times are in another
// zone than the forum's says which.
func (f *form) localTimeKey(field string, required bool, loc *time.Location, key string) time.Time {
	v := strings.TrimSpace(f.values.Get(field))
	if v == "" {
		if required {
			f.fail(field, "office.form.required")
		}
		return time.Time{}
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t
		}
	}
	f.fail(field, key, loc.String())
	return time.Time{}
}

// mltext reads a multilingual field written side by side in langs: the
// value of each language from field.<lang>, the source language from
// field.src, and the languages marked complete from field.done. It fails
// (against field.<lang> or field) when a value is too long or holds control
// characters, when the source language is not one of langs or has no
// value, and, when required, when there is no value at all.
func (f *form) mltext(field string, langs []string, required, lines bool, max int) lang.Text {
	vals := map[string]string{}
	for _, l := range langs {
		name := field + "." + l
		var v string
		if lines {
			v = f.multiline(name, false, max)
		} else {
			v = f.text(name, false, max)
		}
		if v != "" {
			vals[l] = v
		}
	}
	src := strings.TrimSpace(f.values.Get(field + ".src"))
	if len(vals) == 0 {
		if required {
			f.fail(field, "office.form.required")
		}
		return lang.Text{}
	}
	switch {
	case !slices.Contains(langs, src):
		f.fail(field, "office.form.source")
		return lang.Text{}
	case vals[src] == "":
		f.fail(field+"."+src, "office.form.sourceempty")
	}
	t := lang.Text{Source: src, Values: vals}
	for _, l := range f.values[field+".done"] {
		if slices.Contains(langs, l) && l != src && vals[l] != "" {
			t.Done = append(t.Done, l)
		}
	}
	slices.Sort(t.Done)
	t.Done = slices.Compact(t.Done)
	return t
}

// putText writes t into values as mltext reads it, for a form that shows
// stored values.
func putText(values url.Values, field string, t lang.Text) {
	for l, v := range t.Values {
		values.Set(field+"."+l, v)
	}
	if t.Source != "" {
		values.Set(field+".src", t.Source)
	}
	values.Del(field + ".done")
	for _, l := range t.Done {
		values.Add(field+".done", l)
	}
}

// mlField is one multilingual field as the office shows it: one input per
// language side by side, the source language marked, and the state of each
// language.
type mlField struct {
	Name, Label string
	Hint        string
	Required    bool
	Lines       bool
	Max         int
	Columns     []mlColumn
	// SourceLabel and CompleteLabel name the marks of a column, in the
	// reader's language.
	SourceLabel, CompleteLabel string
	// Errors are the messages for the field as a whole.
	Errors []string
	// ReadOnly shows the field to a reader who may not change it.
	ReadOnly bool
}

// mlColumn is one language of a multilingual field.
type mlColumn struct {
	Lang, LangName string
	Value          string
	Source         bool
	// State is "missing", "draft" or "complete"; StateName says it in
	// the reader's language.
	State, StateName string
	Errors           []string
}

// field returns the view of a multilingual field of f in langs.
func (f *form) field(name, label string, langs []string, required, lines bool, max int) mlField {
	src := f.values.Get(name + ".src")
	if src == "" && len(langs) > 0 {
		src = langs[0]
	}
	done := f.values[name+".done"]
	m := mlField{Name: name, Label: label, Required: required, Lines: lines, Max: max, Errors: f.errors[name],
		SourceLabel: f.t.T("office.field.source"), CompleteLabel: f.t.T("office.field.complete")}
	for _, l := range langs {
		v := f.values.Get(name + "." + l)
		state := "missing"
		switch {
		case strings.TrimSpace(v) == "":
		case l == src || slices.Contains(done, l):
			state = "complete"
		default:
			state = "draft"
		}
		m.Columns = append(m.Columns, mlColumn{
			Lang: l, LangName: f.t.T("lang.self." + l), Value: v, Source: l == src,
			State: state, StateName: f.t.T("office.state." + state), Errors: f.errors[name+"."+l],
		})
	}
	return m
}

// textsOnly reports whether the account writes only the multilingual
// texts of a thing of partners: it is a translator at one of them but
// neither an organiser nor an editor at any (an administrator is not).
// A thing of no partner (a post about no forum) is every team's, so the
// account's own partners count, as can counts them. Such an account's
// save keeps every other field as the draft has it, and its form shows
// them read-only.
func (rq *officeRequest) textsOnly(partners []int64) bool {
	if rq.Account == nil || rq.Account.Admin {
		return false
	}
	if len(partners) == 0 {
		partners = rq.Account.Partners()
	}
	roles := rq.rolesAt(partners)
	return slices.Contains(roles, account.Translator) &&
		!slices.Contains(roles, account.Organiser) && !slices.Contains(roles, account.Editor)
}

// mergeTexts returns the form values stored (those of the current draft)
// with the multilingual fields replaced by posted's: a key "field.lang",
// "field.src" or "field.done" whose field isText accepts comes from
// posted, every other key from stored, whatever posted says.
func mergeTexts(stored, posted url.Values, isText func(field string) bool) url.Values {
	text := func(key string) bool {
		i := strings.LastIndexByte(key, '.')
		return i > 0 && isText(key[:i])
	}
	out := url.Values{}
	for k, v := range stored {
		if !text(k) {
			out[k] = v
		}
	}
	for k, v := range posted {
		if text(k) {
			out[k] = v
		}
	}
	return out
}
