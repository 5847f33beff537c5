// Package i18n holds the user-interface text of the public forum site in
// Chinese, Russian and English, and formats numbers, dates, time zones, lists
// and quotations the way each language writes them (following CLDR).
//
// Languages are plain codes: "zh" (Simplified Chinese), "ru" and "en".
// Everything here is safe for concurrent use.
package i18n

import (
	"slices"

	"github.com/tandemforum/tandem/internal/lang"
)

// Languages lists the languages of the site, in the order the language
// switcher shows them.
var Languages = []string{"zh", "ru", "en"}

// Locale returns the BCP 47 tag of the locale the site writes lang in
// ("en-GB" for "en"); pages declare it in their lang attribute. An
// unsupported lang gets the fallback's locale.
//
// The region is the one whose conventions the site's dates, times, numbers
// and spelling follow, from the one table of regions lang.WithRegion
// keeps, which written DOCX files use too. English is British English (the
// site spells "Programme" and writes "1 June 2021").
func Locale(l string) string {
	if !Supported(l) {
		l = fallback
	}
	return lang.WithRegion(l)
}

// fallback is the language used for anything asked for in an unsupported
// language, and the one offered when a reader's preferences match none.
const fallback = "en"

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	return slices.Contains(Languages, lang)
}
