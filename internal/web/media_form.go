package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
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
	// ReadOnly is true for an account that may see the image but not
	// change its texts: the page shows them with no form.
	ReadOnly          bool
	Illustration      bool
	IllustrationLabel string
	// Owner names the partner whose team changes the image's texts; ""
	// when it belongs to none.
	Owner string
	// Partner chooses the partner an upload belongs to; nil when there
	// is no choice (the account may add media at one partner only).
	Partner *selectField
	// owners are the partners an upload may belong to, by id as the
	// select writes it ("0" for none).
	owners []string
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
	if pg.Partner != nil {
		pg.Partner.Chosen, pg.Partner.Errors = f.values.Get("partner"), f.errors["partner"]
	}
	if pg.ReadOnly {
		for _, m := range []*mlField{&pg.Alt, &pg.Caption, &pg.Credit} {
			m.ReadOnly = true
		}
		pg.Rights.ReadOnly = true
	}
	pg.Summary = f.summary("file", "partner", "alt", "caption", "credit", "rights")
}

// withOwners offers the partners an image the account uploads may belong
// to: those where it may add media, and for an admin every partner or
// none. With one choice only there is no select.
func (pg *mediaMetaPage) withOwners(rq *officeRequest, partners []*forum.Partner) {
	sel := &selectField{Name: "partner", Label: rq.T.T("office.content.media.owner.choose")}
	if rq.Account != nil && rq.Account.Admin {
		sel.Options = append(sel.Options, selectOption{"0", rq.T.T("office.content.media.owner.none")})
	}
	for _, p := range partners {
		if rq.Account != nil && (rq.Account.Admin || rq.can(account.SubjectMedia, account.Create, p.ID)) {
			name, _ := p.Name.In(rq.Lang)
			sel.Options = append(sel.Options, selectOption{itoa(p.ID), name})
		}
	}
	pg.owners = nil
	for _, o := range sel.Options {
		pg.owners = append(pg.owners, o.Value)
	}
	if len(sel.Options) > 1 {
		pg.Partner = sel
	}
}

// readOwner reads the partner an upload belongs to: the one chosen, which
// must be one of those offered, or the only one there is.
func (pg *mediaMetaPage) readOwner(f *form) int64 {
	v := f.values.Get("partner")
	switch {
	case pg.Partner == nil && len(pg.owners) == 1:
		v = pg.owners[0]
	case v == "" && slices.Contains(pg.owners, "0"):
		v = "0"
	}
	if !slices.Contains(pg.owners, v) {
		f.fail("partner", "office.form.choice")
		return 0
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	return id
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
