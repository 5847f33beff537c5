package approval

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Change is one value that a draft changes: Field is a path into the
// content ("theme", "sessions[2].speeches[0].title", as the draft numbers
// its items, or as the live content does for an item the draft removes),
// Lang the language of a multilingual field ("" for others), Before what
// the public sees now ("" for a subject never published) and After the
// draft's value. BeforeDraft and AfterDraft mark a value of a multilingual
// field that is a draft translation (present but not complete: the public
// reads the source language's text instead), so that marking a translation
// complete or draft is a change even when its text stays. The source
// language of a multilingual field is a value of its own, at Field +
// ".source_lang". Ops shows Before → After: a text diff for a multilingual
// field, the whole old value and the whole new one for others (a time, a
// number, a slug).
type Change struct {
	Field  string
	Lang   string
	Before string
	After  string
	// BeforeDraft and AfterDraft: see above; false for other fields.
	BeforeDraft, AfterDraft bool
	Ops                     []DiffOp
}

// OpKind says what a DiffOp does.
type OpKind string

const (
	Equal  OpKind = "equal"
	Insert OpKind = "insert"
	Delete OpKind = "delete"
)

// DiffOp is a stretch of text kept, inserted or deleted.
type DiffOp struct {
	Kind OpKind
	Text string
}

// Diff returns what publishing subj's draft would change for the public,
// in the draft's order of fields, per language for multilingual ones. It
// is empty when there is no draft. Items of the programme are matched by
// id, so an inserted, deleted or moved item shows as such. It costs a
// fixed number of queries.
func Diff(ctx context.Context, q store.Querier, subj Subject) ([]Change, error) {
	d, err := loadDraft(ctx, q, subj)
	if err != nil {
		return nil, err
	}
	if d.Draft == nil {
		if _, _, err := live(ctx, q, subj); err != nil {
			return nil, fmt.Errorf("diff %s: %w", subj, err)
		}
		return nil, nil
	}
	current, published, err := live(ctx, q, subj)
	if err != nil {
		return nil, fmt.Errorf("diff %s: %w", subj, err)
	}
	var before []entry
	if published {
		before = entries(current)
	}
	return changes(before, entries(d.Content)), nil
}

// Compare returns how after differs from before, two contents of one kind
// (as Draft.Content holds them), in the terms of Diff: per field and, for
// multilingual ones, per language, items matched by id. It reads no
// database: a form refused as stale compares what was typed with the
// draft that moved on.
func Compare(before, after any) []Change {
	return changes(entries(before), entries(after))
}

func changes(before, after []entry) []Change {
	old := make(map[string]entry, len(before))
	for _, e := range before {
		old[e.key] = e
	}
	var out []Change
	seen := map[string]bool{}
	for _, e := range after {
		seen[e.key] = true
		o, ok := old[e.key]
		if !ok && strings.HasSuffix(e.key, "@source") {
			continue // a new text's source language is no change of its own
		}
		if o.value != e.value || o.draft != e.draft {
			out = append(out, change(e.path, e.lang, o, e))
		}
	}
	for _, o := range before {
		if !seen[o.key] && !strings.HasSuffix(o.key, "@source") {
			out = append(out, change(o.path, o.lang, o, entry{}))
		}
	}
	return out
}

func change(field, l string, before, after entry) Change {
	c := Change{Field: field, Lang: l, Before: before.value, After: after.value, BeforeDraft: before.draft, AfterDraft: after.draft}
	if l != "" {
		c.Ops = TextDiff(c.Before, c.After, l)
	} else {
		c.Ops = WholeDiff(c.Before, c.After)
	}
	return c
}

// WholeDiff returns the edit from before to after as whole values: the old
// one deleted and the new one inserted (or kept, when they are equal), for
// values that a change of characters would cut up ("16:30" → "17:30").
func WholeDiff(before, after string) []DiffOp {
	if before == after {
		if before == "" {
			return nil
		}
		return []DiffOp{{Kind: Equal, Text: before}}
	}
	var out []DiffOp
	if before != "" {
		out = append(out, DiffOp{Kind: Delete, Text: before})
	}
	if after != "" {
		out = append(out, DiffOp{Kind: Insert, Text: after})
	}
	return out
}

// TextDiff returns the edit from before to after for display: by
// characters for Chinese, written without spaces between words, and by
// words for other languages; small equalities between edits are merged
// into them so that the result reads as whole changes.
func TextDiff(before, after, l string) []DiffOp {
	dmp := diffmatchpatch.New()
	var diffs []diffmatchpatch.Diff
	if lang.Base(l) == "zh" {
		diffs = dmp.DiffMainRunes([]rune(before), []rune(after), false)
	} else {
		var tokens []string
		index := map[string]rune{}
		encode := func(s string) []rune {
			var out []rune
			for _, w := range words(s) {
				r, ok := index[w]
				if !ok {
					r = tokenRune(len(tokens))
					index[w] = r
					tokens = append(tokens, w)
				}
				out = append(out, r)
			}
			return out
		}
		a, b := encode(before), encode(after)
		diffs = dmp.DiffMainRunes(a, b, false)
		for i, d := range diffs {
			var sb strings.Builder
			for _, r := range d.Text {
				sb.WriteString(tokens[tokenIndex(r)])
			}
			diffs[i].Text = sb.String()
		}
	}
	diffs = dmp.DiffCleanupSemantic(diffs)
	var out []DiffOp
	for _, d := range diffs {
		if d.Text == "" {
			continue
		}
		k := Equal
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			k = Insert
		case diffmatchpatch.DiffDelete:
			k = Delete
		}
		if n := len(out); n > 0 && out[n-1].Kind == k {
			out[n-1].Text += d.Text
			continue
		}
		out = append(out, DiffOp{Kind: k, Text: d.Text})
	}
	return out
}

// Each word is diffed as one rune; the runes start past ASCII and skip
// the surrogates, which a Go string cannot hold.
const tokenBase = 0x100

func tokenRune(i int) rune {
	r := rune(tokenBase + i)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func tokenIndex(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r - tokenBase)
}

// words splits s into words (runs of letters, digits and marks), runs of
// spaces, and single other characters; joined they give s again.
func words(s string) []string {
	var out []string
	class := func(r rune) int {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			return 1
		case unicode.IsSpace(r):
			return 2
		}
		return 0
	}
	start, prev := 0, -1
	for i, r := range s {
		c := class(r)
		if i > 0 && (c != prev || c == 0) {
			out = append(out, s[start:i])
			start = i
		}
		prev = c
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// entry is one value of a content: path as shown, key to match it with the
// same value of another version (items by id), lang for a multilingual
// field, the value as text, and whether it is a draft translation, which
// the public does not see.
type entry struct {
	path, key, lang, value string
	draft                  bool
}

// entries lists every value of content that the public sees, in field
// order: each multilingual field once per language that has a value (in
// the order zh, ru, en, then others), marked draft when it is not
// complete, and its source language; other fields as text. Ids that
// place a row, publication flags and loaded pointers (media, speakers)
// are left out; the hosts are their partner ids in order.
func entries(content any) []entry {
	var out []entry
	walk(reflect.ValueOf(content), "", "", &out)
	return out
}

var (
	textType  = reflect.TypeOf(lang.Text{})
	namesType = reflect.TypeOf(lang.Names{})
	timeType  = reflect.TypeOf(time.Time{})
)

// skipped lists the fields that are not content of their own.
var skipped = map[string]bool{"ID": true, "ForumID": true, "SessionID": true, "Published": true}

func walk(v reflect.Value, path, key string, out *[]entry) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipped[f.Name] && f.Type.Kind() != reflect.Slice {
			continue
		}
		fv := v.Field(i)
		name := snake(f.Name)
		p, k := join(path, name), join(key, name)
		switch {
		case f.Type == textType:
			text := fv.Interface().(lang.Text)
			for _, l := range languages(text.Values) {
				if val := text.Values[l]; val != "" {
					*out = append(*out, entry{path: p, key: k + "@" + l, lang: l, value: val, draft: !text.Complete(l)})
				}
			}
			if !text.IsZero() && text.Source != "" {
				*out = append(*out, entry{path: p + ".source_lang", key: k + "@source", value: text.Source})
			}
		case f.Type == namesType:
			names := fv.Interface().(lang.Names)
			for _, l := range languages(names.Values) {
				if val := names.Values[l].Full(l); val != "" {
					*out = append(*out, entry{path: p, key: k + "@" + l, lang: l, value: val})
				}
			}
		case f.Type == timeType:
			if t := fv.Interface().(time.Time); !t.IsZero() {
				*out = append(*out, entry{path: p, key: k, value: t.UTC().Format(time.RFC3339)})
			}
		case f.Name == "Hosts":
			var ids []string
			for j := 0; j < fv.Len(); j++ {
				if h := fv.Index(j); !h.IsNil() {
					ids = append(ids, strconv.FormatInt(h.Elem().FieldByName("ID").Int(), 10))
				}
			}
			*out = append(*out, entry{path: p, key: k, value: strings.Join(ids, " ")})
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Pointer:
			for j := 0; j < fv.Len(); j++ {
				item := fv.Index(j)
				if item.IsNil() {
					continue
				}
				id := item.Elem().FieldByName("ID").Int()
				itemKey := fmt.Sprintf("%s#%d", k, id)
				if id == 0 {
					itemKey = fmt.Sprintf("%s#new%d", k, j)
				}
				walk(item, fmt.Sprintf("%s[%d]", p, j), itemKey, out)
			}
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			*out = append(*out, entry{path: p, key: k, value: strings.Join(fv.Interface().([]string), " ")})
		case f.Type.Kind() == reflect.Pointer:
			// a loaded row (speaker, forum) or media, not content of its own
		case f.Type.Kind() == reflect.String:
			if s := fv.String(); s != "" {
				*out = append(*out, entry{path: p, key: k, value: s})
			}
		case f.Type.Kind() == reflect.Bool:
			*out = append(*out, entry{path: p, key: k, value: strconv.FormatBool(fv.Bool())})
		case f.Type.Kind() == reflect.Int64 || f.Type.Kind() == reflect.Int:
			if n := fv.Int(); n != 0 {
				*out = append(*out, entry{path: p, key: k, value: strconv.FormatInt(n, 10)})
			}
		}
	}
}

// languages returns the keys of a per-language map in the site's order,
// zh, ru and en first.
func languages[V any](m map[string]V) []string {
	var out []string
	for _, l := range lang.Worked {
		if _, ok := m[l]; ok {
			out = append(out, l)
		}
	}
	var rest []string
	for l := range m {
		if !slices.Contains(lang.Worked, l) {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// FieldName writes a Go field name of a content type as Change.Field
// paths do (StartsAt → starts_at, SpeakerID → speaker_id), for readers of
// the content's JSON (the event log's states), whose keys are Go names.
func FieldName(goName string) string { return snake(goName) }

// snake writes a Go field name as the path does: StartsAt → starts_at.
func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 && !unicode.IsUpper(rune(name[i-1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
