package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// leadTexts sets a news form's lead image texts to x in every language.
func leadTexts(v url.Values, x string) {
	for _, f := range []string{"lead_alt", "lead_caption", "lead_credit"} {
		mlValues(v, f, f+" "+x)
	}
}

// publicLead returns what the public news page slug says of its lead
// image: the figure's alt text and caption, and og:image:alt.
func publicLead(t *testing.T, o *office, slug string) (alt, caption, ogAlt string) {
	t.Helper()
	resp, doc := o.browser().get("/en/news/" + slug)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("public news page %s: %d", slug, resp.StatusCode)
	}
	return doc.Find("figure img").AttrOr("alt", ""), strings.TrimSpace(doc.Find("figcaption").Text()),
		doc.Find(`meta[property="og:image:alt"]`).AttrOr("content", "")
}

// The alt text, caption and credit of a news post's lead image are the
// post's: editing the image in the library changes no published page, and
// a draft's new caption shows on the change page and reaches the public
// only once the hosts approve it.
func TestOfficeNewsLeadTexts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@cass.example", "Ed", "en", false, "cass:editor")
		o.account("org@cass.example", "Org", "en", false, "cass:organiser")
		ed := o.browser()
		ed.signIn("ed@cass.example")
		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM forums WHERE slug = 'treaty-20-forum'`).Scan(&forumID); err != nil {
			t.Fatal(err)
		}

		v := newsForm(0, "first")
		v.Set("slug", "lead-texts")
		v.Set("forum", fmt.Sprint(forumID))
		resp, _ := ed.multipartPost("/office/news/new", v, map[string][2]string{"lead.file": {"lead.png", pngData(800, 400)}})
		id := idFrom(t, resp, "/office/news/")
		subj := approval.Subject{Kind: approval.KindNews, ID: id}
		o.publish(subj)
		alt, caption, ogAlt := publicLead(t, o, "lead-texts")
		if alt != "lead_alt first en" || !strings.Contains(caption, "lead_caption first en") || !strings.Contains(caption, "lead_credit first en") || ogAlt != "lead_alt first en" {
			t.Fatalf("published: alt %q, caption %q, og:image:alt %q", alt, caption, ogAlt)
		}

		// The upload went to the library with the post's texts as its
		// defaults; editing them there leaves the page as approved.
		d, err := approval.Load(context.Background(), db, subj)
		if err != nil {
			t.Fatal(err)
		}
		imageID := d.Content.(*forum.NewsPost).LeadImageID
		lib := url.Values{}
		for _, f := range []string{"alt", "caption", "credit"} {
			mlValues(lib, f, "library "+f)
		}
		if resp, _ := ed.post(fmt.Sprintf("/office/media/%d", imageID), lib); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("library edit: %d", resp.StatusCode)
		}
		if got, _ := media.Load(context.Background(), db, []int64{imageID}); got[imageID].Caption.Values["en"] != "library caption en" {
			t.Fatalf("library caption %q", got[imageID].Caption.Values["en"])
		}
		if a, c, og := publicLead(t, o, "lead-texts"); a != alt || c != caption || og != ogAlt {
			t.Errorf("after a library edit the public page says alt %q, caption %q, og:image:alt %q; want it unchanged", a, c, og)
		}

		// A new caption in the draft: on the change page, not public.
		d, _ = approval.Load(context.Background(), db, subj)
		v = newsForm(d.Version, "first")
		v.Set("forum", fmt.Sprint(forumID))
		v.Set("lead", fmt.Sprint(imageID))
		mlValues(v, "lead_caption", "second caption")
		if resp, doc := ed.post(fmt.Sprintf("/office/news/%d", id), v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save a new caption: %d %s", resp.StatusCode, doc.Find(".field-error, .form-error").Text())
		}
		org := o.browser()
		org.signIn("org@cass.example")
		_, doc := org.get(fmt.Sprintf("/office/approvals/news/%d", id))
		var found bool
		doc.Find("section.change").Each(func(_ int, s *goquery.Selection) {
			h := strings.TrimSpace(s.Find("h3").Text())
			if strings.Contains(h, "Lead image: caption") && strings.Contains(h, "English") &&
				strings.Contains(s.Find("ins").Text(), "second") && strings.Contains(s.Find("del").Text(), "lead_caption first") {
				found = true
			}
		})
		if !found {
			t.Errorf("the change page shows no English lead caption change; changes: %q", text(doc, "#changes-head ~ section"))
		}
		if _, c, _ := publicLead(t, o, "lead-texts"); strings.Contains(c, "second caption") {
			t.Errorf("an unapproved caption is public: %q", c)
		}
		o.publish(subj)
		if _, c, _ := publicLead(t, o, "lead-texts"); !strings.Contains(c, "second caption en") {
			t.Errorf("after approval the caption is %q, want the new one", c)
		}

		// A post that takes an image from the library starts from the
		// library's texts where it has none of its own.
		v = newsForm(0, "other")
		v.Set("slug", "lead-from-library")
		v.Set("forum", fmt.Sprint(forumID))
		v.Set("lead", fmt.Sprint(imageID))
		for _, f := range []string{"lead_alt", "lead_caption", "lead_credit"} {
			for _, l := range []string{"zh", "ru", "en"} {
				v.Del(f + "." + l)
			}
			v.Del(f + ".done")
		}
		mlValues(v, "lead_credit", "own credit")
		resp, _ = ed.multipartPost("/office/news/new", v, nil)
		other := idFrom(t, resp, "/office/news/")
		_, doc = ed.get(fmt.Sprintf("/office/news/%d", other))
		if got := doc.Find(`input[name="lead_alt.en"]`).AttrOr("value", ""); got != "library alt en" {
			t.Errorf("alt text of a chosen image: %q, want the library's", got)
		}
		if got := doc.Find(`input[name="lead_credit.en"]`).AttrOr("value", ""); got != "own credit en" {
			t.Errorf("credit typed with a chosen image: %q, want the one typed", got)
		}
	})
}

// An image belongs to the partner whose team uploaded it: that team's
// editors and organisers (and admins) change its texts; the others see
// the image with no form, told whose it is, and their POST is forbidden.
// An image of no partner stays open to every team's editors.
func TestOfficeMediaOwner(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@riac.example", "RIAC editor", "en", false, "riac:editor")
		o.account("ed@cass.example", "CASS editor", "en", false, "cass:editor")
		o.account("two@both.example", "Both", "en", false, "cass:editor", "riac:organiser")
		o.account("admin@tandem.example", "Admin", "en", true)
		riac := o.partnerID("riac")
		meta := url.Values{}
		mlValues(meta, "alt", "owned")

		riacEd := o.browser()
		riacEd.signIn("ed@riac.example")
		if _, doc := riacEd.get("/office/media"); doc.Find(`select[name="partner"]`).Length() != 0 {
			t.Error("an editor of one partner is asked which partner an upload belongs to")
		}
		resp, _ := riacEd.multipartPost("/office/media", meta, map[string][2]string{"file": {"a.png", pngData(20, 10)}})
		id := idFrom(t, resp, "/office/media/")
		if got, _ := media.Load(context.Background(), db, []int64{id}); got[id].PartnerID != riac {
			t.Fatalf("uploaded image belongs to %d, want RIAC %d", got[id].PartnerID, riac)
		}
		path := fmt.Sprintf("/office/media/%d", id)
		edit := url.Values{}
		mlValues(edit, "caption", "edited")

		cassEd := o.browser()
		cassEd.signIn("ed@cass.example")
		resp, doc := cassEd.get(path)
		if resp.StatusCode != http.StatusOK || doc.Find("main form").Length() != 0 || doc.Find(`main button[type="submit"]`).Length() != 0 {
			t.Errorf("another partner's editor: %d, %d forms; want the image read-only", resp.StatusCode, doc.Find("main form").Length())
		}
		if owner := text(doc, "#media-owner"); !strings.Contains(owner, "Russian International Affairs Council") {
			t.Errorf("owner line %q, want RIAC named", owner)
		}
		if resp, _ := cassEd.post(path, edit); resp.StatusCode != http.StatusForbidden {
			t.Errorf("another partner's editor saving: %d, want 403", resp.StatusCode)
		}
		for _, who := range []string{"ed@riac.example", "admin@tandem.example"} {
			b := o.browser()
			b.signIn(who)
			if _, doc := b.get(path); doc.Find(`main form button[type="submit"]`).Length() != 1 || !strings.Contains(text(doc, "#media-defaults"), "defaults") {
				t.Errorf("%s: no form, or no word that the texts are defaults", who)
			}
			if resp, _ := b.post(path, edit); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("%s saving: %d, want 303", who, resp.StatusCode)
			}
		}

		// An image of no partner (the demo's): any team's editor.
		var legacy int64
		if err := db.QueryRow(context.Background(), `SELECT MIN(id) FROM media`).Scan(&legacy); err != nil {
			t.Fatal(err)
		}
		if resp, _ := cassEd.post(fmt.Sprintf("/office/media/%d", legacy), edit); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("editing an image of no partner: %d, want 303", resp.StatusCode)
		}

		// An account at two partners chooses; a partner it is not at is
		// refused at the field, what was typed kept.
		two := o.browser()
		two.signIn("two@both.example")
		if _, doc := two.get("/office/media"); doc.Find(`select[name="partner"] option`).Length() != 2 {
			t.Errorf("an account at two partners is offered %d partners, want 2", doc.Find(`select[name="partner"] option`).Length())
		}
		bad := url.Values{"partner": {"999999"}}
		mlValues(bad, "alt", "kept")
		resp, body := two.multipartPost("/office/media", bad, map[string][2]string{"file": {"a.png", pngData(20, 10)}})
		if doc := parse(t, body); resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("#partner-error").Length() == 0 || doc.Find(`input[name="alt.en"]`).AttrOr("value", "") != "kept en" {
			t.Errorf("upload for a partner not the account's: %d", resp.StatusCode)
		}
		good := url.Values{"partner": {fmt.Sprint(riac)}}
		resp, _ = two.multipartPost("/office/media", good, map[string][2]string{"file": {"a.png", pngData(20, 10)}})
		chosen := idFrom(t, resp, "/office/media/")
		if got, _ := media.Load(context.Background(), db, []int64{chosen}); got[chosen].PartnerID != riac {
			t.Errorf("upload for RIAC belongs to %d", got[chosen].PartnerID)
		}

		// An admin may upload for no partner.
		admin := o.browser()
		admin.signIn("admin@tandem.example")
		resp, _ = admin.multipartPost("/office/media", url.Values{"partner": {"0"}}, map[string][2]string{"file": {"a.png", pngData(20, 10)}})
		none := idFrom(t, resp, "/office/media/")
		if got, _ := media.Load(context.Background(), db, []int64{none}); got[none].PartnerID != 0 {
			t.Errorf("admin's upload for no partner belongs to %d", got[none].PartnerID)
		}
	})
}

// A translator changes a post's texts only: the form shows the forum, the
// publication time and the lead image read-only, and a crafted POST that
// changes them keeps them as the draft has them. A reviewer's form has no
// save button.
func TestOfficeNewsByRole(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("tr@cass.example", "Tr", "en", false, "cass:translator")
		o.account("rev@cass.example", "Rev", "en", false, "cass:reviewer")
		ctx := context.Background()
		var id, otherImage int64
		if err := db.QueryRow(ctx, `SELECT id FROM news_posts WHERE slug = 'forum-marks-treaty-anniversary'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		before, err := approval.Load(ctx, db, approval.Subject{Kind: approval.KindNews, ID: id})
		if err != nil {
			t.Fatal(err)
		}
		was := before.Content.(*forum.NewsPost)
		err = db.Transact(ctx, func(tx *store.Tx) error {
			im, err := (&media.Store{DB: db, Blobs: o.blobs}).Add(ctx, tx, strings.NewReader(pngData(20, 10)), media.Meta{})
			otherImage = im.ID
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
		case doc.Find("select#forum[disabled]").Length() != 1:
			t.Error("translator's forum select is not disabled")
		case doc.Find("input#published_at[readonly]").Length() != 1:
			t.Error("translator's publication time is not read-only")
		case doc.Find(`select[name="lead"], input[name="lead.file"]`).Length() != 0:
			t.Error("translator is offered to change the lead image")
		case doc.Find(`input[name="lead_caption.en"][readonly], input[name="title.en"][readonly]`).Length() != 0:
			t.Error("translator's texts are read-only")
		case doc.Find(`button[type="submit"]`).Length() < 1 || !strings.Contains(text(doc, "#form-notice"), "translator"):
			t.Error("translator has no save button or no notice")
		}

		v := newsForm(before.Version, "translated")
		v.Set("slug", "hijacked")
		v.Set("forum", "0")
		v.Set("published_at", "2030-01-01T00:00")
		v.Set("lead", fmt.Sprint(otherImage))
		images := o.count("media")
		resp, body := tr.multipartPost(path, v, map[string][2]string{"lead.file": {"x.png", pngData(20, 10)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translator's crafted save: %d %s", resp.StatusCode, parse(t, body).Find(".field-error, .form-error").Text())
		}
		after, err := approval.Load(ctx, db, approval.Subject{Kind: approval.KindNews, ID: id})
		if err != nil {
			t.Fatal(err)
		}
		n := after.Content.(*forum.NewsPost)
		if n.Slug != was.Slug || n.ForumID != was.ForumID || !n.PublishedAt.Equal(was.PublishedAt) || n.LeadImageID != was.LeadImageID {
			t.Errorf("a translator's save moved the post: slug %q, forum %d, published %v, lead %d; want %q, %d, %v, %d",
				n.Slug, n.ForumID, n.PublishedAt.Format(time.RFC3339), n.LeadImageID, was.Slug, was.ForumID, was.PublishedAt.Format(time.RFC3339), was.LeadImageID)
		}
		if o.count("media") != images {
			t.Error("a translator's save stored an uploaded image")
		}
		if n.Title.Values["en"] != "title translated en" || n.LeadCaption.Values["en"] != "lead_caption translated en" {
			t.Errorf("the translator's texts were not saved: title %q, caption %q", n.Title.Values["en"], n.LeadCaption.Values["en"])
		}

		// A post about no forum (made outside the office) is no team's:
		// the admins' alone, 404 to the others.
		var loose int64
		err = db.Transact(ctx, func(tx *store.Tx) error {
			d, err := approval.Create(ctx, tx, approval.KindNews, &forum.NewsPost{Slug: "no-forum", Title: was.Title, Body: was.Body, PublishedAt: was.PublishedAt}, approval.Actor{AccountID: 1, Name: "Admin"})
			if d != nil {
				loose = d.Subject.ID
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		v = newsForm(1, "loose")
		v.Set("forum", fmt.Sprint(was.ForumID))
		for _, path := range []string{fmt.Sprintf("/office/news/%d", loose), fmt.Sprintf("/office/approvals/news/%d", loose), fmt.Sprintf("/office/preview/news/%d", loose)} {
			if resp, _ := tr.get(path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("a translator's GET %s of a post about no forum: %d, want 404", path, resp.StatusCode)
			}
		}
		if resp, _ := tr.post(fmt.Sprintf("/office/news/%d", loose), v); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a translator's save of a post about no forum: %d, want 404", resp.StatusCode)
		}
		if _, body := tr.do("GET", "/office/news", nil); strings.Contains(body, fmt.Sprintf(`href="/office/news/%d"`, loose)) {
			t.Error("the news list shows a translator a post about no forum")
		}

		rev := o.browser()
		rev.signIn("rev@cass.example")
		resp, doc = rev.get(path)
		if resp.StatusCode != http.StatusOK || doc.Find(`main form.content-form button[type="submit"]`).Length() != 0 {
			t.Errorf("reviewer's form: %d, %d save buttons; want none", resp.StatusCode, doc.Find(`main form.content-form button[type="submit"]`).Length())
		}
		if doc.Find(`input[name="title.en"][readonly]`).Length() != 1 || doc.Find("select#forum[disabled]").Length() != 1 {
			t.Error("reviewer's fields are not read-only")
		}
	})
}
