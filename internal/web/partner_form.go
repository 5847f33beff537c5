package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// partnerPage is the office's form of a partner's public profile, new or
// being edited.
type partnerPage struct {
	Form    *form
	New     bool
	Action  string
	Head    *draftHead
	Summary *errorSummary
	// Message is a notice about the form as a whole (a stale version).
	Message                      string
	Slug                         string
	SlugInput, Country, Website  inputField
	Name, ShortName, Description mlField
	Logo                         *imageField
	// History is the partner's latest events; nil on a new one's form.
	History *historyView
}

// partnerValues returns the form values of a stored partner.
func partnerValues(p *forum.Partner, version int) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(version))
	v.Set("slug", p.Slug)
	putText(v, "name", p.Name)
	putText(v, "short_name", p.ShortName)
	putText(v, "description", p.Description)
	v.Set("country", p.Country)
	v.Set("website", p.Website)
	if p.LogoID != 0 {
		v.Set("logo", strconv.FormatInt(p.LogoID, 10))
	}
	return v
}

// readPartner reads the form into p, failing the fields that are wrong.
func readPartner(f *form, p *forum.Partner) {
	p.Name = f.mltext("name", contentLangs, true, false, 300)
	p.ShortName = f.mltext("short_name", contentLangs, true, false, 100)
	p.Description = f.mltext("description", contentLangs, false, true, 5000)
	p.Country = readCountry(f, "country")
	p.Website = readWebsite(f, "website")
}

// readCountry reads an ISO 3166-1 alpha-2 country code ("CN", "RU"),
// upper-cased.
func readCountry(f *form, field string) string {
	v := strings.ToUpper(f.text(field, true, 2))
	if v == "" || f.errors[field] != nil {
		return v
	}
	r, err := language.ParseRegion(v)
	if len(v) != 2 || err != nil || !r.IsCountry() || r.String() != v {
		f.fail(field, "office.content.country")
	}
	return v
}

// readWebsite reads an http or https address with a host.
func readWebsite(f *form, field string) string {
	v := f.text(field, false, 500)
	if v == "" || f.errors[field] != nil {
		return v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		f.fail(field, "office.content.website")
	}
	return v
}

// readSlug reads the slug of a new thing: well formed, and not yet taken
// (taken reports whether it is).
func readSlug(ctx context.Context, f *form, taken func(context.Context, string) (bool, error)) (string, error) {
	v := strings.ToLower(f.text("slug", true, 100))
	if v == "" || f.errors["slug"] != nil {
		return v, nil
	}
	if !forum.ValidSlug(v) {
		f.fail("slug", "office.content.slug")
		return v, nil
	}
	t, err := taken(ctx, v)
	if err != nil {
		return v, err
	}
	if t {
		f.fail("slug", "office.content.slugtaken")
	}
	return v, nil
}

// renderPartner writes the partner form with status.
func (s *Server) renderPartner(w http.ResponseWriter, rq *officeRequest, status int, pg *partnerPage) error {
	f := pg.Form
	pg.Slug = f.values.Get("slug")
	pg.SlugInput = f.input("slug", rq.T.T("office.content.slug.label"), rq.T.T("office.content.slug.hint"), "text", true, 100)
	pg.Country = f.input("country", rq.T.T("office.content.partner.country"), rq.T.T("office.content.partner.countryhint"), "text", true, 2)
	pg.Website = f.input("website", rq.T.T("office.content.partner.website"), rq.T.T("office.content.partner.websitehint"), "url", false, 500)
	pg.Name = f.field("name", rq.T.T("office.content.partner.name"), contentLangs, true, false, 300)
	pg.ShortName = f.field("short_name", rq.T.T("office.content.partner.shortname"), contentLangs, true, false, 100)
	pg.Description = f.field("description", rq.T.T("office.content.partner.description"), contentLangs, false, true, 5000)
	logo, err := s.imageField(rq.Context(), rq, f, "logo", rq.T.T("office.content.partner.logo"))
	if err != nil {
		return err
	}
	pg.Logo = logo
	pg.Summary = f.summary("slug", "name", "short_name", "description", "country", "website", "logo", "logo.file")
	if !pg.New && pg.Head != nil {
		if pg.History, err = s.history(rq, approval.Subject{Kind: pg.Head.Kind, ID: pg.Head.ID}.String()); err != nil {
			return err
		}
	}
	title := rq.T.T("office.content.partner.new")
	if !pg.New {
		title = rq.T.T("office.content.partner.edit", formText(f, "name", rq.Lang))
	}
	return s.officeRenderStatus(w, rq, status, "partner_form", "partners", title, pg)
}

// partnerSlugTaken reports whether a partner has the slug, published or
// not.
func (s *Server) partnerSlugTaken(ctx context.Context, slug string) (bool, error) {
	return found(s.forums.WithDrafts().PartnerBySlug(ctx, slug))
}
