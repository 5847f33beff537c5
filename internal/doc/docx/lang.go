package docx

import (
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
)

// langTag checks a language tag from the document (w:lang) and returns it
// in canonical form, or "" when it is empty, Word's "x-none" (no
// language) or not a BCP 47 tag; a bad tag is reported once.
func (r *reader) langTag(tag string) string {
	if tag == "" || strings.EqualFold(tag, "x-none") {
		return ""
	}
	if t, ok := r.langs[tag]; ok {
		return t
	}
	if r.langs == nil {
		r.langs = map[string]string{}
	}
	t, err := lang.ParseTag(tag)
	if err != nil {
		r.d.Warn("language %q in w:lang is not a BCP 47 tag: ignored", tag)
		t = ""
	}
	r.langs[tag] = t
	return t
}
