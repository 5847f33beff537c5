package i18n

import "golang.org/x/text/language"

// matcherLangs are the site's languages in the matcher's order: the first is
// the one given when nothing matches.
var matcherLangs = []string{"en", "zh", "ru"}

// matcher is read-only after construction, so one serves every request.
var matcher = language.NewMatcher([]language.Tag{language.English, language.Chinese, language.Russian})

// maxAcceptLanguage bounds the header Negotiate will parse. Browsers send a
// few dozen bytes; anything far longer is not a reader's preference list.
const maxAcceptLanguage = 1024

// Negotiate picks the site language for an Accept-Language header value,
// following CLDR's language matching: "zh-Hans-CN", "zh-TW" and "zh-HK" get
// "zh" (Traditional-script readers get Simplified Chinese rather than
// nothing, unless they also accept English, which then wins); "ru-RU;q=0.8"
// gets "ru", as do "be" and "kk" (CLDR matches them to Russian); anything
// unmatched, empty, malformed or overlong gets "en".
func Negotiate(acceptLanguage string) string {
	if len(acceptLanguage) > maxAcceptLanguage {
		return fallback
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return fallback
	}
	_, i, confidence := matcher.Match(tags...)
	if confidence == language.No {
		return fallback
	}
	return matcherLangs[i]
}
