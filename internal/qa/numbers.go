package qa

import (
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/numeral"
)

// required reports whether the translation must have the number: it is
// written with digits and means what it says.
func required(n numeral.Number) bool { return !n.Spelled && !n.Weak }

// telling reports whether a number written in words is definite enough
// that a different number on the other side is a finding.
func telling(n numeral.Number) bool { return n.Spelled && !n.Weak }

// checkNumbers pairs the numbers of the source and the translation by
// value, whatever their form (2401亿 and 240,1 млрд, 二十 and двадцать,
// 百分之五 and 5 %). Dates pair as dates first (18.06.2021 and 2021年6月18日;
// 06.05.2021 is not 5 June 2021). A number written with digits must have
// its pair; a number written in words need not (两国 is often "Russia and
// China"), but two definite numbers in words that pair with nothing on
// either side differ. Weak numbers (a scale word alone, a name such as
// G20, an approximation) only ever stand in for others. Paired numbers
// must agree in sign (−5 °C is not 5 °C, unless the other side says the
// amount fell), per cent or per mille, and currency.
func (c *Checker) checkNumbers(s, t string, add addFunc) {
	ss, ts := numeral.Read(s, c.from), numeral.Read(t, c.to)
	src, tgt := ss.Numbers, ts.Numbers
	usedS, usedT := make([]bool, len(src)), make([]bool, len(tgt))
	partner := make([]int, len(src))
	for i := range partner {
		partner[i] = -1
	}
	match := func(i, k int) {
		if !usedS[i] && !usedT[k] {
			usedS[i], usedT[k], partner[i] = true, true, k
		}
	}
	pairDates(ss, ts, match, add)
	// Values are rounded to twelve significant digits when read, so the
	// same quantity has the same float whichever way it was written. Each
	// pool lists the target numbers by value; its front skips those used.
	type pool struct {
		byValue map[float64][]int
		front   map[float64]int
	}
	newPool := func(keep func(numeral.Number) bool) pool {
		p := pool{map[float64][]int{}, map[float64]int{}}
		for k, m := range tgt {
			if keep(m) {
				for _, v := range m.Values() {
					p.byValue[v] = append(p.byValue[v], k)
				}
			}
		}
		return p
	}
	pair := func(okS func(numeral.Number) bool, p pool) {
		for i, n := range src {
			if usedS[i] || !okS(n) {
				continue
			}
			for _, v := range n.Values() {
				list, f := p.byValue[v], p.front[v]
				for f < len(list) && usedT[list[f]] {
					f++
				}
				p.front[v] = f
				if f < len(list) {
					match(i, list[f])
					break
				}
			}
		}
	}
	anyNumber := func(numeral.Number) bool { return true }
	// Digits pair with digits first, so that a number in words does not
	// take the pair a written number needs.
	requiredT, anyT := newPool(required), newPool(anyNumber)
	pair(required, requiredT)
	pair(required, anyT)
	pair(anyNumber, requiredT)
	pair(anyNumber, anyT)
	// Measures converted between systems and rounded: 650 pounds and
	// 300 кг, 85 mph and 135 км/ч.
	for i, n := range src {
		if usedS[i] || n.Unit == nil {
			continue
		}
		for k, m := range tgt {
			if !usedT[k] && sameMeasure(n, m) {
				match(i, k)
				break
			}
		}
	}
	// Paired numbers may still differ in what stands beside them: a
	// minus, per cent against per mille, the currency.
	for i, k := range partner {
		switch {
		case k < 0:
		case signsDiffer(src[i], tgt[k], s, c.from, t, c.to):
			add("numbers", Error, phrase("qa.numbers.sign", "%s in the source, %s in the translation: the signs differ", strconv.Quote(src[i].Text), strconv.Quote(tgt[k].Text)))
		case perDiffers(src[i], tgt[k]):
			add("numbers", Error, phrase("qa.numbers.per", "%s %s in the source, %s %s in the translation", strconv.Quote(src[i].Text), perName(src[i].Per), strconv.Quote(tgt[k].Text), perName(tgt[k].Per)))
		case currenciesDiffer(src[i], tgt[k]):
			add("numbers", Error, phrase("qa.numbers.currency", "%s in %s in the source, %s in %s in the translation", strconv.Quote(src[i].Text), currencyName(src[i].Currency), strconv.Quote(tgt[k].Text), currencyName(tgt[k].Currency)))
		}
	}
	// A number of the translation written with the other language's
	// marks (1,8 in English) is read as the source confirms, and said so.
	for _, sl := range separatorSlips(ts.Text, c.to) {
		for i, n := range src {
			if usedS[i] || !required(n) || !slices.Contains(n.Values(), sl.value) {
				continue
			}
			usedS[i] = true
			for k, m := range tgt {
				if m.Start >= sl.start && m.End <= sl.end {
					usedT[k] = true
				}
			}
			add("numbers", Error, sl.message)
			break
		}
	}
	if c.to == "ru" {
		for k, m := range tgt {
			if w, ok := russianDecimalPoint(m); ok && usedT[k] {
				add("numbers", Error, phrase("qa.numbers.decimal_point", "%s is written with a decimal point; Russian writes %s", strconv.Quote(m.Text), w))
			}
		}
	}
	for _, d := range changedDesignations(src, tgt, usedS, usedT) {
		add("numbers", Error, phrase("qa.numbers.differ", "%s in the source, %s in the translation: the numbers differ", strconv.Quote(d[0]), strconv.Quote(d[1])))
	}
	// A number left over whose value the other side has all the same is
	// said again or left out on repeating: 2016年…同年3月, "45 miles (72
	// km)" given as "72 км".
	left := func(ns []numeral.Number, used []bool, keep func(numeral.Number) bool, other []numeral.Number) []string {
		said := map[float64]bool{}
		var measures []numeral.Number
		for _, m := range other {
			for _, v := range m.Values() {
				said[v] = true
			}
			if m.Unit != nil {
				measures = append(measures, m)
			}
		}
		var out []string
		for k, n := range ns {
			if used[k] || !keep(n) || slices.ContainsFunc(n.Values(), func(v float64) bool { return said[v] }) ||
				slices.ContainsFunc(measures, func(m numeral.Number) bool { return sameMeasure(n, m) }) {
				continue
			}
			out = append(out, n.Text)
		}
		return out
	}
	missing, extra := left(src, usedS, required, tgt), left(tgt, usedT, required, src)
	if len(missing) > 0 {
		add("numbers", Error, phrase("qa.numbers.missing", "%s in the source not found in the translation", quoteList(missing)))
	}
	if len(extra) > 0 {
		add("numbers", Error, phrase("qa.numbers.extra", "%s in the translation not found in the source", quoteList(extra)))
	}
	wordsS, wordsT := left(src, usedS, telling, tgt), left(tgt, usedT, telling, src)
	if len(wordsS) > 0 && len(wordsT) > 0 {
		add("numbers", Error, phrase("qa.numbers.differ", "%s in the source, %s in the translation: the numbers differ", quoteList(wordsS), quoteList(wordsT)))
	}
}
