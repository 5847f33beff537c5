package web

import (
	"net/url"
	"strconv"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

// mediaPerPage is how many images a page of the library shows.
const mediaPerPage = 24

// mediaMetaPage is the form of what is said about an image: alt text,
// caption and credit per language, whether it is an illustration, and its
// rights.
type mediaMetaPage struct {
	Form                 *form
	Image                *media.Image
	Action               string
	Summary              *errorSummary
	Message              string
	Alt, Caption, Credit mlField
	Rights               inputField
	FileError            []string
	// ReadOnly is true for an account that may see the library but not
	// change its texts: the form has no save button.
	ReadOnly          bool
	Illustration      bool
	IllustrationLabel string
}

// mediaValues returns the form values of an image's metadata.
func mediaValues(im *media.Image) url.Values {
	v := url.Values{}
	putText(v, "alt", im.Alt)
	putText(v, "caption", im.Caption)
	putText(v, "credit", im.Credit)
	v.Set("rights", im.Rights)
	if im.Illustration {
		v.Set("illustration", "1")
	}
	return v
}

// readMediaMeta reads the metadata of an image from the form.
func readMediaMeta(f *form) media.Meta {
	return media.Meta{
		Alt:          f.mltext("alt", contentLangs, false, false, 300),
		Caption:      f.mltext("caption", contentLangs, false, false, 500),
		Credit:       f.mltext("credit", contentLangs, false, false, 300),
		Rights:       f.text("rights", false, 300),
		Illustration: f.values.Get("illustration") != "",
	}
}

// fill gives the page the views of its form's fields.
func (pg *mediaMetaPage) fill(t *i18n.Printer) {
	f := pg.Form
	pg.Alt = f.field("alt", t.T("office.content.image.alt"), contentLangs, false, false, 300)
	pg.Alt.Hint = t.T("office.content.image.althint")
	pg.Caption = f.field("caption", t.T("office.content.image.caption"), contentLangs, false, false, 500)
	pg.Credit = f.field("credit", t.T("office.content.image.credit"), contentLangs, false, false, 300)
	pg.Rights = f.input("rights", t.T("office.content.image.rights"), "", "text", false, 300)
	pg.Illustration = f.values.Get("illustration") != ""
	pg.IllustrationLabel = t.T("office.content.image.illustration")
	pg.FileError = f.errors["file"]
	pg.Summary = f.summary("file", "alt", "caption", "credit", "rights")
}

// mediaTile is an image as the library shows it.
type mediaTile struct {
	*media.Image
	Thumb                media.File
	Name                 string
	Alt, Caption, Credit []langState
}

func newMediaTile(t *i18n.Printer, l string, im *media.Image) mediaTile {
	name, _ := im.Alt.In(l)
	if name == "" {
		name, _ = im.Caption.In(l)
	}
	if name == "" {
		name = "#" + strconv.FormatInt(im.ID, 10)
	}
	return mediaTile{Image: im, Thumb: im.Smallest(), Name: name,
		Alt: langStates(t, im.Alt, contentLangs), Caption: langStates(t, im.Caption, contentLangs), Credit: langStates(t, im.Credit, contentLangs)}
}

// metaTexts are an image's texts by field, for the event log.
func metaTexts(m media.Meta) map[string]lang.Text {
	return map[string]lang.Text{"alt": m.Alt, "caption": m.Caption, "credit": m.Credit}
}
