package forum

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// The Add functions record new content through q, the database or a
// transaction, and mark the site as changed. They fill in the new ids.

// AddPartner records a partner.
func AddPartner(ctx context.Context, q store.Querier, p *Partner) error {
	if err := validate(p.Slug, map[string]lang.Text{"name": p.Name, "short name": p.ShortName, "description": p.Description}); err != nil {
		return fmt.Errorf("partner %s: %w", p.Slug, err)
	}
	if err := checkPlain(map[string]string{"country": p.Country, "website": p.Website}); err != nil {
		return fmt.Errorf("partner %s: %w", p.Slug, err)
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO partners (slug, name, short_name, description, country, website, logo_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.Slug, p.Name, p.ShortName, p.Description, p.Country, p.Website, nullID(p.LogoID))
	if err != nil {
		return fmt.Errorf("add partner %s: %w", p.Slug, err)
	}
	p.ID = id
	return Touch(ctx, q)
}

// AddPerson records a person.
func AddPerson(ctx context.Context, q store.Querier, p *Person) error {
	if err := validate(p.Slug, map[string]lang.Text{"position": p.Position, "bio": p.Bio, "affiliation": p.Affiliation}); err != nil {
		return fmt.Errorf("person %s: %w", p.Slug, err)
	}
	if len(p.Names.Values) == 0 {
		return fmt.Errorf("person %s: no name", p.Slug)
	}
	if err := p.Names.Validate(); err != nil {
		return fmt.Errorf("person %s: names: %w", p.Slug, err)
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO people (slug, names, position, bio, partner_id, affiliation, photo_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.Slug, p.Names, p.Position, p.Bio, nullID(p.PartnerID), p.Affiliation, nullID(p.PhotoID))
	if err != nil {
		return fmt.Errorf("add person %s: %w", p.Slug, err)
	}
	p.ID = id
	return Touch(ctx, q)
}

// AddForum records a forum and its hosts, in the order given.
func AddForum(ctx context.Context, q store.Querier, f *Forum) error {
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
	id, err := store.InsertID(ctx, q, `INSERT INTO forums (slug, title, theme, summary, note, starts_at, ends_at, time_zone, venue, online, languages, published)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Slug, f.Title, f.Theme, f.Summary, f.Note, f.StartsAt.UTC(), f.EndsAt.UTC(), f.TimeZone, f.Venue, f.Online, strings.Join(f.Languages, " "), f.Published)
	if err != nil {
		return fmt.Errorf("add forum %s: %w", f.Slug, err)
	}
	f.ID = id
	for i, h := range f.Hosts {
		if _, err := q.Exec(ctx, `INSERT INTO forum_hosts (forum_id, partner_id, position) VALUES (?, ?, ?)`, id, h.ID, i); err != nil {
			return fmt.Errorf("add host %s to forum %s: %w", h.Slug, f.Slug, err)
		}
	}
	return Touch(ctx, q)
}

// AddSession records a session of a forum.
func AddSession(ctx context.Context, q store.Querier, s *Session) error {
	if err := validate("session", map[string]lang.Text{"title": s.Title, "room": s.Room}); err != nil {
		return err
	}
	if s.EndsAt.Before(s.StartsAt) {
		return fmt.Errorf("session %s: ends before it starts", s.Title)
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO sessions (forum_id, title, starts_at, ends_at, room) VALUES (?, ?, ?, ?, ?)`,
		s.ForumID, s.Title, s.StartsAt.UTC(), s.EndsAt.UTC(), s.Room)
	if err != nil {
		return fmt.Errorf("add session: %w", err)
	}
	s.ID = id
	return Touch(ctx, q)
}

// AddSpeech records a speech of a session.
func AddSpeech(ctx context.Context, q store.Querier, sp *Speech) error {
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
	id, err := store.InsertID(ctx, q, `INSERT INTO speeches (forum_id, session_id, slug, speaker_id, kind, delivery, original_lang, title, summary, body, starts_at, ends_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sp.ForumID, sp.SessionID, sp.Slug, sp.SpeakerID, sp.Kind, sp.Delivery, sp.OriginalLang, sp.Title, sp.Summary, sp.Body, sp.StartsAt.UTC(), sp.EndsAt.UTC())
	if err != nil {
		return fmt.Errorf("add speech %s: %w", sp.Slug, err)
	}
	sp.ID = id
	return Touch(ctx, q)
}

// AddCollection records a publication released at a forum.
func AddCollection(ctx context.Context, q store.Querier, c *Collection) error {
	if err := validate(c.Slug, map[string]lang.Text{"title": c.Title, "description": c.Description}); err != nil {
		return fmt.Errorf("collection %s: %w", c.Slug, err)
	}
	if err := checkLanguages("languages", c.Languages...); err != nil {
		return fmt.Errorf("collection %s: %w", c.Slug, err)
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO collections (forum_id, slug, title, description, languages, released_at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ForumID, c.Slug, c.Title, c.Description, strings.Join(c.Languages, " "), c.ReleasedAt.UTC())
	if err != nil {
		return fmt.Errorf("add collection %s: %w", c.Slug, err)
	}
	c.ID = id
	return Touch(ctx, q)
}

// AddNewsPost records a news post.
func AddNewsPost(ctx context.Context, q store.Querier, n *NewsPost) error {
	if err := validate(n.Slug, map[string]lang.Text{"title": n.Title, "dateline": n.Dateline, "summary": n.Summary, "body": n.Body, "source": n.Source}); err != nil {
		return fmt.Errorf("news %s: %w", n.Slug, err)
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO news_posts (slug, forum_id, title, dateline, summary, body, source, published_at, lead_image_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.Slug, nullID(n.ForumID), n.Title, n.Dateline, n.Summary, n.Body, n.Source, n.PublishedAt.UTC(), nullID(n.LeadImageID))
	if err != nil {
		return fmt.Errorf("add news %s: %w", n.Slug, err)
	}
	n.ID = id
	return Touch(ctx, q)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// validate checks a slug, and that each text has its source value and no
// control characters; an error names the field and the language.
func validate(slug string, texts map[string]lang.Text) error {
	if !ValidSlug(slug) && slug != "session" {
		return fmt.Errorf("malformed slug %q", slug)
	}
	for _, field := range slices.Sorted(maps.Keys(texts)) {
		if err := texts[field].Validate(); err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
	}
	return nil
}

// checkPlain checks single-language fields for control characters; an error
// names the field.
func checkPlain(fields map[string]string) error {
	for _, field := range slices.Sorted(maps.Keys(fields)) {
		if err := lang.CheckPlain(fields[field]); err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
	}
	return nil
}

// checkLanguages checks that each code names a language the site is written
// in, as lang.ParseWorked reads it, and that it is written as the site's
// pages and URLs write it ("zh", not "zh-CN" or "ZH").
func checkLanguages(field string, codes ...string) error {
	for _, c := range codes {
		_, base, err := lang.ParseWorked(c)
		if err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
		if c != base {
			return fmt.Errorf("%s: %q: write the language as %q", field, c, base)
		}
	}
	return nil
}

// ValidSlug reports whether s can name something in a URL: lower-case ASCII
// letters, digits and single hyphens, at most 100 characters.
func ValidSlug(s string) bool {
	if s == "" || len(s) > 100 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func validKind(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

func validDelivery(d Delivery) bool {
	for _, x := range Deliveries {
		if x == d {
			return true
		}
	}
	return false
}
