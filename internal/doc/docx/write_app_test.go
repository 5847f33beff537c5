package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// TestWriteNamesItsApplication checks the extended properties
// (docProps/app.xml) of what Write writes with an Application: it names
// that application, without the template's AppVersion (Office's version,
// "16.0000", which no longer goes with it), and keeps the template's other
// properties; a template without them gets them. Without an Application,
// the template's are left as they are.
func TestWriteNamesItsApplication(t *testing.T) {
	const app = "tandem v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified)"
	word := pkgParts(handmadeBody)
	word["docProps/app.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Properties xmlns="` + nsExtProps + `" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Template>Normal.dotm</Template><Pages>3</Pages><Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion></Properties>`
	word["_rels/.rels"] = strings.Replace(word["_rels/.rels"], `</Relationships>`,
		`<Relationship Id="rId3" Type="`+relExtProps+`" Target="docProps/app.xml"/></Relationships>`, 1)
	word["[Content_Types].xml"] = strings.Replace(word["[Content_Types].xml"], `</Types>`,
		`<Override PartName="/docProps/app.xml" ContentType="`+ctExtendedProp+`"/></Types>`, 1)
	libreOffice, err := os.ReadFile("testdata/manuscript-ru.docx")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		template []byte
		kept     []string // properties of the template that stay
	}{
		{"no template", nil, nil},
		{"template without properties", zipParts(t, pkgParts(handmadeBody)), nil},
		{"Word's", zipParts(t, word), []string{"<Template>Normal.dotm</Template>", "<Pages>3</Pages>"}},
		{"LibreOffice's", libreOffice, []string{"<TotalTime>0</TotalTime>"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := readBytes(t, zipParts(t, pkgParts(handmadeBody)))
			if err != nil {
				t.Fatal(err)
			}
			opt := WriteOptions{Application: app}
			if c.template != nil {
				if opt.Template, err = OpenTemplate(c.template, Limits{}); err != nil {
					t.Fatal(err)
				}
			}
			out := write(t, d, opt)
			checkPackage(t, out)
			props := zipPart(t, out, "docProps/app.xml")
			if !strings.Contains(props, "<Application>"+app+"</Application>") || strings.Count(props, "<Application>") != 1 || strings.Contains(props, "AppVersion") {
				t.Errorf("docProps/app.xml:\n%s", props)
			}
			for _, k := range c.kept {
				if !strings.Contains(props, k) {
					t.Errorf("docProps/app.xml lost the template's %s:\n%s", k, props)
				}
			}
		})
	}
	tm, err := OpenTemplate(zipParts(t, word), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := readBytes(t, zipParts(t, pkgParts(handmadeBody)))
	if err != nil {
		t.Fatal(err)
	}
	if props := zipPart(t, write(t, d, WriteOptions{Template: tm}), "docProps/app.xml"); props != word["docProps/app.xml"] {
		t.Errorf("without an Application, docProps/app.xml became:\n%s", props)
	}
}

// zipPart returns the content of the part name of the package pkg.
func zipPart(t *testing.T, pkg []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no part %s in the package", name)
	return ""
}
