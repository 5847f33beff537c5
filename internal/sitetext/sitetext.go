// Package sitetext makes the site's own short texts translatable in the
// workbench: a forum's title, theme, summary, note and venue, its sessions'
// and speeches' titles, the speeches' texts (a video address's transcript,
// internal/subtrans), the positions and biographies of the people who
// speak, its news posts' titles, summaries and bodies, and its hosts' names.
//
// For a forum and a source language, the texts written in that language are
// read from the drafts (the office's working copies, not what the public
// sees) into a document whose block identifiers name them
// ("speech-12-title", "news-7-body-p2"; no dots, which the translation's
// segment keys keep for the parts of a block). The document is kept as revisions
// (internal/doc/revision) and translated like any other (internal/translate,
// owner kind "site"), so a text edited in a form is a changed segment that
// needs review. A text whose every sentence is confirmed is written back into
// its subject's draft through the approval package, as the account that
// confirmed it; the hosts then approve it as any other edit. A draft whose
// text changed meanwhile is reported, not overwritten.
//
// It is a package of its own rather than part of translate because it
// knows the forum's drafts and their approval, which translate, a package
// about documents, has no reason to.
package sitetext

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// OwnerKind is the owner kind of the translations of a forum's site
// texts; their owner id is the forum's.
const OwnerKind = "site"

// Text is one short text of a forum's site as its draft has it.
type Text struct {
	// ID names the text: kind of subject, its id, field ("forum-3-title",
	// "session-4-title", "person-5-bio").
	ID string
	// Subject is the draft the text is part of (sessions and speeches are
	// in their forum's programme).
	Subject approval.Subject
	// Name is the field's kind, as message keys name it:
	// "forum_title", "speech_title", "person_bio", …
	Name string
	// Of names what the text belongs to when the text does not say it: a
	// person's name for a position or biography, a news post's title for
	// its summary and body.
	Of    lang.Text
	Value lang.Text
	// Changed is when the draft that holds the text was last saved; zero
	// for a subject without a draft, whose live row keeps no such time.
	Changed time.Time
}

// Texts are a forum's site texts in the order the workbench shows them:
// the forum's own, its hosts' names, the programme session by session,
// the speakers, the news.
type Texts struct {
	ForumID int64
	// Languages are the forum's languages, as its draft has them.
	Languages []string
	// Title is the forum's title.
	Title lang.Text
	List  []Text
}

// ref is a text of a subject's content, by its ID.
type ref struct {
	id, name string
	t        *lang.Text
}

// refs lists the translatable texts of content, the draft of subj, with
// pointers into it. Sessions and speeches not saved as rows yet (id 0) have
// no name that would outlive the draft and are left out until they are.
func refs(content any) []ref {
	id := func(kind string, n int64, field string) string {
		return kind + "-" + strconv.FormatInt(n, 10) + "-" + field
	}
	switch c := content.(type) {
	case *forum.Forum:
		return []ref{
			{id("forum", c.ID, "title"), "forum_title", &c.Title},
			{id("forum", c.ID, "theme"), "forum_theme", &c.Theme},
			{id("forum", c.ID, "summary"), "forum_summary", &c.Summary},
			{id("forum", c.ID, "note"), "forum_note", &c.Note},
			{id("forum", c.ID, "venue"), "forum_venue", &c.Venue},
		}
	case *forum.Programme:
		var out []ref
		for _, ss := range c.Sessions {
			if ss.ID != 0 {
				out = append(out, ref{id("session", ss.ID, "title"), "session_title", &ss.Title})
			}
			for _, sp := range ss.Speeches {
				if sp.ID != 0 {
					out = append(out, ref{id("speech", sp.ID, "title"), "speech_title", &sp.Title},
						ref{id("speech", sp.ID, "body"), "speech_body", &sp.Body})
				}
			}
		}
		return out
	case *forum.Person:
		return []ref{
			{id("person", c.ID, "position"), "person_position", &c.Position},
			{id("person", c.ID, "bio"), "person_bio", &c.Bio},
		}
	case *forum.NewsPost:
		return []ref{
			{id("news", c.ID, "title"), "news_title", &c.Title},
			{id("news", c.ID, "summary"), "news_summary", &c.Summary},
			{id("news", c.ID, "body"), "news_body", &c.Body},
		}
	case *forum.Partner:
		return []ref{
			{id("partner", c.ID, "name"), "partner_name", &c.Name},
			{id("partner", c.ID, "short"), "partner_short", &c.ShortName},
		}
	}
	return nil
}

// SubjectOf returns the draft that text id of forum forumID is part of.
func SubjectOf(forumID int64, id string) (approval.Subject, error) {
	parts := strings.Split(id, "-")
	if len(parts) != 3 {
		return approval.Subject{}, fmt.Errorf("site text %q: %w", id, ErrUnknown)
	}
	n, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || n <= 0 {
		return approval.Subject{}, fmt.Errorf("site text %q: %w", id, ErrUnknown)
	}
	switch parts[0] {
	case "forum":
		return approval.Subject{Kind: approval.KindForum, ID: n}, nil
	case "session", "speech":
		return approval.Subject{Kind: approval.KindProgramme, ID: forumID}, nil
	case "person":
		return approval.Subject{Kind: approval.KindPerson, ID: n}, nil
	case "news":
		return approval.Subject{Kind: approval.KindNews, ID: n}, nil
	case "partner":
		return approval.Subject{Kind: approval.KindPartner, ID: n}, nil
	}
	return approval.Subject{}, fmt.Errorf("site text %q: %w", id, ErrUnknown)
}

// paragraphMark is how a text's paragraph is named in its block
// identifier: "news-7-body-p2".
var paragraphMark = regexp.MustCompile(`-p[0-9]+$`)

// TextOf returns the text a block of a site document is (part of).
func TextOf(blockID string) string {
	return paragraphMark.ReplaceAllString(blockID, "")
}

// Collect reads the site texts of forum forumID from the drafts (or, for a
// subject without one, from what the office sees of the live rows), in a
// fixed number of queries.
func Collect(ctx context.Context, q store.Querier, forumID int64) (*Texts, error) {
	fd, err := approval.Load(ctx, q, approval.Subject{Kind: approval.KindForum, ID: forumID})
	if err != nil {
		return nil, fmt.Errorf("site texts of forum %d: %w", forumID, err)
	}
	f := fd.Content.(*forum.Forum)
	pd, err := approval.Load(ctx, q, approval.Subject{Kind: approval.KindProgramme, ID: forumID})
	if err != nil {
		return nil, fmt.Errorf("site texts of forum %d: %w", forumID, err)
	}
	prog := pd.Content.(*forum.Programme)
	out := &Texts{ForumID: forumID, Languages: slices.Clone(f.Languages), Title: f.Title}
	add := func(content any, of lang.Text, changed time.Time) {
		var subj approval.Subject
		for _, r := range refs(content) {
			if subj.Kind == "" {
				var err error
				if subj, err = SubjectOf(forumID, r.id); err != nil {
					continue
				}
			}
			out.List = append(out.List, Text{ID: r.id, Subject: subj, Name: r.name, Of: of, Value: *r.t, Changed: changed})
		}
	}
	add(f, lang.Text{}, fd.UpdatedAt)
	live := &forum.Store{DB: q, Drafts: true}

	partners, err := live.Partners(ctx)
	if err != nil {
		return nil, err
	}
	partnerDrafts, err := approval.Drafts(ctx, q, approval.KindPartner)
	if err != nil {
		return nil, err
	}
	for _, h := range f.Hosts {
		if h == nil {
			continue
		}
		if d := partnerDrafts[h.ID]; d != nil {
			add(d.Content, lang.Text{}, d.UpdatedAt)
			continue
		}
		for _, p := range partners {
			if p.ID == h.ID {
				add(p, lang.Text{}, time.Time{})
			}
		}
	}

	add(prog, lang.Text{}, pd.UpdatedAt)

	var speakers []int64
	for _, ss := range prog.Sessions {
		for _, sp := range ss.Speeches {
			if sp.SpeakerID != 0 && !slices.Contains(speakers, sp.SpeakerID) {
				speakers = append(speakers, sp.SpeakerID)
			}
		}
	}
	if len(speakers) > 0 {
		people, err := live.People(ctx)
		if err != nil {
			return nil, err
		}
		personDrafts, err := approval.Drafts(ctx, q, approval.KindPerson)
		if err != nil {
			return nil, err
		}
		byID := map[int64]*forum.Person{}
		for _, p := range people {
			byID[p.ID] = p
		}
		for _, id := range speakers {
			p, changed := byID[id], time.Time{}
			if d := personDrafts[id]; d != nil {
				p, changed = d.Content.(*forum.Person), d.UpdatedAt
			}
			if p != nil {
				add(p, personName(p), changed)
			}
		}
	}

	posts, err := live.NewsOfForum(ctx, forumID)
	if err != nil {
		return nil, err
	}
	newsDrafts, err := approval.Drafts(ctx, q, approval.KindNews)
	if err != nil {
		return nil, err
	}
	for _, n := range posts {
		changed := time.Time{}
		if d := newsDrafts[n.ID]; d != nil {
			n, changed = d.Content.(*forum.NewsPost), d.UpdatedAt
		}
		if n.ForumID == forumID {
			add(n, n.Title, changed)
		}
	}
	return out, nil
}

// personName is a person's name as a text per language.
func personName(p *forum.Person) lang.Text {
	values := map[string]string{}
	for l := range p.Names.Values {
		n, _ := p.Names.In(l)
		values[l] = n.Full(l)
	}
	return lang.New(p.Names.Source, values)
}

// Sources lists the languages the forum's texts are written in, with how
// many texts each has, in the order of the forum's languages.
func (ts *Texts) Sources() []SourceCount {
	counts := map[string]int{}
	for _, t := range ts.List {
		if t.Value.Values[t.Value.Source] != "" {
			counts[t.Value.Source]++
		}
	}
	var out []SourceCount
	for _, l := range ts.Languages {
		if counts[l] > 0 {
			out = append(out, SourceCount{Lang: l, Texts: counts[l]})
		}
	}
	return out
}

// SourceCount is a language the site's texts are written in, with how many.
type SourceCount struct {
	Lang  string
	Texts int
}

// Find returns the text named id, or nil.
func (ts *Texts) Find(id string) *Text {
	for i := range ts.List {
		if ts.List[i].ID == id {
			return &ts.List[i]
		}
	}
	return nil
}

// paragraphs cuts a text's value into paragraphs, as the site shows it: a
// blank line ends one. Surrounding space is not part of a paragraph, nor
// are the break hints (lang.BreakHint) a title or name stores to guide
// the site's line breaks: they are no text to translate.
func paragraphs(v string) []string {
	v = strings.ReplaceAll(lang.WithoutBreakHints(v), "\r\n", "\n")
	var out []string
	for _, p := range blankLine.Split(v, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var blankLine = regexp.MustCompile(`\n[ \t\r]*\n`)

// normal is a value as its document has it: its paragraphs, separated by
// a blank line. Two values with the same normal form read the same.
func normal(v string) string {
	return strings.Join(paragraphs(v), "\n\n")
}

// blocks returns the blocks of the document that hold text id with value v:
// one paragraph block per paragraph, a line break within one kept as such.
func blocks(id, v string) []doc.Block {
	ps := paragraphs(v)
	out := make([]doc.Block, len(ps))
	for i, p := range ps {
		bid := id
		if len(ps) > 1 {
			bid = id + "-p" + strconv.Itoa(i+1)
		}
		var ins []doc.Inline
		for j, line := range strings.Split(p, "\n") {
			if j > 0 {
				ins = append(ins, doc.Inline{Type: doc.LineBreak})
			}
			if line != "" {
				ins = append(ins, doc.Inline{Type: doc.Text, Text: line})
			}
		}
		out[i] = doc.Block{ID: bid, Type: doc.Paragraph, Inlines: ins}
	}
	return out
}

// Document returns the document of the texts written in language from:
// a paragraph block per paragraph of each, named after the text. The
// forum's title is the documents' title for the office's pages, not a
// text of the document (which has it as a block).
func (ts *Texts) Document(from string) *doc.Document {
	d := &doc.Document{Version: doc.Version, Lang: from, Blocks: []doc.Block{}}
	for _, t := range ts.List {
		if t.Value.Source != from {
			continue
		}
		d.Blocks = append(d.Blocks, blocks(t.ID, t.Value.Values[from])...)
	}
	return d
}

// valueOf returns the text of the blocks of d that hold text id, as a
// value: paragraphs separated by a blank line, line breaks as new lines.
func valueOf(d *doc.Document, id string) (string, bool) {
	var ps []string
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if TextOf(b.ID) == id {
			ps = append(ps, strings.TrimSpace(doc.PlainText(b.Inlines)))
		}
	}
	return strings.Join(ps, "\n\n"), len(ps) > 0
}
