package qa

import (
	"fmt"
	"strconv"

	"github.com/tandemforum/tandem/internal/numeral"
)

// sameValue reports whether two numbers can stand for the same value.
func sameValue(a, b numeral.Number) bool {
	for _, x := range a.Values() {
		for _, y := range b.Values() {
			if x == y {
				return true
			}
		}
	}
	return false
}

// datesMatch reports whether two readings of dates agree: the same month,
// and the same year and day wherever both give one. With exact, both must
// give the same fields.
func datesMatch(a, b numeral.YMD, src, tgt []numeral.Number, exact bool) bool {
	if !a.Has(numeral.Month) || !b.Has(numeral.Month) {
		return false
	}
	for f := numeral.Year; f <= numeral.Day; f++ {
		switch {
		case a.Has(f) && b.Has(f):
			if !sameValue(src[a.At(f)], tgt[b.At(f)]) {
				return false
			}
		case exact && a.Has(f) != b.Has(f):
			return false
		}
	}
	return true
}

// pairDates pairs the dates of source and translation as dates, first
// those that agree in every field, then those that agree where both give
// a field (18 June against 18 June 2021: the year, found nowhere, is
// then missing as a number). The numbers of the fields both give are
// paired. A date whose day and month are the other's month and day is
// reported: 06.05.2021 is not 5 June 2021.
func pairDates(src, tgt *numeral.Reading, match func(i, k int), add addFunc) {
	doneS, doneT := make([]bool, len(src.Dates)), make([]bool, len(tgt.Dates))
	pairFields := func(a, b numeral.YMD) {
		for f := numeral.Year; f <= numeral.Day; f++ {
			if a.Has(f) && b.Has(f) {
				match(a.At(f), b.At(f))
			}
		}
	}
	for _, exact := range []bool{true, false} {
		for i, ds := range src.Dates {
		next:
			for k, dt := range tgt.Dates {
				if doneS[i] || doneT[k] {
					continue
				}
				for _, a := range ds.Readings {
					for _, b := range dt.Readings {
						if datesMatch(a, b, src.Numbers, tgt.Numbers, exact) {
							doneS[i], doneT[k] = true, true
							pairFields(a, b)
							break next
						}
					}
				}
			}
		}
	}
	for i, ds := range src.Dates {
		for k, dt := range tgt.Dates {
			if doneS[i] || doneT[k] || len(ds.Readings) != 1 || len(dt.Readings) != 1 {
				continue
			}
			a, b := ds.Readings[0], dt.Readings[0]
			if !a.Has(numeral.Day) || !b.Has(numeral.Day) || a.Has(numeral.Year) && b.Has(numeral.Year) && !sameValue(src.Numbers[a.At(numeral.Year)], tgt.Numbers[b.At(numeral.Year)]) {
				continue
			}
			sd, sm, td, tm := src.Numbers[a.At(numeral.Day)], src.Numbers[a.At(numeral.Month)], tgt.Numbers[b.At(numeral.Day)], tgt.Numbers[b.At(numeral.Month)]
			if sameValue(sd, tm) && sameValue(sm, td) && !sameValue(sd, sm) {
				doneS[i], doneT[k] = true, true
				match(a.At(numeral.Day), b.At(numeral.Month))
				match(a.At(numeral.Month), b.At(numeral.Day))
				if a.Has(numeral.Year) && b.Has(numeral.Year) {
					match(a.At(numeral.Year), b.At(numeral.Year))
				}
				add("numbers", Error, phrase("qa.numbers.swapped", "%s in the source is %s in the translation: day and month are swapped",
					strconv.Quote(dateText(src, a)), strconv.Quote(dateText(tgt, b))))
			}
		}
	}
}

// dateText returns the text of a date read in rd, from its first number
// to its last.
func dateText(rd *numeral.Reading, r numeral.YMD) string {
	from, to := len(rd.Text), 0
	for _, k := range r {
		if k >= 0 {
			from, to = min(from, rd.Numbers[k].Start), max(to, rd.Numbers[k].End)
		}
	}
	if from >= to {
		return fmt.Sprint(r)
	}
	return rd.Text[from:to]
}
