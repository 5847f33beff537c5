package i18n

import (
	"testing"
	"time"
)

// shanghai stands for any zone: the formats use the time as given.
var shanghai = time.FixedZone("CST", 8*3600)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 10, 0, 0, 0, shanghai)
}

func TestDates(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	june1 := day(2021, time.June, 1) // a Tuesday
	tests := []struct {
		name       string
		format     func(p *Printer) string
		en, ru, zh string
	}{
		{"Date", func(p *Printer) string { return p.Date(june1) },
			"1 June 2021", "1 июня 2021 г.", "2021年6月1日"},
		{"Date May", func(p *Printer) string { return p.Date(day(2021, time.May, 9)) },
			"9 May 2021", "9 мая 2021 г.", "2021年5月9日"},
		{"DateWithWeekday", func(p *Printer) string { return p.DateWithWeekday(june1) },
			"Tuesday, 1 June 2021", "вторник, 1 июня 2021 г.", "2021年6月1日星期二"},
		{"DateWithWeekday Sunday", func(p *Printer) string { return p.DateWithWeekday(day(2021, time.July, 18)) },
			"Sunday, 18 July 2021", "воскресенье, 18 июля 2021 г.", "2021年7月18日星期日"},
		{"DateShort", func(p *Printer) string { return p.DateShort(june1) },
			"1 Jun 2021", "1 июн. 2021 г.", "2021年6月1日"},
		{"DateShort September", func(p *Printer) string { return p.DateShort(day(2021, time.September, 30)) },
			"30 Sept 2021", "30 сент. 2021 г.", "2021年9月30日"},
		{"DateShort May", func(p *Printer) string { return p.DateShort(day(2021, time.May, 9)) },
			"9 May 2021", "9 мая 2021 г.", "2021年5月9日"},
		{"MonthYear", func(p *Printer) string { return p.MonthYear(june1) },
			"June 2021", "июнь 2021 г.", "2021年6月"},
		{"MonthYear May", func(p *Printer) string { return p.MonthYear(day(2021, time.May, 9)) },
			"May 2021", "май 2021 г.", "2021年5月"},
		{"Time morning", func(p *Printer) string { return p.Time(june1) },
			"10:00", "10:00", "10:00"},
		{"Time afternoon", func(p *Printer) string { return p.Time(time.Date(2021, 6, 1, 15, 5, 0, 0, shanghai)) },
			"15:05", "15:05", "15:05"},
		{"Time midnight", func(p *Printer) string { return p.Time(time.Date(2021, 6, 1, 0, 30, 0, 0, shanghai)) },
			"00:30", "00:30", "00:30"},
		{"Time noon", func(p *Printer) string { return p.Time(time.Date(2021, 6, 1, 12, 0, 0, 0, shanghai)) },
			"12:00", "12:00", "12:00"},
		{"DateRange same day", func(p *Printer) string { return p.DateRange(june1, june1.Add(5*time.Hour)) },
			"1 June 2021", "1 июня 2021 г.", "2021年6月1日"},
		{"DateRange same month", func(p *Printer) string { return p.DateRange(june1, day(2021, time.June, 2)) },
			"1–2 June 2021", "1–2 июня 2021 г.", "2021年6月1日至2日"},
		{"DateRange same year", func(p *Printer) string { return p.DateRange(day(2021, time.June, 30), day(2021, time.July, 2)) },
			"30 June – 2 July 2021", "30 июня – 2 июля 2021 г.", "2021年6月30日至7月2日"},
		{"DateRange across years", func(p *Printer) string { return p.DateRange(day(2021, time.December, 30), day(2022, time.January, 2)) },
			"30 December 2021 – 2 January 2022", "30 декабря 2021 г. – 2 января 2022 г.", "2021年12月30日至2022年1月2日"},
		{"DateRange same month, other year", func(p *Printer) string { return p.DateRange(june1, day(2022, time.June, 2)) },
			"1 June 2021 – 2 June 2022", "1 июня 2021 г. – 2 июня 2022 г.", "2021年6月1日至2022年6月2日"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			if got := tt.format(c.Printer(lang)); got != want {
				t.Errorf("%s %s: got %q, want %q", lang, tt.name, got, want)
			}
		}
	}
}

// TestDateUsesTheGivenLocation checks that a date is the calendar day in the
// time's own zone: 23:00 UTC on 31 May is already 1 June in Shanghai.
func TestDateUsesTheGivenLocation(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	utc := time.Date(2021, time.May, 31, 23, 0, 0, 0, time.UTC)
	p := c.Printer("en")
	if got, want := p.Date(utc), "31 May 2021"; got != want {
		t.Errorf("UTC: got %q, want %q", got, want)
	}
	if got, want := p.Date(utc.In(shanghai)), "1 June 2021"; got != want {
		t.Errorf("Shanghai: got %q, want %q", got, want)
	}
}

func TestTimeRange(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2021, 6, 1, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		lang string
		a, b time.Time
		want string
	}{
		{"en", at(10, 0), at(10, 50), "10:00–10:50"},
		{"en", at(10, 50), at(13, 0), "10:50–13:00"},
		{"ru", at(10, 0), at(10, 50), "10:00–10:50"},
		{"zh", at(13, 0), at(14, 5), "13:00–14:05"},
	} {
		p := (*Catalog)(nil).Printer(c.lang)
		if got := p.TimeRange(c.a, c.b); got != c.want {
			t.Errorf("%s TimeRange = %q, want %q", c.lang, got, c.want)
		}
	}
}
