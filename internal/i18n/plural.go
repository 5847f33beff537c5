package i18n

import "strconv"

// PluralCategory returns the CLDR cardinal plural category of the integer n in
// lang: "one" or "other" in English; "one", "few" or "many" in Russian;
// always "other" in Chinese. An unsupported lang follows English.
func PluralCategory(lang string, n int) string {
	// The rules look at the absolute value; uint keeps the most negative int
	// from overflowing.
	u := uint(n)
	if n < 0 {
		u = -u
	}
	switch lang {
	case "zh":
		return "other"
	case "ru":
		mod10, mod100 := u%10, u%100
		switch {
		case mod10 == 1 && mod100 != 11:
			return "one"
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return "few"
		default:
			return "many"
		}
	default:
		if u == 1 {
			return "one"
		}
		return "other"
	}
}

// pluralCategories lists the categories that PluralCategory can return for
// lang, which are the forms every plural message in that language must have.
// Russian's "other" is left out: CLDR uses it only for fractions, and the site
// counts whole things.
func pluralCategories(lang string) []string {
	switch lang {
	case "zh":
		return []string{"other"}
	case "ru":
		return []string{"one", "few", "many"}
	default:
		return []string{"one", "other"}
	}
}

// Count writes n with the English noun in the form its number takes ("1
// image", "2 images", "0 images"), for the English messages of commands and
// logs, which have no catalog; one and other are the singular and plural.
func Count(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + other
}
