package edition

import (
	"context"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// The people a book names. Authors are people (the people table) with a
// name per language; volume editors and translators are office accounts,
// whose name is the one their owner typed once, in one script. An account
// that acts for a person (person_accounts) is named as that person is, in
// each language of the book; another is named as typed, marked with the
// language of its script, and split into its parts as names in that
// script usually are.

// named fills p's names in the languages langs from names: each the form
// of the name for a reader of that language (lang.Names.In), as that
// language writes it, and, when the name exists only in another language,
// in that language's form, with Written saying which.
func named(p *book.Person, names lang.Names, langs []string) {
	p.Name, p.SortName, p.Given, p.Family = book.Local{}, book.Local{}, book.Local{}, book.Local{}
	for _, l := range langs {
		n, written := names.In(l)
		if n.Family == "" && n.Given == "" {
			continue
		}
		p.Name[l] = n.Full(written)
		p.SortName[l] = sortName(n)
		p.Family[l] = n.Family
		p.Given[l] = strings.TrimSpace(n.Given + " " + n.Patronymic)
		if n.Family == "" {
			p.Family[l], p.Given[l] = n.Given, ""
		}
		p.FamilyFirst = p.FamilyFirst || n.FamilyFirst
		if written != l {
			if p.Written == nil {
				p.Written = book.Local{}
			}
			p.Written[l] = written
		}
	}
}

// accountNamed is named for an account's name as typed, s, which reads the
// same in every language: a name in Han characters is a Chinese name,
// family name first (a common two-character family name, else the first
// character); any other is given names then the family name, the last
// word. The name is marked as written in the language of its script
// (Chinese, Russian or English) in the languages of langs that are not it.
func accountNamed(p *book.Person, s string, langs []string) {
	s = strings.TrimSpace(s)
	written := scriptLang(s)
	var n lang.Name
	if written == "zh" {
		family := familyName(s)
		n = lang.Name{Family: family, Given: strings.TrimSpace(strings.TrimPrefix(s, family)), FamilyFirst: true}
	} else if f := strings.Fields(s); len(f) > 1 {
		n = lang.Name{Family: f[len(f)-1], Given: strings.Join(f[:len(f)-1], " ")}
	} else {
		n = lang.Name{Family: s}
	}
	p.Name, p.SortName, p.Given, p.Family = book.Local{}, book.Local{}, book.Local{}, book.Local{}
	p.FamilyFirst = n.FamilyFirst
	for _, l := range langs {
		p.Name[l] = s
		p.SortName[l] = sortName(n)
		p.Family[l], p.Given[l] = n.Family, n.Given
		if written != "" && written != l {
			if p.Written == nil {
				p.Written = book.Local{}
			}
			p.Written[l] = written
		}
	}
}

// scriptLang is the language whose script s is written in, as far as its
// letters tell: zh for Han characters, ru for Cyrillic, en for Latin
// letters; "" when it has none of these.
func scriptLang(s string) string {
	latin := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			return "zh"
		case unicode.Is(unicode.Cyrillic, r):
			return "ru"
		case unicode.Is(unicode.Latin, r):
			latin = true
		}
	}
	if latin {
		return "en"
	}
	return ""
}

// compoundFamilies are the two-character Chinese family names in common
// use; any other Chinese name's family name is its first character.
var compoundFamilies = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙",
	"长孙", "夏侯", "司徒", "端木", "宇文", "独孤", "南宫", "西门", "澹台", "轩辕", "呼延", "万俟", "申屠", "赫连"}

func familyName(s string) string {
	for _, f := range compoundFamilies {
		if strings.HasPrefix(s, f) && len(s) > len(f) {
			return f
		}
	}
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

// accountPeople returns the names of the people the accounts ids act for
// (works.PeopleOfAccounts).
func accountPeople(ctx context.Context, q store.Querier, ids []int64) (map[int64]lang.Names, error) {
	return works.PeopleOfAccounts(ctx, q, ids)
}

// staffPerson is the book's person for account id named name: as the
// person it acts for, when there is one with a name, else as typed.
func staffPerson(id int64, name string, people map[int64]lang.Names, langs []string) book.Person {
	var p book.Person
	if ns, ok := people[id]; ok && len(ns.Values) > 0 {
		named(&p, ns, langs)
		return p
	}
	accountNamed(&p, name, langs)
	return p
}
