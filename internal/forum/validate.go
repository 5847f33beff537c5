package forum

import (
	"fmt"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
)

// The Validate functions check content as the Add and Update functions do
// before they write it; an error names the thing, the field and, for a text,
// the language. The office checks a draft with them before saving it.

// ValidatePartner checks a partner.
func ValidatePartner(p *Partner) error {
	if err := validate(p.Slug, map[string]lang.Text{"name": p.Name, "short name": p.ShortName, "description": p.Description}); err != nil {
		return fmt.Errorf("partner %s: %w", p.Slug, err)
	}
	if err := checkPlain(map[string]string{"country": p.Country, "website": p.Website}); err != nil {
		return fmt.Errorf("partner %s: %w", p.Slug, err)
	}
	return nil
}

// ValidatePerson checks a person.
func ValidatePerson(p *Person) error {
	if err := validate(p.Slug, map[string]lang.Text{"position": p.Position, "bio": p.Bio, "affiliation": p.Affiliation}); err != nil {
		return fmt.Errorf("person %s: %w", p.Slug, err)
	}
	if len(p.Names.Values) == 0 {
		return fmt.Errorf("person %s: no name", p.Slug)
	}
	if err := p.Names.Validate(); err != nil {
		return fmt.Errorf("person %s: names: %w", p.Slug, err)
	}
	return nil
}

// ValidateForum checks a forum's own fields and that each host is named
// once, by id.
func ValidateForum(f *Forum) error {
	if err := validate(f.Slug, map[string]lang.Text{"title": f.Title, "theme": f.Theme, "summary": f.Summary, "note": f.Note, "venue": f.Venue}); err != nil {
		return fmt.Errorf("forum %s: %w", f.Slug, err)
	}
	if f.EndsAt.Before(f.StartsAt) {
		return fmt.Errorf("forum %s: ends before it starts", f.Slug)
	}
	if _, err := timeZone(f.TimeZone); err != nil {
		return fmt.Errorf("forum %s: %w", f.Slug, err)
	}
	if err := checkLanguages("languages", f.Languages...); err != nil {
		return fmt.Errorf("forum %s: %w", f.Slug, err)
	}
	seen := map[int64]bool{}
	for _, h := range f.Hosts {
		if h == nil || h.ID == 0 {
			return fmt.Errorf("forum %s: hosts: a host without an id", f.Slug)
		}
		if seen[h.ID] {
			return fmt.Errorf("forum %s: hosts: partner %d named twice", f.Slug, h.ID)
		}
		seen[h.ID] = true
	}
	return nil
}

// ValidateSession checks a session's own fields.
func ValidateSession(s *Session) error {
	if err := validate("session", map[string]lang.Text{"title": s.Title, "room": s.Room}); err != nil {
		return err
	}
	if s.EndsAt.Before(s.StartsAt) {
		return fmt.Errorf("session %s: ends before it starts", s.Title)
	}
	return nil
}

// ValidateSpeech checks a speech's own fields.
func ValidateSpeech(sp *Speech) error {
	if err := validate(sp.Slug, map[string]lang.Text{"title": sp.Title, "summary": sp.Summary, "body": sp.Body}); err != nil {
		return fmt.Errorf("speech %s: %w", sp.Slug, err)
	}
	if !validKind(sp.Kind) {
		return fmt.Errorf("speech %s: unknown kind %q", sp.Slug, sp.Kind)
	}
	if sp.Delivery != "" && !validDelivery(sp.Delivery) {
		return fmt.Errorf("speech %s: unknown delivery %q", sp.Slug, sp.Delivery)
	}
	if sp.EndsAt.Before(sp.StartsAt) {
		return fmt.Errorf("speech %s: ends before it starts", sp.Slug)
	}
	if err := checkLanguages("original language", sp.OriginalLang); err != nil {
		return fmt.Errorf("speech %s: %w", sp.Slug, err)
	}
	return nil
}

// ValidateProgramme checks every session and speech of a programme, that
// each speech has a speaker and that no two speeches share a slug.
func ValidateProgramme(p *Programme) error {
	slugs := map[string]bool{}
	for _, ss := range p.Sessions {
		if err := ValidateSession(ss); err != nil {
			return err
		}
		for _, sp := range ss.Speeches {
			if err := ValidateSpeech(sp); err != nil {
				return err
			}
			if sp.SpeakerID == 0 {
				return fmt.Errorf("speech %s: no speaker", sp.Slug)
			}
			if slugs[sp.Slug] {
				return fmt.Errorf("speech %s: two speeches of the forum share the slug", sp.Slug)
			}
			slugs[sp.Slug] = true
		}
	}
	return nil
}

// ValidateNews checks a news post.
func ValidateNews(n *NewsPost) error {
	if err := validate(n.Slug, map[string]lang.Text{"title": n.Title, "dateline": n.Dateline, "summary": n.Summary, "body": n.Body, "source": n.Source,
		"lead_alt": n.LeadAlt, "lead_caption": n.LeadCaption, "lead_credit": n.LeadCredit}); err != nil {
		return fmt.Errorf("news %s: %w", n.Slug, err)
	}
	if len(n.Figures) > FiguresMax {
		return fmt.Errorf("news %s: figures: more than %d", n.Slug, FiguresMax)
	}
	for i, fg := range n.Figures {
		if err := validateFigure(fg); err != nil {
			return fmt.Errorf("news %s: figures[%d]: %w", n.Slug, i, err)
		}
	}
	return nil
}

// validateFigure checks a figure of a news post: that it names an image,
// follows a paragraph (0 or more) and has plain texts within their limits.
func validateFigure(fg *Figure) error {
	if fg == nil {
		return fmt.Errorf("no figure")
	}
	if fg.ImageID <= 0 {
		return fmt.Errorf("image_id: no image")
	}
	if fg.After < 0 || fg.After > FigureAfterMax {
		return fmt.Errorf("after: %d is not a paragraph number from 0 to %d", fg.After, FigureAfterMax)
	}
	for _, t := range []struct {
		field string
		text  lang.Text
		max   int
	}{{"alt", fg.Alt, FigureAltMax}, {"caption", fg.Caption, FigureCaptionMax}, {"credit", fg.Credit, FigureCreditMax}} {
		if err := t.text.Validate(); err != nil {
			return fmt.Errorf("%s: %w", t.field, err)
		}
		for l, v := range t.text.Values {
			if utf8.RuneCountInString(v) > t.max {
				return fmt.Errorf("%s: %s: longer than %d characters", t.field, l, t.max)
			}
		}
	}
	return nil
}
