package i18n

import (
	"regexp"
	"strings"
)

// AmericanSpellings returns the words of an English text that are spelt the
// American way, where the site writes British English (en-GB, see Locale):
// "organize" for organise, "analyze" for analyse, "color" for colour,
// "center" for centre, "program" for programme, "traveled" for travelled,
// and the like, from a list of the words a forum's site is likely to use.
// Official names keep their own spelling ("Treaty of Good-Neighborliness and
// Friendly Cooperation"): the phrases in keep are left out of the check,
// matched without regard to case.
func AmericanSpellings(text string, keep ...string) []string {
	lower := strings.ToLower(text)
	for _, k := range keep {
		lower = strings.ReplaceAll(lower, strings.ToLower(k), " ")
	}
	var out []string
	for _, w := range englishWord.FindAllString(lower, -1) {
		if americanWord(w) {
			out = append(out, w)
		}
	}
	return out
}

var englishWord = regexp.MustCompile(`[a-z]+`)

// americanWord reports whether w, a word in small letters, is an American
// spelling.
func americanWord(w string) bool {
	if britishToo[w] {
		return false
	}
	if americanWords[w] {
		return true
	}
	for _, stem := range americanStems {
		if strings.HasPrefix(w, stem) {
			return true
		}
	}
	return false
}

// americanStems begin only American spellings: every word that starts with
// one is spelt otherwise in British English (organiz- → organis-, color- →
// colour-, center- → centre-), but for the words in britishToo.
var americanStems = []string{
	// -ize, -ization, -izer: British English on the site writes -ise.
	"organiz", "recogniz", "realiz", "emphasiz", "summariz", "prioritiz", "finaliz", "authoriz",
	"standardiz", "apologiz", "criticiz", "specializ", "symboliz", "characteriz", "minimiz",
	"maximiz", "utiliz", "civiliz", "globaliz", "normaliz", "localiz", "customiz", "categoriz",
	"memoriz", "moderniz", "mobiliz", "stabiliz", "harmoniz", "institutionaliz", "legaliz",
	"visualiz", "synchroniz", "optimiz", "familiariz", "centraliz", "decentraliz", "democratiz",
	"internationaliz", "industrializ", "privatiz", "neutraliz", "revitaliz", "publiciz",
	"subsidiz", "jeopardiz", "digitiz", "capitaliz", "theoriz", "hospitaliz", "commercializ",
	// -yze
	"analyz", "paralyz", "catalyz",
	// -or for -our
	"color", "honor", "favor", "behavior", "neighbor", "labor", "harbor", "humor", "rumor",
	"vapor", "flavor", "endeavor", "armor", "parlor", "savior", "vigor", "odor",
	// -er for -re
	"center", "theater", "fiber", "caliber", "somber", "meager", "luster", "saber", "specter",
	"kilometer", "centimeter", "millimeter", "maneuver",
	// -og for -ogue
	"catalog", "dialog", "monolog",
	// doubled l
	"traveled", "traveling", "traveler", "canceled", "canceling", "labeled", "labeling",
	"modeled", "modeling", "fueled", "fueling", "counseled", "counseling", "counselor", "councilor",
	"signaled", "signaling", "totaled", "totaling", "leveled", "leveling", "marveled",
	"skillful", "willful", "installment",
	// others
	"defense", "offense", "pretense", "aluminum", "jewelry", "airplane", "acknowledgment",
}

// americanWords are American spellings that are whole words, whose stems
// begin British words too.
var americanWords = map[string]bool{
	"program": true, "programs": true, "meter": true, "meters": true, "liter": true, "liters": true,
	"gray": true, "grays": true, "percent": true, "aging": true, "mold": true, "plow": true,
	"enroll": true, "enrolls": true, "enrollment": true, "enrollments": true,
	"fulfill": true, "fulfills": true, "fulfillment": true,
}

// britishToo are words an American stem begins that British English spells
// the same way.
var britishToo = map[string]bool{
	"honorary": true, "honorific": true, "honorarium": true, "honoraria": true,
	"laboratory": true, "laboratories": true, "laborious": true, "laboriously": true,
	"vigorous": true, "vigorously": true, "humorous": true, "humorously": true, "humorist": true,
	"odorous": true, "catalogue": true, "catalogues": true, "catalogued": true,
	"dialogue": true, "dialogues": true, "monologue": true, "monologues": true,
}
