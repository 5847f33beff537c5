package forum

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// The Add functions record new content through q, the database or a
// transaction, and mark the site as changed. They fill in the new ids.

// AddPartner records a published partner.
func AddPartner(ctx context.Context, q store.Querier, p *Partner) error {
	if err := ValidatePartner(p); err != nil {
		return err
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO partners (slug, name, short_name, description, country, website, logo_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.Slug, p.Name, p.ShortName, p.Description, p.Country, p.Website, nullID(p.LogoID))
	if err != nil {
		return fmt.Errorf("add partner %s: %w", p.Slug, err)
	}
	p.ID, p.Published = id, true
	return Touch(ctx, q)
}

// AddPerson records a published person.
func AddPerson(ctx context.Context, q store.Querier, p *Person) error {
	if err := ValidatePerson(p); err != nil {
		return err
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO people (slug, names, position, bio, partner_id, affiliation, photo_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.Slug, p.Names, p.Position, p.Bio, nullID(p.PartnerID), p.Affiliation, nullID(p.PhotoID))
	if err != nil {
		return fmt.Errorf("add person %s: %w", p.Slug, err)
	}
	p.ID, p.Published = id, true
	return Touch(ctx, q)
}

// AddForum records a forum and its hosts, in the order given; the public
// sees it when f.Published says so.
func AddForum(ctx context.Context, q store.Querier, f *Forum) error {
	if err := ValidateForum(f); err != nil {
		return err
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO forums (slug, title, theme, summary, note, starts_at, ends_at, time_zone, venue, online, languages, published)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Slug, f.Title, f.Theme, f.Summary, f.Note, f.StartsAt.UTC(), f.EndsAt.UTC(), f.TimeZone, f.Venue, f.Online, strings.Join(f.Languages, " "), f.Published)
	if err != nil {
		return fmt.Errorf("add forum %s: %w", f.Slug, err)
	}
	f.ID = id
	if err := insertHosts(ctx, q, f); err != nil {
		return err
	}
	return Touch(ctx, q)
}

func insertHosts(ctx context.Context, q store.Querier, f *Forum) error {
	for i, h := range f.Hosts {
		if _, err := q.Exec(ctx, `INSERT INTO forum_hosts (forum_id, partner_id, position) VALUES (?, ?, ?)`, f.ID, h.ID, i); err != nil {
			return fmt.Errorf("add host %d to forum %s: %w", h.ID, f.Slug, err)
		}
	}
	return nil
}

// AddSession records a session of a forum.
func AddSession(ctx context.Context, q store.Querier, s *Session) error {
	if err := ValidateSession(s); err != nil {
		return err
	}
	if err := insertSession(ctx, q, s, 0); err != nil {
		return err
	}
	return Touch(ctx, q)
}

func insertSession(ctx context.Context, q store.Querier, s *Session, position int) error {
	id, err := store.InsertID(ctx, q, `INSERT INTO sessions (forum_id, title, starts_at, ends_at, room, position) VALUES (?, ?, ?, ?, ?, ?)`,
		s.ForumID, s.Title, s.StartsAt.UTC(), s.EndsAt.UTC(), s.Room, position)
	if err != nil {
		return fmt.Errorf("add session: %w", err)
	}
	s.ID = id
	return nil
}

// AddSpeech records a speech of a session.
func AddSpeech(ctx context.Context, q store.Querier, sp *Speech) error {
	if err := ValidateSpeech(sp); err != nil {
		return err
	}
	if err := insertSpeech(ctx, q, sp, 0); err != nil {
		return err
	}
	return Touch(ctx, q)
}

func insertSpeech(ctx context.Context, q store.Querier, sp *Speech, position int) error {
	id, err := store.InsertID(ctx, q, `INSERT INTO speeches (forum_id, session_id, slug, speaker_id, kind, delivery, original_lang, title, summary, body, starts_at, ends_at, position)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sp.ForumID, sp.SessionID, sp.Slug, sp.SpeakerID, sp.Kind, sp.Delivery, sp.OriginalLang, sp.Title, sp.Summary, sp.Body, sp.StartsAt.UTC(), sp.EndsAt.UTC(), position)
	if err != nil {
		return fmt.Errorf("add speech %s: %w", sp.Slug, err)
	}
	sp.ID = id
	return nil
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

// AddNewsPost records a published news post.
func AddNewsPost(ctx context.Context, q store.Querier, n *NewsPost) error {
	if err := ValidateNews(n); err != nil {
		return err
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO news_posts (slug, forum_id, title, dateline, summary, body, source, published_at, lead_image_id, lead_alt, lead_caption, lead_credit)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.Slug, nullID(n.ForumID), n.Title, n.Dateline, n.Summary, n.Body, n.Source, n.PublishedAt.UTC(), nullID(n.LeadImageID), n.LeadAlt, n.LeadCaption, n.LeadCredit)
	if err != nil {
		return fmt.Errorf("add news %s: %w", n.Slug, err)
	}
	n.ID, n.Published = id, true
	for _, fg := range n.Figures {
		fg.ID = 0
	}
	if err := writeFigures(ctx, q, n); err != nil {
		return err
	}
	return Touch(ctx, q)
}

// The Update functions replace the content of an existing row, found by
// its id, with the same checks as the Add functions, and mark the site as
// changed. They leave whether the public sees it to SetPublished. An id
// that names nothing is ErrNotFound.

// UpdatePartner rewrites a partner's profile.
func UpdatePartner(ctx context.Context, q store.Querier, p *Partner) error {
	if err := ValidatePartner(p); err != nil {
		return err
	}
	res, err := q.Exec(ctx, `UPDATE partners SET slug = ?, name = ?, short_name = ?, description = ?, country = ?, website = ?, logo_id = ? WHERE id = ?`,
		p.Slug, p.Name, p.ShortName, p.Description, p.Country, p.Website, nullID(p.LogoID), p.ID)
	if err := updated(res, err, fmt.Sprintf("partner %d", p.ID)); err != nil {
		return err
	}
	return Touch(ctx, q)
}

// UpdatePerson rewrites a person.
func UpdatePerson(ctx context.Context, q store.Querier, p *Person) error {
	if err := ValidatePerson(p); err != nil {
		return err
	}
	res, err := q.Exec(ctx, `UPDATE people SET slug = ?, names = ?, position = ?, bio = ?, partner_id = ?, affiliation = ?, photo_id = ? WHERE id = ?`,
		p.Slug, p.Names, p.Position, p.Bio, nullID(p.PartnerID), p.Affiliation, nullID(p.PhotoID), p.ID)
	if err := updated(res, err, fmt.Sprintf("person %d", p.ID)); err != nil {
		return err
	}
	return Touch(ctx, q)
}

// UpdateForum rewrites a forum's own fields and its hosts, in the order
// given; f.Published is not written (see SetPublished).
func UpdateForum(ctx context.Context, q store.Querier, f *Forum) error {
	if err := ValidateForum(f); err != nil {
		return err
	}
	res, err := q.Exec(ctx, `UPDATE forums SET slug = ?, title = ?, theme = ?, summary = ?, note = ?, starts_at = ?, ends_at = ?, time_zone = ?, venue = ?, online = ?, languages = ?
		WHERE id = ?`,
		f.Slug, f.Title, f.Theme, f.Summary, f.Note, f.StartsAt.UTC(), f.EndsAt.UTC(), f.TimeZone, f.Venue, f.Online, strings.Join(f.Languages, " "), f.ID)
	if err := updated(res, err, fmt.Sprintf("forum %d", f.ID)); err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `DELETE FROM forum_hosts WHERE forum_id = ?`, f.ID); err != nil {
		return fmt.Errorf("forum %s: hosts: %w", f.Slug, err)
	}
	if err := insertHosts(ctx, q, f); err != nil {
		return err
	}
	return Touch(ctx, q)
}

// UpdateNews rewrites a news post.
func UpdateNews(ctx context.Context, q store.Querier, n *NewsPost) error {
	if err := ValidateNews(n); err != nil {
		return err
	}
	res, err := q.Exec(ctx, `UPDATE news_posts SET slug = ?, forum_id = ?, title = ?, dateline = ?, summary = ?, body = ?, source = ?, published_at = ?, lead_image_id = ?,
		lead_alt = ?, lead_caption = ?, lead_credit = ? WHERE id = ?`,
		n.Slug, nullID(n.ForumID), n.Title, n.Dateline, n.Summary, n.Body, n.Source, n.PublishedAt.UTC(), nullID(n.LeadImageID),
		n.LeadAlt, n.LeadCaption, n.LeadCredit, n.ID)
	if err := updated(res, err, fmt.Sprintf("news %d", n.ID)); err != nil {
		return err
	}
	if err := writeFigures(ctx, q, n); err != nil {
		return err
	}
	return Touch(ctx, q)
}

// writeFigures makes the figures of news post n those of n.Figures, in
// their order: a figure with an id is updated (it must be one of n's, or
// the error is ErrNotFound), one with id 0 is inserted and its id filled
// in, and those n no longer holds are deleted. It costs one query plus one
// per figure written or deleted.
func writeFigures(ctx context.Context, q store.Querier, n *NewsPost) error {
	old, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT id FROM news_figures WHERE news_id = ?`, n.ID)
	if err != nil {
		return fmt.Errorf("news %s: figures: %w", n.Slug, err)
	}
	keep := map[int64]bool{}
	for _, fg := range n.Figures {
		if fg.ID == 0 {
			continue
		}
		if !slices.Contains(old, fg.ID) || keep[fg.ID] {
			return fmt.Errorf("news %s: figure %d: %w", n.Slug, fg.ID, ErrNotFound)
		}
		keep[fg.ID] = true
	}
	for _, id := range old {
		if !keep[id] {
			if _, err := q.Exec(ctx, `DELETE FROM news_figures WHERE id = ?`, id); err != nil {
				return fmt.Errorf("news %s: figure %d: %w", n.Slug, id, err)
			}
		}
	}
	for i, fg := range n.Figures {
		if fg.ID == 0 {
			fg.ID, err = store.InsertID(ctx, q, `INSERT INTO news_figures (news_id, position, image_id, after_paragraph, alt, caption, credit) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				n.ID, i, fg.ImageID, fg.After, fg.Alt, fg.Caption, fg.Credit)
		} else {
			_, err = q.Exec(ctx, `UPDATE news_figures SET position = ?, image_id = ?, after_paragraph = ?, alt = ?, caption = ?, credit = ? WHERE id = ?`,
				i, fg.ImageID, fg.After, fg.Alt, fg.Caption, fg.Credit, fg.ID)
		}
		if err != nil {
			return fmt.Errorf("news %s: figure %d: %w", n.Slug, i, err)
		}
	}
	return nil
}

// SetPublished shows (true) or hides (false) the row id of table t from
// the public, and marks the site as changed.
func SetPublished(ctx context.Context, q store.Querier, t Table, id int64, published bool) error {
	switch t {
	case ForumsTable, PartnersTable, PeopleTable, NewsTable, CollectionsTable:
	default:
		return fmt.Errorf("set published: unknown table %q", t)
	}
	res, err := q.Exec(ctx, `UPDATE `+string(t)+` SET published = ? WHERE id = ?`, published, id)
	if err := updated(res, err, fmt.Sprintf("%s %d", t, id)); err != nil {
		return err
	}
	return Touch(ctx, q)
}

// updated turns the result of an UPDATE by id into an error naming what,
// ErrNotFound when no row had the id.
func updated(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("update %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("update %s: %w", what, err)
	}
	if n == 0 {
		return fmt.Errorf("update %s: %w", what, ErrNotFound)
	}
	return nil
}

// ReplaceProgramme makes the forum's programme p: sessions and speeches
// with an id are updated, those with id 0 are inserted (their ids filled
// in), and those of the forum that p no longer holds are deleted. The order
// of p is kept among items that start at the same time, and a speech may
// move to another session. Speech slugs stay unique within the forum; an id
// that belongs to another forum is ErrNotFound. It costs a fixed number of
// queries plus one per session and speech written.
func ReplaceProgramme(ctx context.Context, q store.Querier, p *Programme) error {
	if err := ValidateProgramme(p); err != nil {
		return fmt.Errorf("programme of forum %d: %w", p.ForumID, err)
	}
	oldSessions, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT id FROM sessions WHERE forum_id = ?`, p.ForumID)
	if err != nil {
		return fmt.Errorf("programme of forum %d: %w", p.ForumID, err)
	}
	type speechRow struct {
		id   int64
		slug string
	}
	oldSpeeches, err := store.All(ctx, q, func(sc store.Scanner) (speechRow, error) {
		var r speechRow
		return r, sc.Scan(&r.id, &r.slug)
	}, `SELECT id, slug FROM speeches WHERE forum_id = ?`, p.ForumID)
	if err != nil {
		return fmt.Errorf("programme of forum %d: %w", p.ForumID, err)
	}
	keepSession, keepSpeech := map[int64]bool{}, map[int64]string{}
	for _, ss := range p.Sessions {
		if ss.ID != 0 {
			keepSession[ss.ID] = true
		}
		for _, sp := range ss.Speeches {
			if sp.ID != 0 {
				keepSpeech[sp.ID] = sp.Slug
			}
		}
	}
	oldSlug := map[int64]string{}
	for _, r := range oldSpeeches {
		oldSlug[r.id] = r.slug
	}
	for id := range keepSession {
		if !slices.Contains(oldSessions, id) {
			return fmt.Errorf("programme of forum %d: session %d: %w", p.ForumID, id, ErrNotFound)
		}
	}
	for id := range keepSpeech {
		if _, ok := oldSlug[id]; !ok {
			return fmt.Errorf("programme of forum %d: speech %d: %w", p.ForumID, id, ErrNotFound)
		}
	}
	// Speeches that leave go first, so that their slugs are free; a kept
	// speech whose slug changes first takes one no slug can be, so that two
	// speeches may swap theirs.
	for _, r := range oldSpeeches {
		newSlug, kept := keepSpeech[r.id]
		switch {
		case !kept:
			_, err = q.Exec(ctx, `DELETE FROM speeches WHERE id = ?`, r.id)
		case newSlug != r.slug:
			_, err = q.Exec(ctx, `UPDATE speeches SET slug = ? WHERE id = ?`, fmt.Sprintf("~%d", r.id), r.id)
		}
		if err != nil {
			return fmt.Errorf("programme of forum %d: speech %d: %w", p.ForumID, r.id, err)
		}
	}
	for i, ss := range p.Sessions {
		ss.ForumID = p.ForumID
		if ss.ID == 0 {
			err = insertSession(ctx, q, ss, i)
		} else {
			_, err = q.Exec(ctx, `UPDATE sessions SET title = ?, starts_at = ?, ends_at = ?, room = ?, position = ? WHERE id = ?`,
				ss.Title, ss.StartsAt.UTC(), ss.EndsAt.UTC(), ss.Room, i, ss.ID)
		}
		if err != nil {
			return fmt.Errorf("programme of forum %d: session %d: %w", p.ForumID, i, err)
		}
	}
	for _, ss := range p.Sessions {
		for j, sp := range ss.Speeches {
			sp.ForumID, sp.SessionID = p.ForumID, ss.ID
			if sp.ID == 0 {
				err = insertSpeech(ctx, q, sp, j)
			} else {
				_, err = q.Exec(ctx, `UPDATE speeches SET session_id = ?, slug = ?, speaker_id = ?, kind = ?, delivery = ?, original_lang = ?, title = ?, summary = ?, body = ?,
					starts_at = ?, ends_at = ?, position = ? WHERE id = ?`,
					sp.SessionID, sp.Slug, sp.SpeakerID, sp.Kind, sp.Delivery, sp.OriginalLang, sp.Title, sp.Summary, sp.Body, sp.StartsAt.UTC(), sp.EndsAt.UTC(), j, sp.ID)
			}
			if err != nil {
				return fmt.Errorf("programme of forum %d: speech %s: %w", p.ForumID, sp.Slug, err)
			}
		}
	}
	for _, id := range oldSessions {
		if !keepSession[id] {
			if _, err := q.Exec(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
				return fmt.Errorf("programme of forum %d: session %d: %w", p.ForumID, id, err)
			}
		}
	}
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
