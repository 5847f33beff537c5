package docx

import (
	"bytes"
)

// The package a document without a template (a Markdown manuscript) is
// written over: A4 pages, Times New Roman with SimSun for East Asian text,
// Word's default styles; the styles a document needs beyond these (headings,
// quotations, captions, notes, links) are added as it is written.

const wDecl = ` xmlns:w="` + nsW + `"`

const blankStyles = xmlDecl + `<w:styles` + wDecl + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/>` +
	`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
	`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>` +
	`<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>` +
	`</w:styles>`

func blankNotes(elem string) string {
	sep := `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>`
	return xmlDecl + `<w:` + elem + `s` + wDecl + `>` +
		`<w:` + elem + ` w:type="separator" w:id="-1"><w:p>` + sep + `<w:r><w:separator/></w:r></w:p></w:` + elem + `>` +
		`<w:` + elem + ` w:type="continuationSeparator" w:id="0"><w:p>` + sep + `<w:r><w:continuationSeparator/></w:r></w:p></w:` + elem + `>` +
		`</w:` + elem + `s>`
}

var blankParts = []zipFile{
	{"[Content_Types].xml", []byte(xmlDecl + `<Types xmlns="` + nsTypes + `">` +
		`<Default Extension="rels" ContentType="` + ctRels + `"/><Default Extension="xml" ContentType="` + ctXML + `"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + ctMain + `"/>` +
		`<Override PartName="/word/styles.xml" ContentType="` + ctWordML + `styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="` + ctWordML + `settings+xml"/>` +
		`<Override PartName="/word/footnotes.xml" ContentType="` + ctWordML + `footnotes+xml"/>` +
		`<Override PartName="/word/endnotes.xml" ContentType="` + ctWordML + `endnotes+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="` + ctCoreProps + `"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="` + ctExtendedProp + `"/>` +
		`</Types>`)},
	{"_rels/.rels", []byte(xmlDecl + `<Relationships xmlns="` + nsPkgRels + `">` +
		`<Relationship Id="rId1" Type="` + relOfficeDoc + `" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="` + relCoreProps + `" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relExtProps + `" Target="docProps/app.xml"/>` +
		`</Relationships>`)},
	{"docProps/core.xml", []byte(xmlDecl + `<cp:coreProperties xmlns:cp="` + nsCoreProp + `" xmlns:dc="` + nsDC + `"` +
		` xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`)},
	{"docProps/app.xml", []byte(xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>tandem</Application></Properties>`)},
	{"word/document.xml", []byte(xmlDecl + `<w:document` + wDecl + `><w:body><w:sectPr>` + defaultSections + `</w:sectPr></w:body></w:document>`)},
	{"word/_rels/document.xml.rels", []byte(xmlDecl + `<Relationships xmlns="` + nsPkgRels + `">` +
		`<Relationship Id="rId1" Type="` + relBase + `styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="` + relBase + `settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="` + relBase + `footnotes" Target="footnotes.xml"/>` +
		`<Relationship Id="rId4" Type="` + relBase + `endnotes" Target="endnotes.xml"/>` +
		`</Relationships>`)},
	{"word/styles.xml", []byte(blankStyles)},
	{"word/settings.xml", []byte(xmlDecl + `<w:settings` + wDecl + `><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
		`<w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>` +
		`<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-GB" w:eastAsia="zh-CN"/></w:settings>`)},
	{"word/footnotes.xml", []byte(blankNotes("footnote"))},
	{"word/endnotes.xml", []byte(blankNotes("endnote"))},
}

// blankTemplate opens tandem's own package as a template.
func blankTemplate() (*Template, error) {
	var buf bytes.Buffer
	if err := writeZip(&buf, append([]zipFile(nil), blankParts...)); err != nil {
		return nil, err
	}
	return OpenTemplate(buf.Bytes(), Limits{})
}
