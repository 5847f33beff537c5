package web

import (
	"strings"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
)

// plain returns s without the characters that no published text may hold
// (lang.CheckPlain: C0 controls but tab and line breaks, DEL, C1 controls,
// and bytes that are not UTF-8). Writes refuse such texts; plain keeps
// whatever came in before that check, or by another way, out of pages,
// feeds, calendars, JSON-LD and the sitemap.
func plain(s string) string {
	if lang.CheckPlain(s) == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && size <= 1) && !lang.IsControl(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// flatLD returns a JSON-LD value with flat applied to every string in it.
func flatLD(v any) any {
	switch x := v.(type) {
	case string:
		return flat(x)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = flat(s)
		}
		return out
	case ld:
		out := make(ld, len(x))
		for k, e := range x {
			out[k] = flatLD(e)
		}
		return out
	case []ld:
		out := make([]ld, len(x))
		for i, e := range x {
			out[i] = flatLD(e).(ld)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = flatLD(e)
		}
		return out
	}
	return v
}
