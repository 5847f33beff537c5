package demo

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

var languages = []string{"zh", "ru", "en"}

func TestLoad(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		blobs, err := blob.NewDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := Load(ctx, db, blobs); err != nil {
			t.Fatal(err)
		}
		site := &forum.Store{DB: db}

		f, err := site.ForumBySlug(ctx, ForumSlug)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("forum", func(t *testing.T) {
			var hosts []string
			for _, h := range f.Hosts {
				hosts = append(hosts, h.Slug)
				if h.Logo != nil {
					t.Errorf("host %s: logo %+v, want none (the site draws the mark from the short name)", h.Slug, h.Logo)
				}
				complete(t, "name of "+h.Slug, h.Name)
				complete(t, "short name of "+h.Slug, h.ShortName)
				complete(t, "description of "+h.Slug, h.Description)
			}
			if got := strings.Join(hosts, ","); got != "cass,riac" {
				t.Errorf("hosts = %s, want cass,riac", got)
			}
			for name, tx := range map[string]lang.Text{"title": f.Title, "theme": f.Theme, "summary": f.Summary, "note": f.Note} {
				complete(t, "forum "+name, tx)
			}
			if f.Theme.Source != "en" {
				t.Errorf("theme source = %q, want en", f.Theme.Source)
			}
			if !f.Venue.IsZero() || !f.Online {
				t.Errorf("venue %v, online %v: want no venue and online", f.Venue, f.Online)
			}
			loc := f.Location()
			if f.TimeZone != TimeZone || loc.String() != TimeZone {
				t.Errorf("time zone %q (%v), want %s", f.TimeZone, loc, TimeZone)
			}
			for _, when := range []time.Time{f.StartsAt, f.EndsAt} {
				if y, m, d := when.In(loc).Date(); y != 2021 || m != time.June || d != 1 {
					t.Errorf("forum time %v is not on 1 June 2021", when.In(loc))
				}
			}
			if got := strings.Join(f.Languages, " "); got != "zh ru en" {
				t.Errorf("languages = %q", got)
			}
		})

		t.Run("programme", func(t *testing.T) {
			sessions, err := site.Programme(ctx, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(sessions) != 2 {
				t.Fatalf("%d sessions, want 2", len(sessions))
			}
			want := []struct {
				speaker  string
				kind     forum.Kind
				delivery forum.Delivery
				original string
			}{
				{"wang-yi", forum.VideoAddress, forum.Video, "zh"},
				{"sergey-lavrov", forum.VideoAddress, forum.Video, "ru"},
				{"xie-fuzhan", forum.Remark, "", "zh"},
				{"igor-ivanov", forum.Remark, "", "ru"},
			}
			sps := sessions[0].Speeches
			if len(sps) != len(want) || len(sessions[1].Speeches) != 0 {
				t.Fatalf("speeches per session: %d and %d, want 4 and 0", len(sps), len(sessions[1].Speeches))
			}
			for i, sp := range sps {
				w := want[i]
				if sp.Speaker.Slug != w.speaker || sp.Kind != w.kind || sp.Delivery != w.delivery || sp.OriginalLang != w.original {
					t.Errorf("speech %d: %s %s %q %s, want %s %s %q %s", i, sp.Speaker.Slug, sp.Kind, sp.Delivery, sp.OriginalLang, w.speaker, w.kind, w.delivery, w.original)
				}
				if i > 0 && !sp.StartsAt.After(sps[i-1].StartsAt) {
					t.Errorf("speech %s does not start after %s", sp.Slug, sps[i-1].Slug)
				}
				complete(t, sp.Slug+" title", sp.Title)
				complete(t, sp.Slug+" summary", sp.Summary)
				if !sp.Body.IsZero() {
					t.Errorf("%s has a body; the texts of the speeches were not published", sp.Slug)
				}
				noQuotations(t, sp.Slug+" summary", sp.Summary)
			}
			for _, ss := range sessions {
				complete(t, "session title", ss.Title)
				if ss.StartsAt.Before(f.StartsAt) || ss.EndsAt.After(f.EndsAt) {
					t.Errorf("session %s runs outside the forum's hours", ss.Title)
				}
			}
		})

		t.Run("speakers", func(t *testing.T) {
			people, err := site.Speakers(ctx, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			bySlug := map[string]*forum.Person{}
			for _, p := range people {
				bySlug[p.Slug] = p
				complete(t, p.Slug+" position", p.Position)
			}
			names := []struct{ slug, lang, full string }{
				{"wang-yi", "zh", "王毅"},
				{"wang-yi", "ru", "Ван И"},
				{"wang-yi", "en", "Wang Yi"},
				{"sergey-lavrov", "zh", "谢尔盖·拉夫罗夫"},
				{"sergey-lavrov", "ru", "Сергей Викторович Лавров"},
				{"sergey-lavrov", "en", "Sergey Lavrov"},
				{"xie-fuzhan", "zh", "谢伏瞻"},
				{"xie-fuzhan", "ru", "Се Фучжань"},
				{"xie-fuzhan", "en", "Xie Fuzhan"},
				{"igor-ivanov", "zh", "伊戈尔·伊万诺夫"},
				{"igor-ivanov", "ru", "Игорь Сергеевич Иванов"},
				{"igor-ivanov", "en", "Igor Ivanov"},
			}
			for _, n := range names {
				p := bySlug[n.slug]
				if p == nil {
					t.Errorf("speaker %s missing", n.slug)
					continue
				}
				name, written := p.Names.In(n.lang)
				if written != n.lang || name.Full(n.lang) != n.full {
					t.Errorf("%s in %s: %q (written in %s), want %q", n.slug, n.lang, name.Full(n.lang), written, n.full)
				}
			}
			for slug, partner := range map[string]string{"xie-fuzhan": "cass", "igor-ivanov": "riac", "wang-yi": "", "sergey-lavrov": ""} {
				p := bySlug[slug]
				if p == nil {
					continue
				}
				got := ""
				if p.Partner != nil {
					got = p.Partner.Slug
				}
				if got != partner {
					t.Errorf("%s: partner %q, want %q", slug, got, partner)
				}
				if partner == "" {
					complete(t, slug+" affiliation", p.Affiliation)
				}
			}
		})

		t.Run("collection", func(t *testing.T) {
			cs, err := site.Collections(ctx, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			// Volume 1, released, and volume 2, in preparation.
			if len(cs) != 2 || cs[0].Slug != Volume1Slug || cs[1].Slug != CollectionSlug {
				t.Fatalf("%d collections, want volumes 1 and 2", len(cs))
			}
			c := cs[0]
			complete(t, "collection title", c.Title)
			d := c.Description
			if d.Source != "zh" || !d.Complete("zh") || !d.Complete("ru") || d.Complete("en") {
				t.Errorf("description: source %s, done %v; want complete in zh and ru only", d.Source, d.Done)
			}
			if v, written := d.In("en"); written != "zh" || v == "" {
				t.Errorf("an English reader gets the description in %q, want the Chinese source", written)
			}
			if strings.Join(c.Languages, " ") != "zh ru en" {
				t.Errorf("languages = %v", c.Languages)
			}
			if y, m, day := c.ReleasedAt.In(f.Location()).Date(); y != 2021 || m != time.June || day != 1 {
				t.Errorf("released %v, want on the forum's day", c.ReleasedAt)
			}
		})

		t.Run("news", func(t *testing.T) {
			for _, slug := range []string{"forum-marks-treaty-anniversary", "collected-works-released"} {
				n, err := site.NewsBySlug(ctx, slug)
				if err != nil {
					t.Fatal(err)
				}
				if n.Forum == nil || n.Forum.ID != f.ID {
					t.Errorf("%s is not linked to the forum", slug)
				}
				for name, tx := range map[string]lang.Text{"title": n.Title, "dateline": n.Dateline, "summary": n.Summary, "body": n.Body, "source": n.Source} {
					complete(t, slug+" "+name, tx)
				}
				noQuotations(t, slug+" summary", n.Summary)
				noQuotations(t, slug+" body", n.Body)
				for _, l := range languages {
					if ps := strings.Split(n.Body.Values[l], "\n\n"); len(ps) < 2 {
						t.Errorf("%s body in %s has %d paragraph(s)", slug, l, len(ps))
					}
				}
				if got := n.PublishedAt.UTC().Format(time.DateOnly); got != "2021-06-18" {
					t.Errorf("%s published %s, want 2021-06-18", slug, got)
				}
			}
			n, err := site.NewsBySlug(ctx, "forum-marks-treaty-anniversary")
			if err != nil {
				t.Fatal(err)
			}
			im := n.LeadImage
			if im == nil {
				t.Fatal("no lead image")
			}
			if !im.Illustration || len(im.Renditions) == 0 || im.Width != leadWidth || im.Height != leadHeight {
				t.Errorf("lead image: illustration %v, %d renditions, %d×%d", im.Illustration, len(im.Renditions), im.Width, im.Height)
			}
			for name, tx := range map[string]lang.Text{"alt": im.Alt, "caption": im.Caption, "credit": im.Credit,
				"post's alt": n.LeadAlt, "post's caption": n.LeadCaption, "post's credit": n.LeadCredit} {
				complete(t, "lead image "+name, tx)
			}
			for _, r := range append([]string{im.BlobKey}, keys(im.Renditions)...) {
				o, err := blobs.Open(ctx, r)
				if err != nil {
					t.Errorf("lead image file: %v", err)
					continue
				}
				o.Close()
			}
		})

		t.Run("twice", func(t *testing.T) {
			before := counts(t, db)
			files := countFiles(t, dir)
			if err := Load(ctx, db, blobs); !errors.Is(err, ErrAlreadyLoaded) {
				t.Fatalf("second load: %v, want ErrAlreadyLoaded", err)
			}
			if after := counts(t, db); after != before {
				t.Errorf("second load changed the rows: %v, then %v", before, after)
			}
			if n := countFiles(t, dir); n != files {
				t.Errorf("second load wrote files: %d, then %d", files, n)
			}
		})
	})
}

// complete checks that t is complete in every language of the site.
func complete(t *testing.T, what string, tx lang.Text) {
	t.Helper()
	for _, l := range languages {
		if !tx.Complete(l) {
			t.Errorf("%s is not complete in %s", what, l)
		}
	}
}

// titles may stand in quotation marks: they name publications, not words
// anyone said.
var titles = []string{"«Китайская газета общественных наук»"}

// noQuotations guards against invented quotations: the demo reports what was
// said, and never puts words in quotation marks.
func noQuotations(t *testing.T, what string, tx lang.Text) {
	t.Helper()
	for l, v := range tx.Values {
		for _, title := range titles {
			v = strings.ReplaceAll(v, title, "")
		}
		if i := strings.IndexAny(v, "“”«»„\"「」『』"); i >= 0 {
			t.Errorf("%s in %s has a quotation mark: %q", what, l, v[max(0, i-30):min(len(v), i+30)])
		}
	}
}

type rowCounts [8]int

func counts(t *testing.T, db *store.DB) rowCounts {
	t.Helper()
	var c rowCounts
	for i, table := range []string{"partners", "people", "forums", "sessions", "speeches", "collections", "news_posts", "media"} {
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func keys(rs []media.Rendition) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.BlobKey)
	}
	return out
}

func TestLeadIllustration(t *testing.T) {
	start := time.Now()
	a, err := leadIllustration()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("drawn and encoded in %v, %d bytes", time.Since(start), len(a))
	b, err := leadIllustration()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two drawings differ; the illustration must be deterministic")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != leadWidth || cfg.Height != leadHeight {
		t.Errorf("size %d×%d", cfg.Width, cfg.Height)
	}
}

func BenchmarkLeadIllustration(b *testing.B) {
	for b.Loop() {
		if _, err := leadIllustration(); err != nil {
			b.Fatal(err)
		}
	}
}
