package numeral

import (
	"math"
	"strconv"
	"strings"
)

// Dates are read as dates, in every way zh, ru and en write them, so that
// they compare as dates: 18.06.2021, 18.06.21, 2021-06-18, 6/18/2021, 18 июня
// 2021 г., восемнадцатое июня, 18 June 2021, June 18, 2021, Jun. 18,
// 2021年6月18日 and 二〇二一年六月十八日 are one date. A date gives its day,
// month and year as numbers too, so that a year said again elsewhere, or
// a date split over a range (18–20 июня, June 18-20, 6月18日至20日), still
// pairs.

// A Role is the part of a date a number is: NoRole for a number that is
// none, or a part of no date the reader saw.
type Role uint8

const (
	NoRole Role = iota
	Year
	Month
	Day
)

// A Date is a calendar date read from text, whole or in part (18 June,
// June 2021). Most dates have one reading; 5/6/2021 in English has two,
// 5 June and May 6.
type Date struct {
	Readings []YMD
}

// YMD is one reading of a date: the numbers (indices into
// Reading.Numbers) that give its year, month and day, -1 where the text
// gives none.
type YMD [3]int

// Has reports whether the date gives the field f (Year, Month or Day).
func (r YMD) Has(f Role) bool { return r[f-1] >= 0 }

// At returns the index of the number that gives the field f (Year, Month
// or Day), -1 for none.
func (r YMD) At(f Role) int { return r[f-1] }

// numericDate reads a date written in digits at text[i]: day, month and
// year (18.06.2021, 1.6.2021, 18.06.21, 18/06/2021, 18-06-2021), year,
// month and day (2021-06-18, 2021.6.18, 2021/6/18), or in English text
// month, day and year with slashes (6/18/2021). A slashed English date
// whose day and month could be either has both readings. It emits the
// three numbers and returns where the date ends.
func (s *numScanner) numericDate(i int) (int, bool) {
	text := s.text
	var parts [3]string
	var at [3]int
	k := i
	sep := byte(0)
	for p := range 3 {
		if p > 0 {
			if k >= len(text) || !strings.ContainsRune(".-/", rune(text[k])) || sep != 0 && text[k] != sep {
				return 0, false
			}
			sep = text[k]
			k++
		}
		at[p] = k
		for k < len(text) && isDigit(text[k]) {
			k++
		}
		if k == at[p] {
			return 0, false
		}
		parts[p] = text[at[p]:k]
	}
	// 1.2.3.4 is a version or an address, 18.06.2021.5 nothing we know.
	if k+1 < len(text) && strings.ContainsRune(".-/,:", rune(text[k])) && isDigit(text[k+1]) {
		return 0, false
	}
	num := func(p int) int { v, _ := strconv.Atoi(parts[p]); return v }
	valid := func(m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= 31 }
	var readings []YMD
	first := len(s.out)
	idx := func(y, m, d int) YMD { return YMD{first + y, first + m, first + d} }
	year := 0.0
	var yearAlt []float64
	switch l0, l1, l2 := len(parts[0]), len(parts[1]), len(parts[2]); {
	case l0 == 4 && l1 <= 2 && l2 <= 2:
		if !valid(num(1), num(2)) {
			return 0, false
		}
		year = float64(num(0))
		readings = append(readings, idx(0, 1, 2))
	case l0 <= 2 && l1 <= 2 && (l2 == 4 || l2 == 2 && sep != '-'):
		year = float64(num(2))
		if l2 == 2 {
			// '21 is 2021, '98 1998; the other century stays possible.
			year, yearAlt = 2000+year, []float64{1900 + year}
			if year >= 2050 {
				year, yearAlt[0] = yearAlt[0], year
			}
		}
		dm, md := valid(num(1), num(0)), valid(num(0), num(1))
		if sep == '/' && s.lang == "en" {
			if md {
				readings = append(readings, idx(2, 0, 1))
			}
			if dm && (!md || num(0) != num(1)) {
				readings = append(readings, idx(2, 1, 0))
			}
		} else if dm {
			readings = append(readings, idx(2, 1, 0))
		} else if md {
			readings = append(readings, idx(2, 0, 1))
		}
		if len(readings) == 0 {
			return 0, false
		}
	default:
		return 0, false
	}
	r := readings[0]
	for p := range 3 {
		n := Number{Value: float64(num(p)), Text: parts[p], Dated: true, Start: at[p], End: at[p] + len(parts[p])}
		for f := Year; f <= Day; f++ {
			if r.At(f) == first+p {
				n.Role = f
			}
		}
		if n.Role == Year {
			n.Value, n.Alt = year, yearAlt
		}
		s.emit(n)
	}
	s.dates = append(s.dates, Date{readings})
	return k, true
}

// dayJoins join the days or months of a range or a list: 18–20 июня,
// June 18 and 20, 6月18日至20日, с 18 по 20 июня, 18, 19 и 20 июня.
var dayJoins = map[string]bool{"-": true, "–": true, "—": true, "to": true, "and": true, "or": true, "through": true,
	"till": true, "until": true, ",": true, "，": true, "по": true, "до": true, "и": true, "или": true, "至": true,
	"到": true, "和": true, "及": true, "或": true, "、": true, "~": true, "～": true}

// gap returns the text between two numbers, trimmed and in lower case.
func (s *numScanner) gap(a, b Number) string {
	if a.End > b.Start || a.End == a.Start {
		return "\x00" // overlapping: no gap to read
	}
	return strings.ToLower(strings.TrimSpace(s.text[a.End:b.Start]))
}

// after returns the text after a number, without the spaces before it.
func (s *numScanner) after(n Number) string {
	return strings.TrimLeft(s.text[n.End:], " ")
}

func whole(v float64) bool { return v == math.Trunc(v) }

// dayCandidate reports whether n could be the day of a date.
func dayCandidate(n Number) bool {
	return !n.Dated && n.Role == NoRole && whole(n.Value) && n.Value >= 1 && n.Value <= 31 && n.Unit == nil && n.Per == 0 && n.Sign == 0
}

// yearCandidate reports whether n could be the year of a date written
// after its month: four digits, or a year in words.
func yearCandidate(n Number) bool {
	return !n.Dated && (n.Role == NoRole || n.Role == Year) && whole(n.Value) && n.Value >= 1000 && n.Value < 3000 && n.Unit == nil && n.Sign == 0
}

// groupDates finds the dates written with words or Chinese characters
// among the numbers read: a day, a month (a name, or a number before 月)
// and a year side by side, in the order and with the words between them
// that each language uses. A day with no month of its own takes the month
// of the day it makes a range or a list with.
func (s *numScanner) groupDates() {
	out := s.out
	if s.lang == "zh" {
		for k := range out {
			n := &out[k]
			if n.Dated || !whole(n.Value) || n.Role != NoRole {
				continue
			}
			after := s.after(*n)
			switch {
			case strings.HasPrefix(after, "年") && (n.Value >= 1000 && n.Value < 3000 || len(n.Alt) > 0 && n.Alt[0] >= 1000):
				n.Role = Year
			case strings.HasPrefix(after, "月") && n.Value >= 1 && n.Value <= 12 && n.Unit == nil:
				n.Role = Month
			case (strings.HasPrefix(after, "日") || strings.HasPrefix(after, "号")) && dayCandidate(*n):
				n.Role = Day
			}
		}
	}
	// The first day or month of a range has no word of its own: 18—20日,
	// 1—5月, 1至5月.
	for k := len(out) - 2; k >= 0; k-- {
		a, b := &out[k], out[k+1]
		if b.Role != Day && b.Role != Month || !dayCandidate(*a) || !rangeJoins[s.gap(*a, b)] {
			continue
		}
		if b.Role == Month && a.Value > 12 {
			continue
		}
		if b.Role == Month && !b.Spelled || b.Role == Day && s.lang == "zh" {
			a.Role, a.Weak = b.Role, false
		}
	}
	// Link day, month and year.
	for k := range out {
		m := &out[k]
		if m.Role != Month || m.Dated {
			continue
		}
		r := YMD{-1, k, -1}
		day, yearAfter := -1, k
		switch s.lang {
		case "zh":
			if k > 0 && out[k-1].Role == Year && !out[k-1].Dated && s.gap(out[k-1], *m) == "年" {
				r[0] = k - 1
			}
			if k+1 < len(out) && out[k+1].Role == Day && !out[k+1].Dated && s.gap(*m, out[k+1]) == "月" {
				day = k + 1
			}
			yearAfter = -1
		case "ru":
			if k > 0 && dayCandidate(out[k-1]) && ruDayGaps[s.gap(out[k-1], *m)] {
				day = k - 1
			}
		case "en":
			if k > 0 && dayCandidate(out[k-1]) && enDayGaps[s.gap(out[k-1], *m)] {
				day = k - 1
			} else if k+1 < len(out) && dayCandidate(out[k+1]) && (s.gap(*m, out[k+1]) == "" || s.gap(*m, out[k+1]) == ".") &&
				!strings.HasPrefix(s.after(out[k+1]), ":") {
				day, yearAfter = k+1, k+1
			}
		}
		if y := yearAfter + 1; yearAfter >= 0 && y < len(out) && yearCandidate(out[y]) {
			if g := s.gap(out[yearAfter], out[y]); g == "" || g == "," || g == "of" {
				r[0] = y
			}
		}
		r[2] = day
		if r[0] < 0 && r[2] < 0 {
			continue // a month alone: a number of its own
		}
		// Next to digits the month is as required as they are (1-го
		// июня, the 1st of June); with words it may be said otherwise
		// (первого июня).
		spelled := true
		for f := Year; f <= Day; f++ {
			if r.Has(f) {
				out[r.At(f)].Role, out[r.At(f)].Dated, out[r.At(f)].Weak = f, true, false
				spelled = spelled && (f == Month || out[r.At(f)].Spelled)
			}
		}
		m.Spelled = spelled
		s.dates = append(s.dates, Date{[]YMD{r}})
	}
	// Days of a range or a list take the month and year of their
	// neighbour: 18–20 июня, June 18 and 20, 6月18日至20日.
	dayOf := map[int]YMD{}
	for _, d := range s.dates {
		if r := d.Readings[0]; len(d.Readings) == 1 && r.Has(Day) {
			dayOf[r.At(Day)] = r
		}
	}
	join := func(a, b Number) bool {
		g := s.gap(a, b)
		if s.lang == "zh" {
			g = strings.TrimPrefix(strings.TrimPrefix(g, "日"), "号")
		}
		return dayJoins[g]
	}
	spread := func(k int, r YMD) {
		n := &out[k]
		n.Role, n.Dated, n.Weak = Day, true, false
		r[2] = k
		dayOf[k] = r
		s.dates = append(s.dates, Date{[]YMD{r}})
	}
	for k := len(out) - 2; k >= 0; k-- {
		if r, ok := dayOf[k+1]; ok && (dayCandidate(out[k]) || out[k].Role == Day && !out[k].Dated) && join(out[k], out[k+1]) && s.lang != "zh" {
			spread(k, r)
		}
	}
	for k := 1; k < len(out); k++ {
		if r, ok := dayOf[k-1]; ok && (dayCandidate(out[k]) || out[k].Role == Day && !out[k].Dated) && join(out[k-1], out[k]) {
			spread(k, r)
		}
	}
}

// ruDayGaps may stand between a day and its month in Russian: 18 июня,
// 1-го июня, 1-е июня.
var ruDayGaps = map[string]bool{"": true, "-го": true, "-е": true, "-ое": true, "-ого": true, "-м": true, "-ом": true}

// enDayGaps may stand between a day and its month in English: 18 June, 1st
// June, the 1st of June.
var enDayGaps = map[string]bool{"": true, "st": true, "nd": true, "rd": true, "th": true, "of": true,
	"st of": true, "nd of": true, "rd of": true, "th of": true}

// yearRanges reads the second year of a range written with its last two
// digits: 2020–21, 2020/21, 1998-99.
func (s *numScanner) yearRanges() {
	for k := 1; k < len(s.out); k++ {
		a, b := s.out[k-1], &s.out[k]
		if !whole(a.Value) || a.Value < 1000 || a.Value >= 3000 || len(b.Text) != 2 || !isDigit(b.Text[0]) || !isDigit(b.Text[1]) {
			continue
		}
		if g := s.gap(a, *b); g != "-" && g != "–" && g != "—" && g != "/" {
			continue
		}
		if y := math.Floor(a.Value/100)*100 + b.Value; y > a.Value {
			b.Alt = append(b.Alt, y)
		}
	}
}
