package edition_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

func TestValidate(t *testing.T) {
	good := func() *edition.Edition {
		return &edition.Edition{Slug: "cw-zh", Langs: []string{"zh"}, Formats: []book.Format{book.Web, book.EPUB},
			ISBN: map[book.Format]string{book.EPUB: "978-7-99999-001-7"}, PublisherID: 1, TimeZone: "Asia/Shanghai",
			Territories: []string{"cn", "HK"}, Notes: book.PerPage, PageSize: "a5", DOIPrefix: "10.99999"}
	}
	e := good()
	if err := edition.Validate(e, []string{"zh", "ru"}, []int64{1, 2}); err != nil {
		t.Fatalf("a good edition: %v", err)
	}
	if e.ISBN[book.EPUB] != "9787999990017" || !slices.Equal(e.Territories, []string{"CN", "HK"}) {
		t.Errorf("not normalised: %v %v", e.ISBN, e.Territories)
	}
	for _, tc := range []struct {
		change func(e *edition.Edition)
		field  string
		key    string
	}{
		{func(e *edition.Edition) { e.ISBN[book.EPUB] = "9787999990010" }, "isbn.epub", "isbn.check_digit"}, // the reason internal/isbn gives, with the right digit
		{func(e *edition.Edition) { e.ISBN[book.PDF] = "9787999990017" }, "isbn.pdf", "edition.invalid.isbn_format"},
		{func(e *edition.Edition) { e.ISBN[book.Web] = "9787999990017" }, "isbn.epub", "edition.invalid.isbn_twice"},
		{func(e *edition.Edition) { e.Territories = []string{"CN", "XX"} }, "territories", "edition.invalid.territory"},
		{func(e *edition.Edition) { e.Territories = []string{"SU"} }, "territories", "edition.invalid.territory"},
		{func(e *edition.Edition) { e.Territories = []string{"UK"} }, "territories", "edition.invalid.territory"},
		{func(e *edition.Edition) { e.Territories = []string{"CHN"} }, "territories", "edition.invalid.territory"},
		{func(e *edition.Edition) { e.Territories = []string{"WORLD", "CN"} }, "territories", "edition.invalid.world"},
		{func(e *edition.Edition) { e.TimeZone = "Asia/Beijing" }, "zone", "edition.invalid.zone"},
		{func(e *edition.Edition) { e.Langs = []string{"en"} }, "languages", "edition.invalid.language"},
		{func(e *edition.Edition) { e.Langs = []string{"zh", "zh"} }, "languages", "edition.invalid.languages"},
		{func(e *edition.Edition) { e.PublisherID = 3 }, "publisher", "edition.invalid.publisher"},
		{func(e *edition.Edition) { e.Slug = "Bad Slug" }, "slug", "edition.invalid.slug"},
		{func(e *edition.Edition) { e.PageSize = "letter" }, "page_size", "edition.invalid.page_size"},
		{func(e *edition.Edition) { e.DOIPrefix = "11.1234" }, "doi_prefix", "edition.invalid.doi_prefix"},
		{func(e *edition.Edition) { e.Formats = nil }, "formats", "edition.invalid.formats"},
	} {
		e := good()
		tc.change(e)
		err := edition.Validate(e, []string{"zh", "ru"}, []int64{1, 2})
		var inv edition.Invalid
		if !errors.As(err, &inv) || !errors.Is(err, errkind.Invalid) {
			t.Errorf("%s: %v, want Invalid", tc.key, err)
			continue
		}
		if !slices.ContainsFunc(inv, func(f edition.FieldError) bool { return f.Field == tc.field && f.Key == tc.key }) {
			t.Errorf("want %s on %s, got %+v", tc.key, tc.field, inv)
		}
	}
}

// renderers are small real renderers: a zip for the EPUB and the PDF,
// holding each chapter's text, and a page map with a page per chapter;
// they count their runs.
type renderers struct{ epub, pdf atomic.Int32 }

func (r *renderers) set() edition.Renderers {
	write := func(b *book.Book, kind string) []byte {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.CreateHeader(&zip.FileHeader{Name: "book." + kind, Modified: b.Modified, Method: zip.Store})
		fmt.Fprintf(w, "%s %s %v %v\n", b.Slug, b.Modified.Format(time.RFC3339Nano), b.ISBN, b.PageMap != nil)
		for _, ch := range b.Chapters {
			for _, l := range b.Langs {
				fmt.Fprintf(w, "%s %s: %s\n", ch.ID, l, ch.Title[l])
				for _, bl := range ch.Text[l].Blocks {
					fmt.Fprintln(w, doc.PlainText(bl.Inlines))
				}
			}
		}
		z.Close()
		return buf.Bytes()
	}
	return edition.Renderers{
		EPUB: func(ctx context.Context, b *book.Book) ([]byte, error) { r.epub.Add(1); return write(b, "epub"), nil },
		PDF: func(ctx context.Context, b *book.Book) ([]byte, *book.PageMap, error) {
			r.pdf.Add(1)
			pm := &book.PageMap{Source: b.ISBN[book.PDF]}
			for i, ch := range b.Chapters {
				pm.Pages = append(pm.Pages, book.PageStart{Label: fmt.Sprint(i + 1), Chapter: ch.ID})
			}
			return write(b, "pdf"), pm, nil
		},
		Version: "test",
	}
}

func newBlobs(t *testing.T) blob.Store {
	b, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newEdition creates a Chinese edition of the fixture's collection,
// published by CASS, released in China at release.
func newEdition(t *testing.T, db *store.DB, fx *editiontest.Fixture, slug string, langs []string, formats []book.Format, release time.Time) *edition.Edition {
	t.Helper()
	ctx := context.Background()
	e := &edition.Edition{CollectionID: fx.CollectionID, Slug: slug, Langs: langs, Formats: formats,
		ISBN: map[book.Format]string{}, PublisherID: fx.Hosts[0].ID, PublisherName: book.Local{"zh": "中国社会科学出版社"}, PublisherPlace: book.Local{"zh": "北京"},
		ReleaseAt: release, TimeZone: "Asia/Shanghai", Territories: []string{"CN"}, Imprint: map[string][]string{"zh": {"图书在版编目（CIP）数据"}},
		Preface: map[string]string{"zh": "# 序言\n\n这是序言。\n"}, Notes: book.PerPage, PageSize: "a5", DOIPrefix: "10.99999", SampleISBN: true}
	if slices.Contains(formats, book.EPUB) {
		e.ISBN[book.EPUB] = "9787999990017"
	}
	if slices.Contains(formats, book.PDF) {
		e.ISBN[book.PDF] = "9787999990024"
	}
	hosts := []int64{fx.Hosts[0].ID, fx.Hosts[1].ID}
	if err := edition.Validate(e, []string{"zh", "ru"}, hosts); err != nil {
		t.Fatal(err)
	}
	if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, edition.Actor{Name: "Organiser"}) }); err != nil {
		t.Fatal(err)
	}
	return e
}

func state(t *testing.T, db *store.DB, id int64) edition.State {
	t.Helper()
	e, err := edition.Get(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return e.State
}

func approveAll(t *testing.T, db *store.DB, fx *editiontest.Fixture, id int64) {
	t.Helper()
	ctx := context.Background()
	for i, h := range fx.Hosts {
		var done bool
		err := db.Transact(ctx, func(tx *store.Tx) (err error) {
			done, err = edition.ApproveProofs(ctx, tx, id, h.ID, edition.Actor{AccountID: h.ID, Name: "Organiser " + h.Slug})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if done != (i == len(fx.Hosts)-1) {
			t.Fatalf("approval %d of %d: approved = %v", i+1, len(fx.Hosts), done)
		}
	}
}

func TestLoad(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		e := newEdition(t, db, fx, "cw-zh-ru", []string{"zh", "ru"}, []book.Format{book.Web}, time.Now().Add(time.Hour))
		b, err := edition.Load(ctx, db, blobs, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !b.Parallel() || b.Lang() != "zh" || len(b.Chapters) != 2 {
			t.Fatalf("book %v with %d chapters", b.Langs, len(b.Chapters))
		}
		if b.Title["ru"] != "Двадцать лет партнёрства" || b.Publisher.Country != "CN" || b.Preface["zh"] == nil || b.Preface["ru"] != nil {
			t.Errorf("front matter: title %v, publisher %+v, preface %v", b.Title, b.Publisher, b.Preface)
		}
		if b.DOI != "10.99999/cw-zh-ru" || b.Chapters[0].DOI != "10.99999/cw-zh-ru."+edition.ChapterID(fx.Contributions[0]) {
			t.Errorf("DOIs %q, %q", b.DOI, b.Chapters[0].DOI)
		}
		ch := b.Chapters[1]
		if ch.Original != "ru" || ch.Authors[0].Name["ru"] != "Андрей Соколов" || ch.Authors[0].SortName["ru"] != "Соколов, Андрей" {
			t.Errorf("chapter 2 authors %+v", ch.Authors)
		}
		if tr := ch.Translators["zh"]; len(tr) != 1 || tr[0].Name["zh"] != "张伟" || ch.Translators["ru"] != nil {
			t.Errorf("chapter 2 translators %+v: want 张伟 into Chinese, none into its original", ch.Translators)
		}
		if ch.Authors[0].Affiliation["zh"] != "俄罗斯国际事务委员会" {
			t.Errorf("the author's affiliation is their partner's name: %v", ch.Authors[0].Affiliation)
		}
		if ch.Text["zh"] == nil || ch.Text["ru"] == nil || ch.Title["zh"] == "" || ch.Keywords["ru"][0] != "партнёрство" {
			t.Errorf("chapter 2 texts %v, title %v, keywords %v", ch.Text, ch.Title, ch.Keywords)
		}
		// The first block of the Russian original and its Chinese
		// translation pair by ID.
		if ch.Text["zh"].Blocks[0].ID != ch.Text["ru"].Blocks[0].ID {
			t.Errorf("block IDs differ: %q %q", ch.Text["zh"].Blocks[0].ID, ch.Text["ru"].Blocks[0].ID)
		}
		// Break hints (U+200B) stored in short texts for the site's line
		// breaks are no part of the book's texts.
		hinted := lang.New("zh", map[string]string{"zh": "伙伴\u200b关系", "ru": "Парт\u200bнёрство"})
		if _, err := db.Exec(ctx, `UPDATE collections SET title = ? WHERE id = ?`, hinted, fx.CollectionID); err != nil {
			t.Fatal(err)
		}
		if hb, err := edition.Load(ctx, db, blobs, e.ID); err != nil || hb.Title["zh"] != "伙伴关系" || hb.Title["ru"] != "Партнёрство" {
			t.Errorf("a title with break hints loads as %q, %v", hb.Title, err)
		}
		// Modified is a time of the inputs, not the clock: loading again
		// gives the same book.
		again, err := edition.Load(ctx, db, blobs, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Modified.Equal(b.Modified) || b.Modified.IsZero() {
			t.Errorf("Modified %v then %v", b.Modified, again.Modified)
		}
		// A chapter whose translation is re-opened is left out of the book.
		err = db.Transact(ctx, func(tx *store.Tx) error {
			return works.Reopen(ctx, tx, fx.Contributions[0], "ru", works.Actor{Name: "Editor"})
		})
		if err != nil {
			t.Fatal(err)
		}
		b, err = edition.Load(ctx, db, blobs, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Chapters) != 1 || b.Chapters[0].ID != edition.ChapterID(fx.Contributions[1]) {
			t.Errorf("after a re-opened translation the book has %d chapters", len(b.Chapters))
		}
		missing, err := edition.Unapproved(ctx, db, e)
		if err != nil || len(missing) != 1 || missing[0].Lang != "ru" || missing[0].ContributionID != fx.Contributions[0] {
			t.Errorf("Unapproved = %+v, %v", missing, err)
		}
	})
}

// TestLifecycle walks an edition from draft to released: proofs built,
// approved by each host, refused scheduling while a chapter is not
// approved or the time is past, a rebuild with new bytes voiding the
// approvals, then scheduled and released at its time, public only from
// then on.
func TestLifecycle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		release := time.Now().Add(24 * time.Hour).Truncate(time.Second)
		e := newEdition(t, db, fx, "cw-zh", []string{"zh"}, []book.Format{book.Web, book.EPUB, book.PDF}, release)
		var r renderers
		press := &edition.Press{DB: db, Blobs: blobs, Renderers: r.set(), BaseURL: "https://forum.example"}
		by := edition.Actor{AccountID: 1, Name: "Organiser"}

		// Proofs cannot be approved before they are built.
		err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := edition.ApproveProofs(ctx, tx, e.ID, fx.Hosts[0].ID, by)
			return err
		})
		var se *edition.StateError
		if !errors.As(err, &se) {
			t.Fatalf("approving a draft: %v", err)
		}

		var seen []edition.Progress
		files, err := press.Build(ctx, e.ID, nil, by, func(p edition.Progress) { seen = append(seen, p) })
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 3 || files[0].Format != book.PDF || files[2].Format != book.Web || r.pdf.Load() != 1 || r.epub.Load() != 1 {
			t.Fatalf("built %+v (pdf %d, epub %d)", files, r.pdf.Load(), r.epub.Load())
		}
		if last := seen[len(seen)-1]; last.Done != last.Total || last.Total != 6 {
			t.Errorf("last progress %+v, want 6 of 6 (2 chapters × 3 formats)", last)
		}
		if st := state(t, db, e.ID); st != edition.Proofs {
			t.Fatalf("after the build: %s", st)
		}
		data, file, err := edition.Open(ctx, db, blobs, e.ID, book.EPUB)
		if err != nil || int64(len(data)) != file.Size || !strings.HasSuffix(file.Key(), ".epub") {
			t.Fatalf("open the EPUB: %d bytes, %+v, %v", len(data), file, err)
		}
		wb, err := edition.WebBook(ctx, db, blobs, e.ID)
		if err != nil || wb.PageMap == nil || len(wb.PageMap.Pages) != 2 || wb.URL != "https://forum.example/zh/editions/cw-zh" {
			t.Fatalf("web book: %+v, %v", wb, err)
		}

		// Nothing changed: nothing is rendered again.
		files, err = press.Build(ctx, e.ID, nil, by, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.pdf.Load() != 1 || r.epub.Load() != 1 || !files[0].Reused || !files[1].Reused {
			t.Errorf("an unchanged rebuild rendered again: pdf %d, epub %d", r.pdf.Load(), r.epub.Load())
		}

		approveAll(t, db, fx, e.ID)
		if st := state(t, db, e.ID); st != edition.Approved {
			t.Fatalf("after every host's approval: %s", st)
		}

		// A contribution not approved keeps the edition from being
		// scheduled; declined, it is no chapter.
		extra := &works.Contribution{CollectionID: fx.CollectionID, Lang: "ru", Title: lang.New("ru", map[string]string{"ru": "Третья"})}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.CreateContribution(ctx, tx, extra, works.Actor{Name: "Editor"}) }); err != nil {
			t.Fatal(err)
		}
		err = press.Schedule(ctx, e.ID, by, time.Now())
		if !errors.As(err, &se) || se.Key != "edition.schedule.unapproved" || !errors.Is(err, errkind.Conflict) {
			t.Fatalf("scheduling with an unapproved chapter: %v", err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return works.SetState(ctx, tx, extra.ID, works.Invited, works.Declined, works.Actor{Name: "Editor"}, "")
		}); err != nil {
			t.Fatal(err)
		}
		// A release time already past is refused.
		var inv edition.Invalid
		if err := press.Schedule(ctx, e.ID, by, release.Add(time.Minute)); !errors.As(err, &inv) || inv[0].Key != "edition.invalid.release_past" {
			t.Fatalf("scheduling in the past: %v", err)
		}

		// An edit changes the book: the proofs are stale and cannot be
		// scheduled; rebuilt with different bytes, the approvals no longer
		// count.
		cur, _ := edition.Get(ctx, db, e.ID)
		cur.Imprint = map[string][]string{"zh": {"图书在版编目（CIP）数据", "ISBN 978-7-99999-001-9"}}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, cur, cur.Version, by) }); err != nil {
			t.Fatal(err)
		}
		if err := press.Schedule(ctx, e.ID, by, time.Now()); !errors.As(err, &se) || se.Key != "edition.schedule.stale" {
			t.Fatalf("scheduling stale proofs: %v", err)
		}
		if _, err := press.Build(ctx, e.ID, []book.Format{book.EPUB}, by, nil); err != nil {
			t.Fatal(err)
		}
		if r.epub.Load() != 2 || r.pdf.Load() != 1 {
			t.Errorf("a build of the EPUB alone rendered pdf %d, epub %d times", r.pdf.Load(), r.epub.Load())
		}
		if st := state(t, db, e.ID); st != edition.Proofs {
			t.Fatalf("after a rebuild with new bytes: %s, want proofs", st)
		}
		if err := press.Schedule(ctx, e.ID, by, time.Now()); !errors.As(err, &se) || se.Key != "edition.schedule.state" {
			t.Fatalf("scheduling unapproved proofs: %v", err)
		}
		if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, fx, e.ID)

		// Before its release the edition is nowhere public.
		if err := press.Schedule(ctx, e.ID, by, time.Now()); err != nil {
			t.Fatal(err)
		}
		if st := state(t, db, e.ID); st != edition.Scheduled {
			t.Fatalf("after scheduling: %s", st)
		}
		before := release.Add(-time.Second)
		if _, err := edition.Public(ctx, db, "cw-zh", before); !errors.Is(err, errkind.NotFound) {
			t.Errorf("Public before the release: %v, want not found", err)
		}
		if l, err := edition.PublicList(ctx, db, before); err != nil || len(l) != 0 {
			t.Errorf("PublicList before the release: %d, %v", len(l), err)
		}
		if got, err := edition.ReleaseDue(ctx, db, before); err != nil || len(got) != 0 {
			t.Errorf("released early: %v, %v", got, err)
		}
		// Unscheduled and scheduled again.
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Unschedule(ctx, tx, e.ID, by) }); err != nil {
			t.Fatal(err)
		}
		if st := state(t, db, e.ID); st != edition.Approved {
			t.Fatalf("after unscheduling: %s", st)
		}
		if err := press.Schedule(ctx, e.ID, by, time.Now()); err != nil {
			t.Fatal(err)
		}
		if p, err := edition.Public(ctx, db, "cw-zh", release); err != nil || p.ID != e.ID {
			t.Errorf("Public at the release time: %v", err)
		}
		got, err := edition.ReleaseDue(ctx, db, release)
		if err != nil || !slices.Equal(got, []string{"cw-zh"}) {
			t.Fatalf("ReleaseDue = %v, %v", got, err)
		}
		rel, _ := edition.Get(ctx, db, e.ID)
		if rel.State != edition.Released || !rel.ReleasedAt.Equal(release) {
			t.Errorf("released: %s at %v", rel.State, rel.ReleasedAt)
		}
		if l, err := edition.PublicList(ctx, db, release); err != nil || len(l) != 1 {
			t.Errorf("PublicList after the release: %d, %v", len(l), err)
		}
		// A released edition is neither rebuilt nor edited.
		if _, err := press.Build(ctx, e.ID, nil, by, nil); !errors.As(err, &se) {
			t.Errorf("rebuilding a released edition: %v", err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, rel, rel.Version, by) }); !errors.As(err, &se) {
			t.Errorf("editing a released edition: %v", err)
		}
		events, err := eventlog.List(ctx, db, eventlog.Filter{Subject: edition.Subject(e.ID)})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, ev := range events {
			actions = append(actions, ev.Action)
		}
		for _, want := range []string{"edition.create", "edition.build", "edition.proofs_approve", "edition.edit", "edition.state"} {
			if !slices.Contains(actions, want) {
				t.Errorf("no %s event in %v", want, actions)
			}
		}
	})
}

// A stale form's save is refused, and a renderer the program lacks fails
// the build with ErrNoRenderer.
func TestStaleAndNoRenderer(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		e := newEdition(t, db, fx, "cw-zh", []string{"zh"}, []book.Format{book.Web, book.PDF}, time.Now().Add(time.Hour))
		by := edition.Actor{Name: "Organiser"}
		changed := *e
		changed.DOIPrefix = "10.12345"
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, &changed, e.Version, by) }); err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, e, e.Version, by) }); !errors.Is(err, edition.ErrStale) {
			t.Errorf("a save from a stale form: %v", err)
		}
		press := &edition.Press{DB: db, Blobs: blobs}
		if _, err := press.Build(ctx, e.ID, nil, by, nil); !errors.Is(err, edition.ErrNoRenderer) {
			t.Errorf("a build without a PDF renderer: %v", err)
		}
		if st := state(t, db, e.ID); st != edition.Draft {
			t.Errorf("after a failed build: %s", st)
		}
		if _, err := press.Build(ctx, e.ID, []book.Format{book.EPUB}, by, nil); !errors.Is(err, errkind.Invalid) {
			t.Errorf("a build of a format the edition lacks: %v", err)
		}
	})
}

func TestCountries(t *testing.T) {
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if edition.CheckTerritory(string([]rune{a, b})) == nil {
				n++
			}
		}
	}
	if n != 249 {
		t.Errorf("%d ISO 3166-1 alpha-2 codes, want 249", n)
	}
	for _, c := range []string{"CN", "RU", "HK", "TW", "GB", "WORLD"} {
		if err := edition.CheckTerritory(c); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
}

// The rules of approving and saving: proofs made before the edition
// changed are not approved (Press.ApproveProofs); one account does not
// approve the same proofs for two hosts; saving a scheduled edition
// unchanged keeps its schedule, a change cancels it; a failed build is
// recorded as a message key, not in a renderer's words.
func TestApprovalRules(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		e := newEdition(t, db, fx, "cw-zh", []string{"zh"}, []book.Format{book.Web}, time.Now().Add(24*time.Hour))
		press := &edition.Press{DB: db, Blobs: blobs, BaseURL: "https://forum.example"}
		admin := edition.Actor{AccountID: 42, Name: "Admin"}
		if _, err := press.Build(ctx, e.ID, nil, admin, nil); err != nil {
			t.Fatal(err)
		}
		var se *edition.StateError
		if _, err := press.ApproveProofs(ctx, e.ID, fx.Hosts[0].ID, admin); err != nil {
			t.Fatal(err)
		}
		if _, err := press.ApproveProofs(ctx, e.ID, fx.Hosts[1].ID, admin); !errors.As(err, &se) || se.Key != "edition.proofs.four_eyes" {
			t.Errorf("one account approving for both hosts: %v", err)
		}
		cur, _ := edition.Get(ctx, db, e.ID)
		cur.Territories = []string{"CN", "RU"}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, cur, cur.Version, admin) }); err != nil {
			t.Fatal(err)
		}
		other := edition.Actor{AccountID: 43, Name: "Organiser"}
		if _, err := press.ApproveProofs(ctx, e.ID, fx.Hosts[1].ID, other); !errors.As(err, &se) || se.Key != "edition.proofs.stale" {
			t.Errorf("approving proofs the edition changed since: %v", err)
		}
		if _, err := press.Build(ctx, e.ID, nil, admin, nil); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, fx, e.ID)
		if err := press.Schedule(ctx, e.ID, admin, time.Now()); err != nil {
			t.Fatal(err)
		}
		cur, _ = edition.Get(ctx, db, e.ID)
		same := *cur
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, &same, cur.Version, admin) }); err != nil {
			t.Fatal(err)
		}
		if st := state(t, db, e.ID); st != edition.Scheduled {
			t.Errorf("after saving unchanged: %s", st)
		}
		cur.Territories = []string{"CN"}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, cur, cur.Version, admin) }); err != nil {
			t.Fatal(err)
		}
		if st := state(t, db, e.ID); st != edition.Proofs {
			t.Errorf("after a change: %s", st)
		}
		for err, want := range map[error]string{
			errors.New("typst: error: unknown variable"):       "edition.build.error",
			fmt.Errorf("build pdf: %w", edition.ErrNoRenderer): "edition.build.no_renderer",
			&edition.StateError{Key: "edition.build.released"}: "edition.build.released",
		} {
			if got := edition.BuildFailure(err); got != want {
				t.Errorf("BuildFailure(%v) = %q, want %q", err, got, want)
			}
		}
	})
}

// TestArchivalPDF checks the PDF/A: an edition in PDF gets one when the
// press can make it, from the PDF's inputs; building it for an approved
// edition keeps the approvals (no host approved its bytes), and it is
// never made from other inputs than the PDF's.
func TestArchivalPDF(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		e := newEdition(t, db, fx, "cw-zh", []string{"zh"}, []book.Format{book.Web, book.PDF}, time.Now().Add(24*time.Hour))
		by := edition.Actor{AccountID: 1, Name: "Organiser"}
		var r renderers
		old := r.set()
		press := &edition.Press{DB: db, Blobs: blobs, Renderers: old, BaseURL: "https://forum.example"}
		if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, fx, e.ID)

		var pdfa atomic.Int32
		withA := old
		withA.PDFA = func(ctx context.Context, b *book.Book) ([]byte, error) {
			pdfa.Add(1)
			return []byte("%PDF-1.7 archival " + b.Slug), nil
		}
		press.Renderers = withA
		cur, _ := edition.Get(ctx, db, e.ID)
		stale, err := press.Stale(ctx, cur)
		if err != nil || !slices.Equal(stale, []book.Format{book.PDFA}) {
			t.Fatalf("stale before the PDF/A is built: %v, %v", stale, err)
		}
		files, err := press.Build(ctx, e.ID, []book.Format{book.PDFA}, by, nil)
		if err != nil || len(files) != 1 || files[0].Format != book.PDFA || pdfa.Load() != 1 {
			t.Fatalf("build the PDF/A: %+v, %v", files, err)
		}
		if !strings.HasSuffix(files[0].Key(), ".pdf") {
			t.Errorf("the PDF/A's key %s is not a .pdf", files[0].Key())
		}
		if st := state(t, db, e.ID); st != edition.Approved {
			t.Errorf("after building the PDF/A of an approved edition: %s, want approved", st)
		}
		data, _, err := edition.Open(ctx, db, blobs, e.ID, book.PDFA)
		if err != nil || string(data) != "%PDF-1.7 archival cw-zh" {
			t.Errorf("open the PDF/A: %q, %v", data, err)
		}
		if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil || pdfa.Load() != 1 {
			t.Errorf("a build with nothing changed made the PDF/A again (%d) or failed: %v", pdfa.Load(), err)
		}

		// New renderers: the PDF is stale, and the PDF/A is not made
		// from inputs its PDF was not.
		withA.Version = "test 2"
		press.Renderers = withA
		var inv edition.Invalid
		if _, err := press.Build(ctx, e.ID, []book.Format{book.PDFA}, by, nil); !errors.As(err, &inv) || inv[0].Key != "edition.invalid.pdfa_stale" {
			t.Errorf("a PDF/A alone from other inputs than its PDF's: %v", err)
		}
		if _, err := press.Build(ctx, e.ID, []book.Format{book.PDF, book.PDFA}, by, nil); err != nil || pdfa.Load() != 2 {
			t.Errorf("the PDF and its PDF/A together: %d, %v", pdfa.Load(), err)
		}
	})
}

// TestLoadTranslatorAffiliation: a translator whose account acts for a
// person with a partner is credited with that affiliation, as authors are,
// so that the contributors pages give it.
func TestLoadTranslatorAffiliation(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		p := &forum.Person{Slug: "zhang-wei", Names: lang.Names{Source: "zh", Values: map[string]lang.Name{"zh": {Family: "张", Given: "伟", FamilyFirst: true}}},
			PartnerID: fx.Hosts[0].ID, Published: true}
		if err := forum.AddPerson(ctx, db, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) SELECT ?, id FROM accounts WHERE email = 'translator2@example.org'`, p.ID); err != nil {
			t.Fatal(err)
		}
		e := newEdition(t, db, fx, "cw-zh-ru", []string{"zh", "ru"}, []book.Format{book.Web}, time.Now().Add(time.Hour))
		b, err := edition.Load(ctx, db, blobs, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		tr := b.Chapters[1].Translators["zh"]
		if len(tr) != 1 || tr[0].Affiliation["zh"] != fx.Hosts[0].Name.Values["zh"] {
			t.Errorf("the translator %+v: want the affiliation %v", tr, fx.Hosts[0].Name)
		}
		if tr := b.Chapters[0].Translators["ru"]; len(tr) != 1 || len(tr[0].Affiliation) != 0 {
			t.Errorf("a translator acting for no person has an affiliation: %+v", tr)
		}
	})
}
