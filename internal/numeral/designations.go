package numeral

import (
	"strings"
)

// hanNames are the Chinese names of designations that Chinese writes
// with the number of the original: 图-154 is Tu-154, 苏-35 Su-35, 米格-29
// MiG-29, 歼-20 J-20, 东风-41 DF-41. Each maps to the letters it stands
// for, in upper case. Characters that are also units before a range
// (米 for Mi, metres; 卡 for Ka, calories) are left out.
var hanNames = map[string]string{
	"图": "TU", "苏": "SU", "米格": "MIG", "伊尔": "IL", "安": "AN", "雅克": "YAK", "别": "BE",
	"歼": "J", "运": "Y", "轰": "H", "东风": "DF", "长征": "CZ",
}

// hanDesignation returns the letters of the Chinese designation name that
// text ends with (图, 米格), as hanNames gives them, and where the name
// begins; "" when text ends with no such name. The longest name wins.
func hanDesignation(text string) (string, int) {
	best, at := "", -1
	for name, latin := range hanNames {
		if strings.HasSuffix(text, name) && (at < 0 || len(text)-len(name) < at) {
			best, at = latin, len(text)-len(name)
		}
	}
	return best, at
}
