package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/tm"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
)

// tmMemory is a translation memory for tests, backed by internal/tm: what
// the real one (in the database) does, in memory.
type tmMemory struct {
	mu   sync.Mutex
	mems map[string]*tm.Memory
}

func newTMMemory() *tmMemory { return &tmMemory{mems: map[string]*tm.Memory{}} }

func (m *tmMemory) pair(from, to string) *tm.Memory {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := from + ">" + to
	if m.mems[k] == nil {
		m.mems[k] = tm.New(from, to)
	}
	return m.mems[k]
}

func (m *tmMemory) Lookup(ctx context.Context, from, to string, src interchange.Content, context string) ([]tm.Match, error) {
	return m.pair(from, to).Lookup(src.Plain(), context), nil
}

func (m *tmMemory) Add(ctx context.Context, q store.Querier, u translate.MemoryUnit) error {
	m.pair(u.From, u.To).Add(tm.Unit{Source: u.Source.Plain(), Target: u.Target.Plain(), SourceSeg: u.Source, TargetSeg: u.Target,
		Context: u.Context, Origin: u.Origin, Changed: u.Changed})
	return nil
}

// fixedTerms is a termbase for tests: one list for every forum, found in a
// source by its text.
type fixedTerms struct{ tb *interchange.Termbase }

func (f fixedTerms) Termbase(ctx context.Context, forumID int64) (*interchange.Termbase, error) {
	return f.tb, nil
}

func (f fixedTerms) Hits(tb *interchange.Termbase, from, to, src string) []translate.TermHit {
	var out []translate.TermHit
	for _, c := range tb.Entries {
		for _, t := range c.In(from) {
			if i := strings.Index(src, t.Text); i >= 0 {
				h := translate.TermHit{Source: t.Text, Start: i, End: i + len(t.Text)}
				for _, tt := range c.In(to) {
					h.Targets = append(h.Targets, tt.Text)
				}
				out = append(out, h)
			}
		}
	}
	return out
}

func treatyTerms() fixedTerms {
	return fixedTerms{&interchange.Termbase{Entries: []interchange.Concept{{ID: "treaty", Terms: []interchange.Term{
		{Lang: "ru", Text: "Договор о добрососедстве"}, {Lang: "zh", Text: "睦邻友好合作条约"}}}}}}
}

// addTranslation stores the Markdown file testdata/name (or the file at
// name, when it is a path) as a document of
// ownerKind ownerID and makes its translation into lang.
func addTranslation(t *testing.T, o *office, name, ownerKind string, ownerID int64, lang string) *translate.Translation {
	t.Helper()
	ctx := context.Background()
	path := name
	if !strings.Contains(name, "/") {
		path = "testdata/" + name
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := markdown.Read(data, "ru", markdown.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	revs := revision.NewStore(o.db, o.blobs)
	id, err := revs.Create(ctx, "ru", "Договор о добрососедстве")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := revs.Add(ctx, id, d, revision.Source{Name: name, Type: "markdown", Data: data, By: "editor"}); err != nil {
		t.Fatal(err)
	}
	var tr *translate.Translation
	err = o.db.Transact(ctx, func(tx *store.Tx) error {
		tr, _, err = translate.Sync(ctx, tx, revs, id, lang, ownerKind, ownerID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// segmentAnswer is what the save endpoint answers.
type segmentAnswer struct {
	Error    string `json:"error"`
	Percent  int    `json:"percent"`
	Progress string `json:"progress"`
	Held     bool   `json:"held"`
	Segment  struct {
		ID       int64  `json:"id"`
		Version  int    `json:"version"`
		State    string `json:"state"`
		Returned bool   `json:"returned"`
		Comment  string `json:"comment"`
		Target   []struct {
			T  string `json:"t"`
			C  string `json:"c"`
			ID string `json:"id"`
		} `json:"target"`
		Findings []struct{ Check, Detail string } `json:"findings"`
	} `json:"segment"`
	Conflict *struct {
		Version int `json:"version"`
		Target  []struct {
			T string `json:"t"`
		} `json:"target"`
	} `json:"conflict"`
}

// sendJSON sends v as JSON to path, as the workbench's script does (same
// origin), and reads the answer into out.
func (b *browser) sendJSON(method, path string, v any, out any) *http.Response {
	b.o.t.Helper()
	var body io.Reader
	if v != nil {
		data, _ := json.Marshal(v)
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, b.o.srv.URL+path, body)
	if err != nil {
		b.o.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.c.Do(req)
	if err != nil {
		b.o.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			b.o.t.Fatalf("%s %s: %d %q: %v", method, path, resp.StatusCode, data, err)
		}
	}
	return resp
}

type edit map[string]any

func plainRuns(s string) []map[string]string { return []map[string]string{{"t": s}} }

// segmentIDs maps each segment's source text to it.
func segmentsBySource(t *testing.T, db *store.DB, trID int64) map[string]translate.Segment {
	t.Helper()
	segs, err := translate.Segments(context.Background(), db, trID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]translate.Segment{}
	for _, s := range segs {
		out[s.Source.Plain()] = s
	}
	return out
}

func segPath(tr *translate.Translation, s translate.Segment) string {
	return "/office/translations/" + itoa(tr.ID) + "/segments/" + itoa(s.ID)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestWorkbenchPage opens the workbench as a translator in each language
// and checks what they read: the segments in order with their structure
// marked, the inline codes as chips, the states, the progress, the keys,
// and that the memory is said not to be set up.
func TestWorkbenchPage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		newsID := mustInt(t, firstNews(t, o))
		tr := addTranslation(t, o, "workbench-essay.md", "news", newsID, "zh")
		for _, l := range []struct{ lang, keys, memOff string }{
			{"en", "Keyboard", "not set up"},
			{"ru", "Клавиатура", "не настроена"},
			{"zh", "快捷键", "尚未配置"},
		} {
			o.account("translator-"+l.lang+"@wb.example", "Translator "+l.lang, l.lang, false, "cass:translator")
			b := o.browser()
			b.signIn("translator-" + l.lang + "@wb.example")
			resp, page := b.get("/office/translations/" + itoa(tr.ID))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d", l.lang, resp.StatusCode)
			}
			rows := page.Find("tr.seg")
			if rows.Length() != 9 {
				t.Errorf("%s: %d segment rows; want 9", l.lang, rows.Length())
			}
			if got := strings.TrimSpace(rows.First().Find(".source").Text()); got != "Договор о добрососедстве" {
				t.Errorf("%s: first segment %q", l.lang, got)
			}
			kinds := map[string]bool{}
			rows.Each(func(_ int, r *goquery.Selection) {
				for _, k := range []string{"heading", "cell", "note", "paragraph"} {
					if r.HasClass("kind-" + k) {
						kinds[k] = true
					}
				}
			})
			if len(kinds) != 4 {
				t.Errorf("%s: kinds marked %v; want heading, paragraph, cell and note", l.lang, kinds)
			}
			if n := page.Find(`.source .code[data-c="open"], .source .code[data-c="close"], .source .code[data-c="ph"]`).Length(); n != 3 {
				t.Errorf("%s: %d code chips; want 3 (bold span and note reference)", l.lang, n)
			}
			if !strings.Contains(page.Find(".wb-keys").Text(), l.keys) || !strings.Contains(page.Find(".wb-keys").Text(), "Ctrl") {
				t.Errorf("%s: keys not documented: %q", l.lang, page.Find(".wb-keys").Text())
			}
			if !strings.Contains(page.Find(".wb-panel").Text(), l.memOff) {
				t.Errorf("%s: the page does not say the memory is not set up: %q", l.lang, page.Find(".wb-panel").Text())
			}
			if page.Find(`script[src*="workbench"]`).Length() != 1 || page.Find("script:not([src])").Length() != 0 {
				t.Errorf("%s: want the workbench script as a file and no inline script", l.lang)
			}
			if v, _ := page.Find("#wb-progress").Attr("value"); v != "0" {
				t.Errorf("%s: progress %q; want 0", l.lang, v)
			}
		}
		// The page asks the database as many times for a document of
		// forty paragraphs as for one of four: no query per segment.
		var long strings.Builder
		for i := range 40 {
			fmt.Fprintf(&long, "Абзац номер %d говорит о договоре. Второе предложение абзаца %d.\n\n", i+1, i+1)
		}
		longFile := t.TempDir() + "/workbench-long.md"
		if err := os.WriteFile(longFile, []byte(long.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		big := addTranslation(t, o, longFile, "news", newsID, "zh")
		b := o.browser()
		b.signIn("translator-en@wb.example")
		queries := func(id int64) int64 {
			before := db.QueryCount()
			if resp, _ := b.get("/office/translations/" + itoa(id)); resp.StatusCode != http.StatusOK {
				t.Fatalf("translation %d: %d", id, resp.StatusCode)
			}
			return db.QueryCount() - before
		}
		if small, large := queries(tr.ID), queries(big.ID); small != large {
			t.Errorf("the page makes %d queries for 9 segments and %d for 80", small, large)
		}
	})
}

func firstNews(t *testing.T, o *office) string {
	t.Helper()
	var id int64
	if err := o.db.QueryRow(context.Background(), `SELECT MIN(id) FROM news_posts`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return itoa(id)
}

// TestWorkbenchSaveReview goes through a translator's and a reviewer's work
// over the JSON endpoints: confirm with a wrong number (a QA finding),
// fix it (none), a conflict with both texts, a translation that loses or
// invents a code (refused, in the reader's language), a reviewer's approval
// and return, the returned segment first on the translator's page, the
// filters, the memory suggestion and the term, and the event log.
func TestWorkbenchSaveReview(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		mem := newTMMemory()
		o := newOfficeWith(t, db, func(c *web.Config) { c.Memory = mem; c.Terms = treatyTerms() })
		newsID := mustInt(t, firstNews(t, o))
		tr := addTranslation(t, o, "workbench-essay.md", "news", newsID, "zh")
		segs := segmentsBySource(t, db, tr.ID)
		o.account("wang@wb.example", "王芳", "ru", false, "cass:translator")
		o.account("li@wb.example", "李明", "en", false, "cass:translator")
		o.account("zhao@wb.example", "赵磊", "en", false, "cass:reviewer")
		o.account("anna@wb.example", "Anna", "en", false, "riac:author")
		wang, li, zhao, anna := o.browser(), o.browser(), o.browser(), o.browser()
		wang.signIn("wang@wb.example")
		li.signIn("li@wb.example")
		zhao.signIn("zhao@wb.example")
		anna.signIn("anna@wb.example")

		first := segs["Договор был подписан в Москве в 2001 году."]
		var a segmentAnswer
		// A confirmation with a QA error is held as a draft: the
		// segment, the counter and the answer agree it is not confirmed.
		resp := wang.sendJSON("POST", segPath(tr, first), edit{"action": "save", "version": first.Version, "state": "translated", "target": plainRuns("条约于2002年在莫斯科签署。")}, &a)
		if resp.StatusCode != http.StatusOK || a.Segment.State != "draft" || !a.Held || a.Percent != 0 || !strings.HasPrefix(a.Progress, "Подтверждено 0 из 9") {
			t.Fatalf("confirm with an error: %d %+v", resp.StatusCode, a)
		}
		// Confirmed anyway, once the translator has seen the error.
		held := a.Segment.Version
		a = segmentAnswer{}
		resp = wang.sendJSON("POST", segPath(tr, first), edit{"action": "save", "version": held, "state": "translated", "anyway": true, "target": plainRuns("条约于2002年在莫斯科签署。")}, &a)
		if resp.StatusCode != http.StatusOK || a.Segment.State != "translated" || a.Held || a.Percent == 0 || !strings.HasPrefix(a.Progress, "Подтверждено 1 из 9") {
			t.Fatalf("confirm anyway: %d %+v", resp.StatusCode, a)
		}
		if len(a.Segment.Findings) == 0 || a.Segment.Findings[0].Check != "numbers" {
			t.Errorf("a wrong number gave findings %+v; want numbers", a.Segment.Findings)
		}
		// Wang reads the office in Russian, and so the finding.
		var details []string
		for _, f := range a.Segment.Findings {
			details = append(details, f.Detail)
		}
		if want := `"2001" из оригинала нет в переводе`; !slices.Contains(details, want) {
			t.Errorf("the wrong number's findings for a Russian reader: %q; want %q", details, want)
		}
		v := a.Segment.Version
		resp = wang.sendJSON("POST", segPath(tr, first), edit{"action": "save", "version": v, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签署。")}, &a)
		if resp.StatusCode != http.StatusOK || len(a.Segment.Findings) != 0 {
			t.Errorf("fixed number: %d, findings %+v", resp.StatusCode, a.Segment.Findings)
		}
		// Li saves over the version Wang started from: a conflict showing
		// Wang's text; nothing of Wang's is lost.
		var c segmentAnswer
		resp = li.sendJSON("POST", segPath(tr, first), edit{"action": "save", "version": v, "state": "translated", "target": plainRuns("条约签署于2001年。")}, &c)
		if resp.StatusCode != http.StatusConflict || c.Conflict == nil || c.Conflict.Target[0].T != "条约于2001年在莫斯科签署。" || !strings.Contains(c.Error, "王芳") {
			t.Errorf("conflict: %d %+v", resp.StatusCode, c)
		}
		// Codes: the second sentence has a bold span and a note reference.
		second := segs["Он определил основы отношений."]
		codes := second.Source.Codes()
		var bad segmentAnswer
		resp = wang.sendJSON("POST", segPath(tr, second), edit{"action": "save", "version": second.Version, "state": "translated",
			"target": []map[string]string{{"c": "open", "id": codes[0].ID}, {"t": "它确定了关系的基础。"}, {"c": "close", "id": codes[1].ID}}}, &bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Error, "пропал код "+codes[2].ID) {
			t.Errorf("lost code: %d %q", resp.StatusCode, bad.Error)
		}
		resp = wang.sendJSON("POST", segPath(tr, second), edit{"action": "save", "version": second.Version, "state": "translated",
			"target": []map[string]string{{"t": "它确定了"}, {"c": "open", "id": codes[0].ID}, {"t": "关系的基础"}, {"c": "close", "id": codes[1].ID}, {"t": "。"}, {"c": "ph", "id": codes[2].ID}, {"c": "ph", "id": "77"}}}, &bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Error, "77") {
			t.Errorf("invented code: %d %q", resp.StatusCode, bad.Error)
		}
		resp = wang.sendJSON("POST", segPath(tr, second), edit{"action": "save", "version": second.Version, "state": "translated",
			"target": []map[string]string{{"t": "它确定了"}, {"c": "open", "id": codes[0].ID}, {"t": "关系的基础"}, {"c": "close", "id": codes[1].ID}, {"t": "。"}, {"c": "ph", "id": codes[2].ID}}}, &a)
		if resp.StatusCode != http.StatusOK || len(a.Segment.Target) != 6 {
			t.Errorf("codes moved: %d %+v", resp.StatusCode, a.Segment)
		}
		// A translator may not approve; a reviewer may not translate.
		resp = wang.sendJSON("POST", segPath(tr, second), edit{"action": "approve", "version": a.Segment.Version}, &bad)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("translator approves: %d", resp.StatusCode)
		}
		resp = zhao.sendJSON("POST", segPath(tr, second), edit{"action": "save", "version": a.Segment.Version, "state": "translated", "target": plainRuns("x")}, &bad)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewer translates: %d", resp.StatusCode)
		}
		// An author of a host does not see the translation.
		resp = anna.sendJSON("POST", segPath(tr, second), edit{"action": "save", "version": a.Segment.Version, "state": "draft", "target": plainRuns("x")}, &bad)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("an author: %d", resp.StatusCode)
		}
		var r segmentAnswer
		resp = zhao.sendJSON("POST", segPath(tr, second), edit{"action": "approve", "version": a.Segment.Version}, &r)
		if resp.StatusCode != http.StatusOK || r.Segment.State != "reviewed" {
			t.Errorf("approve: %d %+v", resp.StatusCode, r)
		}
		cur := segmentsBySource(t, db, tr.ID)["Договор был подписан в Москве в 2001 году."]
		resp = zhao.sendJSON("POST", segPath(tr, cur), edit{"action": "return", "version": cur.Version, "comment": ""}, &bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Error, "why") {
			t.Errorf("return without comment: %d %q", resp.StatusCode, bad.Error)
		}
		resp = zhao.sendJSON("POST", segPath(tr, cur), edit{"action": "return", "version": cur.Version, "comment": "Name the date: 16 July."}, &r)
		if resp.StatusCode != http.StatusOK || !r.Segment.Returned || r.Segment.State != "draft" {
			t.Errorf("return: %d %+v", resp.StatusCode, r)
		}
		// The translator sees it first, with the comment.
		_, page := wang.get("/office/translations/" + itoa(tr.ID))
		if got := page.Find(".wb-returned li").Text(); !strings.Contains(got, "Name the date: 16 July.") {
			t.Errorf("returned list %q", got)
		}
		// Filters, without JavaScript.
		_, page = wang.get("/office/translations/" + itoa(tr.ID) + "?state=reviewed")
		if n := page.Find("tr.seg").Length(); n != 1 {
			t.Errorf("filter reviewed: %d rows; want 1", n)
		}
		_, page = wang.get("/office/translations/" + itoa(tr.ID) + "?state=open")
		if n := page.Find("tr.seg").Length(); n != 8 {
			t.Errorf("filter open: %d rows; want 8", n)
		}
		// The reviewer's view offers approving, not editing.
		_, page = zhao.get("/office/translations/" + itoa(tr.ID))
		if page.Find("#workbench[data-review]").Length() != 1 || page.Find("#workbench[data-translate]").Length() != 0 || page.Find("#wb-approve").Length() != 1 {
			t.Error("the reviewer's page is not in review mode")
		}
		third := segmentsBySource(t, db, tr.ID)["Договор был подписан в Москве 16 июля 2001 года."]
		// The memory has the confirmed sentence and suggests it for the
		// like one, with the differing words marked; the term is found.
		var sug struct {
			Memory []struct {
				Score  int `json:"score"`
				Source []struct {
					Text string `json:"text"`
					Diff bool   `json:"diff"`
				} `json:"source"`
				Target []struct {
					T string `json:"t"`
				} `json:"target"`
			} `json:"memory"`
			Terms []struct {
				Source  string   `json:"source"`
				Targets []string `json:"targets"`
			} `json:"terms"`
		}
		heading := segmentsBySource(t, db, tr.ID)["Договор о добрососедстве"]
		resp = wang.sendJSON("GET", segPath(tr, heading)+"/suggestions", nil, &sug)
		if resp.StatusCode != http.StatusOK || len(sug.Terms) != 1 || sug.Terms[0].Targets[0] != "睦邻友好合作条约" {
			t.Errorf("terms: %d %+v", resp.StatusCode, sug.Terms)
		}
		resp = wang.sendJSON("GET", segPath(tr, third)+"/suggestions", nil, &sug)
		if resp.StatusCode != http.StatusOK || len(sug.Memory) == 0 {
			t.Fatalf("suggestions: %d %+v", resp.StatusCode, sug)
		}
		var marked []string
		for _, p := range sug.Memory[0].Source {
			if p.Diff {
				marked = append(marked, p.Text)
			}
		}
		if sug.Memory[0].Score < 70 || sug.Memory[0].Score >= 100 || len(marked) == 0 {
			t.Errorf("best match %+v; want a fuzzy match with its differences marked", sug.Memory[0])
		}
		// A wrong number is a QA finding the filter finds.
		wang.sendJSON("POST", segPath(tr, third), edit{"action": "save", "version": third.Version, "state": "translated", "target": plainRuns("条约于2001年7月17日在莫斯科签署。")}, &a)
		_, page = wang.get("/office/translations/" + itoa(tr.ID) + "?qa=numbers")
		if n := page.Find("tr.seg").Length(); n != 1 || !strings.Contains(page.Find("tr.seg .wb-findings").Text(), "数字") && !strings.Contains(page.Find("tr.seg .wb-findings").Text(), "числа") {
			t.Errorf("filter numbers: %d rows, findings %q", n, page.Find("tr.seg .wb-findings").Text())
		}
		if got := page.Find("tr.seg .wb-findings li span").Text(); !strings.Contains(got, "в переводе") {
			t.Errorf("the page shows a Russian reader the finding as %q", got)
		}
		// Each change of state is in the event log.
		var n int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM events WHERE action LIKE 'translation.segment.%' AND subject = ?`, "translation:"+itoa(tr.ID)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n < 5 {
			t.Errorf("%d events of the workbench; want one per change of state (at least 5)", n)
		}
	})
}

// TestPreviousTranslationSuggested: when a new revision changes a
// translated sentence, the workbench offers the sentence's translation from
// before as the first suggestion, with the changed words marked.
func TestPreviousTranslationSuggested(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("li@ex.example", "李明", "en", false, "cass:translator")
		li := o.browser()
		li.signIn("li@ex.example")
		const old, changed = "Договор был подписан в Москве 16 июля 2001 года.", "Договор был подписан в Кремле 16 июля 2001 года."
		s := segmentsBySource(t, db, tr.ID)[old]
		if _, err := translate.Save(ctx, db, nil, s.ID, s.Version, interchange.PlainText("条约于2001年7月16日在莫斯科签署。"), translate.Translated, "li"); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile("testdata/workbench-essay.md")
		if err != nil {
			t.Fatal(err)
		}
		data = []byte(strings.Replace(string(data), old, changed, 1))
		d, err := markdown.Read(data, "ru", markdown.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		revs := revision.NewStore(db, o.blobs)
		if _, err := revs.Add(ctx, tr.DocumentID, d, revision.Source{Name: "essay-v2.md", Type: "markdown", Data: data, By: "editor"}); err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			_, _, err := translate.Sync(ctx, tx, revs, tr.DocumentID, "zh", tr.OwnerKind, tr.OwnerID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		s = segmentsBySource(t, db, tr.ID)[changed]
		if s.State != translate.NeedsReview {
			t.Fatalf("changed sentence is %s, want needs_review", s.State)
		}
		var sug struct {
			Memory []struct {
				Score  int    `json:"score"`
				Label  string `json:"label"`
				Source []struct {
					Text string `json:"text"`
					Diff bool   `json:"diff"`
				} `json:"source"`
				Target []struct {
					T string `json:"t"`
				} `json:"target"`
			} `json:"memory"`
		}
		resp := li.sendJSON("GET", segPath(tr, s)+"/suggestions", nil, &sug)
		if resp.StatusCode != http.StatusOK || len(sug.Memory) == 0 {
			t.Fatalf("suggestions: %d %+v", resp.StatusCode, sug)
		}
		first := sug.Memory[0]
		if first.Label != "Translation before the source changed" || len(first.Target) == 0 || first.Target[0].T != "条约于2001年7月16日在莫斯科签署。" {
			t.Errorf("first suggestion %+v; want the previous translation", first)
		}
		if first.Score < 70 || first.Score >= 100 {
			t.Errorf("score %d; want a fuzzy score", first.Score)
		}
		var marked []string
		for _, p := range first.Source {
			if p.Diff {
				marked = append(marked, p.Text)
			}
		}
		if !strings.Contains(strings.Join(marked, " "), "Москве") {
			t.Errorf("marked %q; want the word the new source lacks", marked)
		}
	})
}
