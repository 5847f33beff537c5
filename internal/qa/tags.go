package qa

import (
	"slices"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
)

// titleFormats are the formatting types that English gives to titles of
// books, papers and newspapers; Russian writes such titles in «…» and
// Chinese in 《…》 instead.
var titleFormats = map[string]bool{"italic": true, "i": true, "em": true, "emphasis": true, "x-italic": true}

// checkTags compares inline codes by kind and id; their order may change.
// A span of italics the translation leaves out is no finding when the
// translation marks a title with «…» or 《…》 as its language does.
func checkTags(src, tgt interchange.Content, to string, add addFunc) {
	key := func(r interchange.Run) string {
		kind := map[interchange.RunKind]string{interchange.Open: "start", interchange.Close: "end", interchange.Standalone: "code"}[r.Kind]
		return kind + " " + r.ID
	}
	count := map[string]int{}
	types := map[string]string{}
	for _, r := range src.Codes() {
		count[key(r)]++
		if r.Kind == interchange.Open {
			types[r.ID] = strings.ToLower(r.Type)
		}
	}
	for _, r := range tgt.Codes() {
		count[key(r)]--
	}
	plain := tgt.Plain()
	titles := to == "ru" && strings.Contains(plain, "«") || to == "zh" && strings.Contains(plain, "《")
	var missing, extra []string
	for k, n := range count {
		if n > 0 && titles {
			kind, id, _ := strings.Cut(k, " ")
			other := map[string]string{"start": "end", "end": "start"}[kind]
			if titleFormats[types[id]] && other != "" && count[other+" "+id] == n {
				continue
			}
		}
		for ; n > 0; n-- {
			missing = append(missing, k)
		}
		for ; n < 0; n++ {
			extra = append(extra, k)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing) > 0 {
		add("tags", Error, "inline codes missing in the translation: %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		add("tags", Error, "inline codes not in the source: %s", strings.Join(extra, ", "))
	}
}
