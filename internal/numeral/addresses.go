package numeral

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Web and e-mail addresses hold digits that are no quantities
// (https://example.org/reports/2021, mail2021@example.org): the reader
// finds the addresses first and leaves their numbers weak. Addresses is
// exported so that whoever compares addresses finds the same ones.

// urlSchemes start a web address; "www." does too, at the start of a word.
var urlSchemes = []string{"http://", "https://", "ftp://"}

// urlRune reports whether r may stand inside a web or e-mail address
// written in running text: printable ASCII but for the characters that
// delimit addresses in text, and letters and digits of alphabetic scripts
// (https://ru.wikipedia.org/wiki/Договор). Chinese characters and marks
// end an address: 详见https://example.org/report。
func urlRune(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r != 0x7f && !strings.ContainsRune("<>\"`{}|\\^", r)
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !eastAsian(r)
}

// trimAddress removes what ends the sentence around an address rather than
// the address: a stop, a comma, a closing bracket it does not open.
func trimAddress(s string) string {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch {
		case strings.ContainsRune(".,;:!?'", r):
		case r == ')' && strings.Count(s, "(") < strings.Count(s, ")"),
			r == ']' && strings.Count(s, "[") < strings.Count(s, "]"):
		default:
			return s
		}
		s = s[:len(s)-n]
	}
	return s
}

// An Address is where a web or e-mail address stands in a text, and its
// host: the host of a web address as written (kremlin.ru of
// https://kremlin.ru/events), the domain of an e-mail address.
type Address struct {
	Start, End int
	Email      bool
	Host       string
}

// Addresses returns where the web addresses (with a scheme, starting
// www., or a bare domain such as kremlin.ru/events) and e-mail addresses
// of s stand, in order.
func Addresses(s string) []Address {
	var out []Address
	covered := make([]bool, len(s)) // bytes inside a web address
	for i := 0; i < len(s); {
		start := -1
		lower := strings.ToLower(s[i:min(len(s), i+8)])
		for _, sc := range urlSchemes {
			if strings.HasPrefix(lower, sc) {
				start = i
			}
		}
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); start < 0 && strings.HasPrefix(lower, "www.") && !urlRune(p) {
			start = i
		}
		if start < 0 {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		end := start
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if !urlRune(r) {
				break
			}
			end += n
		}
		if text := trimAddress(s[start:end]); hostOf(text) != "" {
			out = append(out, Address{Start: start, End: start + len(text), Email: false})
			for k := start; k < start+len(text); k++ {
				covered[k] = true
			}
		}
		i = max(end, i+1)
	}
	for _, sp := range bareDomains(s, covered) {
		out = append(out, sp)
		for k := sp.Start; k < sp.End; k++ {
			covered[k] = true
		}
	}
	const local, domain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"
	for i := 0; i < len(s); i++ {
		if s[i] != '@' || covered[i] {
			continue
		}
		l, r := i, i+1
		for l > 0 && strings.IndexByte(local, s[l-1]) >= 0 {
			l--
		}
		for r < len(s) && strings.IndexByte(domain, s[r]) >= 0 {
			r++
		}
		for l < i && s[l] == '.' {
			l++
		}
		for r > i+1 && (s[r-1] == '.' || s[r-1] == '-') {
			r--
		}
		dot := strings.LastIndexByte(s[i+1:r], '.')
		if l == i || dot <= 0 || r-(i+1)-dot-1 < 2 {
			continue
		}
		out = append(out, Address{Start: l, End: r, Email: true})
	}
	slices.SortFunc(out, func(a, b Address) int { return a.Start - b.Start })
	for k, a := range out {
		if text := s[a.Start:a.End]; a.Email {
			out[k].Host = text[strings.IndexByte(text, '@')+1:]
		} else {
			out[k].Host = hostOf(text)
		}
	}
	return out
}

// Top-level domains a bare domain may end with. fileTLDs are country
// codes that are also common file extensions (report.pl, setup.py,
// logo.ai): a name ending with one is read as a domain only with a path
// after it (kremlin.py/events is a site, setup.py a file).
var (
	genericTLDs = strings.Fields(`com org net edu gov int mil info biz name pro aero coop museum
		mobi asia tel travel jobs cat app dev io online site website xyz club news media
		tech store shop blog live world global today space group center agency expert
		company email press studio digital network solutions systems cloud moscow
		рф рус москва`)
	countryTLDs = strings.Fields(`ac ad ae af ag al am ao aq ar as at au aw ax az ba bb bd be bf bg bh
		bi bj bm bn bo br bs bt bw by bz ca cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy
		cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl
		gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in iq ir is it je jm jo
		jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg
		mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu
		nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg
		sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt
		tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw`)
	fileTLDs = strings.Fields(`ai am cc cs md ml mk ms pl ps pt py rs sh so zip`)
)

// tldKinds maps each top-level domain to whether it needs a path after
// the name to be read as a domain.
var tldKinds = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range append(genericTLDs, countryTLDs...) {
		m[t] = false
	}
	for _, t := range fileTLDs {
		m[t] = true
	}
	return m
}()

// bareDomains returns where the domain names written without a scheme
// or www. stand in s, outside the bytes already covered: labels of Latin
// letters, digits and hyphens (or of Cyrillic letters before .рф), the
// last a known top-level domain in lower case, and an optional path
// (kremlin.ru, kremlin.ru/events, Amazon.com). Abbreviations (т.е., U.S.,
// e.g.), file names (report.docx), version and decimal numbers have no
// such ending and are left alone.
func bareDomains(s string, covered []bool) []Address {
	var out []Address
	label := func(r rune) bool {
		return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') || unicode.Is(unicode.Cyrillic, r)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		if covered[i] || !label(r) || r == '-' || label(p) || strings.ContainsRune(".@/_:\\", p) || (unicode.IsLetter(p) && !eastAsian(p)) {
			i += n
			continue
		}
		// The labels, and where each starts.
		end := i
		starts := []int{i}
		for end < len(s) {
			c, m := utf8.DecodeRuneInString(s[end:])
			if label(c) {
				end += m
				continue
			}
			if c == '.' && end+1 < len(s) {
				if d, _ := utf8.DecodeRuneInString(s[end+1:]); label(d) && d != '-' {
					end++
					starts = append(starts, end)
					continue
				}
			}
			break
		}
		tld := s[starts[len(starts)-1]:end]
		needsPath, known := tldKinds[tld]
		host := s[i:end]
		cyrillic := strings.IndexFunc(host, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
		ok := len(starts) >= 2 && known && !strings.HasSuffix(s[starts[len(starts)-2]:starts[len(starts)-1]-1], "-") &&
			cyrillic == (tld == "рф" || tld == "рус" || tld == "москва") &&
			strings.IndexFunc(s[i:starts[len(starts)-1]], unicode.IsLetter) >= 0
		if ok && end < len(s) {
			// A letter or digit right after the name ("site.ru2") makes it
			// something else.
			if c, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsLetter(c) && !eastAsian(c) || unicode.IsDigit(c) {
				ok = false
			}
		}
		if !ok {
			i = end
			continue
		}
		stop := end
		if stop < len(s) && s[stop] == '/' {
			for stop < len(s) {
				c, m := utf8.DecodeRuneInString(s[stop:])
				if !urlRune(c) {
					break
				}
				stop += m
			}
			stop = end + len(trimAddress(s[end:stop]))
		}
		if needsPath && stop == end {
			i = end
			continue
		}
		out = append(out, Address{Start: i, End: stop, Email: false})
		i = stop
	}
	return out
}

// hostOf returns the host of a web address, "" when it has none with a
// dot in it ("http://" alone).
func hostOf(text string) string {
	rest := text
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if !strings.Contains(strings.Trim(rest, "."), ".") {
		return ""
	}
	return rest
}
