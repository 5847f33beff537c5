package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// locales holds the messages of each language: locales/{lang}.json for the
// public site and locales/{area}.{lang}.json for each other area (the office,
// mail, …), each an object from message key to either a string or a plural
// object keyed by CLDR plural category. A key belongs to one file only.
//
//go:embed locales/*.json
var locales embed.FS

// Catalog is the parsed text of every language. It is read-only once loaded.
type Catalog struct {
	printers map[string]*Printer
}

// message is one catalog entry: a plain text, or one text per plural
// category.
type message struct {
	text   string
	plural map[string]string
}

// Load parses and checks the embedded catalogs. It fails, naming the file
// and the key, when a file is not a JSON object of messages, repeats a key,
// or has a plural message without exactly the categories its language needs.
func Load() (*Catalog, error) {
	return load(locales)
}

// load reads locales/{lang}.json and every locales/{area}.{lang}.json from
// fsys for every language. A key found in two files of one language is an
// error, as is a file named for no supported language.
func load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{printers: make(map[string]*Printer, len(Languages))}
	names, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	files := make(map[string][]string, len(Languages))
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "locales/"), ".json")
		lang := base[strings.LastIndexByte(base, '.')+1:]
		if !slices.Contains(Languages, lang) {
			return nil, fmt.Errorf("i18n: %s: not named {lang}.json or {area}.{lang}.json for a supported language", name)
		}
		files[lang] = append(files[lang], name)
	}
	for _, lang := range Languages {
		if !slices.Contains(files[lang], "locales/"+lang+".json") {
			return nil, fmt.Errorf("i18n: open locales/%s.json: %w", lang, fs.ErrNotExist)
		}
		all := make(map[string]message)
		from := make(map[string]string)
		for _, name := range files[lang] {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("i18n: %w", err)
			}
			msgs, err := parseMessages(lang, data)
			if err != nil {
				return nil, fmt.Errorf("i18n: %s: %w", name, err)
			}
			for k, m := range msgs {
				if other, dup := from[k]; dup {
					return nil, fmt.Errorf("i18n: key %q is in both %s and %s", k, other, name)
				}
				all[k], from[k] = m, name
			}
		}
		c.printers[lang] = &Printer{lang: lang, messages: all}
	}
	return c, nil
}

// parseMessages decodes one catalog file. It reads the top-level object token
// by token so that a key written twice is an error instead of a silent
// overwrite.
func parseMessages(lang string, data []byte) (map[string]message, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	msgs := make(map[string]message)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := tok.(string) // inside an object the decoder only yields string keys
		if _, dup := msgs[key]; dup {
			return nil, fmt.Errorf("key %q appears twice", key)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		m, err := parseMessage(lang, raw)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		msgs[key] = m
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the top-level object")
	}
	return msgs, nil
}

// parseMessage decodes one value: a string, or a plural object whose keys are
// exactly the plural categories of lang.
func parseMessage(lang string, raw json.RawMessage) (message, error) {
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return message{}, err
		}
		if err := checkVerbs(s); err != nil {
			return message{}, err
		}
		return message{text: s}, nil
	case '{':
		var forms map[string]string
		if err := json.Unmarshal(raw, &forms); err != nil {
			return message{}, fmt.Errorf("plural message: %w", err)
		}
		want := pluralCategories(lang)
		for _, cat := range want {
			if _, ok := forms[cat]; !ok {
				return message{}, fmt.Errorf("plural message lacks category %q (%s needs %s)",
					cat, lang, strings.Join(want, ", "))
			}
		}
		for cat, text := range forms {
			if !slices.Contains(want, cat) {
				return message{}, fmt.Errorf("plural message has category %q, which %s does not use (it needs %s)",
					cat, lang, strings.Join(want, ", "))
			}
			if err := checkVerbs(text); err != nil {
				return message{}, fmt.Errorf("plural form %q: %w", cat, err)
			}
		}
		return message{plural: forms}, nil
	default:
		return message{}, errors.New("value is neither a string nor a plural object")
	}
}

// checkVerbs accepts a message whose only formatting verbs are %s (or %[n]s)
// and %%. Numbers and dates reach messages already written by the printer
// (T writes integer arguments with Number), so that one formatter per
// language writes them everywhere; a %d would print "1000" where the
// language writes "1,000" or "1 000".
func checkVerbs(text string) error {
	for i := 0; i < len(text); i++ {
		if text[i] != '%' {
			continue
		}
		j := i + 1
		if j < len(text) && text[j] == '%' {
			i = j
			continue
		}
		if j < len(text) && text[j] == '[' {
			for j < len(text) && text[j] != ']' {
				j++
			}
			j++
		}
		if j >= len(text) || text[j] != 's' {
			end := min(j+1, len(text))
			return fmt.Errorf("formatting verb %q: use %%s, the printer writes numbers and dates itself", text[i:end])
		}
		i = j
	}
	return nil
}

// Printer returns the printer for lang, or the English one when lang is not
// supported.
func (c *Catalog) Printer(lang string) *Printer {
	if !Supported(lang) {
		lang = fallback
	}
	if c == nil {
		return &Printer{lang: lang}
	}
	return c.printers[lang]
}

// Printer writes the text of one language: catalog messages, numbers, dates,
// time zones, lists and quotations.
type Printer struct {
	lang     string
	messages map[string]message
}

// Lang returns the printer's language code.
func (p *Printer) Lang() string {
	return p.lang
}

// T returns the message for key with args substituted as by fmt.Sprintf;
// integer arguments are written with Number first ("Page 2 of 1,000"). A key
// that is missing, or that names a plural message (use N), comes back as the
// key itself, so that the gap shows on the page instead of breaking it.
func (p *Printer) T(key string, args ...any) string {
	m, ok := p.messages[key]
	if !ok || m.plural != nil {
		return key
	}
	return p.oneStop(fmt.Sprintf(m.text, p.numbers(args)...))
}

// oneStop returns message s with the full stop of a Russian date's "г."
// (Date, MonthYear, DateRange) not doubled by the full stop that ends the
// sentence after it: "утверждённое 1 декабря 2026 г." rather than "г..".
// An ellipsis ("г...") is left alone.
func (p *Printer) oneStop(s string) string {
	if p.lang != "ru" || !strings.Contains(s, " г..") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, " г..")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(" г..")
		if strings.HasPrefix(s[end:], ".") {
			// An ellipsis: keep it whole.
			for end < len(s) && s[end] == '.' {
				end++
			}
			b.WriteString(s[:end])
		} else {
			b.WriteString(s[:end-1])
		}
		s = s[end:]
	}
}

// numbers returns args with every integer written by Number and every
// Size by Bytes.
func (p *Printer) numbers(args []any) []any {
	var out []any
	for i, a := range args {
		var n int64
		switch v := a.(type) {
		case Size:
			if out == nil {
				out = slices.Clone(args)
			}
			out[i] = p.Bytes(int64(v))
			continue
		case int:
			n = int64(v)
		case int32:
			n = int64(v)
		case int64:
			n = v
		default:
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i] = p.Number(n)
	}
	if out == nil {
		return args
	}
	return out
}

// N returns the form of the plural message key that the printer's language
// uses for n. The message receives n, written with Number, as its first
// argument (%s), followed by args. A missing key comes back as the key.
func (p *Printer) N(key string, n int, args ...any) string {
	m, ok := p.messages[key]
	if !ok {
		return key
	}
	text := m.text
	if m.plural != nil {
		if text, ok = m.plural[PluralCategory(p.lang, n)]; !ok {
			return key
		}
	}
	return p.oneStop(fmt.Sprintf(text, append([]any{p.Number(int64(n))}, p.numbers(args)...)...))
}

// Has reports whether the printer's catalog has a message for key, and
// whether it is a plural message.
func (p *Printer) Has(key string) (ok, plural bool) {
	m, ok := p.messages[key]
	return ok, m.plural != nil
}

// Forms returns the forms of the plural message key by CLDR category, as
// written (%s where the number goes), for a script that counts in the
// browser and chooses the form itself (Intl.PluralRules); nil when key is
// missing or not plural.
func (p *Printer) Forms(key string) map[string]string {
	m, ok := p.messages[key]
	if !ok || m.plural == nil {
		return nil
	}
	return maps.Clone(m.plural)
}
