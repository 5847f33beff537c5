package i18n

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators pools collators per language: a Collator keeps scratch buffers
// and so serves one goroutine at a time, while building one per call costs
// more than the comparison. The map itself is never written.
var collators = map[string]*sync.Pool{
	"zh": collatorPool(language.Chinese),
	"ru": collatorPool(language.Russian),
	"en": collatorPool(language.English),
}

func collatorPool(tag language.Tag) *sync.Pool {
	return &sync.Pool{New: func() any {
		return collate.New(tag, collate.IgnoreCase)
	}}
}

// withCollator runs f with a collator for lang (English for an unsupported
// lang) that no other goroutine uses meanwhile.
func withCollator[T any](lang string, f func(*collate.Collator) T) T {
	pool, ok := collators[lang]
	if !ok {
		pool = collators[fallback]
	}
	c := pool.Get().(*collate.Collator)
	defer pool.Put(c)
	return f(c)
}

// Compare orders a and b as the language's dictionaries do, ignoring case,
// and returns -1, 0 or +1. Chinese is in pinyin order (CLDR's default for
// zh): 王 wáng < 谢 xiè < 伊 yī. Russian puts ё with е, not after я.
func Compare(lang string, a, b string) int {
	return withCollator(lang, func(c *collate.Collator) int {
		return c.CompareString(a, b)
	})
}

// SortStrings sorts s in the order of Compare. Strings that Compare finds
// equal (differing only in case) keep a fixed order: by their bytes.
func SortStrings(lang string, s []string) {
	type keyed struct {
		key []byte
		s   string
	}
	items := withCollator(lang, func(c *collate.Collator) []keyed {
		var buf collate.Buffer
		items := make([]keyed, len(s))
		for i, str := range s {
			// Keys stay valid: the buffer only appends.
			items[i] = keyed{c.KeyFromString(&buf, str), str}
		}
		return items
	})
	slices.SortFunc(items, func(a, b keyed) int {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.s, b.s)
	})
	for i := range items {
		s[i] = items[i].s
	}
}
