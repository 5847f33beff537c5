package typeset

import (
	"fmt"
	"strings"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/i18n"
)

// personCode is the Typst code for p's name in language l: a string, or,
// for a name written in another language (book.Person.Written: a Chinese
// editor's 刘洋 in the Russian edition), the name set in that language, so
// that the tagged PDF gives it its own /Lang and it takes that language's
// fonts.
func personCode(p book.Person, l string) string {
	if w := p.Written[l]; w != "" && w != l {
		return inLang(w, p.Name[l])
	}
	return str(p.Name[l])
}

// peopleContent is Typst content (in brackets): the text of catalog
// message key in language l ("Перевод: %s"), or with key "" only its
// argument, the names of ps in l joined by the language's separator, each
// name as personCode gives it.
func peopleContent(p *i18n.Printer, key string, ps []book.Person, l string) string {
	var marks []string
	var named []book.Person
	for _, x := range ps {
		if x.Name[l] != "" {
			marks = append(marks, string(rune(0xE000+len(marks))))
			named = append(named, x)
		}
	}
	msg := strings.Join(marks, listSep(l))
	if key != "" {
		msg = p.T(key, msg)
	}
	var b, run strings.Builder
	b.WriteString("[")
	flush := func() {
		if run.Len() > 0 {
			b.WriteString("#" + str(run.String()))
			run.Reset()
		}
	}
	for _, r := range msg {
		if i := int(r) - 0xE000; i >= 0 && i < len(named) {
			flush()
			b.WriteString("#" + personCode(named[i], l))
			continue
		}
		run.WriteRune(r)
	}
	flush()
	b.WriteString("]")
	return b.String()
}

// inLangContent is inLang for Typst content (peopleContent's).
func inLangContent(l, content string) string {
	return fmt.Sprintf("in-lang(%s, %s)", str(l), content)
}
