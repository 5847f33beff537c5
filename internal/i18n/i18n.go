// Package i18n holds the user-interface text of the public forum site in
// Chinese, Russian and English, and formats numbers, dates, time zones, lists
// and quotations the way each language writes them (following CLDR).
//
// Languages are plain codes: "zh" (Simplified Chinese), "ru" and "en".
// Everything here is safe for concurrent use.
package i18n

import "slices"

// Languages lists the languages of the site, in the order the language
// switcher shows them.
var Languages = []string{"zh", "ru", "en"}

// localeTags are the locales the site writes each language in: the region whose
// conventions its dates, times, numbers and spelling follow. English is
// British English (the site spells "Programme" and writes "1 June 2021").
var localeTags = map[string]string{"zh": "zh-CN", "ru": "ru-RU", "en": "en-GB"}

// Locale returns the BCP 47 tag of the locale the site writes lang in
// ("en-GB" for "en"); pages declare it in their lang attribute. An
// unsupported lang gets the fallback's locale.
func Locale(lang string) string {
	if l, ok := localeTags[lang]; ok {
		return l
	}
	return localeTags[fallback]
}

// fallback is the language used for anything asked for in an unsupported
// language, and the one offered when a reader's preferences match none.
const fallback = "en"

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	return slices.Contains(Languages, lang)
}
