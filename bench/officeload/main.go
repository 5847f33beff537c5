// Command officeload is the office's load driver for bench/office.sh: it
// signs accounts in one after another and times each sign-in, then has
// editors, each in a browser session of their own, open an edit form,
// change one text and save it, pause as a person would, and again, and
// times every save. The
// people they edit are added to the data folder's database first. It prints
// one line per measure, as "name key=value …", for the script to read.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

func main() {
	base := flag.String("base", "", "the site's base `URL`")
	data := flag.String("data", "", "the data `folder` of the running tandem (SQLite), where the people to edit are added")
	password := flag.String("password", "", "the demo accounts' `password`")
	accounts := flag.String("accounts", "organiser@cass.example,editor@cass.example,translator@cass.example,admin@tandem.example", "comma-separated `e-mails` of the accounts that sign in and edit")
	signins := flag.Int("signins", 30, "how many sign-ins to time")
	editors := flag.Int("editors", 20, "how many editors save at once")
	duration := flag.Duration("duration", 15*time.Second, "how long the editors work")
	edit := flag.String("edit", "/office/people/%d", "the edit form's `path`, with %d for the person's id")
	partner := flag.String("partner", "cass", "the `slug` of the partner the people belong to")
	think := flag.Duration("think", time.Second, "how long an editor takes between two saves, on average (each pause is drawn between half and one and a half times it); 0 saves without pause")
	flag.Parse()
	if *base == "" || *data == "" || *password == "" {
		fmt.Fprintln(os.Stderr, "officeload: -base, -data and -password are required")
		os.Exit(2)
	}
	emails := strings.Split(*accounts, ",")
	if err := run(*base, *data, *password, emails, *signins, *editors, *duration, *edit, *partner, *think); err != nil {
		fmt.Fprintln(os.Stderr, "officeload:", err)
		os.Exit(1)
	}
}

func run(base, data, password string, emails []string, signins, editors int, duration time.Duration, edit, partner string, think time.Duration) error {
	// Sign-ins, one after another, each in a fresh session.
	var signinTimes []time.Duration
	for i := 0; i < signins; i++ {
		c := newClient(base)
		d, err := c.signIn(emails[i%len(emails)], password)
		if err != nil {
			return err
		}
		signinTimes = append(signinTimes, d)
	}
	fmt.Println("signin", summary(signinTimes))

	ids, err := addPeople(data, partner, editors)
	if err != nil {
		return err
	}
	clients := make([]*client, editors)
	for i := range clients {
		clients[i] = newClient(base)
		if _, err := clients[i].signIn(emails[i%len(emails)], password); err != nil {
			return err
		}
	}

	var (
		mu     sync.Mutex
		saves  []time.Duration
		status = map[int]int{}
		fails  []string
	)
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := fmt.Sprintf(edit, ids[i])
			for n := 0; time.Now().Before(deadline); n++ {
				if think > 0 {
					time.Sleep(think/2 + rand.N(think))
				}
				d, code, err := c.save(path, fmt.Sprintf("edit %d of editor %d", n, i))
				mu.Lock()
				status[code]++
				if err != nil {
					if len(fails) < 5 {
						fails = append(fails, err.Error())
					}
				} else {
					saves = append(saves, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var codes []string
	for code, n := range status {
		codes = append(codes, fmt.Sprintf("%d:%d", code, n))
	}
	slices.Sort(codes)
	fmt.Printf("save %s statuses=%s\n", summary(saves), strings.Join(codes, ","))
	for _, f := range fails {
		fmt.Println("failure", f)
	}
	return nil
}

// addPeople adds n published people of partner to the database in data
// and returns their ids.
func addPeople(data, partner string, n int) ([]int64, error) {
	ctx := context.Background()
	db, err := store.Open(ctx, "", data)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var pid int64
	if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, partner).Scan(&pid); err != nil {
		return nil, fmt.Errorf("partner %s: %w", partner, err)
	}
	var ids []int64
	err = db.Transact(ctx, func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			p := &forum.Person{
				Slug:      fmt.Sprintf("bench-editor-%d-%d", time.Now().UnixNano()%1e6, i),
				Names:     lang.Names{Source: "en", Values: map[string]lang.Name{"en": {Family: fmt.Sprintf("Reader%d", i), Given: "Bench"}}},
				PartnerID: pid,
				Position:  lang.New("en", map[string]string{"en": "research fellow", "ru": "научный сотрудник", "zh": "研究员"}),
				Bio:       lang.New("en", map[string]string{"en": "A person the benchmark edits.", "ru": "Человек, которого правит тест.", "zh": "基准测试编辑的人员。"}),
			}
			if err := forum.AddPerson(ctx, tx, p); err != nil {
				return err
			}
			ids = append(ids, p.ID)
		}
		return nil
	})
	return ids, err
}

// client is one browser: its own cookies, no redirects followed.
type client struct {
	base string
	http *http.Client
}

func newClient(base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn signs in and returns how long the POST took.
func (c *client) signIn(email, password string) (time.Duration, error) {
	start := time.Now()
	resp, err := c.http.PostForm(c.base+"/office/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if resp.StatusCode != http.StatusSeeOther {
		return 0, fmt.Errorf("sign in as %s: status %d", email, resp.StatusCode)
	}
	return d, nil
}

// save opens the form at path, changes the first English text in it and
// posts it back as the browser would; it returns how long the POST took
// and its status.
func (c *client) save(path, change string) (time.Duration, int, error) {
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		return 0, 0, err
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		return 0, resp.StatusCode, fmt.Errorf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	form := doc.Find(`form[method=post]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(`textarea, input[type=text]`).Length() > 0
	}).First()
	if form.Length() == 0 {
		return 0, 0, fmt.Errorf("GET %s: no edit form", path)
	}
	action := form.AttrOr("action", path)
	vals := url.Values{}
	changed := false
	form.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok || name == "" {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v := s.Text()
			if !changed && strings.HasSuffix(name, ".en") {
				v, changed = change, true
			}
			vals.Add(name, v)
		case "select":
			s.Find("option[selected]").Each(func(_ int, o *goquery.Selection) { vals.Add(name, o.AttrOr("value", o.Text())) })
		default:
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := s.Attr("checked"); on {
					vals.Add(name, s.AttrOr("value", "on"))
				}
			case "submit", "button", "file", "image", "reset":
			default:
				v := s.AttrOr("value", "")
				if !changed && strings.HasSuffix(name, ".en") && s.AttrOr("type", "text") == "text" {
					v, changed = change, true
				}
				vals.Add(name, v)
			}
		}
	})
	if !changed {
		return 0, 0, fmt.Errorf("the form at %s has no English text to change", path)
	}
	var body bytes.Buffer
	ctype := "application/x-www-form-urlencoded"
	if strings.HasPrefix(form.AttrOr("enctype", ""), "multipart/") {
		mw := multipart.NewWriter(&body)
		for k, vs := range vals {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		mw.Close()
		ctype = mw.FormDataContentType()
	} else {
		body.WriteString(vals.Encode())
	}
	start := time.Now()
	resp, err = c.http.Post(c.base+action, ctype, &body)
	if err != nil {
		return 0, 0, err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if resp.StatusCode != http.StatusSeeOther {
		return d, resp.StatusCode, fmt.Errorf("POST %s: %d %.200s", action, resp.StatusCode, page)
	}
	return d, resp.StatusCode, nil
}

// summary gives the count and the median, p99 and largest of ds in
// milliseconds.
func summary(ds []time.Duration) string {
	if len(ds) == 0 {
		return "n=0"
	}
	slices.Sort(ds)
	at := func(q float64) float64 {
		i := int(q*float64(len(ds)-1) + 0.5)
		return float64(ds[i].Microseconds()) / 1000
	}
	return fmt.Sprintf("n=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f", len(ds), at(0.5), at(0.99), at(1))
}
