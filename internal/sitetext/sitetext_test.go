package sitetext

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
)

// site is a forum written in Russian, with a Chinese title already
// translated and a Chinese theme as a draft translation, a session with
// a speech, its speaker with a two-paragraph biography, and a news post.
type site struct {
	db      *store.DB
	revs    *revision.Store
	forum   *forum.Forum
	speaker *forum.Person
	news    *forum.NewsPost
	prog    *forum.Programme
	editor  approval.Actor
}

func ru(v string) lang.Text { return lang.New("ru", map[string]string{"ru": v}) }

func newSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	ctx := context.Background()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := &site{db: db, revs: revision.NewStore(db, blobs), editor: approval.Actor{AccountID: 7, Name: "Переводчик"}}
	host := &forum.Partner{Slug: "riac", Name: ru("Российский совет по международным делам"), ShortName: ru("РСМД"), Country: "RU"}
	if err := forum.AddPartner(ctx, db, host); err != nil {
		t.Fatal(err)
	}
	s.speaker = &forum.Person{Slug: "ivanov", PartnerID: host.ID, Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Иванов", Given: "Пётр"}}},
		Position: ru("Директор института"),
		Bio:      ru("Историк. Автор двух книг о договоре.\n\nПреподаёт в Москве.")}
	if err := forum.AddPerson(ctx, db, s.speaker); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2021, 7, 16, 2, 0, 0, 0, time.UTC)
	title := ru("Форум к 20-летию Договора")
	title = title.Draft("zh", "条约二十周年论坛")
	title.Done = append(title.Done, "zh")
	theme := ru("Добрососедство и дружба").Draft("zh", "睦邻友好")
	s.forum = &forum.Forum{Slug: "treaty-20", Title: title, Theme: theme, StartsAt: day, EndsAt: day.Add(4 * time.Hour),
		TimeZone: "Europe/Moscow", Languages: []string{"ru", "zh"}, Published: true, Hosts: []*forum.Partner{host}}
	if err := forum.AddForum(ctx, db, s.forum); err != nil {
		t.Fatal(err)
	}
	sess := &forum.Session{ForumID: s.forum.ID, Title: ru("Открытие"), StartsAt: day, EndsAt: day.Add(time.Hour)}
	if err := forum.AddSession(ctx, db, sess); err != nil {
		t.Fatal(err)
	}
	sp := &forum.Speech{ForumID: s.forum.ID, SessionID: sess.ID, Slug: "opening", SpeakerID: s.speaker.ID, Kind: forum.OpeningAddress,
		OriginalLang: "ru", Title: ru("Приветственное слово"), StartsAt: day, EndsAt: day.Add(10 * time.Minute)}
	if err := forum.AddSpeech(ctx, db, sp); err != nil {
		t.Fatal(err)
	}
	s.news = &forum.NewsPost{Slug: "opened", ForumID: s.forum.ID, Title: ru("Форум открылся"), Body: ru("Первый абзац. Второе предложение.\n\nВторой абзац."), PublishedAt: day}
	if err := forum.AddNewsPost(ctx, db, s.news); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *site) prepare(t *testing.T) *Prepared {
	t.Helper()
	p, err := Prepare(context.Background(), s.db, s.revs, nil, s.forum.ID, "ru", "zh", s.editor)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// segments returns the translation's segments by key.
func (s *site) segments(t *testing.T, tr *translate.Translation) map[string]translate.Segment {
	t.Helper()
	segs, err := translate.Segments(context.Background(), s.db, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]translate.Segment{}
	for _, g := range segs {
		out[g.Key] = g
	}
	return out
}

// confirm translates every sentence of text id as targets says, in order.
func (s *site) confirm(t *testing.T, tr *translate.Translation, id string, targets ...string) {
	t.Helper()
	ctx := context.Background()
	segs, err := translate.Segments(ctx, s.db, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range segs {
		if TextOf(g.BlockID) != id {
			continue
		}
		if n >= len(targets) {
			t.Fatalf("%s has more than %d sentences", id, len(targets))
		}
		if _, err := translate.Save(ctx, s.db, nil, g.ID, g.Version, interchange.Content{{Kind: interchange.Text, Text: targets[n]}}, translate.Translated, "Переводчик"); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != len(targets) {
		t.Fatalf("%s has %d sentences, want %d", id, n, len(targets))
	}
}

// editDraft saves subj's draft after edit changed it, as someone else.
func (s *site) editDraft(t *testing.T, subj approval.Subject, edit func(content any)) {
	t.Helper()
	ctx := context.Background()
	d, err := approval.Load(ctx, s.db, subj)
	if err != nil {
		t.Fatal(err)
	}
	edit(d.Content)
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		_, err := approval.Save(ctx, tx, subj, d.Content, approval.Actor{AccountID: 9, Name: "Редактор"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (s *site) writeBack(t *testing.T, tr *translate.Translation, ids []string, force bool) map[string]Field {
	t.Helper()
	ctx := context.Background()
	var fs []Field
	err := s.db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		fs, err = WriteBack(ctx, tx, s.revs, tr, ids, force, s.editor)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Field{}
	for _, f := range fs {
		out[f.ID] = f
	}
	return out
}

func (s *site) forumSubject() approval.Subject {
	return approval.Subject{Kind: approval.KindForum, ID: s.forum.ID}
}

func (s *site) draftForum(t *testing.T) (*approval.Draft, *forum.Forum) {
	t.Helper()
	d, err := approval.Load(context.Background(), s.db, s.forumSubject())
	if err != nil {
		t.Fatal(err)
	}
	return d, d.Content.(*forum.Forum)
}

// TestPrepare: the texts written in Russian become the document's blocks,
// named after them, the biography and the news body a block per
// paragraph; the title's complete Chinese fills its segment as translated,
// the theme's draft translation as a draft; preparing again with nothing
// changed adds no revision.
func TestPrepare(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		s.editDraft(t, s.forumSubject(), func(any) {}) // the forum's texts are in a draft, saved before the translation starts
		p := s.prepare(t)
		if !p.Revised || !p.Sync.Created || p.Filled != 2 {
			t.Errorf("first prepare: revised %v, created %v, filled %d; want a revision, a new translation, 2 filled", p.Revised, p.Sync.Created, p.Filled)
		}
		segs := s.segments(t, p.Translation)
		f, pe, n := s.forum.ID, s.speaker.ID, s.news.ID
		key := func(kind string, id int64, rest string) string {
			return kind + "-" + itoa(id) + "-" + rest
		}
		want := []string{key("forum", f, "title/1"), key("forum", f, "theme/1"), key("partner", s.forum.Hosts[0].ID, "name/1"),
			key("person", pe, "position/1"), key("person", pe, "bio-p1/1"), key("person", pe, "bio-p1/2"), key("person", pe, "bio-p2/1"),
			key("news", n, "title/1"), key("news", n, "body-p1/1"), key("news", n, "body-p1/2"), key("news", n, "body-p2/1")}
		for _, k := range want {
			if _, ok := segs[k]; !ok {
				t.Errorf("no segment %s; have %v", k, keys(segs))
			}
		}
		if g := segs[key("forum", f, "title/1")]; g.State != translate.Translated || g.Target.Plain() != "条约二十周年论坛" {
			t.Errorf("title: %s %q, want translated with the draft's Chinese", g.State, g.Target.Plain())
		}
		if g := segs[key("forum", f, "theme/1")]; g.State != translate.Draft || g.Target.Plain() != "睦邻友好" {
			t.Errorf("theme: %s %q, want a draft with the draft's Chinese", g.State, g.Target.Plain())
		}
		// What was filled is the site's text's, as of when its draft was
		// last saved, not the work of whoever prepared the translation.
		fd, _ := s.draftForum(t)
		for _, k := range []string{key("forum", f, "title/1"), key("forum", f, "theme/1")} {
			g := segs[k]
			if g.UpdatedBy != translate.FromSiteText || (fd.Version == 0 || !g.UpdatedAt.Equal(fd.UpdatedAt.UTC().Truncate(time.Microsecond))) {
				t.Errorf("%s by %q at %v; want the site's text at %v", k, g.UpdatedBy, g.UpdatedAt, fd.UpdatedAt)
			}
		}
		if g := segs[key("person", pe, "bio-p2/1")]; g.State != translate.New || g.Source.Plain() != "Преподаёт в Москве." {
			t.Errorf("biography's second paragraph: %s %q", g.State, g.Source.Plain())
		}
		again := s.prepare(t)
		if again.Revised || again.Sync.Changed+again.Sync.Added != 0 || again.Filled != 0 {
			t.Errorf("prepare again with nothing changed: %+v", again)
		}
		if _, err := Prepare(context.Background(), db, s.revs, nil, f, "ru", "en", s.editor); !errors.Is(err, ErrPair) {
			t.Errorf("into a language the forum does not have: %v, want ErrPair", err)
		}
		if _, err := Prepare(context.Background(), db, s.revs, nil, f, "zh", "ru", s.editor); !errors.Is(err, ErrNoTexts) {
			t.Errorf("from a language no text is written in: %v, want ErrNoTexts", err)
		}
	})
}

// TestEditedTextNeedsReview: a theme edited in the forum's form after its
// translation was confirmed is, on the next prepare, a segment that needs
// review with the old translation kept; the other segments keep their state.
func TestEditedTextNeedsReview(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		tr := s.prepare(t).Translation
		theme := "forum-" + itoa(s.forum.ID) + "-theme"
		s.confirm(t, tr, theme, "睦邻友好合作")
		s.editDraft(t, s.forumSubject(), func(c any) {
			f := c.(*forum.Forum)
			f.Theme.Values["ru"] = "Добрососедство, дружба и сотрудничество"
		})
		p := s.prepare(t)
		if !p.Revised || p.Sync.Changed != 1 {
			t.Fatalf("prepare after the edit: revised %v, changed %d; want a revision with 1 changed", p.Revised, p.Sync.Changed)
		}
		segs := s.segments(t, p.Translation)
		g := segs[theme+"/1"]
		if g.State != translate.NeedsReview || g.Previous.Plain() != "睦邻友好合作" || g.Source.Plain() != "Добрососедство, дружба и сотрудничество" {
			t.Errorf("theme: %s, previous %q, source %q", g.State, g.Previous.Plain(), g.Source.Plain())
		}
		if g := segs["forum-"+itoa(s.forum.ID)+"-title/1"]; g.State != translate.Translated {
			t.Errorf("title: %s, want still translated", g.State)
		}
	})
}

// TestWriteBack: a text whose every sentence is confirmed is written into
// its draft, complete in Chinese, as the translator, and the draft goes
// back to editing for the hosts' approval; a text with a sentence still
// open is not; writing again changes nothing.
func TestWriteBack(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		tr := s.prepare(t).Translation
		bio := "person-" + itoa(s.speaker.ID) + "-bio"
		body := "news-" + itoa(s.news.ID) + "-body"
		s.confirm(t, tr, bio, "历史学家。", "著有两本关于条约的书。", "在莫斯科任教。")
		fs := s.writeBack(t, tr, nil, false)
		if f := fs[bio]; !f.Written || f.Status != InDraft || f.Translation != "历史学家。著有两本关于条约的书。\n\n在莫斯科任教。" {
			t.Errorf("biography: %+v", f)
		}
		if f := fs[body]; f.Written || f.Status != Open {
			t.Errorf("news body with open sentences: %+v", f)
		}
		d, err := approval.Load(context.Background(), db, approval.Subject{Kind: approval.KindPerson, ID: s.speaker.ID})
		if err != nil {
			t.Fatal(err)
		}
		p := d.Content.(*forum.Person)
		if !p.Bio.Complete("zh") || p.Bio.Values["zh"] != "历史学家。著有两本关于条约的书。\n\n在莫斯科任教。" || p.Bio.Values["ru"] != s.speaker.Bio.Values["ru"] {
			t.Errorf("draft biography: %+v", p.Bio)
		}
		if d.Version != 1 || d.State != approval.Editing || d.AuthorName != s.editor.Name {
			t.Errorf("draft: version %d, state %s, by %s; want 1, editing, by the translator", d.Version, d.State, d.AuthorName)
		}
		again := s.writeBack(t, tr, nil, false)
		if again[bio].Written {
			t.Errorf("written twice: %+v", again[bio])
		}
		if d2, _ := approval.Load(context.Background(), db, d.Subject); d2.Version != 1 {
			t.Errorf("draft version %d after writing nothing new, want 1", d2.Version)
		}
	})
}

// TestWriteBackConflict: the Chinese theme changed in the form after the
// translation read it is reported, not overwritten, until the translator
// chooses the workbench's; a text whose Russian changed is not written.
func TestWriteBackConflict(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		tr := s.prepare(t).Translation
		theme := "forum-" + itoa(s.forum.ID) + "-theme"
		title := "forum-" + itoa(s.forum.ID) + "-title"
		s.editDraft(t, s.forumSubject(), func(c any) {
			f := c.(*forum.Forum)
			f.Theme = complete(f.Theme, "zh", "睦邻与友好")
			f.Title.Values["ru"] = "Форум к двадцатилетию Договора"
		})
		s.confirm(t, tr, theme, "睦邻友好合作")
		s.confirm(t, tr, title, "条约二十周年纪念论坛")
		fs := s.writeBack(t, tr, nil, false)
		if f := fs[theme]; f.Written || f.Status != Changed || f.Draft != "睦邻与友好" || f.Translation != "睦邻友好合作" {
			t.Errorf("theme changed meanwhile: %+v", f)
		}
		if f := fs[title]; f.Written || f.Status != SourceChanged {
			t.Errorf("title whose Russian changed: %+v", f)
		}
		_, f := s.draftForum(t)
		if f.Theme.Values["zh"] != "睦邻与友好" || f.Title.Values["zh"] != "条约二十周年论坛" {
			t.Errorf("draft overwritten: theme %q, title %q", f.Theme.Values["zh"], f.Title.Values["zh"])
		}
		fs = s.writeBack(t, tr, []string{theme, title}, true)
		if f := fs[theme]; !f.Written {
			t.Errorf("theme with force: %+v", f)
		}
		if f := fs[title]; f.Written {
			t.Errorf("title whose Russian changed, with force: %+v", f)
		}
		if _, f := s.draftForum(t); f.Theme.Values["zh"] != "睦邻友好合作" || !f.Theme.Complete("zh") {
			t.Errorf("theme after the translator's choice: %+v", f.Theme)
		}
	})
}

// TestProgrammeTexts: session and speech titles live in the programme's
// draft; a confirmed speech title lands there, the session's untouched.
func TestProgrammeTexts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		tr := s.prepare(t).Translation
		texts, err := Collect(context.Background(), db, s.forum.ID)
		if err != nil {
			t.Fatal(err)
		}
		var speech, session string
		for _, x := range texts.List {
			switch x.Name {
			case "speech_title":
				speech = x.ID
			case "session_title":
				session = x.ID
			}
		}
		if speech == "" || session == "" {
			t.Fatalf("no speech or session title among %v", texts.List)
		}
		s.confirm(t, tr, speech, "致辞")
		fs := s.writeBack(t, tr, nil, false)
		if !fs[speech].Written || fs[session].Status != Open {
			t.Errorf("speech %+v, session %+v", fs[speech], fs[session])
		}
		d, err := approval.Load(context.Background(), db, approval.Subject{Kind: approval.KindProgramme, ID: s.forum.ID})
		if err != nil {
			t.Fatal(err)
		}
		p := d.Content.(*forum.Programme)
		if got := p.Sessions[0].Speeches[0].Title; got.Values["zh"] != "致辞" || !got.Complete("zh") {
			t.Errorf("speech title in the programme's draft: %+v", got)
		}
		if got := p.Sessions[0].Title; got.Values["zh"] != "" {
			t.Errorf("session title: %+v", got)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func keys(m map[string]translate.Segment) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
