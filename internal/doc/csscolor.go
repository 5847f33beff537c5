package doc

import (
	"math"
	"strconv"
	"strings"
)

// cssNamedColors are the 148 colour keywords of CSS Color Module Level 4,
// as six upper-case hex digits.
var cssNamedColors = map[string]string{
	"aliceblue": "F0F8FF", "antiquewhite": "FAEBD7", "aqua": "00FFFF", "aquamarine": "7FFFD4",
	"azure": "F0FFFF", "beige": "F5F5DC", "bisque": "FFE4C4", "black": "000000",
	"blanchedalmond": "FFEBCD", "blue": "0000FF", "blueviolet": "8A2BE2", "brown": "A52A2A",
	"burlywood": "DEB887", "cadetblue": "5F9EA0", "chartreuse": "7FFF00", "chocolate": "D2691E",
	"coral": "FF7F50", "cornflowerblue": "6495ED", "cornsilk": "FFF8DC", "crimson": "DC143C",
	"cyan": "00FFFF", "darkblue": "00008B", "darkcyan": "008B8B", "darkgoldenrod": "B8860B",
	"darkgray": "A9A9A9", "darkgreen": "006400", "darkgrey": "A9A9A9", "darkkhaki": "BDB76B",
	"darkmagenta": "8B008B", "darkolivegreen": "556B2F", "darkorange": "FF8C00", "darkorchid": "9932CC",
	"darkred": "8B0000", "darksalmon": "E9967A", "darkseagreen": "8FBC8F", "darkslateblue": "483D8B",
	"darkslategray": "2F4F4F", "darkslategrey": "2F4F4F", "darkturquoise": "00CED1", "darkviolet": "9400D3",
	"deeppink": "FF1493", "deepskyblue": "00BFFF", "dimgray": "696969", "dimgrey": "696969",
	"dodgerblue": "1E90FF", "firebrick": "B22222", "floralwhite": "FFFAF0", "forestgreen": "228B22",
	"fuchsia": "FF00FF", "gainsboro": "DCDCDC", "ghostwhite": "F8F8FF", "gold": "FFD700",
	"goldenrod": "DAA520", "gray": "808080", "green": "008000", "greenyellow": "ADFF2F",
	"grey": "808080", "honeydew": "F0FFF0", "hotpink": "FF69B4", "indianred": "CD5C5C",
	"indigo": "4B0082", "ivory": "FFFFF0", "khaki": "F0E68C", "lavender": "E6E6FA",
	"lavenderblush": "FFF0F5", "lawngreen": "7CFC00", "lemonchiffon": "FFFACD", "lightblue": "ADD8E6",
	"lightcoral": "F08080", "lightcyan": "E0FFFF", "lightgoldenrodyellow": "FAFAD2", "lightgray": "D3D3D3",
	"lightgreen": "90EE90", "lightgrey": "D3D3D3", "lightpink": "FFB6C1", "lightsalmon": "FFA07A",
	"lightseagreen": "20B2AA", "lightskyblue": "87CEFA", "lightslategray": "778899", "lightslategrey": "778899",
	"lightsteelblue": "B0C4DE", "lightyellow": "FFFFE0", "lime": "00FF00", "limegreen": "32CD32",
	"linen": "FAF0E6", "magenta": "FF00FF", "maroon": "800000", "mediumaquamarine": "66CDAA",
	"mediumblue": "0000CD", "mediumorchid": "BA55D3", "mediumpurple": "9370DB", "mediumseagreen": "3CB371",
	"mediumslateblue": "7B68EE", "mediumspringgreen": "00FA9A", "mediumturquoise": "48D1CC", "mediumvioletred": "C71585",
	"midnightblue": "191970", "mintcream": "F5FFFA", "mistyrose": "FFE4E1", "moccasin": "FFE4B5",
	"navajowhite": "FFDEAD", "navy": "000080", "oldlace": "FDF5E6", "olive": "808000",
	"olivedrab": "6B8E23", "orange": "FFA500", "orangered": "FF4500", "orchid": "DA70D6",
	"palegoldenrod": "EEE8AA", "palegreen": "98FB98", "paleturquoise": "AFEEEE", "palevioletred": "DB7093",
	"papayawhip": "FFEFD5", "peachpuff": "FFDAB9", "peru": "CD853F", "pink": "FFC0CB",
	"plum": "DDA0DD", "powderblue": "B0E0E6", "purple": "800080", "rebeccapurple": "663399",
	"red": "FF0000", "rosybrown": "BC8F8F", "royalblue": "4169E1", "saddlebrown": "8B4513",
	"salmon": "FA8072", "sandybrown": "F4A460", "seagreen": "2E8B57", "seashell": "FFF5EE",
	"sienna": "A0522D", "silver": "C0C0C0", "skyblue": "87CEEB", "slateblue": "6A5ACD",
	"slategray": "708090", "slategrey": "708090", "snow": "FFFAFA", "springgreen": "00FF7F",
	"steelblue": "4682B4", "tan": "D2B48C", "teal": "008080", "thistle": "D8BFD8",
	"tomato": "FF6347", "turquoise": "40E0D0", "violet": "EE82EE", "wheat": "F5DEB3",
	"white": "FFFFFF", "whitesmoke": "F5F5F5", "yellow": "FFFF00", "yellowgreen": "9ACD32",
}

// cssColor reads a CSS colour value: #RGB, #RGBA, #RRGGBB, #RRGGBBAA,
// rgb() or rgba() (numbers or percentages, commas or spaces, an alpha
// after "/" or a fourth number), or one of the named colours. It returns
// the colour as six upper-case hex digits and whether it was written as
// a name; "" for a colour that is no colour of its own (transparent,
// fully transparent, inherit, currentColor, Word's windowtext and auto)
// or that it cannot read.
func cssColor(v string) (hex string, named bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if h, ok := strings.CutPrefix(v, "#"); ok {
		switch len(h) {
		case 3, 4:
			if len(h) == 4 && h[3] == '0' {
				return "", false
			}
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		case 8:
			if h[6:] == "00" {
				return "", false
			}
			h = h[:6]
		}
		return HexColor(h), false
	}
	if c, ok := cssNamedColors[v]; ok {
		return c, true
	}
	fn, args, ok := strings.Cut(v, "(")
	if !ok || (fn != "rgb" && fn != "rgba") || !strings.HasSuffix(args, ")") {
		return "", false
	}
	args = strings.TrimSuffix(args, ")")
	args, alpha, slash := strings.Cut(args, "/")
	parts := strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(parts) == 4 && !slash {
		alpha, parts = parts[3], parts[:3]
	}
	if len(parts) != 3 {
		return "", false
	}
	if a, ok := cssNumber(alpha, 1); ok && a == 0 {
		return "", false
	}
	var b strings.Builder
	for _, p := range parts {
		n, ok := cssNumber(p, 255)
		if !ok {
			return "", false
		}
		n = min(max(math.Round(n), 0), 255)
		b.WriteString(strings.ToUpper(strconv.FormatInt(int64(n)+0x100, 16)[1:]))
	}
	return b.String(), false
}

// cssNumber reads a number or a percentage of whole; false when s is
// neither. An empty s is not read (false).
func cssNumber(s string, whole float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		return f / 100 * whole, err == nil
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// backgroundColor finds the colour in the value of a CSS background
// shorthand ("yellow", "#FF0 url(x.png) no-repeat", "rgb(255 255 0)").
func backgroundColor(v string) (hex string, named bool) {
	depth, start := 0, 0
	var tokens []string
	for i, r := range v + " " {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case (r == ' ' || r == '\t' || r == ',') && depth <= 0:
			if t := strings.TrimSpace(v[start:min(i, len(v))]); t != "" {
				tokens = append(tokens, t)
			}
			start = i + 1
		}
	}
	for _, t := range tokens {
		if hex, named := cssColor(t); hex != "" {
			return hex, named
		}
	}
	return "", false
}

// highlightOf returns the DOCX highlighter colour (ST_HighlightColor) of
// six hex digits, or "" when no highlighter has that colour.
func highlightOf(hex string) string {
	for name, c := range highlightColors {
		if hex != "" && c == "#"+hex {
			return name
		}
	}
	return ""
}

// msoHighlight reads the value of Word's mso-highlight property, which
// names a highlighter colour as a CSS colour ("yellow", "lime", "navy")
// or as DOCX does ("darkBlue"); "" for none or a colour no highlighter
// has.
func msoHighlight(v string) string {
	v = strings.TrimSpace(v)
	if hex, _ := cssColor(v); hex != "" {
		if h := highlightOf(hex); h != "" {
			return h
		}
	}
	for name := range highlightColors {
		if strings.EqualFold(name, v) {
			return name
		}
	}
	return ""
}
