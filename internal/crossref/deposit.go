package crossref

import "encoding/xml"

// The Crossref 5.4.0 deposit as far as tandem fills it. Field order is the
// schema's sequence order; optional parts are omitted when empty.

// Namespace is the namespace of the Crossref 5.4.0 deposit schema, and
// RelationsNamespace that of its relations program.
const (
	Namespace          = "http://www.crossref.org/schema/5.4.0"
	RelationsNamespace = "http://www.crossref.org/relations.xsd"
)

type batch struct {
	XMLName xml.Name `xml:"http://www.crossref.org/schema/5.4.0 doi_batch"`
	Version string   `xml:"version,attr"`
	Head    head     `xml:"head"`
	Books   []bookEl `xml:"body>book"`
}

type head struct {
	BatchID    string `xml:"doi_batch_id"`
	Timestamp  string `xml:"timestamp"`
	Depositor  string `xml:"depositor>depositor_name"`
	Email      string `xml:"depositor>email_address"`
	Registrant string `xml:"registrant"`
}

type bookEl struct {
	Type     string        `xml:"book_type,attr"`
	Metadata bookMetadata  `xml:"book_metadata"`
	Items    []contentItem `xml:"content_item"`
}

type bookMetadata struct {
	Language     string          `xml:"language,attr"`
	Contributors *contributors   `xml:"contributors"`
	Titles       titles          `xml:"titles"`
	Date         publicationDate `xml:"publication_date"`
	ISBNs        []isbnEl        `xml:"isbn"`
	NoISBN       *noISBN         `xml:"noisbn"`
	Publisher    publisher       `xml:"publisher"`
	Relations    *program        `xml:"program"`
	DOIData      doiData         `xml:"doi_data"`
}

type contributors struct {
	Persons []personName `xml:"person_name"`
}

type personName struct {
	Sequence     string        `xml:"sequence,attr"`
	Role         string        `xml:"contributor_role,attr"`
	GivenName    string        `xml:"given_name,omitempty"`
	Surname      string        `xml:"surname,omitempty"`
	Name         string        `xml:"name,omitempty"`
	Affiliations *affiliations `xml:"affiliations"`
	ORCID        string        `xml:"ORCID,omitempty"`
}

type affiliations struct {
	Institutions []institution `xml:"institution"`
}

type institution struct {
	Name string `xml:"institution_name"`
}

type titles struct {
	Title    string     `xml:"title"`
	Subtitle string     `xml:"subtitle,omitempty"`
	Original *langTitle `xml:"original_language_title"`
}

type langTitle struct {
	Language string `xml:"language,attr"`
	Value    string `xml:",chardata"`
}

type publicationDate struct {
	MediaType string `xml:"media_type,attr"`
	Month     string `xml:"month"`
	Day       string `xml:"day"`
	Year      string `xml:"year"`
}

type isbnEl struct {
	MediaType string `xml:"media_type,attr"`
	Value     string `xml:",chardata"`
}

type noISBN struct {
	Reason string `xml:"reason,attr"`
}

type publisher struct {
	Name  string `xml:"publisher_name"`
	Place string `xml:"publisher_place,omitempty"`
}

type doiData struct {
	DOI      string `xml:"doi"`
	Resource string `xml:"resource"`
}

type contentItem struct {
	Type            string        `xml:"component_type,attr"`
	Language        string        `xml:"language,attr"`
	Contributors    *contributors `xml:"contributors"`
	Titles          titles        `xml:"titles"`
	ComponentNumber string        `xml:"component_number"`
	Relations       *program      `xml:"program"`
	DOIData         doiData       `xml:"doi_data"`
}

// program is the relations program (rel:program). It is written with the
// relations namespace as its default namespace, which its children
// inherit: the same names as the customary rel: prefix gives them.
type program struct {
	XMLName xml.Name      `xml:"http://www.crossref.org/relations.xsd program"`
	Items   []relatedItem `xml:"related_item"`
}

type relatedItem struct {
	Relation relation `xml:"intra_work_relation"`
}

type relation struct {
	Type           string `xml:"relationship-type,attr"`
	IdentifierType string `xml:"identifier-type,attr"`
	Value          string `xml:",chardata"`
}
