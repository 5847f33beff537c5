package web

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// FuzzForumForms reads arbitrary posted forms as the forum and programme
// forms: whatever comes in, reading never panics, and what the forms
// accept holds only the languages the forum promises, hosts and speakers
// offered, and times within the forum's dates.
func FuzzForumForms(f *testing.F) {
	for _, seed := range []string{
		"slug=f&languages=ru&title.ru=x&title.src=ru&timezone=Europe/Moscow&starts=2021-06-01T10:00&ends=2021-06-01T11:00&hosts=1",
		"sessions=2&s0.title.en=A&s0.title.src=en&s0.starts=2021-06-01T10:00&s0.ends=2021-06-01T11:00&s0.speeches=1" +
			"&s0.p0.slug=a&s0.p0.speaker=7&s0.p0.kind=remark&s0.p0.lang=en&s0.p0.title.en=T&s0.p0.title.src=en" +
			"&s0.p0.starts=2021-06-01T10:00&s0.p0.ends=2021-06-01T10:10&s0.p0.pos=-1&s1.speeches=1&s1.p0.pos=1",
		"sessions=999999&s0.id=abc",
		"sessions=1&s0.id=5&s0.speeches=2&s0.p1.id=9&s0.p1.remove=1&theme.de=x&languages=de",
		"starts=2021-06-01T10:00%2B03:00&timezone=Local&hostpos.1=x&hosts=1&hosts=1",
	} {
		f.Add(seed)
	}
	catalog, err := i18n.Load()
	if err != nil {
		f.Fatal(err)
	}
	t := catalog.Printer("en")
	partners := []*forum.Partner{{ID: 1, Slug: "cass"}, {ID: 2, Slug: "riac"}}
	people := []*forum.Person{{ID: 7, Slug: "p"}}
	msk, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		f.Fatal(err)
	}
	fr := &forum.Forum{ID: 1, TimeZone: "Europe/Moscow", Languages: []string{"ru", "en"},
		StartsAt: time.Date(2021, 6, 1, 10, 0, 0, 0, msk), EndsAt: time.Date(2021, 6, 1, 12, 0, 0, 0, msk)}
	current := &forum.Programme{ForumID: 1, Sessions: []*forum.Session{{ID: 5, Speeches: []*forum.Speech{{ID: 9, Slug: "old", Body: lang.New("en", map[string]string{"en": "text"})}}}}}
	f.Fuzz(func(t2 *testing.T, query string) {
		values, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		fm := newForm(t, values)
		var nf forum.Forum
		readForum(fm, &nf, partners)
		if fm.ok() {
			if len(nf.Hosts) == 0 || len(nf.Languages) == 0 || nf.TimeZone == "" {
				t2.Fatalf("accepted a forum without hosts, languages or zone: %+v", nf)
			}
			for l := range nf.Theme.Values {
				if !slices.Contains(nf.Languages, l) {
					t2.Fatalf("theme stored in %q, not promised", l)
				}
			}
		}
		fm = newForm(t, values)
		ft := newForumTime(t, fr)
		p, _, err := readProgramme(fm, current, ft, programmeLangs(fr), people)
		if err != nil || !fm.ok() {
			return
		}
		if err := forum.ValidateProgramme(p); err != nil {
			t2.Fatalf("accepted a programme the forum package refuses: %v", err)
		}
		for _, ss := range p.Sessions {
			for _, sp := range ss.Speeches {
				if sp.SpeakerID != 7 || sp.StartsAt.Before(ft.from) || sp.EndsAt.After(ft.to) {
					t2.Fatalf("accepted speech %+v", sp)
				}
			}
		}
	})
}
