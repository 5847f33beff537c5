package i18n

import (
	"fmt"
	"time"
)

// zoneName is a time zone's name in each language.
type zoneName struct{ en, ru, zh string }

// metazone is a CLDR metazone: the zones that share a name, with their
// standard and daylight-saving names.
type metazone struct {
	standard, daylight zoneName
}

// The names are those readers of each language use, and read well both as a
// label (Time zone: …) and inside a sentence (All times are …): CLDR's long
// metazone names in English ("Moscow Standard Time"); in Russian the
// adjective forms a Russian writes ("московское время", not CLDR's label
// "Москва, стандартное время"); in Chinese the forms in everyday use
// ("北京时间", "莫斯科时间", not CLDR's "中国标准时间", "莫斯科标准时间").
// Daylight names matter for Europe and for past years elsewhere (Moscow kept
// summer time until 2011, China in 1986–1991).
var (
	mzChina = metazone{
		zoneName{"China Standard Time", "пекинское время", "北京时间"},
		zoneName{"China Daylight Time", "пекинское летнее время", "北京夏令时间"},
	}
	mzHongKong = metazone{
		zoneName{"Hong Kong Standard Time", "гонконгское время", "香港时间"},
		zoneName{"Hong Kong Summer Time", "гонконгское летнее время", "香港夏令时间"},
	}
	mzMoscow = metazone{
		zoneName{"Moscow Standard Time", "московское время", "莫斯科时间"},
		zoneName{"Moscow Summer Time", "московское летнее время", "莫斯科夏令时间"},
	}
	mzYekaterinburg = metazone{
		zoneName{"Yekaterinburg Standard Time", "екатеринбургское время", "叶卡捷琳堡时间"},
		zoneName{"Yekaterinburg Summer Time", "екатеринбургское летнее время", "叶卡捷琳堡夏令时间"},
	}
	mzOmsk = metazone{
		zoneName{"Omsk Standard Time", "омское время", "鄂木斯克时间"},
		zoneName{"Omsk Summer Time", "омское летнее время", "鄂木斯克夏令时间"},
	}
	mzNovosibirsk = metazone{
		zoneName{"Novosibirsk Standard Time", "новосибирское время", "新西伯利亚时间"},
		zoneName{"Novosibirsk Summer Time", "новосибирское летнее время", "新西伯利亚夏令时间"},
	}
	mzKrasnoyarsk = metazone{
		zoneName{"Krasnoyarsk Standard Time", "красноярское время", "克拉斯诺亚尔斯克时间"},
		zoneName{"Krasnoyarsk Summer Time", "красноярское летнее время", "克拉斯诺亚尔斯克夏令时间"},
	}
	mzIrkutsk = metazone{
		zoneName{"Irkutsk Standard Time", "иркутское время", "伊尔库茨克时间"},
		zoneName{"Irkutsk Summer Time", "иркутское летнее время", "伊尔库茨克夏令时间"},
	}
	mzVladivostok = metazone{
		zoneName{"Vladivostok Standard Time", "владивостокское время", "符拉迪沃斯托克时间"},
		zoneName{"Vladivostok Summer Time", "владивостокское летнее время", "符拉迪沃斯托克夏令时间"},
	}
	mzGMT = metazone{
		zoneName{"Greenwich Mean Time", "среднее время по Гринвичу", "格林尼治标准时间"},
		// Europe/London's own summer name: CLDR names it per zone, not per
		// metazone, and London is the only zone mapped to mzGMT here.
		zoneName{"British Summer Time", "британское летнее время", "英国夏令时间"},
	}
	mzCentralEurope = metazone{
		zoneName{"Central European Standard Time", "центральноевропейское время", "欧洲中部时间"},
		zoneName{"Central European Summer Time", "центральноевропейское летнее время", "欧洲中部夏令时间"},
	}
)

// zones maps the IANA zones a Chinese–Russian forum is likely to meet, with
// their old aliases, to their metazone.
var zones = map[string]metazone{
	"Asia/Shanghai":      mzChina,
	"Asia/Chongqing":     mzChina,
	"Asia/Harbin":        mzChina,
	"Asia/Macau":         mzChina,
	"PRC":                mzChina,
	"Asia/Hong_Kong":     mzHongKong,
	"Hongkong":           mzHongKong,
	"Europe/Moscow":      mzMoscow,
	"W-SU":               mzMoscow,
	"Asia/Yekaterinburg": mzYekaterinburg,
	"Asia/Omsk":          mzOmsk,
	"Asia/Novosibirsk":   mzNovosibirsk,
	"Asia/Krasnoyarsk":   mzKrasnoyarsk,
	"Asia/Irkutsk":       mzIrkutsk,
	"Asia/Vladivostok":   mzVladivostok,
	"Asia/Khabarovsk":    mzVladivostok,
	"Europe/London":      mzGMT,
	"Europe/Berlin":      mzCentralEurope,
	"Europe/Paris":       mzCentralEurope,
	"Europe/Vienna":      mzCentralEurope,
}

// utcZones are the names under which Go and the IANA database know UTC.
var utcZones = map[string]bool{
	"UTC": true, "Etc/UTC": true, "Etc/UCT": true, "UCT": true,
	"Etc/GMT": true, "GMT": true, "Etc/Zulu": true, "Zulu": true, "Etc/Universal": true,
}

// ZoneName names the time zone loc as it is at the instant at, with its UTC
// offset then, in a form that serves as a label and inside a sentence
// (catalog messages such as "All times are %s."): "China Standard Time
// (UTC+8)", "московское время (UTC+3)", "欧洲中部夏令时间（UTC+2）". UTC is
// "UTC" ("всемирное координированное время (UTC)" in Russian). A zone
// outside the table is named after its IANA id, "America/Sao_Paulo time
// (UTC−3)"; the local zone, which has no id, by its offset alone. A nil loc
// is UTC.
func (p *Printer) ZoneName(loc *time.Location, at time.Time) string {
	if loc == nil || utcZones[loc.String()] {
		return p.pick(zoneName{"UTC", "всемирное координированное время (UTC)", "UTC"})
	}
	t := at.In(loc)
	_, offset := t.Zone()
	id := loc.String()
	mz, ok := zones[id]
	switch {
	case ok:
		names := mz.standard
		if t.IsDST() {
			names = mz.daylight
		}
		return p.parenthesize(p.pick(names), formatOffset(offset))
	case id == "" || id == "Local":
		return p.pick(zoneName{formatOffset(offset), "время " + formatOffset(offset), formatOffset(offset)})
	default:
		return p.parenthesize(p.pick(zoneName{id + " time", "время " + id, id + "时间"}), formatOffset(offset))
	}
}

// parenthesize writes "name (aside)", with full-width parentheses and no
// space in Chinese.
func (p *Printer) parenthesize(name, aside string) string {
	if p.lang == "zh" {
		return name + "（" + aside + "）"
	}
	return name + " (" + aside + ")"
}

func (p *Printer) pick(n zoneName) string {
	switch p.lang {
	case "ru":
		return n.ru
	case "zh":
		return n.zh
	default:
		return n.en
	}
}

// formatOffset writes a UTC offset in seconds as "UTC+8", "UTC+5:30" or
// "UTC−3", with U+2212 MINUS SIGN; a zero offset is plain "UTC". Seconds,
// which only local mean times of the 19th century have, are dropped.
func formatOffset(seconds int) string {
	if seconds == 0 {
		return "UTC"
	}
	sign := "+"
	if seconds < 0 {
		sign = "\u2212"
		seconds = -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}
