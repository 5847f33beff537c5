// Command workbenchload is the translation workbench's load driver for
// bench/workbench.sh. It makes a data folder of its own (SQLite, the demo
// loaded), stores a Russian document of at least 30,000 characters and 600 paragraphs made of
// the NTREX news articles in ../shared/data (half of its paragraphs already
// translated into Chinese, from NTREX's own Chinese, so that the page runs
// its QA checks on them), and serves the office on loopback. Then it times
// opening the workbench page, one request after another, and translators,
// each signed in with a session of their own, confirming segments of their
// own share of the document at once, pausing between saves as a person
// does (-think; 0 saves as fast as the server answers). Times are server times, measured around the
// handler; the client's round trips are given beside them. It prints one
// line per measure, "name key=value …", and exits 0; without the shared
// data it says so and exits 0 with nothing measured.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/shareddata"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
)

const password = "bench-workbench-password"

func main() {
	chars := flag.Int("chars", 30000, "at least how many `characters` the document has")
	paragraphs := flag.Int("segments", 600, "at least how many paragraphs (`segments`: NTREX's lines are mostly one sentence each) the document has; the issue's 30,000 characters are about 600 segments of 50 characters, and NTREX's Russian sentences are twice as long, so this makes the document longer than -chars alone")
	opens := flag.Int("opens", 30, "how many times to open the workbench page")
	translators := flag.Int("translators", 10, "how many translators save at once")
	duration := flag.Duration("duration", 10*time.Second, "how long the translators work")
	think := flag.Duration("think", time.Second, "how long a translator takes between two saves, on average (each pause drawn between half and one and a half times it), as bench/officeload's editors; 0 saves as fast as the server answers, the office's limit")
	withMemory := flag.Bool("memory", true, "give the server the translation memory in the database and the forums' termbases, as `tandem serve` has them, so that a confirmed segment goes into the memory")
	flag.Parse()
	dir, ok := shareddata.Dir()
	if !ok {
		fmt.Printf("skipped reason=%q\n", "no shared data at "+dir)
		return
	}
	if err := run(dir, *chars, *paragraphs, *opens, *translators, *duration, *think, *withMemory); err != nil {
		fmt.Fprintln(os.Stderr, "workbenchload:", err)
		os.Exit(1)
	}
}

// timing records the server time of each request, by kind.
type timing struct {
	mu    sync.Mutex
	times map[string][]time.Duration
}

func (tm *timing) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		d := time.Since(start)
		kind := ""
		switch {
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/office/translations/") && !strings.Contains(r.URL.Path, "/segments/"):
			kind = "open"
		case r.Method == http.MethodPost && strings.Contains(r.URL.Path, "/segments/"):
			kind = "save"
		default:
			return
		}
		tm.mu.Lock()
		tm.times[kind] = append(tm.times[kind], d)
		tm.mu.Unlock()
	})
}

func (tm *timing) take(kind string) []time.Duration {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	out := tm.times[kind]
	tm.times[kind] = nil
	return out
}

func run(shared string, chars, paragraphs, opens, translators int, duration, think time.Duration, withMemory bool) error {
	ctx := context.Background()
	data, err := os.MkdirTemp("", "workbenchload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	db, err := store.Open(ctx, "", data)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		return err
	}
	blobs, err := blob.NewDir(filepath.Join(data, "blobs"))
	if err != nil {
		return err
	}
	if err := demo.Load(ctx, db, blobs); err != nil {
		return err
	}
	md, zh, err := ntrexDocument(shared, chars, paragraphs)
	if err != nil {
		return err
	}
	tr, err := addDocument(ctx, db, blobs, md, zh)
	if err != nil {
		return err
	}
	segs, err := translate.Segments(ctx, db, tr.ID)
	if err != nil {
		return err
	}
	counts := translate.CountSegments(segs)
	fmt.Printf("document segments=%d chars=%d confirmed=%d\n", counts.Total.Segments, counts.Total.Chars, counts.Confirmed().Segments)

	ts := httptest.NewUnstartedServer(nil)
	ts.Start()
	defer ts.Close()
	cfg := web.Config{DB: db, Blobs: blobs, BaseURL: ts.URL, NoCache: true}
	if withMemory {
		cfg.Memory, cfg.Terms = translate.NewMemory(db), web.ForumTerms{DB: db}
	}
	srv, err := web.New(cfg)
	if err != nil {
		return err
	}
	timer := &timing{times: map[string][]time.Duration{}}
	ts.Config.Handler = timer.wrap(srv.Handler())

	accts := &account.Store{DB: db}
	var cass int64
	if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = 'cass'`).Scan(&cass); err != nil {
		return err
	}
	clients := make([]*client, translators)
	for i := range clients {
		email := fmt.Sprintf("bench-translator-%d@bench.example", i)
		a, err := accts.Create(ctx, account.NewAccount{Email: email, Name: fmt.Sprintf("Translator %d", i), Lang: "zh", Password: password})
		if err != nil {
			return err
		}
		if err := accts.Grant(ctx, a.ID, cass, account.Translator); err != nil {
			return err
		}
		if clients[i], err = signIn(ts.URL, email); err != nil {
			return err
		}
	}

	// Opening the page, one request after another.
	page := fmt.Sprintf("%s/office/translations/%d", ts.URL, tr.ID)
	var rounds []time.Duration
	var size int
	for range opens {
		start := time.Now()
		resp, err := clients[0].http.Get(page)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		rounds = append(rounds, time.Since(start))
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d", page, resp.StatusCode)
		}
		size = len(b)
	}
	fmt.Printf("open %s client_p50_ms=%.1f bytes=%d\n", summary(timer.take("open")), ms(percentile(rounds, 50)), size)

	// Translators confirming segments of their own share at once.
	var open []translate.Segment
	for _, s := range segs {
		if !s.State.Confirmed() {
			open = append(open, s)
		}
	}
	var (
		mu     sync.Mutex
		status = map[int]int{}
		fails  []string
	)
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			version := map[int64]int{}
			for n := 0; time.Now().Before(deadline); n++ {
				if think > 0 {
					time.Sleep(think/2 + rand.N(think))
				}
				// Translator i works on every translators-th open
				// segment, round and round, and on no one else's.
				share := (len(open) - i + translators - 1) / translators
				k := i + (n%share)*translators
				s := open[k]
				if version[s.ID] == 0 {
					version[s.ID] = s.Version
				}
				target := []map[string]string{{"t": fmt.Sprintf("译文 %d，第 %d 次。", k, n)}}
				for _, r := range s.Source.Codes() {
					target = append(target, map[string]string{"c": map[interchange.RunKind]string{interchange.Open: "open", interchange.Close: "close", interchange.Standalone: "ph"}[r.Kind], "id": r.ID})
				}
				code, v, err := c.save(fmt.Sprintf("%s/segments/%d", page, s.ID), version[s.ID], target)
				mu.Lock()
				status[code]++
				if err != nil && len(fails) < 5 {
					fails = append(fails, err.Error())
				}
				mu.Unlock()
				if v > 0 {
					version[s.ID] = v
				}
			}
		}()
	}
	wg.Wait()
	var codes []string
	for code, n := range status {
		codes = append(codes, fmt.Sprintf("%d:%d", code, n))
	}
	slices.Sort(codes)
	fmt.Printf("save %s translators=%d think=%s memory=%v statuses=%s\n", summary(timer.take("save")), translators, think, withMemory, strings.Join(codes, ","))
	for _, f := range fails {
		fmt.Println("failure", f)
	}
	return nil
}

// ntrexDocument makes a Markdown document of the NTREX articles in Russian,
// article by article (its first line a heading, the others paragraphs),
// until it has at least chars characters and paragraphs paragraphs, and returns with it the Chinese of
// each paragraph, by its Russian text.
func ntrexDocument(shared string, chars, paragraphs int) (string, map[string]string, error) {
	read := func(name string) ([]string, error) {
		f, err := os.Open(filepath.Join(shared, "ntrex", name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		var lines []string
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			lines = append(lines, strings.TrimSpace(sc.Text()))
		}
		return lines, sc.Err()
	}
	ru, err := read("newstest2019-ref.rus.txt")
	if err != nil {
		return "", nil, err
	}
	zh, err := read("newstest2019-ref.zho-CN.txt")
	if err != nil {
		return "", nil, err
	}
	ids, err := read("DOCUMENT_IDS.tsv")
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	b.WriteString("---\ntitle: Новости NTREX\n---\n\n")
	pairs := map[string]string{}
	n, lines := 0, 0
	for i, line := range ru {
		if n >= chars && lines >= paragraphs {
			break
		}
		if line == "" || i >= len(zh) {
			continue
		}
		// Markdown would read some lines as other than a paragraph.
		line = strings.NewReplacer("*", "\\*", "_", "\\_", "#", "\\#", "[", "\\[", "`", "\\`", "<", "&lt;").Replace(line)
		if i == 0 || i < len(ids) && ids[i] != ids[i-1] {
			b.WriteString("## ")
		}
		b.WriteString(line + "\n\n")
		n += len([]rune(line))
		lines++
		pairs[line] = zh[i]
	}
	return b.String(), pairs, nil
}

// addDocument stores the document, makes its translation into Chinese
// (owned by the demo's first news item, whose forum's hosts' teams
// translate it) and translates every other paragraph of one segment.
func addDocument(ctx context.Context, db *store.DB, blobs blob.Store, md string, zh map[string]string) (*translate.Translation, error) {
	d, err := markdown.Read([]byte(md), "ru", markdown.Limits{})
	if err != nil {
		return nil, err
	}
	revs := revision.NewStore(db, blobs)
	docID, err := revs.Create(ctx, "ru", "Новости NTREX")
	if err != nil {
		return nil, err
	}
	if _, err := revs.Add(ctx, docID, d, revision.Source{Name: "ntrex.md", Type: "markdown", Data: []byte(md), By: "bench"}); err != nil {
		return nil, err
	}
	var news int64
	if err := db.QueryRow(ctx, `SELECT MIN(id) FROM news_posts`).Scan(&news); err != nil {
		return nil, err
	}
	var tr *translate.Translation
	err = db.Transact(ctx, func(tx *store.Tx) error {
		tr, _, err = translate.Sync(ctx, tx, revs, docID, "zh", "news", news)
		return err
	})
	if err != nil {
		return nil, err
	}
	segs, err := translate.Segments(ctx, db, tr.ID)
	if err != nil {
		return nil, err
	}
	units := map[string]int{}
	for _, s := range segs {
		unit, _, _ := strings.Cut(s.Key, "/")
		units[unit]++
	}
	k := 0
	for _, s := range segs {
		unit, _, _ := strings.Cut(s.Key, "/")
		t, ok := zh[s.Source.Plain()]
		if !ok || units[unit] != 1 || len(s.Source.Codes()) > 0 {
			continue
		}
		if k++; k%2 == 0 {
			continue
		}
		if _, err := translate.Save(ctx, db, nil, s.ID, s.Version, interchange.PlainText(t), translate.Translated, "bench"); err != nil {
			return nil, err
		}
	}
	return tr, nil
}

// client is one translator's browser: its own cookies, no redirects.
type client struct {
	base string
	http *http.Client
}

func signIn(base, email string) (*client, error) {
	jar, _ := cookiejar.New(nil)
	c := &client{base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp, err := c.http.PostForm(base+"/office/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign in as %s: status %d", email, resp.StatusCode)
	}
	return c, nil
}

// save confirms a segment as the workbench's script does and returns the
// status and the segment's new version (0 when not saved).
func (c *client) save(path string, version int, target []map[string]string) (int, int, error) {
	body, _ := json.Marshal(map[string]any{"action": "save", "version": version, "state": "translated", "target": target})
	req, err := http.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	var ans struct {
		Error   string `json:"error"`
		Segment struct {
			Version int `json:"version"`
		} `json:"segment"`
		Conflict *struct {
			Version int `json:"version"`
		} `json:"conflict"`
	}
	json.NewDecoder(resp.Body).Decode(&ans)
	switch {
	case resp.StatusCode == http.StatusOK:
		return resp.StatusCode, ans.Segment.Version, nil
	case ans.Conflict != nil:
		return resp.StatusCode, ans.Conflict.Version, nil
	}
	return resp.StatusCode, 0, fmt.Errorf("POST %s: %d %s", path, resp.StatusCode, ans.Error)
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func summary(ds []time.Duration) string {
	return fmt.Sprintf("n=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f",
		len(ds), ms(percentile(ds, 50)), ms(percentile(ds, 95)), ms(percentile(ds, 99)), ms(percentile(ds, 100)))
}
