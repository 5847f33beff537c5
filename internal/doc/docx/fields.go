package docx

import (
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// Word fields (w:fldChar begin … separate … end around w:instrText, or
// w:fldSimple) are values Word works out where it shows them: a page
// number, a cross-reference, a caption's number, a date. Most are read as
// field inlines, which keep the instruction and show the value the source
// last showed, so that a translation written back as DOCX carries the
// field for Word to work out again. A few are read for their result:
// hyperlinks (a link), tables of contents, indexes and bibliographies
// (whole paragraphs of text), and form text (what was typed in).

// field is a field being read.
type field struct {
	instr  strings.Builder
	result bool
	href   string
	// parent is the field in whose instruction this one is nested
	// (IF { REF x } = …): its instruction shows this one's in braces.
	parent *field
	// inline is set for a field read as a field inline. Its result is
	// the inline's text, not text of its own. placed is set once the
	// inline is in a paragraph: pa.atoms[code] of codePara.
	inline, placed bool
	code           int
	codePara       *para
	// target is where a field inline links to (REF name \h).
	target string
	// page is set for the page number of a table of contents entry,
	// which is left out; toc for a table of contents, whose entries lose
	// their page numbers.
	page, toc bool
}

// fieldRole says how a field is read.
type fieldRole uint8

const (
	// roleInline: a field inline.
	roleInline fieldRole = iota
	// roleLink: a hyperlink whose result is the link's text.
	roleLink
	// roleText: a field whose result is text of the document.
	roleText
	// roleTOCPage: the page number of a table of contents entry, left out.
	roleTOCPage
)

// roleOf returns how a field with instruction instr is read.
func roleOf(instr string) fieldRole {
	f := fieldWords(instr)
	if len(f) == 0 {
		return roleInline
	}
	switch strings.ToUpper(f[0]) {
	case "HYPERLINK":
		return roleLink
	case "PAGEREF":
		if tocPageRef(instr) {
			return roleTOCPage
		}
	case "TOC", "INDEX", "TOA", "BIBLIOGRAPHY", "FORMTEXT", "AUTOTEXT", "AUTOTEXTLIST", "GLOSSARY", "INCLUDETEXT":
		// Whole paragraphs of text (entries, references), or the text
		// someone typed into a form.
		return roleText
	case "ADDIN":
		// The bibliography of a reference manager (EndNote's EN.REFLIST,
		// Zotero's ZOTERO_BIBL, Mendeley's CSL_BIBLIOGRAPHY) is text;
		// its citations are fields.
		for _, w := range f[1:] {
			if u := strings.ToUpper(w); strings.Contains(u, "BIBL") || strings.Contains(u, "REFLIST") {
				return roleText
			}
		}
	}
	return roleInline
}

// roleIn returns how a field with instruction instr is read where pa
// has come to: a page reference to a _Toc bookmark is the page number of
// a table of contents entry in a table of contents or after a tab, and a
// field in running text ("see page 5").
func (r *reader) roleIn(instr string, pa *para) fieldRole {
	role := roleOf(instr)
	if role == roleTOCPage && !r.inTOC && !r.tocOpen() && !afterTab(pa.atoms) {
		return roleInline
	}
	return role
}

// afterTab reports whether the text of atoms ends with a tab (and
// spaces), bookmarks aside.
func afterTab(atoms []atom) bool {
	for i := len(atoms) - 1; i >= 0; i-- {
		switch atoms[i].kind {
		case aAnchor:
		case aText:
			if t := strings.TrimRight(atoms[i].text, " \u00a0"); t != "" {
				return strings.HasSuffix(t, "\t")
			}
		default:
			return false
		}
	}
	return false
}

// instrAdd adds s to the instruction of f and of the fields f is nested
// in the instruction of.
func instrAdd(f *field, s string) {
	for ; f != nil; f = f.parent {
		f.instr.WriteString(s)
	}
}

// fieldAtom returns the atom of a field inline for f, linked where its
// instruction says (REF name \h) unless it is inside a link already.
func (r *reader) fieldAtom(f *field, href string) atom {
	a := atom{kind: aField, mark: strings.TrimSpace(f.instr.String()), href: href}
	if a.href == "" {
		a.href = r.fieldHref()
	}
	if a.href == "" {
		a.href = f.target
	}
	return a
}

// inlineField returns the field inline whose result is being read, or nil
// when the text read now is not the result of one.
func (r *reader) inlineField() *field {
	for _, f := range r.fields {
		switch {
		case !f.result || f.page:
			return nil
		case f.inline:
			return f
		}
	}
	return nil
}

// place puts the atom of the field inline f into pa, where its result
// starts.
func (r *reader) place(f *field, pa *para, a atom) {
	pa.atoms = append(pa.atoms, a)
	f.placed, f.code, f.codePara = true, len(pa.atoms)-1, pa
}

// demote turns a field inline whose result holds more than a value (a
// paragraph mark, a note reference, an image) into its text: the rest of
// its result is read as text of the document.
func demote(f *field) {
	if f.placed && f.codePara != nil && f.code < len(f.codePara.atoms) {
		a := &f.codePara.atoms[f.code]
		a.kind, a.mark = aText, ""
	}
	f.inline, f.codePara = false, nil
}

// endParagraph demotes the field inlines whose result goes on past the
// end of paragraph pa.
func (r *reader) endParagraph(pa *para) {
	for _, f := range r.fields {
		if f.inline && f.result && (!f.placed || f.codePara == pa) {
			demote(f)
		}
	}
}

// shownInlines returns ins with every field replaced by the text it
// shows, for the plain text of a title or a comment.
func shownInlines(ins []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, len(ins))
	for i, in := range ins {
		if in.Type == doc.Field {
			in = doc.Inline{Type: doc.Text, Text: in.Text}
		}
		if len(in.Content) > 0 {
			in.Content = shownInlines(in.Content)
		}
		out[i] = in
	}
	return out
}

// dress gives the atom of a field inline the marks of the run that shows
// its value.
func (r *reader) dress(a atom, props runProps) atom {
	a.marks = props.val & props.set &^ (mHidden | mWebHidden)
	if a.href != "" {
		a.marks &^= mUnderline // links are underlined by their style, not for meaning
	}
	return a
}

// fieldText adds text of a run with props to the result of the field
// inline f, placing the inline first if it is not yet in a paragraph.
// Hidden text is not part of what the field shows.
func (r *reader) fieldText(f *field, pa *para, text string, props runProps, href string) {
	if r.hides(props) {
		return
	}
	if !f.placed {
		r.place(f, pa, r.dress(r.fieldAtom(f, href), props))
	}
	if f.codePara == pa {
		pa.atoms[f.code].text += text
	}
}
