package forum

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// Store reads and writes the forum site's data. Every read that a page makes
// costs a fixed number of queries, whatever the size of the programme.
//
// What a read sees is one filter, Drafts: the zero Store is the public's
// view (published forums, partners, people and news, and what belongs to
// published forums); a Store with Drafts set sees unpublished rows too, as
// the office does. No query says "published" itself: each asks visible for
// its condition.
type Store struct {
	// DB is the database, or a transaction when a read must see the
	// transaction's own writes.
	DB store.Querier
	// Drafts makes every read include what the public does not see yet.
	Drafts bool
}

// WithDrafts returns a copy of s that sees unpublished rows too.
func (s *Store) WithDrafts() *Store {
	c := *s
	c.Drafts = true
	return &c
}

// Table names a table whose rows are published one by one.
type Table string

const (
	ForumsTable   Table = "forums"
	PartnersTable Table = "partners"
	PeopleTable   Table = "people"
	NewsTable     Table = "news_posts"
	// CollectionsTable: a collection made in the office is not public
	// until its release (issue 10); those announced with a forum are.
	CollectionsTable Table = "collections"
)

// visible returns the SQL condition on table t (under alias) that a read
// of s must add: for the public, the row's published flag, and for a news
// post also that its forum, if it has one, is published; always true with
// Drafts.
func (s *Store) visible(t Table, alias string) string {
	if s.Drafts {
		return "1 = 1"
	}
	col := "published"
	if alias != "" {
		col = alias + ".published"
	}
	if t == NewsTable {
		forumCol := "forum_id"
		if alias != "" {
			forumCol = alias + ".forum_id"
		}
		return "(" + col + " AND (" + forumCol + " IS NULL OR " + forumCol + " IN (SELECT id FROM forums WHERE published)))"
	}
	return col
}

// ErrNotFound is returned when the slug or id names nothing.
var ErrNotFound = store.ErrNotFound

func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}

// SiteVersion returns a number that changes whenever what the public site
// shows changes.
func (s *Store) SiteVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.DB.QueryRow(ctx, `SELECT version FROM site_state WHERE id = 1`).Scan(&v)
	return v, err
}

// Touch records that the public site's content changed.
func Touch(ctx context.Context, q store.Querier) error {
	_, err := q.Exec(ctx, `UPDATE site_state SET version = version + 1 WHERE id = 1`)
	return err
}

const partnerColumns = `p.id, p.slug, p.name, p.short_name, p.description, p.country, p.website, COALESCE(p.logo_id, 0), p.published`

func scanPartnerRow(sc store.Scanner) (*Partner, error) { return scanPartner(sc) }

func scanPartner(sc store.Scanner, extra ...any) (*Partner, error) {
	p := &Partner{}
	err := sc.Scan(append([]any{&p.ID, &p.Slug, &p.Name, &p.ShortName, &p.Description, &p.Country, &p.Website, &p.LogoID, &p.Published}, extra...)...)
	return p, err
}

const forumColumns = `f.id, f.slug, f.title, f.theme, f.summary, f.note, f.starts_at, f.ends_at, f.time_zone, f.venue, f.online, f.languages, f.published`

func scanForum(sc store.Scanner) (*Forum, error) {
	f := &Forum{}
	var langs string
	err := sc.Scan(&f.ID, &f.Slug, &f.Title, &f.Theme, &f.Summary, &f.Note, &f.StartsAt, &f.EndsAt, &f.TimeZone, &f.Venue, &f.Online, &langs, &f.Published)
	f.Languages = strings.Fields(langs)
	return f, err
}

const personColumns = `pe.id, pe.slug, pe.names, pe.position, pe.bio, COALESCE(pe.partner_id, 0), pe.affiliation, COALESCE(pe.photo_id, 0), pe.published`

func scanPersonRow(sc store.Scanner) (*Person, error) { return scanPerson(sc) }

func scanPerson(sc store.Scanner, extra ...any) (*Person, error) {
	p := &Person{}
	err := sc.Scan(append([]any{&p.ID, &p.Slug, &p.Names, &p.Position, &p.Bio, &p.PartnerID, &p.Affiliation, &p.PhotoID, &p.Published}, extra...)...)
	return p, err
}

const speechColumns = `s.id, s.forum_id, s.session_id, s.slug, s.speaker_id, s.kind, s.delivery, s.original_lang, s.title, s.summary, s.body, s.starts_at, s.ends_at`

func scanSpeech(sc store.Scanner, extra ...any) (*Speech, error) {
	sp := &Speech{}
	err := sc.Scan(append([]any{&sp.ID, &sp.ForumID, &sp.SessionID, &sp.Slug, &sp.SpeakerID, &sp.Kind, &sp.Delivery, &sp.OriginalLang, &sp.Title, &sp.Summary, &sp.Body, &sp.StartsAt, &sp.EndsAt}, extra...)...)
	return sp, err
}

const newsColumns = `n.id, n.slug, COALESCE(n.forum_id, 0), n.title, n.dateline, n.summary, n.body, n.source, n.published_at, COALESCE(n.lead_image_id, 0), n.lead_alt, n.lead_caption, n.lead_credit, n.published`

func scanNews(sc store.Scanner) (*NewsPost, error) {
	n := &NewsPost{}
	err := sc.Scan(&n.ID, &n.Slug, &n.ForumID, &n.Title, &n.Dateline, &n.Summary, &n.Body, &n.Source, &n.PublishedAt, &n.LeadImageID, &n.LeadAlt, &n.LeadCaption, &n.LeadCredit, &n.Published)
	return n, err
}

// Forums returns the published forums, newest first, with their hosts.
func (s *Store) Forums(ctx context.Context) ([]*Forum, error) {
	fs, err := store.All(ctx, s.DB, scanForum, `SELECT `+forumColumns+` FROM forums f WHERE `+s.visible(ForumsTable, "f")+` ORDER BY f.starts_at DESC, f.id`)
	if err != nil {
		return nil, fmt.Errorf("list forums: %w", err)
	}
	return fs, s.loadHosts(ctx, fs)
}

// ForumBySlug returns a published forum with its hosts.
func (s *Store) ForumBySlug(ctx context.Context, slug string) (*Forum, error) {
	if !ValidSlug(slug) {
		return nil, fmt.Errorf("forum %q: %w", slug, ErrNotFound)
	}
	f, err := scanForum(s.DB.QueryRow(ctx, `SELECT `+forumColumns+` FROM forums f WHERE f.slug = ? AND `+s.visible(ForumsTable, "f"), slug))
	if err != nil {
		return nil, notFound(err, "forum "+slug)
	}
	return f, s.loadHosts(ctx, []*Forum{f})
}

// loadHosts fills in the hosts of the forums, with their logos.
func (s *Store) loadHosts(ctx context.Context, fs []*Forum) error {
	if len(fs) == 0 {
		return nil
	}
	byID := map[int64]*Forum{}
	ids := make([]int64, len(fs))
	for i, f := range fs {
		byID[f.ID] = f
		ids[i] = f.ID
	}
	in, args := store.In(ids)
	rows, err := s.DB.Query(ctx, `SELECT `+partnerColumns+`, h.forum_id FROM forum_hosts h JOIN partners p ON p.id = h.partner_id
		WHERE h.forum_id IN (`+in+`) ORDER BY h.forum_id, h.position`, args...)
	if err != nil {
		return fmt.Errorf("load hosts: %w", err)
	}
	defer rows.Close()
	var partners []*Partner
	for rows.Next() {
		var forumID int64
		p, err := scanPartner(rows, &forumID)
		if err != nil {
			return err
		}
		byID[forumID].Hosts = append(byID[forumID].Hosts, p)
		partners = append(partners, p)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.loadLogos(ctx, partners)
}

func (s *Store) loadLogos(ctx context.Context, ps []*Partner) error {
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.LogoID)
	}
	images, err := media.Load(ctx, s.DB, ids)
	if err != nil {
		return err
	}
	for _, p := range ps {
		p.Logo = images[p.LogoID]
	}
	return nil
}

// Programme returns the forum's sessions in time order, each with its
// speeches in time order and their speakers.
func (s *Store) Programme(ctx context.Context, forumID int64) ([]*Session, error) {
	rows, err := s.DB.Query(ctx, `SELECT id, forum_id, title, starts_at, ends_at, room FROM sessions WHERE forum_id = ? ORDER BY starts_at, position, id`, forumID)
	if err != nil {
		return nil, fmt.Errorf("programme: %w", err)
	}
	defer rows.Close()
	var sessions []*Session
	byID := map[int64]*Session{}
	for rows.Next() {
		ss := &Session{}
		if err := rows.Scan(&ss.ID, &ss.ForumID, &ss.Title, &ss.StartsAt, &ss.EndsAt, &ss.Room); err != nil {
			return nil, err
		}
		sessions = append(sessions, ss)
		byID[ss.ID] = ss
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	speeches, err := s.speeches(ctx, `s.forum_id = ?`, forumID)
	if err != nil {
		return nil, err
	}
	for _, sp := range speeches {
		if ss := byID[sp.SessionID]; ss != nil {
			ss.Speeches = append(ss.Speeches, sp)
		}
	}
	return sessions, nil
}

// speeches returns the speeches matching where, in time order, with their
// speakers and the speakers' partners.
func (s *Store) speeches(ctx context.Context, where string, args ...any) ([]*Speech, error) {
	rows, err := s.DB.Query(ctx, `SELECT `+speechColumns+`, `+personColumns+` FROM speeches s JOIN people pe ON pe.id = s.speaker_id
		WHERE `+where+` ORDER BY s.starts_at, s.position, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("speeches: %w", err)
	}
	defer rows.Close()
	var out []*Speech
	var people []*Person
	for rows.Next() {
		pe := &Person{}
		sp, err := scanSpeech(rows, &pe.ID, &pe.Slug, &pe.Names, &pe.Position, &pe.Bio, &pe.PartnerID, &pe.Affiliation, &pe.PhotoID, &pe.Published)
		if err != nil {
			return nil, err
		}
		sp.Speaker = pe
		out = append(out, sp)
		people = append(people, pe)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.loadPartnersOf(ctx, people)
}

// loadPartnersOf fills in each person's partner, in one query.
func (s *Store) loadPartnersOf(ctx context.Context, people []*Person) error {
	var ids []int64
	for _, p := range people {
		if p.PartnerID != 0 {
			ids = append(ids, p.PartnerID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	in, args := store.In(ids)
	rows, err := s.DB.Query(ctx, `SELECT `+partnerColumns+` FROM partners p WHERE p.id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("load partners: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*Partner{}
	for rows.Next() {
		p, err := scanPartner(rows)
		if err != nil {
			return err
		}
		byID[p.ID] = p
	}
	for _, pe := range people {
		pe.Partner = byID[pe.PartnerID]
	}
	return rows.Err()
}

// SpeechByID returns the speech with id, with its speaker, or
// ErrNotFound.
func (s *Store) SpeechByID(ctx context.Context, id int64) (*Speech, error) {
	sps, err := s.speeches(ctx, `s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(sps) == 0 {
		return nil, fmt.Errorf("speech %d: %w", id, ErrNotFound)
	}
	return sps[0], nil
}

// Speech returns one speech of a forum with its speaker and session.
func (s *Store) Speech(ctx context.Context, forumID int64, slug string) (*Speech, *Session, error) {
	if !ValidSlug(slug) {
		return nil, nil, fmt.Errorf("speech %q: %w", slug, ErrNotFound)
	}
	sps, err := s.speeches(ctx, `s.forum_id = ? AND s.slug = ?`, forumID, slug)
	if err != nil {
		return nil, nil, err
	}
	if len(sps) == 0 {
		return nil, nil, fmt.Errorf("speech %s: %w", slug, ErrNotFound)
	}
	sp := sps[0]
	ss := &Session{}
	err = s.DB.QueryRow(ctx, `SELECT id, forum_id, title, starts_at, ends_at, room FROM sessions WHERE id = ?`, sp.SessionID).
		Scan(&ss.ID, &ss.ForumID, &ss.Title, &ss.StartsAt, &ss.EndsAt, &ss.Room)
	if err != nil {
		return nil, nil, notFound(err, "session")
	}
	if err := s.loadPhotos(ctx, []*Person{sp.Speaker}); err != nil {
		return nil, nil, err
	}
	return sp, ss, nil
}

func (s *Store) loadPhotos(ctx context.Context, people []*Person) error {
	var ids []int64
	for _, p := range people {
		ids = append(ids, p.PhotoID)
	}
	images, err := media.Load(ctx, s.DB, ids)
	if err != nil {
		return err
	}
	for _, p := range people {
		p.Photo = images[p.PhotoID]
	}
	return nil
}

// Speakers returns the people who speak at the forum, each once, with
// their partners. The caller sorts them the reader's way.
func (s *Store) Speakers(ctx context.Context, forumID int64) ([]*Person, error) {
	out, err := store.All(ctx, s.DB, scanPersonRow, `SELECT `+personColumns+` FROM people pe
		WHERE pe.id IN (SELECT speaker_id FROM speeches WHERE forum_id = ?) AND `+s.visible(PeopleTable, "pe"), forumID)
	if err != nil {
		return nil, fmt.Errorf("speakers: %w", err)
	}
	if err := s.loadPartnersOf(ctx, out); err != nil {
		return nil, err
	}
	return out, s.loadPhotos(ctx, out)
}

// PersonBySlug returns a person with partner and photo.
func (s *Store) PersonBySlug(ctx context.Context, slug string) (*Person, error) {
	if !ValidSlug(slug) {
		return nil, fmt.Errorf("person %q: %w", slug, ErrNotFound)
	}
	p, err := scanPerson(s.DB.QueryRow(ctx, `SELECT `+personColumns+` FROM people pe WHERE pe.slug = ? AND `+s.visible(PeopleTable, "pe"), slug))
	if err != nil {
		return nil, notFound(err, "person "+slug)
	}
	if err := s.loadPartnersOf(ctx, []*Person{p}); err != nil {
		return nil, err
	}
	return p, s.loadPhotos(ctx, []*Person{p})
}

// SpeechesBy returns a person's speeches at published forums, newest first,
// each with its forum.
func (s *Store) SpeechesBy(ctx context.Context, personID int64) ([]*Speech, map[int64]*Forum, error) {
	rows, err := s.DB.Query(ctx, `SELECT `+speechColumns+`, `+forumColumns+` FROM speeches s JOIN forums f ON f.id = s.forum_id
		WHERE s.speaker_id = ? AND `+s.visible(ForumsTable, "f")+` ORDER BY s.starts_at DESC, s.id`, personID)
	if err != nil {
		return nil, nil, fmt.Errorf("speeches by person: %w", err)
	}
	defer rows.Close()
	var out []*Speech
	forums := map[int64]*Forum{}
	for rows.Next() {
		f := &Forum{}
		var langs string
		sp, err := scanSpeech(rows, &f.ID, &f.Slug, &f.Title, &f.Theme, &f.Summary, &f.Note, &f.StartsAt, &f.EndsAt, &f.TimeZone, &f.Venue, &f.Online, &langs, &f.Published)
		if err != nil {
			return nil, nil, err
		}
		f.Languages = strings.Fields(langs)
		forums[f.ID] = f
		out = append(out, sp)
	}
	return out, forums, rows.Err()
}

// Partners returns every partner with its logo.
func (s *Store) Partners(ctx context.Context) ([]*Partner, error) {
	out, err := store.All(ctx, s.DB, scanPartnerRow, `SELECT `+partnerColumns+` FROM partners p WHERE `+s.visible(PartnersTable, "p")+` ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("partners: %w", err)
	}
	return out, s.loadLogos(ctx, out)
}

// PartnerBySlug returns a partner with its logo.
func (s *Store) PartnerBySlug(ctx context.Context, slug string) (*Partner, error) {
	if !ValidSlug(slug) {
		return nil, fmt.Errorf("partner %q: %w", slug, ErrNotFound)
	}
	p, err := scanPartner(s.DB.QueryRow(ctx, `SELECT `+partnerColumns+` FROM partners p WHERE p.slug = ? AND `+s.visible(PartnersTable, "p"), slug))
	if err != nil {
		return nil, notFound(err, "partner "+slug)
	}
	return p, s.loadLogos(ctx, []*Partner{p})
}

// ForumsHostedBy returns the published forums a partner hosts, newest first,
// with all their hosts.
func (s *Store) ForumsHostedBy(ctx context.Context, partnerID int64) ([]*Forum, error) {
	fs, err := store.All(ctx, s.DB, scanForum, `SELECT `+forumColumns+` FROM forums f JOIN forum_hosts h ON h.forum_id = f.id
		WHERE h.partner_id = ? AND `+s.visible(ForumsTable, "f")+` ORDER BY f.starts_at DESC`, partnerID)
	if err != nil {
		return nil, fmt.Errorf("forums of partner: %w", err)
	}
	return fs, s.loadHosts(ctx, fs)
}

// PeopleOf returns the people affiliated with a partner who speak at a
// published forum.
func (s *Store) PeopleOf(ctx context.Context, partnerID int64) ([]*Person, error) {
	out, err := store.All(ctx, s.DB, scanPersonRow, `SELECT `+personColumns+` FROM people pe WHERE pe.partner_id = ? AND `+s.visible(PeopleTable, "pe")+`
		AND pe.id IN (SELECT s.speaker_id FROM speeches s JOIN forums f ON f.id = s.forum_id WHERE `+s.visible(ForumsTable, "f")+`)`, partnerID)
	if err != nil {
		return nil, fmt.Errorf("people of partner: %w", err)
	}
	return out, nil
}

// Collections returns the publications released at a forum.
func (s *Store) Collections(ctx context.Context, forumID int64) ([]*Collection, error) {
	rows, err := s.DB.Query(ctx, `SELECT id, forum_id, slug, title, description, languages, released_at FROM collections WHERE forum_id = ? AND `+s.visible(CollectionsTable, "")+` ORDER BY released_at, id`, forumID)
	if err != nil {
		return nil, fmt.Errorf("collections: %w", err)
	}
	defer rows.Close()
	var out []*Collection
	for rows.Next() {
		c := &Collection{}
		var langs string
		if err := rows.Scan(&c.ID, &c.ForumID, &c.Slug, &c.Title, &c.Description, &langs, &c.ReleasedAt); err != nil {
			return nil, err
		}
		c.Languages = strings.Fields(langs)
		out = append(out, c)
	}
	return out, rows.Err()
}

// News returns a page of news posts, newest first, with lead images, and the
// total number of posts.
func (s *Store) News(ctx context.Context, limit, offset int) ([]*NewsPost, int, error) {
	var total int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM news_posts WHERE `+s.visible(NewsTable, "")).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count news: %w", err)
	}
	posts, err := s.news(ctx, `1 = 1 ORDER BY n.published_at DESC, n.id DESC LIMIT ? OFFSET ?`, limit, offset)
	return posts, total, err
}

// NewsOfForum returns the news posts about a forum, newest first.
func (s *Store) NewsOfForum(ctx context.Context, forumID int64) ([]*NewsPost, error) {
	return s.news(ctx, `n.forum_id = ? ORDER BY n.published_at DESC, n.id DESC`, forumID)
}

// NewsBySlug returns a news post with its lead image and forum.
func (s *Store) NewsBySlug(ctx context.Context, slug string) (*NewsPost, error) {
	if !ValidSlug(slug) {
		return nil, fmt.Errorf("news %q: %w", slug, ErrNotFound)
	}
	posts, err := s.news(ctx, `n.slug = ?`, slug)
	if err != nil {
		return nil, err
	}
	if len(posts) == 0 {
		return nil, fmt.Errorf("news %s: %w", slug, ErrNotFound)
	}
	n := posts[0]
	if n.ForumID != 0 {
		f, err := scanForum(s.DB.QueryRow(ctx, `SELECT `+forumColumns+` FROM forums f WHERE f.id = ? AND `+s.visible(ForumsTable, "f"), n.ForumID))
		if err == nil {
			n.Forum = f
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	return n, nil
}

func (s *Store) news(ctx context.Context, whereOrder string, args ...any) ([]*NewsPost, error) {
	rows, err := s.DB.Query(ctx, `SELECT `+newsColumns+` FROM news_posts n WHERE `+s.visible(NewsTable, "n")+` AND `+whereOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("news: %w", err)
	}
	defer rows.Close()
	var out []*NewsPost
	var ids []int64
	for rows.Next() {
		n, err := scanNews(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		ids = append(ids, n.LeadImageID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("news: %w", err)
	}
	rows.Close()
	figures, err := s.figuresOf(ctx, out)
	if err != nil {
		return nil, err
	}
	for _, fg := range figures {
		ids = append(ids, fg.ImageID)
	}
	images, err := media.Load(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	for _, n := range out {
		n.LeadImage = images[n.LeadImageID]
		for _, fg := range n.Figures {
			fg.Image = images[fg.ImageID]
		}
	}
	return out, nil
}

// figuresOf reads the figures of posts into their Figures, in one query
// whatever their number, and returns them all.
func (s *Store) figuresOf(ctx context.Context, posts []*NewsPost) ([]*Figure, error) {
	if len(posts) == 0 {
		return nil, nil
	}
	byID := make(map[int64]*NewsPost, len(posts))
	ids := make([]int64, len(posts))
	for i, n := range posts {
		byID[n.ID], ids[i] = n, n.ID
	}
	in, args := store.In(ids)
	type row struct {
		newsID int64
		fg     *Figure
	}
	rows, err := store.All(ctx, s.DB, func(sc store.Scanner) (row, error) {
		r := row{fg: &Figure{}}
		err := sc.Scan(&r.newsID, &r.fg.ID, &r.fg.ImageID, &r.fg.After, &r.fg.Alt, &r.fg.Caption, &r.fg.Credit)
		return r, err
	}, `SELECT news_id, id, image_id, after_paragraph, alt, caption, credit FROM news_figures WHERE news_id IN (`+in+`) ORDER BY news_id, position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("news figures: %w", err)
	}
	out := make([]*Figure, len(rows))
	for i, r := range rows {
		n := byID[r.newsID]
		n.Figures = append(n.Figures, r.fg)
		out[i] = r.fg
	}
	return out, nil
}

// ForumsPage returns a page of the published forums, newest first, with
// their hosts, and the number of published forums.
func (s *Store) ForumsPage(ctx context.Context, limit, offset int) ([]*Forum, int, error) {
	var total int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM forums WHERE `+s.visible(ForumsTable, "")).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count forums: %w", err)
	}
	fs, err := store.All(ctx, s.DB, scanForum, `SELECT `+forumColumns+` FROM forums f WHERE `+s.visible(ForumsTable, "f")+` ORDER BY f.starts_at DESC, f.id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list forums: %w", err)
	}
	return fs, total, s.loadHosts(ctx, fs)
}

// PageIndex lists everything that has a public page, with the dates its
// content carries, for the sitemap.
type PageIndex struct {
	Forums      []*Forum // published, newest first, with hosts
	Speeches    []*Speech
	Collections []*Collection
	News        []*NewsPost // newest first, without lead images
	Partners    []*Partner
	// People are the speakers of published forums, each with the end of
	// their last speech.
	People []PersonDates
}

// PersonDates is a person with the time their last speech ended.
type PersonDates struct {
	Slug         string
	LastSpeechAt time.Time
}

// Index returns the PageIndex, in a fixed number of queries however much the
// site holds. Speeches and collections of unpublished forums are left out.
func (s *Store) Index(ctx context.Context) (*PageIndex, error) {
	fs, err := s.Forums(ctx)
	if err != nil {
		return nil, err
	}
	ix := &PageIndex{Forums: fs}
	ix.Speeches, err = store.All(ctx, s.DB, func(sc store.Scanner) (*Speech, error) { return scanSpeech(sc) },
		`SELECT `+speechColumns+` FROM speeches s JOIN forums f ON f.id = s.forum_id WHERE `+s.visible(ForumsTable, "f")+` ORDER BY s.starts_at, s.id`)
	if err != nil {
		return nil, fmt.Errorf("index speeches: %w", err)
	}
	ix.Collections, err = store.All(ctx, s.DB, func(sc store.Scanner) (*Collection, error) {
		c := &Collection{}
		var langs string
		err := sc.Scan(&c.ID, &c.ForumID, &c.Slug, &c.Title, &c.Description, &langs, &c.ReleasedAt)
		c.Languages = strings.Fields(langs)
		return c, err
	}, `SELECT c.id, c.forum_id, c.slug, c.title, c.description, c.languages, c.released_at FROM collections c JOIN forums f ON f.id = c.forum_id WHERE `+s.visible(ForumsTable, "f")+` AND `+s.visible(CollectionsTable, "c")+` ORDER BY c.released_at, c.id`)
	if err != nil {
		return nil, fmt.Errorf("index collections: %w", err)
	}
	ix.News, err = store.All(ctx, s.DB, scanNews, `SELECT `+newsColumns+` FROM news_posts n WHERE `+s.visible(NewsTable, "n")+` ORDER BY n.published_at DESC, n.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("index news: %w", err)
	}
	ix.Partners, err = store.All(ctx, s.DB, scanPartnerRow, `SELECT `+partnerColumns+` FROM partners p WHERE `+s.visible(PartnersTable, "p")+` ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("index partners: %w", err)
	}
	// One row per speech: an aggregate of a time column would come back
	// from SQLite as text.
	rows, err := store.All(ctx, s.DB, func(sc store.Scanner) (PersonDates, error) {
		var p PersonDates
		err := sc.Scan(&p.Slug, &p.LastSpeechAt)
		return p, err
	}, `SELECT pe.slug, s.ends_at FROM people pe JOIN speeches s ON s.speaker_id = pe.id JOIN forums f ON f.id = s.forum_id
		WHERE `+s.visible(ForumsTable, "f")+` AND `+s.visible(PeopleTable, "pe")+` ORDER BY pe.id`)
	if err != nil {
		return nil, fmt.Errorf("index people: %w", err)
	}
	for _, r := range rows {
		if n := len(ix.People); n > 0 && ix.People[n-1].Slug == r.Slug {
			if r.LastSpeechAt.After(ix.People[n-1].LastSpeechAt) {
				ix.People[n-1].LastSpeechAt = r.LastSpeechAt
			}
			continue
		}
		ix.People = append(ix.People, r)
	}
	return ix, nil
}

// The office reads one row by id, through the same filter as the public
// reads: with Drafts it sees unpublished rows too.

// ForumByID returns a forum with its hosts.
func (s *Store) ForumByID(ctx context.Context, id int64) (*Forum, error) {
	f, err := scanForum(s.DB.QueryRow(ctx, `SELECT `+forumColumns+` FROM forums f WHERE f.id = ? AND `+s.visible(ForumsTable, "f"), id))
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("forum %d", id))
	}
	return f, s.loadHosts(ctx, []*Forum{f})
}

// PartnerByID returns a partner with its logo.
func (s *Store) PartnerByID(ctx context.Context, id int64) (*Partner, error) {
	p, err := scanPartner(s.DB.QueryRow(ctx, `SELECT `+partnerColumns+` FROM partners p WHERE p.id = ? AND `+s.visible(PartnersTable, "p"), id))
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("partner %d", id))
	}
	return p, s.loadLogos(ctx, []*Partner{p})
}

// PersonByID returns a person with partner and photo.
func (s *Store) PersonByID(ctx context.Context, id int64) (*Person, error) {
	p, err := scanPerson(s.DB.QueryRow(ctx, `SELECT `+personColumns+` FROM people pe WHERE pe.id = ? AND `+s.visible(PeopleTable, "pe"), id))
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("person %d", id))
	}
	if err := s.loadPartnersOf(ctx, []*Person{p}); err != nil {
		return nil, err
	}
	return p, s.loadPhotos(ctx, []*Person{p})
}

// NewsByID returns a news post with its lead image, without its forum.
func (s *Store) NewsByID(ctx context.Context, id int64) (*NewsPost, error) {
	posts, err := s.news(ctx, `n.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(posts) == 0 {
		return nil, fmt.Errorf("news %d: %w", id, ErrNotFound)
	}
	return posts[0], nil
}

// People returns every person s sees, in the order they were added, with
// their partners. With Drafts it is the office's list of people.
func (s *Store) People(ctx context.Context) ([]*Person, error) {
	out, err := store.All(ctx, s.DB, scanPersonRow, `SELECT `+personColumns+` FROM people pe WHERE `+s.visible(PeopleTable, "pe")+` ORDER BY pe.id`)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	return out, s.loadPartnersOf(ctx, out)
}

// Programme is a forum's whole programme as the office edits it: its
// sessions in order, each with its speeches in order.
type Programme struct {
	ForumID  int64
	Sessions []*Session
}

// ProgrammeOf returns the programme of a forum, as Programme reads it, in a
// fixed number of queries.
func (s *Store) ProgrammeOf(ctx context.Context, forumID int64) (*Programme, error) {
	sessions, err := s.Programme(ctx, forumID)
	if err != nil {
		return nil, err
	}
	return &Programme{ForumID: forumID, Sessions: sessions}, nil
}
