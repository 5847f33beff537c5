package i18n

import (
	"math"
	"strconv"
	"strings"
)

// byteUnits are the message keys of the binary units Bytes writes sizes
// in from a kibibyte up, each 1024 times the one before.
var byteUnits = []string{"size.kib", "size.mib", "size.gib", "size.tib"}

// Size is a size in bytes given as a message argument by a package that
// has no Printer (a domain error's Args): T and N write it with Bytes in
// the reader's language.
type Size int64

// Bytes writes a size of n bytes for people, in binary units (1 KiB is
// 1024 bytes, as tandem's limits are set): under 1 KiB in whole bytes with
// the language's plural ("386 bytes"), else in the largest unit that keeps
// the number under 1024, rounded to the nearest tenth and written with one
// decimal in the language's number format ("162.2 MiB", "162,2 МиБ",
// "8.0 GiB"). Bytes is the one Go formatter of sizes shown to people;
// static/upload.js has its twin for the browser.
func (p *Printer) Bytes(n int64) string {
	if n < 1024 {
		return p.N("size.bytes", int(n))
	}
	v := float64(n) / 1024
	unit := 0
	for unit < len(byteUnits)-1 && math.Round(v*10)/10 >= 1024 {
		v /= 1024
		unit++
	}
	return p.T(byteUnits[unit], p.decimal1(v))
}

// decimal1 writes v rounded to one decimal, its whole part grouped as
// Number groups it and its decimal separator the language's (a comma in
// Russian).
func (p *Printer) decimal1(v float64) string {
	tenths := int64(math.Round(v * 10))
	sep := "."
	if p.lang == "ru" {
		sep = ","
	}
	var b strings.Builder
	b.WriteString(p.Number(tenths / 10))
	b.WriteString(sep)
	b.WriteString(strconv.FormatInt(tenths%10, 10))
	return b.String()
}
