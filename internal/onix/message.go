package onix

import "encoding/xml"

// The ONIX for Books 3.0 message in reference tags, as far as tandem fills
// it. Field order is the schema's sequence order; optional parts are
// omitted when empty.

// Namespace is the namespace of ONIX 3.0 reference tags.
const Namespace = "http://ns.editeur.org/onix/3.0/reference"

type message struct {
	XMLName  xml.Name  `xml:"http://ns.editeur.org/onix/3.0/reference ONIXMessage"`
	Release  string    `xml:"release,attr"`
	Header   header    `xml:"Header"`
	Products []product `xml:"Product"`
}

type header struct {
	SenderName   string `xml:"Sender>SenderName"`
	EmailAddress string `xml:"Sender>EmailAddress,omitempty"`
	SentDateTime string `xml:"SentDateTime"`
	MessageNotes []text `xml:"MessageNote"`
}

// text is an element with text in one language (attribute language, ONIX
// list 74) and, optionally, one script (textscript, list 121).
type text struct {
	Language string `xml:"language,attr,omitempty"`
	Script   string `xml:"textscript,attr,omitempty"`
	Value    string `xml:",chardata"`
}

type product struct {
	RecordReference   string            `xml:"RecordReference"`
	NotificationType  string            `xml:"NotificationType"`
	ProductIdentifier []identifier      `xml:"ProductIdentifier"`
	Descriptive       descriptiveDetail `xml:"DescriptiveDetail"`
	Content           *contentDetail    `xml:"ContentDetail"`
	Publishing        publishingDetail  `xml:"PublishingDetail"`
	Related           *relatedMaterial  `xml:"RelatedMaterial"`
}

type identifier struct {
	Type  string `xml:"ProductIDType"`
	Value string `xml:"IDValue"`
}

type descriptiveDetail struct {
	ProductComposition string        `xml:"ProductComposition"`
	ProductForm        string        `xml:"ProductForm"`
	ProductFormDetail  []string      `xml:"ProductFormDetail"`
	PrimaryContentType string        `xml:"PrimaryContentType"`
	Titles             []titleDetail `xml:"TitleDetail"`
	Contributors       []contributor `xml:"Contributor"`
	Languages          []language    `xml:"Language"`
}

type titleDetail struct {
	TitleType string       `xml:"TitleType"`
	Element   titleElement `xml:"TitleElement"`
}

type titleElement struct {
	Level    string `xml:"TitleElementLevel"`
	Text     text   `xml:"TitleText"`
	Subtitle *text  `xml:"Subtitle"`
}

type contributor struct {
	SequenceNumber int               `xml:"SequenceNumber"`
	Role           string            `xml:"ContributorRole"`
	FromLanguage   string            `xml:"FromLanguage,omitempty"`
	ToLanguage     string            `xml:"ToLanguage,omitempty"`
	NameIdentifier *nameIdentifier   `xml:"NameIdentifier"`
	PersonName     text              `xml:"PersonName"`
	Inverted       *text             `xml:"PersonNameInverted"`
	NamesBeforeKey *text             `xml:"NamesBeforeKey"`
	KeyNames       *text             `xml:"KeyNames"`
	NamesAfterKey  *text             `xml:"NamesAfterKey"`
	Alternatives   []alternativeName `xml:"AlternativeName"`
	Affiliation    *text             `xml:"ProfessionalAffiliation>Affiliation"`
}

type nameIdentifier struct {
	Type  string `xml:"NameIDType"`
	Value string `xml:"IDValue"`
}

type alternativeName struct {
	NameType   string `xml:"NameType"`
	PersonName text   `xml:"PersonName"`
}

type language struct {
	Role string `xml:"LanguageRole"`
	Code string `xml:"LanguageCode"`
}

type contentDetail struct {
	Items []contentItem `xml:"ContentItem"`
}

type contentItem struct {
	TextItem        textItem      `xml:"TextItem"`
	ComponentNumber string        `xml:"ComponentNumber"`
	Titles          []titleDetail `xml:"TitleDetail"`
	Contributors    []contributor `xml:"Contributor"`
	Languages       []language    `xml:"Language"`
	// A content item's related works stand in it directly, without the
	// RelatedMaterial composite a product has.
	Works []relatedWork `xml:"RelatedWork"`
}

type textItem struct {
	Type        string          `xml:"TextItemType"`
	Identifiers []textItemIdent `xml:"TextItemIdentifier"`
}

type textItemIdent struct {
	Type  string `xml:"TextItemIDType"`
	Value string `xml:"IDValue"`
}

type publishingDetail struct {
	Publisher          publisher      `xml:"Publisher"`
	City               *text          `xml:"CityOfPublication"`
	Country            string         `xml:"CountryOfPublication,omitempty"`
	Status             string         `xml:"PublishingStatus"`
	StatusNotes        []text         `xml:"PublishingStatusNote"`
	Date               publishingDate `xml:"PublishingDate"`
	SalesRights        *salesRights   `xml:"SalesRights"`
	ROWSalesRightsType string         `xml:"ROWSalesRightsType,omitempty"`
}

type publisher struct {
	Role string `xml:"PublishingRole"`
	Name text   `xml:"PublisherName"`
}

type publishingDate struct {
	Role string `xml:"PublishingDateRole"`
	Date string `xml:"Date"`
}

type salesRights struct {
	Type      string `xml:"SalesRightsType"`
	Countries string `xml:"Territory>CountriesIncluded,omitempty"`
	Regions   string `xml:"Territory>RegionsIncluded,omitempty"`
}

type relatedMaterial struct {
	Works    []relatedWork    `xml:"RelatedWork"`
	Products []relatedProduct `xml:"RelatedProduct"`
}

type relatedWork struct {
	Code       string         `xml:"WorkRelationCode"`
	Identifier workIdentifier `xml:"WorkIdentifier"`
}

type workIdentifier struct {
	Type  string `xml:"WorkIDType"`
	Value string `xml:"IDValue"`
}

type relatedProduct struct {
	Code        string     `xml:"ProductRelationCode"`
	Identifier  identifier `xml:"ProductIdentifier"`
	ProductForm string     `xml:"ProductForm"`
	FormDetail  []string   `xml:"ProductFormDetail"`
}
