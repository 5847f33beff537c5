package docx

import (
	"encoding/xml"
	"path"
	"strings"
)

// rel is one relationship of a part.
type rel struct {
	typ      string // last path element of the type URI: "image", "hyperlink", …
	target   string // a part name for internal targets, the URL for external ones
	external bool
}

// relsOf reads the relationships of a part; a part without them has none.
func (p *pkg) relsOf(part string) (map[string]rel, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	out := map[string]rel{}
	if !p.has(name) {
		return out, nil
	}
	x, err := p.xml(name)
	if err != nil {
		return nil, err
	}
	if _, err := x.root(); err != nil {
		return nil, err
	}
	err = x.children(func(s xml.StartElement) error {
		if s.Name.Local == "Relationship" {
			typ := attr(s, "Type")
			r := rel{typ: typ[strings.LastIndex(typ, "/")+1:], target: attr(s, "Target"),
				external: attr(s, "TargetMode") == "External"}
			if !r.external {
				r.target = resolve(dir, r.target)
			}
			out[attr(s, "Id")] = r
		}
		return x.skip()
	})
	return out, err
}

// resolve turns a relationship target into a part name.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return strings.TrimPrefix(path.Clean(path.Join("/", dir, target)), "/")
}

// mainPart finds the main document part through the package relationships.
func (p *pkg) mainPart() (string, error) {
	rels, err := p.relsOf("")
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if r.typ == "officeDocument" && !r.external && p.has(r.target) {
			return r.target, nil
		}
	}
	if p.has("word/document.xml") {
		return "word/document.xml", nil
	}
	return "", errNoMain
}
