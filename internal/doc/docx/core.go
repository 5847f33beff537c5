package docx

import (
	"encoding/xml"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

const nsDC = "http://purl.org/dc/elements/1.1/"

// coreProps are the document's core properties (docProps/core.xml) that
// the model keeps.
type coreProps struct {
	title    string
	authors  []string
	keywords []string
}

const nsCP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

// readCore reads the core properties the package relationships point at;
// a package without them has none.
func (p *pkg) readCore() (coreProps, error) {
	var c coreProps
	rels, err := p.relsOf("")
	if err != nil {
		return c, err
	}
	name := ""
	for _, r := range rels {
		if r.typ == "core-properties" && !r.external {
			name = r.target
		}
	}
	err = p.eachChild(name, func(x *xmlPart, s xml.StartElement) error {
		if s.Name.Space == nsCP && s.Name.Local == "keywords" {
			// Word's "Tags", separated by semicolons or commas.
			t, err := x.text()
			c.keywords = doc.SplitKeywords(t)
			return err
		}
		if s.Name.Space != nsDC {
			return x.skip()
		}
		switch s.Name.Local {
		case "title":
			t, err := x.text()
			c.title = strings.Join(strings.Fields(t), " ")
			return err
		case "creator":
			t, err := x.text()
			// Word joins several authors with semicolons.
			for _, a := range strings.Split(t, ";") {
				if a = strings.Join(strings.Fields(a), " "); a != "" {
					c.authors = append(c.authors, a)
				}
			}
			return err
		}
		return x.skip()
	})
	return c, err
}
