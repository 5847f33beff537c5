package i18n

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests do not depend on the machine's zoneinfo
)

func TestZoneName(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	winter := time.Date(2021, time.January, 15, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2021, time.July, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		zone       string
		at         time.Time
		en, ru, zh string
	}{
		{"Asia/Shanghai", summer,
			"China Standard Time (UTC+8)", "пекинское время (UTC+8)", "北京时间（UTC+8）"},
		{"Asia/Shanghai", time.Date(1988, time.July, 1, 0, 0, 0, 0, time.UTC),
			"China Daylight Time (UTC+9)", "пекинское летнее время (UTC+9)", "北京夏令时间（UTC+9）"},
		{"Asia/Hong_Kong", winter,
			"Hong Kong Standard Time (UTC+8)", "гонконгское время (UTC+8)", "香港时间（UTC+8）"},
		{"Europe/Moscow", summer,
			"Moscow Standard Time (UTC+3)", "московское время (UTC+3)", "莫斯科时间（UTC+3）"},
		{"Europe/Moscow", time.Date(2010, time.July, 1, 0, 0, 0, 0, time.UTC),
			"Moscow Summer Time (UTC+4)", "московское летнее время (UTC+4)", "莫斯科夏令时间（UTC+4）"},
		{"Asia/Vladivostok", winter,
			"Vladivostok Standard Time (UTC+10)", "владивостокское время (UTC+10)", "符拉迪沃斯托克时间（UTC+10）"},
		{"Asia/Novosibirsk", winter,
			"Novosibirsk Standard Time (UTC+7)", "новосибирское время (UTC+7)", "新西伯利亚时间（UTC+7）"},
		{"Asia/Yekaterinburg", winter,
			"Yekaterinburg Standard Time (UTC+5)", "екатеринбургское время (UTC+5)", "叶卡捷琳堡时间（UTC+5）"},
		{"Europe/London", winter,
			"Greenwich Mean Time (UTC)", "среднее время по Гринвичу (UTC)", "格林尼治标准时间（UTC）"},
		{"Europe/London", summer,
			"British Summer Time (UTC+1)", "британское летнее время (UTC+1)", "英国夏令时间（UTC+1）"},
		{"Europe/Berlin", winter,
			"Central European Standard Time (UTC+1)", "центральноевропейское время (UTC+1)", "欧洲中部时间（UTC+1）"},
		{"Europe/Berlin", summer,
			"Central European Summer Time (UTC+2)", "центральноевропейское летнее время (UTC+2)", "欧洲中部夏令时间（UTC+2）"},
		{"UTC", summer, "UTC", "всемирное координированное время (UTC)", "UTC"},
		{"Etc/UTC", summer, "UTC", "всемирное координированное время (UTC)", "UTC"},
		{"Asia/Kolkata", summer,
			"Asia/Kolkata time (UTC+5:30)", "время Asia/Kolkata (UTC+5:30)", "Asia/Kolkata时间（UTC+5:30）"},
		{"America/Sao_Paulo", summer,
			"America/Sao_Paulo time (UTC\u22123)", "время America/Sao_Paulo (UTC\u22123)", "America/Sao_Paulo时间（UTC\u22123）"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			if got := c.Printer(lang).ZoneName(loc, tt.at); got != want {
				t.Errorf("%s %s at %s: got %q, want %q", lang, tt.zone, tt.at.Format(time.DateOnly), got, want)
			}
		}
	}
}

func TestZoneNameWithoutID(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := c.Printer("ru")
	tests := []struct {
		loc  *time.Location
		want string
	}{
		{nil, "всемирное координированное время (UTC)"},
		{time.UTC, "всемирное координированное время (UTC)"},
		{time.FixedZone("", -3*3600), "время UTC\u22123"},
		{time.FixedZone("Local", 9*3600+30*60), "время UTC+9:30"},
		{time.FixedZone("MSK", 3*3600), "время MSK (UTC+3)"},
	}
	for _, tt := range tests {
		if got := p.ZoneName(tt.loc, time.Now()); got != tt.want {
			t.Errorf("ZoneName(%v) = %q, want %q", tt.loc, got, tt.want)
		}
	}
}

func TestFormatOffset(t *testing.T) {
	tests := []struct {
		seconds int
		want    string
	}{
		{0, "UTC"},
		{8 * 3600, "UTC+8"},
		{3 * 3600, "UTC+3"},
		{5*3600 + 30*60, "UTC+5:30"},
		{5*3600 + 45*60, "UTC+5:45"},
		{-3 * 3600, "UTC\u22123"},
		{-(3*3600 + 30*60), "UTC\u22123:30"},
		{14 * 3600, "UTC+14"},
		{-12 * 3600, "UTC\u221212"},
		{7*3600 + 36*60 + 42, "UTC+7:36"},
	}
	for _, tt := range tests {
		if got := formatOffset(tt.seconds); got != tt.want {
			t.Errorf("formatOffset(%d) = %q, want %q", tt.seconds, got, tt.want)
		}
	}
}

// TestZoneNameInASentence checks the sentence the programme opens with: the
// zone's name reads as a reader of each language writes it, not as a
// label stuck into the sentence ("Время указано: Москва, стандартное время").
func TestZoneNameInASentence(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	moscow, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	summer := time.Date(2021, time.June, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		loc        *time.Location
		en, ru, zh string
	}{
		{moscow, "All times are Moscow Standard Time (UTC+3).", "Указано московское время (UTC+3).", "以下时间均为莫斯科时间（UTC+3）。"},
		{berlin, "All times are Central European Summer Time (UTC+2).", "Указано центральноевропейское летнее время (UTC+2).", "以下时间均为欧洲中部夏令时间（UTC+2）。"},
		{time.UTC, "All times are UTC.", "Указано всемирное координированное время (UTC).", "以下时间均为UTC。"},
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			p := c.Printer(lang)
			if got := p.T("programme.zone", p.ZoneName(tt.loc, summer)); got != want {
				t.Errorf("%s %s: %q, want %q", lang, tt.loc, got, want)
			}
		}
	}
}
