package isbn

import (
	"strings"
	"sync"
)

// ranges are the registrant ranges of the groups tandem's publishers use:
// 978-0 and 978-1 (English language), 978-5 (Russia, the former USSR's
// group) and 978-7 (China). Each range is the first digits after the group
// (of the seven that follow a one-digit group), as "low-high"; the length
// of low is the length of the registrant element. Digits in no range are
// not allotted.
//
// Source: the International ISBN Agency's RangeMessage.xml, file date
// Sun, 13 Nov 2022 16:58:20 GMT (serial 4c6c2700-2979-40f9-ad1b-340395f6df54),
// as Debian's python3-stdnum 1.18 ships it in stdnum/isbn.dat. A newer
// RangeMessage only adds ranges to these groups' unallotted space, where
// Hyphenate gives the digits unhyphenated.
var ranges = map[string]string{
	"9780": "00-19,200-227,2280-2289,229-368,3690-3699,370-638,6390-6397," +
		"6398000-6399999,640-644,6450000-6459999,646-647,6480000-6489999,649-654," +
		"6550-6559,656-699,7000-8499,85000-89999,900000-949999,9500000-9999999",
	"9781": "000-009,01-02,030-034,0350-0399,04-06,0700-0999,100-397,3980-5499," +
		"55000-64999,6500-6799,68000-68599,6860-7139,714-716,7170-7319," +
		"7320000-7399999,74000-77499,7750000-7753999,77540-77639,7764000-7764999," +
		"77650-77699,7770000-7782999,77830-78999,7900-7999,80000-80049," +
		"80050-80499,80500-83799,8380000-8384999,83850-86719,8672-8675," +
		"86760-86979,869800-915999,9160000-9165059,916506-916869,9168700-9169079," +
		"916908-919599,9196000-9196549,919655-972999,9730-9877,987800-991149," +
		"9911500-9911999,991200-998989,9989900-9999999",
	"9785": "00000-00499,0050-0099,01-19,200-420,4210-4299,430-430,4310-4399,440-440," +
		"4410-4499,450-603,6040000-6049999,605-699,7000-8499,85000-89999," +
		"900000-909999,91000-91999,9200-9299,93000-94999,9500000-9500999," +
		"9501-9799,98000-98999,9900000-9909999,9910-9999",
	"9787": "00-09,100-499,5000-7999,80000-89999,900000-999999",
}

// span is one registrant range: low and high of equal length, the
// registrant element's length.
type span struct{ low, high string }

var spans = sync.OnceValue(func() map[string][]span {
	out := make(map[string][]span, len(ranges))
	for group, rs := range ranges {
		for _, r := range strings.Split(rs, ",") {
			low, high, _ := strings.Cut(r, "-")
			out[group] = append(out[group], span{low, high})
		}
	}
	return out
})

// Hyphenate returns an ISBN-13 given as thirteen digits (as Parse returns
// it) with hyphens between its prefix, group, registrant, publication and
// check digit, as the International ISBN Agency's ranges place them
// ("9785999990013" → "978-5-9999-9001-3"). It returns the text as given
// when it is not thirteen digits or its group or registrant range is not
// one tandem knows (see ranges): the digits without hyphens are always
// right, hyphens in the wrong places are not.
func Hyphenate(n string) string {
	if len(n) != 13 || strings.Trim(n, "0123456789") != "" {
		return n
	}
	prefix := n[:4] // the known groups are all one digit
	rest := n[4:12]
	for _, s := range spans()[prefix] {
		k := len(s.low)
		if k >= len(rest) {
			continue
		}
		if reg := rest[:k]; reg >= s.low && reg <= s.high {
			return n[:3] + "-" + n[3:4] + "-" + reg + "-" + rest[k:] + "-" + n[12:]
		}
	}
	return n
}
