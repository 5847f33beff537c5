package i18n

import (
	"fmt"
	"time"
)

// The date and time formats below are CLDR's Gregorian patterns for the
// locale of each language (see Locale: British English, Russian, Simplified
// Chinese), written out by hand because golang.org/x/text has no date
// formatting. Every method formats t in t's own location: the caller converts
// it to the forum's (or the reader's) zone first.

var (
	enMonths = [12]string{
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December",
	}
	// enMonthsAbbr are en-GB's abbreviations, which write September "Sept".
	enMonthsAbbr = [12]string{
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
	}
	enWeekdays = [7]string{
		"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	}

	// ruMonths is the format context (genitive: "1 июня"); ruMonthsAlone the
	// stand-alone context (nominative: "июнь 2021 г.").
	ruMonths = [12]string{
		"января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря",
	}
	ruMonthsAbbr = [12]string{
		"янв.", "февр.", "мар.", "апр.", "мая", "июн.",
		"июл.", "авг.", "сент.", "окт.", "нояб.", "дек.",
	}
	ruMonthsAlone = [12]string{
		"январь", "февраль", "март", "апрель", "май", "июнь",
		"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
	}
	ruWeekdays = [7]string{
		"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
	}

	zhWeekdays = [7]string{
		"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六",
	}
)

// Date writes t's date in the long format: "1 June 2021",
// "1 июня 2021 г.", "2021年6月1日".
func (p *Printer) Date(t time.Time) string {
	y, m, d := t.Date()
	switch p.lang {
	case "ru":
		return fmt.Sprintf("%d %s %d г.", d, ruMonths[m-1], y)
	case "zh":
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	default:
		return fmt.Sprintf("%d %s %d", d, enMonths[m-1], y)
	}
}

// DateWithWeekday writes t's date in the full format, with the day of the
// week: "Tuesday, 1 June 2021", "вторник, 1 июня 2021 г.", "2021年6月1日星期二".
func (p *Printer) DateWithWeekday(t time.Time) string {
	wd := t.Weekday()
	switch p.lang {
	case "ru":
		return ruWeekdays[wd] + ", " + p.Date(t)
	case "zh":
		return p.Date(t) + zhWeekdays[wd]
	default:
		return enWeekdays[wd] + ", " + p.Date(t)
	}
}

// DateShort writes t's date in the medium format, with abbreviated month
// names where the language has them: "1 Jun 2021", "1 июн. 2021 г.",
// "2021年6月1日".
func (p *Printer) DateShort(t time.Time) string {
	y, m, d := t.Date()
	switch p.lang {
	case "ru":
		return fmt.Sprintf("%d %s %d г.", d, ruMonthsAbbr[m-1], y)
	case "zh":
		return p.Date(t)
	default:
		return fmt.Sprintf("%d %s %d", d, enMonthsAbbr[m-1], y)
	}
}

// Time writes t's time of day in the short format, on the 24-hour clock in
// all three languages: "10:00", "15:05", "00:30".
func (p *Printer) Time(t time.Time) string {
	return fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
}

// DateRange writes the days from a to b (both included) in the long format,
// saying the shared month and year once, as CLDR's interval formats do:
//
//	same day    1 June 2021             1 июня 2021 г.            2021年6月1日
//	same month  1–2 June 2021           1–2 июня 2021 г.          2021年6月1日至2日
//	same year   30 June – 2 July 2021   30 июня – 2 июля 2021 г.  2021年6月30日至7月2日
//	otherwise   two long dates joined by " – " (by "至" in Chinese)
//
// Between bare day numbers the en dash is closed up (CLDR's ru and zh
// patterns; CLDR's en-GB sets it between thin spaces, the site follows the
// closed-up style of printed British English); between dates it is spaced.
func (p *Printer) DateRange(a, b time.Time) string {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	switch {
	case ay == by && am == bm && ad == bd:
		return p.Date(a)
	case ay == by && am == bm:
		switch p.lang {
		case "ru":
			return fmt.Sprintf("%d–%d %s %d г.", ad, bd, ruMonths[am-1], ay)
		case "zh":
			return fmt.Sprintf("%d年%d月%d日至%d日", ay, am, ad, bd)
		default:
			return fmt.Sprintf("%d–%d %s %d", ad, bd, enMonths[am-1], ay)
		}
	case ay == by:
		switch p.lang {
		case "ru":
			return fmt.Sprintf("%d %s – %d %s %d г.", ad, ruMonths[am-1], bd, ruMonths[bm-1], ay)
		case "zh":
			return fmt.Sprintf("%d年%d月%d日至%d月%d日", ay, am, ad, bm, bd)
		default:
			return fmt.Sprintf("%d %s – %d %s %d", ad, enMonths[am-1], bd, enMonths[bm-1], ay)
		}
	default:
		if p.lang == "zh" {
			return p.Date(a) + "至" + p.Date(b)
		}
		return p.Date(a) + " – " + p.Date(b)
	}
}

// MonthYear writes t's month and year: "June 2021", "июнь 2021 г." (the
// stand-alone, nominative month name), "2021年6月".
func (p *Printer) MonthYear(t time.Time) string {
	y, m, _ := t.Date()
	switch p.lang {
	case "ru":
		return fmt.Sprintf("%s %d г.", ruMonthsAlone[m-1], y)
	case "zh":
		return fmt.Sprintf("%d年%d月", y, m)
	default:
		return fmt.Sprintf("%s %d", enMonths[m-1], y)
	}
}

// TimeRange writes the times of day from a to b, as CLDR's interval formats
// do on the 24-hour clock: "10:00–10:50" in all three languages.
func (p *Printer) TimeRange(a, b time.Time) string {
	return p.Time(a) + "–" + p.Time(b)
}
