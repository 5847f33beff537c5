package qa

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/numeral"
)

// Web and e-mail addresses are copied, not translated. A translation may
// localise a web address by its language alone (/zh/ for /ru/,
// zh.example.org for ru.example.org, ?lang=en); anything else that
// differs is a changed address.

// An address is a web or e-mail address as written, and the key it is
// compared by; host is the host of a web address as written, hostKey its
// key.
type address struct {
	text, key     string
	host, hostKey string
	email         bool
}

// addresses returns the web and e-mail addresses of s, each with its key
// for comparing: for a web address, without scheme, host in lower case,
// path unescaped, no final slash, and the language names of from and to
// in host, path and query replaced by one placeholder; for an e-mail
// address, in lower case.
func addresses(s, from, to string) []address {
	var out []address
	for _, sp := range numeral.Addresses(s) {
		text := s[sp.Start:sp.End]
		if sp.Email {
			out = append(out, address{text: text, key: strings.ToLower(text), host: sp.Host, hostKey: strings.ToLower(sp.Host), email: true})
			continue
		}
		out = append(out, webAddress(text, sp.Host, from, to))
	}
	return out
}

// withoutAddresses returns s with its web and e-mail addresses left out.
func withoutAddresses(s string) string { return replaceAddresses(s, "") }

// replaceAddresses returns s with each of its web and e-mail addresses
// replaced by with.
func replaceAddresses(s, with string) string {
	spans := numeral.Addresses(s)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(s[at:sp.Start])
		b.WriteString(with)
		at = sp.End
	}
	b.WriteString(s[at:])
	return b.String()
}

// languageNames are the ways web addresses name a language besides its
// BCP 47 tag.
var languageNames = map[string]string{
	"cn": "zh", "chs": "zh", "cht": "zh", "chinese": "zh", "zho": "zh", "chi": "zh",
	"rus": "ru", "russian": "ru", "eng": "en", "english": "en",
}

// webAddress returns the web address text, whose host is host, with its
// keys.
func webAddress(text, host, from, to string) address {
	rest := text
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	path := rest[len(host):]
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	hostKey := languageTokens(strings.ToLower(host), from, to, true)
	key := hostKey + strings.TrimRight(languageTokens(strings.ToLower(path), from, to, false), "/")
	return address{text: text, key: key, host: host, hostKey: hostKey}
}

// languageTokens replaces the parts of a host, path or query (between / .
// ? = & #) that name the language from or to (zh, zh-CN, ru, en-GB, cn,
// russian) by one placeholder, so that /zh/forum and /ru/forum,
// zh.example.org and ru.example.org are the same address. The last part
// of a host, its top-level domain, is left: example.cn and example.ru are
// different sites.
func languageTokens(k, from, to string, host bool) string {
	var b strings.Builder
	start := 0
	last := strings.LastIndexByte(k, '.')
	flush := func(end int) {
		tok := k[start:end]
		if !(host && start > last) {
			if l, ok := languageNames[tok]; ok && (l == from || l == to) {
				tok = "{lang}"
			} else if tag, err := lang.ParseTag(tok); err == nil && len(tok) >= 2 {
				if l := lang.Base(tag); l == from || l == to {
					tok = "{lang}"
				}
			}
		}
		b.WriteString(tok)
	}
	for i := 0; i < len(k); i++ {
		if strings.IndexByte("/.?=&#", k[i]) >= 0 {
			flush(i)
			b.WriteByte(k[i])
			start = i + 1
		}
	}
	flush(len(k))
	return b.String()
}

// checkAddresses compares the web and e-mail addresses of source and
// translation. An address of the translation that the source does not
// have is an error: it sends readers elsewhere (a changed path, a changed
// e-mail address). An address of the source that the translation leaves
// out is a warning: a translator may drop one on purpose.
func (c *Checker) checkAddresses(s, t string, add addFunc) {
	src, tgt := addresses(s, c.from, c.to), addresses(t, c.from, c.to)
	if len(src) == 0 && len(tgt) == 0 {
		return
	}
	usedS := make([]bool, len(src))
	var extra []address
	for _, a := range tgt {
		found := false
		for k, b := range src {
			if a.key == b.key {
				usedS[k], found = true, true
			}
		}
		if !found {
			extra = append(extra, a)
		}
	}
	var missing []address
	for k, a := range src {
		if !usedS[k] && !containsKey(tgt, a.key) {
			missing = append(missing, a)
		}
	}
	// Each message names the kind of address, as its own key.
	kind := func(a address) (key, name string) {
		if a.email {
			return "email", "e-mail address"
		}
		return "web", "web address"
	}
	for _, a := range extra {
		// A changed address: pair it with one of its kind the translation
		// left out.
		k := -1
		for j, m := range missing {
			if m.email == a.email {
				k = j
				break
			}
		}
		if k >= 0 {
			m := missing[k]
			missing = append(missing[:k], missing[k+1:]...)
			if !a.email && a.hostKey == m.hostKey && !strings.EqualFold(a.host, m.host) {
				// ru.wikipedia.org for en.wikipedia.org: the page in the
				// translation's language, most likely.
				add("addresses", Warning, phrase("qa.addresses.samepage."+c.to, "the web address %s in the source is %s in the translation: is it the same page in "+langName(c.to)+"?",
					strconv.Quote(m.text), strconv.Quote(a.text)))
				continue
			}
			key, name := kind(a)
			add("addresses", Error, phrase("qa.addresses.changed."+key, "the "+name+" %s in the source is %s in the translation", strconv.Quote(m.text), strconv.Quote(a.text)))
			continue
		}
		key, name := kind(a)
		add("addresses", Error, phrase("qa.addresses.extra."+key, "the "+name+" %s in the translation is not in the source", strconv.Quote(a.text)))
	}
	for _, m := range missing {
		key, name := kind(m)
		add("addresses", Warning, phrase("qa.addresses.missing."+key, "the "+name+" %s in the source is not in the translation", strconv.Quote(m.text)))
	}
}

func containsKey(as []address, key string) bool {
	for _, a := range as {
		if a.key == key {
			return true
		}
	}
	return false
}
