package numeral

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Times of day are read on the 24-hour clock: 10 p.m., 晚上10点, 10
// часов вечера and 22:00 are all 22, and 10:00 is 10, not 22. An hour
// written with an hour word but without its half of the day (3点, 3 часа,
// three o'clock) may be either: 3 or 15.

// A dayPart is the half or part of the day written beside an hour.
type dayPart uint8

const (
	noPart    dayPart = iota
	morning           // a.m., утра, 上午, 凌晨: 12 is midnight
	afternoon         // p.m., дня, 下午: 12 is noon
	evening           // вечера, 晚上: 12 is midnight
	night             // ночи, 深夜: small hours stay, late ones are evening
	midday            // 中午: 12 and 1 or 2
)

// zhDayParts come before the hour, longest first.
var zhDayParts = []struct {
	word string
	part dayPart
}{
	{"凌晨", morning}, {"清晨", morning}, {"早晨", morning}, {"早上", morning}, {"上午", morning},
	{"中午", midday}, {"下午", afternoon}, {"午后", afternoon}, {"傍晚", evening}, {"晚上", evening},
	{"晚间", evening}, {"夜里", night}, {"夜间", night}, {"深夜", night}, {"半夜", night}, {"晚", evening},
}

// hour24 puts hour h (1 to 12) of part p on the 24-hour clock; midnight is
// 0 or 24. The hour is definite: not weak.
func hour24(h float64, p dayPart) (float64, []float64, bool) {
	switch {
	case p == midday && h <= 4, p == afternoon && h < 12, (p == evening || p == night && h >= 6) && h < 12:
		return h + 12, nil, false
	case (p == morning || p == evening || p == night) && h == 12:
		return 0, []float64{24}, false
	}
	return h, nil, false
}

// hour reads the part of the day beside the number n at text[start:end],
// which may be an hour: 下午3点, 3 p.m., три часа дня. With one, n's value
// is the hour on the 24-hour clock and its text takes in the part of the
// day. With an hour word and none (3点, 3 часа, three o'clock) the hour may
// be in the morning or the afternoon: 3 or 15.
func (s *numScanner) hour(n *Number, start, end int) {
	s.clockHour(n, start, end, end, false)
}

// clockHour is hour for a time whose hour ends at hourEnd and whose
// minutes, if any, end at end; face says the time is written as on a
// clock face (10:30), which is on the 24-hour clock unless its part of the
// day is written.
func (s *numScanner) clockHour(n *Number, start, hourEnd, end int, face bool) {
	h := n.Value
	if h < 1 || h > 12 || h != float64(int(h)) {
		return
	}
	p, hourWord, from, to := s.dayPart(start, hourEnd, end, face)
	switch {
	case p != noPart:
		n.Value, n.Alt, n.Weak = hour24(h, p)
		if strings.HasPrefix(s.text[start:], n.Text) {
			n.Text = strings.TrimSpace(s.text[from:to])
		}
	case hourWord && h < 12:
		n.Alt, n.Weak = append(n.Alt, h+12), false
	}
}

// dayPart finds the part of the day written beside an hour at
// text[start:hourEnd] (the time ends at end), whether an hour word (点,
// 时, час, o'clock) says it is an hour, and the span of the time with its
// part of the day.
func (s *numScanner) dayPart(start, hourEnd, end int, face bool) (p dayPart, hourWord bool, from, to int) {
	text := s.text
	from, to = start, end
	switch s.lang {
	case "zh":
		after := strings.TrimLeft(text[hourEnd:], " ")
		hourWord = strings.HasPrefix(after, "点") || strings.HasPrefix(after, "时")
		if !hourWord && !face {
			return noPart, false, from, to
		}
		if hourWord && !face {
			to = len(text) - len(after) + len("点")
		}
		before := strings.TrimRight(text[:start], " ")
		for _, w := range zhDayParts {
			if strings.HasSuffix(before, w.word) {
				return w.part, hourWord, len(before) - len(w.word), to
			}
		}
	case "ru":
		after := strings.TrimLeft(text[end:], " ")
		k := end + len(text[end:]) - len(after)
		for _, w := range []string{"часов", "часа", "час"} {
			if wordAt(after, w) {
				hourWord = true
				k += len(w)
				after = strings.TrimLeft(text[k:], " ")
				k = len(text) - len(after)
				break
			}
		}
		for _, w := range []struct {
			word  string
			part  dayPart
			alone bool // tells an hour without an hour word: "в 10 утра"
		}{{"утра", morning, true}, {"дня", afternoon, false}, {"пополудни", afternoon, true}, {"вечера", evening, true}, {"ночи", night, false}} {
			if wordAt(after, w.word) && (w.alone || hourWord || face) {
				return w.part, hourWord, from, k + len(w.word)
			}
		}
	case "en":
		after := strings.TrimLeft(text[end:], " ")
		k := end + len(text[end:]) - len(after)
		for _, w := range []string{"o'clock", "o’clock"} {
			if strings.HasPrefix(strings.ToLower(firstBytes(after, near)), w) {
				hourWord = true
				k += len(w)
				after = strings.TrimLeft(text[k:], " ")
				k = len(text) - len(after)
			}
		}
		l := strings.ToLower(firstBytes(after, near))
		for _, w := range []struct {
			word string
			part dayPart
		}{
			{"a.m.", morning}, {"a. m.", morning}, {"a.m", morning}, {"am", morning},
			{"p.m.", afternoon}, {"p. m.", afternoon}, {"p.m", afternoon}, {"pm", afternoon},
			{"in the morning", morning}, {"in the afternoon", afternoon}, {"in the evening", evening},
			{"at night", night}, {"noon", midday}, {"midnight", night},
		} {
			if wordAt(l, w.word) {
				return w.part, hourWord, from, k + len(w.word)
			}
		}
	}
	return noPart, hourWord, from, to
}

// wordAt reports whether s begins with the word w, not with a longer word.
func wordAt(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[len(w):])
	return !unicode.IsLetter(next) || strings.HasSuffix(w, ".")
}

// clock reads a time of day at text[i]: 10:00, 9:30:15, and 7.55am, 4.40
// p.m., в 4.40 утра with a dot and the part of the day. It emits the hour
// (on the 24-hour clock when the part of the day is written) and the
// minutes unless they are zero, and returns where the time ends.
func (s *numScanner) clock(i int) (int, bool) {
	text := s.text
	h := i
	for h < len(text) && isDigit(text[h]) {
		h++
	}
	if h-i > 2 || h+2 >= len(text) || !isDigit(text[h+1]) || !isDigit(text[h+2]) || h+3 < len(text) && isDigit(text[h+3]) {
		return 0, false
	}
	hour, _ := strconv.Atoi(text[i:h])
	minutes, _ := strconv.Atoi(text[h+1 : h+3])
	stop := h + 3
	switch text[h] {
	case ':':
		if stop+2 < len(text) && text[stop] == ':' && isDigit(text[stop+1]) && isDigit(text[stop+2]) {
			stop += 3 // seconds
		}
	case '.':
		if p, _, _, _ := s.dayPart(i, h, stop, true); p == noPart || s.lang == "zh" {
			return 0, false
		}
	default:
		return 0, false
	}
	if hour > 24 || minutes > 59 {
		return 0, false
	}
	n := Number{Value: float64(hour), Text: text[i:stop]}
	s.clockHour(&n, i, h, stop, true)
	s.emit(n)
	if minutes != 0 {
		s.emit(Number{Value: float64(minutes), Text: text[h+1 : h+3], Start: h + 1, End: h + 3})
	}
	return stop, true
}

// halfHour reads the half hour of 10点半 and 3时半.
func (s *numScanner) halfHour(end int) {
	rest := s.text[end:]
	if s.lang == "zh" && (strings.HasPrefix(rest, "点半") || strings.HasPrefix(rest, "时半")) {
		s.emit(Number{Value: 30, Text: rest[len("点") : len("点")+len("半")], Spelled: true, Weak: true})
	}
}
