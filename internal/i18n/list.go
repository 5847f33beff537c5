package i18n

import "strings"

// List joins items as a sentence does, by CLDR's "and" list patterns:
// "A, B and C" and "A and B" in (British) English, "A, B и C" in Russian,
// "A、B和C" in Chinese.
func (p *Printer) List(items []string) string {
	sep, and, lastAnd := ", ", " and ", " and "
	switch p.lang {
	case "ru":
		sep, and, lastAnd = ", ", " и ", " и "
	case "zh":
		sep, and, lastAnd = "、", "和", "和"
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + and + items[1]
	}
	last := len(items) - 1
	return strings.Join(items[:last], sep) + lastAnd + items[last]
}

// Quote puts s in the language's quotation marks: “s” in English and
// Chinese, «s» in Russian.
func (p *Printer) Quote(s string) string {
	if p.lang == "ru" {
		return "«" + s + "»"
	}
	return "“" + s + "”"
}

// InTitleMarks prepares s to go inside a message's Chinese book-title
// marks (《%s》): title marks within it become the inner ones, as Chinese
// nests them (《〈条约〉二十年》), and inner ones already there are kept.
// Other languages get s as it is.
func (p *Printer) InTitleMarks(s string) string {
	if p.lang != "zh" {
		return s
	}
	return strings.NewReplacer("《", "〈", "》", "〉").Replace(s)
}

// Apposition writes a name followed by what describes it, as a sentence sets
// off an apposition: "Sergey Lavrov, Minister of Foreign Affairs" in English
// and Russian, "王毅，国务委员兼外交部长" with the full-width comma in Chinese.
// An empty description leaves the name alone.
func (p *Printer) Apposition(name, description string) string {
	if description == "" {
		return name
	}
	if name == "" {
		return description
	}
	return name + p.Comma() + description
}

// Comma returns the comma that sets off a phrase in running text: ", " in
// English and Russian, the full-width "，" (which carries its own space) in
// Chinese.
func (p *Printer) Comma() string {
	if p.lang == "zh" {
		return "，"
	}
	return ", "
}
