package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
	"github.com/tandemforum/tandem/internal/works"
)

// suggestionsOf fetches the workbench's suggestions of segment s.
func suggestionsOf(t *testing.T, b *browser, tr *translate.Translation, s translate.Segment) []struct {
	Label  string `json:"label"`
	Kind   string `json:"kind"`
	Score  int    `json:"score"`
	Target []struct {
		T string `json:"t"`
	} `json:"target"`
} {
	t.Helper()
	var ans struct {
		Memory []struct {
			Label  string `json:"label"`
			Kind   string `json:"kind"`
			Score  int    `json:"score"`
			Target []struct {
				T string `json:"t"`
			} `json:"target"`
		} `json:"memory"`
	}
	if r := b.sendJSON("GET", segPath(tr, s)+"/suggestions", nil, &ans); r.StatusCode != http.StatusOK {
		t.Fatalf("suggestions: %d", r.StatusCode)
	}
	return ans.Memory
}

// TestExchangeConflictKept uploads an XLIFF file whose text conflicts with
// what a colleague confirmed in the workbench meanwhile, and checks that
// the file's text is not lost once the report is left: the workbench
// offers it as a suggestion named for the file; the report's button takes
// it, unless the segment changed again since (then it stays offered);
// confirming the segment sets the file's text aside.
func TestExchangeConflictKept(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOfficeWith(t, db, func(c *web.Config) { c.Memory = newTMMemory() })
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("petrov@ex.example", "Пётр Петров", "ru", false, "cass:translator")
		o.account("wang@ex.example", "王芳", "zh", false, "cass:translator")
		petrov, wang := o.browser(), o.browser()
		petrov.signIn("petrov@ex.example")
		wang.signIn("wang@ex.example")

		x, _, _ := downloadXLIFF(t, petrov, tr, "2.1")
		segs := segmentsBySource(t, db, tr.ID)
		for src, text := range map[string]string{essayTitle: "睦邻友好条约", essaySigned: "条约于2001年在莫斯科签订。"} {
			var a segmentAnswer
			if r := wang.sendJSON("POST", segPath(tr, segs[src]), edit{"action": "save", "version": segs[src].Version, "state": "translated", "target": plainRuns(text)}, &a); r.StatusCode != http.StatusOK {
				t.Fatalf("workbench save: %d %+v", r.StatusCode, a)
			}
		}
		translateIn(t, x, essayTitle, "睦邻条约", interchange.Translated)
		translateIn(t, x, essaySigned, "条约于2001年在莫斯科签署。", interchange.Translated)
		resp, body := petrov.multipartPost(exchangePath(tr, "/xliff"), nil, map[string][2]string{"file": {"essay-zh.xlf", xliffBytes(t, x)}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
		}
		report := parse(t, body)
		if n := report.Find("#conflicts tr.conflict form.take button").Length(); n != 2 {
			t.Fatalf("%d take buttons on the report; want one per conflict (2)", n)
		}
		if b := report.Find("#conflicts form.take button").First().Text(); b != "Взять текст из файла" {
			t.Errorf("button %q; want it in the uploader's language", b)
		}
		segs = segmentsBySource(t, db, tr.ID)
		title, signed := segs[essayTitle], segs[essaySigned]
		if title.Target.Plain() != "睦邻友好条约" {
			t.Fatalf("the upload overwrote the colleague's text: %q", title.Target.Plain())
		}

		// Leaving the report loses nothing: the workbench offers the
		// file's text first, named for the file.
		ms := suggestionsOf(t, wang, tr, title)
		if len(ms) == 0 || !strings.Contains(ms[0].Label, "essay-zh.xlf") || !strings.Contains(ms[0].Label, "Пётр Петров") ||
			len(ms[0].Target) == 0 || ms[0].Target[0].T != "睦邻条约" {
			t.Fatalf("suggestions after the upload: %+v", ms)
		}
		if !strings.Contains(ms[0].Label, "上传的文件") {
			t.Errorf("label %q not in the reader's language", ms[0].Label)
		}
		// It is told apart from the memory's matches: no score, a kind of
		// its own, and a label that says it is not in the memory and why.
		if ms[0].Kind != "offer" || ms[0].Score != 0 || !strings.Contains(ms[0].Label, "并非翻译记忆库内容") || !strings.Contains(ms[0].Label, "冲突") {
			t.Errorf("the file's text is shown as %q, %d%%, %q; want an offer apart from the memory", ms[0].Kind, ms[0].Score, ms[0].Label)
		}

		takePath := segPath(tr, title) + "/offer"
		form := func(v int) url.Values { return url.Values{"version": {strconv.Itoa(v)}} }
		// Wang saves the title again: the report's version is stale, the
		// take is refused and the file's text stays offered.
		var a segmentAnswer
		wang.sendJSON("POST", segPath(tr, title), edit{"action": "save", "version": title.Version, "state": "draft", "target": plainRuns("睦邻友好合作条约")}, &a)
		resp, _ = petrov.do("POST", takePath, form(title.Version))
		if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "#seg-"+itoa(title.ID)) {
			t.Fatalf("stale take: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, page := petrov.get("/office/translations/" + itoa(tr.ID))
		if f := page.Find(".flash").Text(); !strings.Contains(f, "снова изменили") {
			t.Errorf("flash after a stale take %q", f)
		}
		if s := segmentsBySource(t, db, tr.ID)[essayTitle]; s.Target.Plain() != "睦邻友好合作条约" {
			t.Errorf("a stale take changed the segment: %q", s.Target.Plain())
		}
		if ms := suggestionsOf(t, wang, tr, title); len(ms) == 0 || ms[0].Target[0].T != "睦邻条约" {
			t.Errorf("a draft or a refused take dropped the file's text: %+v", ms)
		}

		// With the segment's current version the take saves the file's
		// text in the file's state, and the offer is gone.
		cur := segmentsBySource(t, db, tr.ID)[essayTitle]
		resp, _ = petrov.do("POST", takePath, form(cur.Version))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("take: %d", resp.StatusCode)
		}
		if s := segmentsBySource(t, db, tr.ID)[essayTitle]; s.Target.Plain() != "睦邻条约" || s.State != translate.Translated || s.UpdatedBy != "Пётр Петров" {
			t.Errorf("after the take: %s %q by %q", s.State, s.Target.Plain(), s.UpdatedBy)
		}
		_, page = petrov.get("/office/translations/" + itoa(tr.ID))
		if f := page.Find(".flash").Text(); !strings.Contains(f, "стал переводом") {
			t.Errorf("flash after the take %q", f)
		}
		for _, m := range suggestionsOf(t, wang, tr, title) {
			if strings.Contains(m.Label, "essay-zh.xlf") {
				t.Errorf("the file's text is still offered after it was taken")
			}
		}

		// Confirming the other segment sets its file text aside.
		wang.sendJSON("POST", segPath(tr, signed), edit{"action": "save", "version": signed.Version, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签订。")}, &a)
		for _, m := range suggestionsOf(t, wang, tr, signed) {
			if strings.Contains(m.Label, "essay-zh.xlf") {
				t.Errorf("the file's text is still offered after the segment was confirmed")
			}
		}
		resp, _ = petrov.do("POST", segPath(tr, signed)+"/offer", form(a.Segment.Version))
		_, page = petrov.get("/office/translations/" + itoa(tr.ID))
		if f := page.Find(".flash").Text(); resp.StatusCode != http.StatusSeeOther || !strings.Contains(f, "Принимать нечего") {
			t.Errorf("take after a confirmation: %d, flash %q", resp.StatusCode, f)
		}

		// A reviewer may not take it.
		o.account("rev@ex.example", "Рецензент", "ru", false, "cass:reviewer")
		rev := o.browser()
		rev.signIn("rev@ex.example")
		if resp, _ := rev.do("POST", takePath, form(cur.Version+1)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer's take: %d; want 403", resp.StatusCode)
		}
	})
}

// TestWorkbenchKeyList reads the list of keys as a translator and as a
// reviewer, in each language: no key a browser keeps for itself is the
// only way to do something, the term key is there, and a reviewer reads
// only the keys that do something for a reviewer.
func TestWorkbenchKeyList(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		for _, c := range []struct {
			lang, term    string
			role, mode    string
			want, wantNot []string
		}{
			{"en", "term 1 to 9", "translator", "", []string{"Ctrl+Alt+1…5", "Ctrl+1…5", "Alt+Shift+1…9", "Ctrl+Alt+S", "Ctrl+Alt+K", "Ctrl+S", "Ctrl+Enter"},
				[]string{"Ctrl+Shift+K", "Ctrl+Shift+R", "Ctrl+Alt+R"}},
			{"ru", "термина 1–9", "translator", "", []string{"Ctrl+Alt+1…5", "Alt+Shift+1…9", "Ctrl+Alt+K"}, []string{"Ctrl+Shift+K", "Ctrl+Alt+R"}},
			{"zh", "术语的译法", "translator", "", []string{"Ctrl+Alt+1…5", "Alt+Shift+1…9"}, []string{"Ctrl+Shift+K"}},
			{"en", "", "reviewer", "?mode=review", []string{"Ctrl+Enter", "Ctrl+Alt+R", "Alt+↓"},
				[]string{"Ctrl+Alt+1", "Alt+Shift+1", "Ctrl+Alt+S", "Ctrl+Alt+K", "Ctrl+S", "Ctrl+Shift+R", "Numbered chips"}},
			{"ru", "", "reviewer", "?mode=review", []string{"Ctrl+Alt+R"}, []string{"Ctrl+Alt+1", "Alt+Shift+1", "Ctrl+S"}},
		} {
			email := c.role + "-" + c.lang + "@keys.example"
			o.account(email, "Keys "+c.lang, c.lang, false, "cass:"+c.role)
			b := o.browser()
			b.signIn(email)
			resp, page := b.get("/office/translations/" + itoa(tr.ID) + c.mode)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %d", c.role, c.lang, resp.StatusCode)
			}
			keys := page.Find(".wb-keys").Text()
			for _, w := range c.want {
				if !strings.Contains(keys, w) {
					t.Errorf("%s %s: key list lacks %q:\n%s", c.role, c.lang, w, keys)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(keys, w) {
					t.Errorf("%s %s: key list has %q:\n%s", c.role, c.lang, w, keys)
				}
			}
			if c.term != "" && !strings.Contains(keys, c.term) {
				t.Errorf("%s %s: the term key is not explained: %q", c.role, c.lang, keys)
			}
		}
	})
}

// TestWorkbenchTargetChecks sends what a segment's translation may not be
// and reads the answer as the page shows it, in the translator's language:
// an oversized body, a translation over the limit, control characters
// (refused, not stored); a tab is fine. The editable target's label for
// screen readers says the segment's number and kind apart.
func TestWorkbenchTargetChecks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("ivanov@checks.example", "Иван Иванов", "ru", false, "cass:translator")
		b := o.browser()
		b.signIn("ivanov@checks.example")
		seg := segmentsBySource(t, db, tr.ID)[essaySigned]

		for _, c := range []struct {
			name   string
			target string
			status int
			want   string
		}{
			{"200,000 characters", strings.Repeat("译", 200000), http.StatusRequestEntityTooLarge, "слишком длинный"},
			{"over the limit", strings.Repeat("a", translate.MaxTargetChars+1), http.StatusUnprocessableEntity, "слишком длинный"},
			{"NUL", "条约\x00签署。", http.StatusUnprocessableEntity, "управляющие символы"},
			{"escape", "条约\x1b[31m签署。", http.StatusUnprocessableEntity, "управляющие символы"},
			{"carriage return", "条约\r签署。", http.StatusUnprocessableEntity, "управляющие символы"},
			{"DEL", "条约\x7f签署。", http.StatusUnprocessableEntity, "управляющие символы"},
			{"C1 next line", "条约\u0085签署。", http.StatusUnprocessableEntity, "управляющие символы"},
			{"C1 end", "条约签署。\u009f", http.StatusUnprocessableEntity, "управляющие символы"},
		} {
			var a segmentAnswer
			resp := b.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": seg.Version, "state": "draft", "target": plainRuns(c.target)}, &a)
			if resp.StatusCode != c.status || !strings.Contains(a.Error, c.want) {
				t.Errorf("%s: %d %q; want %d with %q", c.name, resp.StatusCode, a.Error, c.status, c.want)
			}
			if s := segmentsBySource(t, db, tr.ID)[essaySigned]; s.Version != seg.Version || !s.Target.IsEmpty() {
				t.Errorf("%s: stored (version %d, %q)", c.name, s.Version, s.Target.Plain())
			}
		}
		var a segmentAnswer
		if resp := b.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": seg.Version, "state": "draft", "target": plainRuns("条约\t签署。")}, &a); resp.StatusCode != http.StatusOK {
			t.Errorf("a tab: %d %q; want it saved", resp.StatusCode, a.Error)
		}

		_, page := b.get("/office/translations/" + itoa(tr.ID))
		rows := page.Find("tr.seg")
		if rows.Length() == 0 {
			t.Fatal("no segment rows")
		}
		rows.Each(func(i int, row *goquery.Selection) {
			label, _ := row.Attr("data-label")
			want := "Перевод сегмента " + strconv.Itoa(i+1) + " ("
			if !strings.HasPrefix(label, want) || !strings.HasSuffix(label, ")") {
				t.Errorf("row %d: label %q; want %q…)", i+1, label, want)
			}
		})
	})
}

// TestDashboardReturnedSegments has a reviewer return a segment of a
// contribution's translation, and reads the dashboards: its named
// translator finds it under "returned to you", with the translation, the
// comment and a link to the segment in the workbench; another translator
// reads that nothing was returned to them.
func TestDashboardReturnedSegments(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		own, _ := permissionTargets(t, o)
		contrib := mustInt(t, own["contribution"])
		tr := addTranslation(t, o, "workbench-essay.md", "contribution", contrib, "zh")
		named := o.account("named@dash.example", "Ли Мин", "ru", false, "cass:translator")
		o.account("other@dash.example", "Другой переводчик", "ru", false, "cass:translator")
		o.account("reviewer@dash.example", "Рецензент", "ru", false, "cass:reviewer")
		if err := db.Transact(context.Background(), func(tx *store.Tx) error {
			return works.InsertStaff(context.Background(), tx, contrib, []works.Staff{{Lang: "zh", AccountID: named.ID, Role: works.RoleTranslator}})
		}); err != nil {
			t.Fatal(err)
		}
		translator, other, reviewer := o.browser(), o.browser(), o.browser()
		translator.signIn("named@dash.example")
		other.signIn("other@dash.example")
		reviewer.signIn("reviewer@dash.example")

		_, page := translator.get("/office/")
		if page.Find(".returned-segments li").Length() != 0 {
			t.Fatalf("a segment is listed as returned before any was")
		}
		seg := segmentsBySource(t, db, tr.ID)[essaySigned]
		var a segmentAnswer
		if r := translator.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签署。")}, &a); r.StatusCode != http.StatusOK {
			t.Fatalf("save: %d %s", r.StatusCode, a.Error)
		}
		if r := reviewer.sendJSON("POST", segPath(tr, seg), edit{"action": "return", "version": a.Segment.Version, "comment": "Уточните глагол."}, &a); r.StatusCode != http.StatusOK {
			t.Fatalf("return: %d %s", r.StatusCode, a.Error)
		}

		_, page = translator.get("/office/")
		items := page.Find(".returned-segments li")
		if items.Length() != 1 {
			t.Fatalf("%d returned segments on the named translator's dashboard; want 1:\n%s", items.Length(), page.Find("main").Text())
		}
		href, _ := items.Find("a").Attr("href")
		text := items.Text()
		if href != "/office/translations/"+itoa(tr.ID)+"#seg-"+itoa(seg.ID) || !strings.Contains(text, "条约于2001年在莫斯科签署。") ||
			!strings.Contains(text, "Уточните глагол.") || !strings.Contains(text, "Рецензент") {
			t.Errorf("returned segment: %q → %q", text, href)
		}
		if strings.Contains(page.Find("main").Text(), "Вам ничего не возвращали") {
			t.Errorf("the dashboard lists a returned segment and says nothing was returned")
		}
		_, page = other.get("/office/")
		if page.Find(".returned-segments li").Length() != 0 {
			t.Errorf("another translator's dashboard lists the segment")
		}

		// Once the translator confirms it again, it is no longer listed.
		if r := translator.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": a.Segment.Version, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签订。")}, &a); r.StatusCode != http.StatusOK {
			t.Fatalf("save again: %d %s", r.StatusCode, a.Error)
		}
		if _, page = translator.get("/office/"); page.Find(".returned-segments li").Length() != 0 {
			t.Errorf("a segment confirmed again is still listed as returned")
		}
	})
}
