package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
)

// addSiteTranslation opens the translation of forum forumID's texts from
// the language most of them are written in into another of its languages.
func addSiteTranslation(t *testing.T, o *office, forumID int64) *translate.Translation {
	t.Helper()
	ctx := context.Background()
	texts, err := sitetext.Collect(ctx, o.db, forumID)
	if err != nil {
		t.Fatal(err)
	}
	srcs := texts.Sources()
	if len(srcs) == 0 || len(texts.Languages) < 2 {
		t.Fatalf("forum %d has no texts to translate: %v in %v", forumID, srcs, texts.Languages)
	}
	from, to := srcs[0].Lang, texts.Languages[0]
	if to == from {
		to = texts.Languages[1]
	}
	p, err := sitetext.Prepare(ctx, o.db, revision.NewStore(o.db, o.blobs), nil, forumID, from, to, approval.Actor{Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return p.Translation
}

// siteSegments returns the segments of text id of translation tr.
func siteSegments(t *testing.T, db *store.DB, tr int64, id string) []translate.Segment {
	t.Helper()
	segs, err := translate.Segments(context.Background(), db, tr)
	if err != nil {
		t.Fatal(err)
	}
	var out []translate.Segment
	for _, s := range segs {
		if sitetext.TextOf(s.BlockID) == id {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Fatalf("translation %d has no segment of %s", tr, id)
	}
	return out
}

// TestOfficeSiteTexts: a translator opens the demo forum's texts from
// English into Russian in the workbench, filled with the translations the
// drafts had; the forum's theme edited in its form becomes a segment that
// needs review; its confirmed translation lands in the forum's draft and
// shows on the approval's page; a draft whose Russian was changed
// meanwhile is reported, not overwritten, and written over only at the
// translator's choice.
func TestOfficeSiteTexts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("li@cass.example", "Li Ming", "en", false, "cass:organiser")
		o.account("anna@cass.example", "Anna Translator", "ru", false, "cass:translator")
		org := o.browser()
		org.signIn("li@cass.example")
		tra := o.browser()
		tra.signIn("anna@cass.example")
		id := demoForumID(t, db)
		forumPath := "/office/forums/" + strconv.FormatInt(id, 10)
		textsPath := forumPath + "/texts"
		theme := "forum-" + strconv.FormatInt(id, 10) + "-theme"

		_, doc := org.get(forumPath)
		if doc.Find(`a[href="`+textsPath+`"]`).Length() != 1 {
			t.Error("the forum's page has no link to its texts' translation")
		}
		resp, doc := tra.get(textsPath)
		if resp.StatusCode != 200 {
			t.Fatalf("site texts page: %d", resp.StatusCode)
		}
		pair := doc.Find(`tr.pair[data-from="en"][data-to="ru"]`)
		if pair.Length() != 1 || pair.Find("button").Length() != 1 {
			t.Fatalf("no en → ru pair to open: %q", doc.Find("table.sitetexts").Text())
		}

		// Bad input: a pair the forum does not have, the choice kept.
		resp, doc = tra.post(textsPath, url.Values{"from": {"en"}, "to": {"de"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("#sitetexts-error").Text(), "два разных языка") {
			t.Errorf("open en → de: %d %q", resp.StatusCode, doc.Find("#sitetexts-error").Text())
		}

		open := func() int64 {
			t.Helper()
			resp, _ := tra.do("POST", textsPath, url.Values{"from": {"en"}, "to": {"ru"}})
			loc := resp.Header.Get("Location")
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/office/translations/") {
				t.Fatalf("open en → ru: %d → %q", resp.StatusCode, loc)
			}
			n, err := strconv.ParseInt(strings.TrimPrefix(loc, "/office/translations/"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		tr := open()
		oldRu := draftOf(t, db, approval.KindForum, id).Content.(*forum.Forum).Theme.Values["ru"]
		segs := siteSegments(t, db, tr, theme)
		if len(segs) != 1 || segs[0].State != translate.Translated || segs[0].Target.Plain() != oldRu {
			t.Fatalf("theme segments %+v, want one translated with the draft's Russian %q", segs, oldRu)
		}
		resp, doc = tra.get("/office/translations/" + strconv.FormatInt(tr, 10))
		if resp.StatusCode != 200 || !strings.Contains(doc.Find(".wb-context").Text(), "Тема") {
			t.Errorf("workbench %d, block labels %q", resp.StatusCode, doc.Find(".wb-context").Text())
		}
		// The filled segments are credited to the site's text, not to
		// whoever opened the pair.
		who := doc.Find(".wb-who").Text()
		if strings.Contains(who, "Anna Translator") || !strings.Contains(who, "из текста сайта") {
			t.Errorf("filled segments credited to %q; want the site's text", who)
		}
		if segs[0].UpdatedBy != translate.FromSiteText {
			t.Errorf("theme segment by %q", segs[0].UpdatedBy)
		}

		// The organiser edits the English theme in the forum's form.
		_, doc = org.get(forumPath)
		form := formValues(t, doc, "form.forum-form")
		const newTheme = "China and Russia: good neighbours in a new era"
		form.Set("theme.en", newTheme)
		if resp, _ := org.post(forumPath, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("forum form save: %d", resp.StatusCode)
		}
		if again := open(); again != tr {
			t.Fatalf("opened translation %d, then %d", tr, again)
		}
		seg := siteSegments(t, db, tr, theme)[0]
		if seg.State != translate.NeedsReview || seg.Source.Plain() != newTheme || seg.Previous.Plain() != oldRu {
			t.Fatalf("edited theme: %s, source %q, previous %q", seg.State, seg.Source.Plain(), seg.Previous.Plain())
		}

		// The translator confirms it: it lands in the draft, for approval.
		const ru1 = "Китай и Россия: добрые соседи в новую эпоху"
		var a struct {
			segmentAnswer
			Notice    string `json:"notice"`
			NoticeBad bool   `json:"noticeBad"`
		}
		resp = tra.sendJSON("POST", "/office/translations/"+strconv.FormatInt(tr, 10)+"/segments/"+strconv.FormatInt(seg.ID, 10),
			edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns(ru1)}, &a)
		if resp.StatusCode != 200 || a.NoticeBad || !strings.Contains(a.Notice, "внесено в черновик") {
			t.Fatalf("confirm theme: %d %q (bad %v) %q", resp.StatusCode, a.Notice, a.NoticeBad, a.Error)
		}
		d := draftOf(t, db, approval.KindForum, id)
		f := d.Content.(*forum.Forum)
		if f.Theme.Values["ru"] != ru1 || !f.Theme.Complete("ru") || f.Theme.Values["en"] != newTheme || d.AuthorName != "Anna Translator" {
			t.Errorf("draft theme %v (done %v) by %s", f.Theme.Values, f.Theme.Done, d.AuthorName)
		}
		// The approval's page shows what changed, word by word.
		resp, doc = org.get("/office/approvals/forum/" + strconv.FormatInt(id, 10))
		if changes := doc.Find("main").Text(); resp.StatusCode != 200 || !strings.Contains(changes, "добрые") || !strings.Contains(changes, "соседи") {
			t.Errorf("approval page %d does not show the translated theme: %q", resp.StatusCode, changes)
		}

		// Someone changes the Russian theme in the form; the translator's
		// next confirmation is reported, not written.
		_, doc = org.get(forumPath)
		form = formValues(t, doc, "form.forum-form")
		const ru2 = "Китай и Россия: соседи и друзья"
		form.Set("theme.ru", ru2)
		if resp, _ := org.post(forumPath, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("forum form save: %d", resp.StatusCode)
		}
		seg = siteSegments(t, db, tr, theme)[0]
		const ru3 = "Китай и Россия: добрососедство в новую эпоху"
		resp = tra.sendJSON("POST", "/office/translations/"+strconv.FormatInt(tr, 10)+"/segments/"+strconv.FormatInt(seg.ID, 10),
			edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns(ru3)}, &a)
		if resp.StatusCode != 200 || !a.NoticeBad || !strings.Contains(a.Notice, "изменил перевод в черновике") {
			t.Fatalf("confirm over a changed draft: %d %q (bad %v)", resp.StatusCode, a.Notice, a.NoticeBad)
		}
		if got := draftOf(t, db, approval.KindForum, id).Content.(*forum.Forum).Theme.Values["ru"]; got != ru2 {
			t.Fatalf("the draft's theme was overwritten: %q", got)
		}
		_, doc = tra.get(textsPath)
		row := doc.Find(`tr.problem[data-text="` + theme + `"]`)
		if row.Length() != 1 || !strings.Contains(row.Text(), ru2) || !strings.Contains(row.Text(), ru3) {
			t.Fatalf("site texts page does not list the theme with both texts: %q", doc.Find("table.sitetexts-problems").Text())
		}
		force := formValues(t, doc, `tr.problem[data-text="`+theme+`"] form`)
		action := row.Find("form").AttrOr("action", "")
		if resp, _ := tra.do("POST", action, force); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("use the workbench's translation: %d", resp.StatusCode)
		}
		if got := draftOf(t, db, approval.KindForum, id).Content.(*forum.Forum).Theme.Values["ru"]; got != ru3 {
			t.Errorf("after the translator's choice the draft's theme is %q, want %q", got, ru3)
		}
		_, doc = tra.get(textsPath)
		if doc.Find(`tr.problem[data-text="`+theme+`"]`).Length() != 0 {
			t.Error("the theme is still listed as not written")
		}
	})
}
