package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// figureTexts sets the texts of the figure row pre ("f0.") to x in every
// language.
func figureTexts(v url.Values, pre, x string) {
	for _, f := range []string{"alt", "caption", "credit"} {
		mlValues(v, pre+f, f+" "+x)
	}
}

// bodyOrder lists what the public news page path shows in its body, in
// order: "p:<text of the paragraphs>" for a run of paragraphs and
// "figure" for a figure, with the figures' alt texts and captions.
func bodyOrder(t *testing.T, o *office, path string) (order []string, alts, captions []string) {
	t.Helper()
	resp, doc := o.browser().get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", path, resp.StatusCode)
	}
	doc.Find("article.news-post > .prose, article.news-post > figure").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "figure" {
			order = append(order, "figure")
			alts = append(alts, s.Find("img").AttrOr("alt", ""))
			captions = append(captions, strings.Join(strings.Fields(s.Find("figcaption").Text()), " "))
			return
		}
		order = append(order, "p:"+strings.Join(strings.Fields(s.Text()), " "))
	})
	return order, alts, captions
}

// An editor puts an uploaded image after the first paragraph of a news
// item; the draft holds it, the public sees it between the first and the
// second paragraph once approved, with its texts in the reader's language;
// a changed caption shows on the change page in each language; a bad
// paragraph number and a file that is no image are told at their fields
// with what was typed kept; and removing the image takes it off the page.
func TestOfficeNewsFigures(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		o.account("ed@cass.example", "Ed", "en", false, "cass:editor")
		o.account("org@cass.example", "Org", "en", false, "cass:organiser")
		ed := o.browser()
		ed.signIn("ed@cass.example")
		forumID := demoForumID(t, db)

		v := newsForm(0, "fig")
		v.Set("slug", "with-figures")
		v.Set("forum", fmt.Sprint(forumID))
		v.Set("figures", "1")
		v.Set("f0.pos", "1")
		v.Set("f0.after", "1")
		figureTexts(v, "f0.", "one")
		resp, body := ed.multipartPost("/office/news/new", v, map[string][2]string{"f0.image.file": {"figure.png", pngData(600, 400)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create with a figure: %d %s", resp.StatusCode, parse(t, body).Find(".field-error").Text())
		}
		id := idFrom(t, resp, "/office/news/")
		subj := approval.Subject{Kind: approval.KindNews, ID: id}
		d, err := approval.Load(ctx, db, subj)
		if err != nil {
			t.Fatal(err)
		}
		figs := d.Content.(*forum.NewsPost).Figures
		if len(figs) != 1 || figs[0].After != 1 || figs[0].ImageID == 0 || figs[0].Caption.Values["ru"] != "caption one ru" {
			t.Fatalf("the draft's figures: %+v, want one image after paragraph 1 captioned %q", figs, "caption one ru")
		}
		if got, _ := media.Load(ctx, db, []int64{figs[0].ImageID}); got[figs[0].ImageID] == nil || got[figs[0].ImageID].Alt.Values["en"] != "alt one en" {
			t.Errorf("the upload is not in the library with the figure's texts as its defaults")
		}

		o.publish(subj)
		for _, l := range []string{"ru", "en"} {
			order, alts, captions := bodyOrder(t, o, "/"+l+"/news/with-figures")
			want := []string{"p:First fig", "figure", "p:Second " + l}
			if strings.Join(order, " | ") != strings.Join(want, " | ") {
				t.Errorf("%s: the body shows %q, want %q", l, order, want)
				continue
			}
			if alts[0] != "alt one "+l || !strings.Contains(captions[0], "caption one "+l) || !strings.Contains(captions[0], "credit one "+l) {
				t.Errorf("%s: the figure says alt %q, caption %q; want its %s texts", l, alts[0], captions[0], l)
			}
		}

		// A new caption: shown per language on the change page.
		path := fmt.Sprintf("/office/news/%d", id)
		_, doc := ed.get(path)
		v = formValues(t, doc, "form.content-form")
		if v.Get("f0.id") == "" || v.Get("f0.after") != "1" || v.Get("f0.caption.zh") != "caption one zh" {
			t.Fatalf("the edit form's figure row: id %q, after %q, caption %q", v.Get("f0.id"), v.Get("f0.after"), v.Get("f0.caption.zh"))
		}
		mlValues(v, "f0.caption", "caption two")
		if resp, doc := ed.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save a new caption: %d %s", resp.StatusCode, doc.Find(".field-error").Text())
		}
		org := o.browser()
		org.signIn("org@cass.example")
		_, doc = org.get(fmt.Sprintf("/office/approvals/news/%d", id))
		langs := map[string]bool{}
		doc.Find("section.change").Each(func(_ int, s *goquery.Selection) {
			h := strings.Join(strings.Fields(s.Find("h3").Text()), " ")
			if !strings.Contains(h, "Image 1 in the text › Caption") || !strings.Contains(s.Find("ins").Text(), "two") {
				return
			}
			for _, name := range []string{"Chinese", "Russian", "English"} {
				if strings.Contains(h, name) {
					langs[name] = true
				}
			}
		})
		if len(langs) != 3 {
			t.Errorf("the change page shows the figure's caption change in %v, want Chinese, Russian and English; changes: %q", langs, text(doc, "#changes-head ~ section"))
		}

		// Errors at their fields, what was typed kept.
		_, doc = ed.get(path)
		base := formValues(t, doc, "form.content-form")
		for _, bad := range []string{"-1", "two"} {
			v := url.Values{}
			for k, vs := range base {
				v[k] = vs
			}
			v.Set("f0.after", bad)
			resp, doc := ed.post(path, v)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("after %q: %d, want 422", bad, resp.StatusCode)
			}
			if msg := text(doc, `[id="f0.after-error"]`); msg == "" {
				t.Errorf("after %q: no message at the field", bad)
			}
			if got := byID(doc, "f0.after").AttrOr("value", ""); got != bad {
				t.Errorf("after %q: the field says %q", bad, got)
			}
		}
		v = url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		v.Del("f1.image.file")
		v.Set("f1.after", "2")
		figureTexts(v, "f1.", "typed")
		images := o.count("media")
		resp, body = ed.multipartPost(path, v, map[string][2]string{"f1.image.file": {"notes.png", "these are not the bytes of an image"}})
		doc = parse(t, body)
		switch {
		case resp.StatusCode != http.StatusUnprocessableEntity:
			t.Errorf("a file that is no image: %d, want 422", resp.StatusCode)
		case text(doc, `[id="f1.image-error"]`) == "":
			t.Errorf("a file that is no image: no message at the figure's image; errors: %q", text(doc, ".field-error"))
		case doc.Find(`input[name="f1.caption.ru"]`).AttrOr("value", "") != "caption typed ru" || byID(doc, "f1.after").AttrOr("value", "") != "2":
			t.Errorf("a file that is no image: what was typed is lost")
		case o.count("media") != images:
			t.Errorf("a file that is no image was stored")
		}

		// Remove.
		v = url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		v.Set("f0.remove", "1")
		if resp, doc := ed.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove the figure: %d %s", resp.StatusCode, doc.Find(".field-error").Text())
		}
		if d, err := approval.Load(ctx, db, subj); err != nil || len(d.Content.(*forum.NewsPost).Figures) != 0 {
			t.Fatalf("after removing, the draft has figures (%v)", err)
		}
		o.publish(subj)
		if order, _, _ := bodyOrder(t, o, "/en/news/with-figures"); strings.Contains(strings.Join(order, " "), "figure") {
			t.Errorf("after removing, the page shows %q", order)
		}
	})
}

// A translator changes only the texts of the images in the text: a
// crafted save that also moves, swaps, removes, adds or uploads an image
// keeps them as the draft has them; the form offers no such change.
func TestOfficeNewsFiguresTranslator(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		o.account("tr@cass.example", "Tr", "en", false, "cass:translator")
		forumID := demoForumID(t, db)
		var a, b int64
		err := db.Transact(ctx, func(tx *store.Tx) error {
			ms := &media.Store{DB: db, Blobs: o.blobs}
			im, err := ms.Add(ctx, tx, strings.NewReader(pngData(20, 10)), media.Meta{})
			if err != nil {
				return err
			}
			a = im.ID
			im, err = ms.Add(ctx, tx, strings.NewReader(pngData(30, 10)), media.Meta{})
			b = im.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		en := func(s string) lang.Text { return lang.New("en", map[string]string{"en": s}) }
		var id int64
		err = db.Transact(ctx, func(tx *store.Tx) error {
			d, err := approval.Create(ctx, tx, approval.KindNews, &forum.NewsPost{Slug: "tr-figures", ForumID: forumID, Title: en("Title"), Body: en("One\n\nTwo"),
				PublishedAt: time.Date(2021, 6, 2, 10, 0, 0, 0, time.UTC), Figures: []*forum.Figure{{ImageID: a, After: 1, Caption: en("Caption")}}}, approval.Actor{AccountID: 1, Name: "Admin"})
			if d != nil {
				id = d.Subject.ID
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/office/news/%d", id)
		tr := o.browser()
		tr.signIn("tr@cass.example")
		resp, doc := tr.get(path)
		switch {
		case resp.StatusCode != http.StatusOK:
			t.Fatalf("translator's form: %d", resp.StatusCode)
		case doc.Find(`select[name="f0.image"], input[name="f0.image.file"], input[name="f0.remove"]`).Length() != 0:
			t.Error("the translator is offered to change or remove the figure's image")
		case doc.Find(`[id="f0.after"][readonly]`).Length() != 1:
			t.Error("the translator's paragraph number is not read-only")
		case doc.Find(`[id="f1.row"]`).Length() != 0:
			t.Error("the translator is offered a row to add an image")
		case doc.Find(`input[name="f0.caption.ru"]`).Length() != 1 || doc.Find(`input[name="f0.caption.ru"][readonly]`).Length() != 0:
			t.Error("the translator cannot write the figure's caption")
		}
		v := formValues(t, doc, "form.content-form")
		v.Set("f0.caption.ru", "Подпись")
		v.Set("f0.image", fmt.Sprint(b))
		v.Set("f0.after", "0")
		v.Set("f0.remove", "1")
		v.Set("figures", "2")
		v.Set("f1.image", fmt.Sprint(b))
		v.Set("f1.after", "2")
		images := o.count("media")
		resp, body := tr.multipartPost(path, v, map[string][2]string{"f0.image.file": {"x.png", pngData(20, 10)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translator's crafted save: %d %s", resp.StatusCode, parse(t, body).Find(".field-error").Text())
		}
		d, err := approval.Load(ctx, db, approval.Subject{Kind: approval.KindNews, ID: id})
		if err != nil {
			t.Fatal(err)
		}
		figs := d.Content.(*forum.NewsPost).Figures
		if len(figs) != 1 || figs[0].ImageID != a || figs[0].After != 1 {
			t.Fatalf("after a translator's save the figures are %+v, want image %d after paragraph 1 only", figs, a)
		}
		if figs[0].Caption.Values["ru"] != "Подпись" {
			t.Errorf("the translator's caption was not saved: %q", figs[0].Caption.Values["ru"])
		}
		if o.count("media") != images {
			t.Error("a translator's save stored an uploaded image")
		}
	})
}

// TestNoQueriesPerNewsFigure checks that the public news list and a news
// page cost as many queries with images in the text as without.
func TestNoQueriesPerNewsFigure(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db, false)
		posts, _, err := (&forum.Store{DB: db}).News(ctx, 100, 0)
		if err != nil || len(posts) == 0 {
			t.Fatalf("demo news: %d, %v", len(posts), err)
		}
		paths := []string{"/en/news", "/en/news/" + posts[0].Slug}
		count := func(path string) int64 {
			before := db.QueryCount()
			s.page(path, 200)
			return db.QueryCount() - before
		}
		images, err := store.All(ctx, db, func(sc store.Scanner) (int64, error) {
			var id int64
			return id, sc.Scan(&id)
		}, `SELECT id FROM media ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		// Each post gets one image in the text first (a page with no
		// image at all loads none), then four more, each another image
		// where the library has enough.
		addFigures := func(k int) {
			for _, n := range posts {
				for range k {
					n.Figures = append(n.Figures, &forum.Figure{ImageID: images[len(n.Figures)%len(images)], After: len(n.Figures)})
				}
				if err := forum.UpdateNews(ctx, db, n); err != nil {
					t.Fatal(err)
				}
			}
		}
		addFigures(1)
		before := map[string]int64{}
		for _, p := range paths {
			before[p] = count(p)
		}
		addFigures(4)
		for _, p := range paths {
			if after := count(p); after != before[p] {
				t.Errorf("%s: %d queries with one image in the text of each post, %d with five", p, before[p], after)
			}
		}
	})
}

// The demo's news item on the Collected Works shows the forum's
// illustration after its first paragraph, captioned in each language.
func TestDemoNewsFigure(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for l, caption := range map[string]string{"zh": "两个交叠的圆盘", "ru": "Два пересекающихся круга", "en": "Two overlapping discs"} {
			doc := s.page("/"+l+"/news/collected-works-released", 200)
			var order []string
			doc.Find("article.news-post > .prose, article.news-post > figure").Each(func(_ int, sel *goquery.Selection) {
				order = append(order, goquery.NodeName(sel)+":"+strconv.Itoa(sel.Find("p").Length()))
			})
			if strings.Join(order, " ") != "div:1 figure:0 div:1" {
				t.Errorf("%s: the body is %q, want a paragraph, the figure, a paragraph", l, order)
			}
			if got := doc.Find("article.news-post > figure figcaption").Text(); !strings.Contains(got, caption) {
				t.Errorf("%s: the figure's caption is %q, want it to say %q", l, got, caption)
			}
			// Search engines read the image in the text too, with its
			// caption in the page's language.
			if ld := doc.Find(`script[type="application/ld+json"]`).Text(); !strings.Contains(ld, `"caption":"`+caption) {
				t.Errorf("%s: the JSON-LD does not carry the figure's caption %q: %.400s", l, caption, ld)
			}
		}
	})
}
