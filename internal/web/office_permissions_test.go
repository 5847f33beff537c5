package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// officeRoute is one office route as the permission table covers it: the
// subject and action the permission table decides it by, and whether the
// thing it names belongs to partners (scoped) or the route is about the
// account's own partners as a whole (a list, a form for a new thing).
type officeRoute struct {
	method, path string
	subject      account.Subject
	action       account.Action
	scoped       bool
	adminOnly    bool
}

// officeRoutes lists every office route for members and admins; {forum},
// {person}, {partner}, {news}, {media}, {entry} (a termbase entry of
// the forum) and {sitetranslation} (of the forum's texts) name a thing of the account's
// partner or of another partner; {account} names another account.
var permissionRoutes = []officeRoute{
	{"GET", "/office/forums", account.SubjectForum, account.View, false, false},
	{"GET", "/office/forums/new", account.SubjectForum, account.Create, false, false},
	{"POST", "/office/forums", account.SubjectForum, account.Create, false, false},
	{"GET", "/office/forums/{forum}", account.SubjectForum, account.View, true, false},
	{"POST", "/office/forums/{forum}", account.SubjectForum, account.Edit, true, false},
	{"GET", "/office/forums/{forum}/programme", account.SubjectProgramme, account.View, true, false},
	{"POST", "/office/forums/{forum}/programme", account.SubjectProgramme, account.Edit, true, false},
	{"POST", "/office/speeches/{item}/subtitles/zh/translate", account.SubjectTranslation, account.Edit, true, false},
	{"POST", "/office/speeches/{item}/subtitles/en/text", account.SubjectProgramme, account.Create, true, false},
	{"POST", "/office/speeches/{item}/subtitles", account.SubjectProgramme, account.Create, true, false},
	{"GET", "/office/speeches/{item}/subtitles/en.srt", account.SubjectProgramme, account.View, true, false},
	{"POST", "/office/speeches/{item}/subtitles/zh/delete", account.SubjectProgramme, account.Create, true, false},
	{"GET", "/office/speeches/{item}/video", account.SubjectProgramme, account.View, true, false},
	// Before the withdrawal below, which takes the video off the site
	// and so lets its file be deleted.
	{"GET", "/office/speeches/{item}/uploads/{upload}/delete", account.SubjectProgramme, account.Create, true, false},
	{"POST", "/office/speeches/{item}/uploads/{upload}/delete", account.SubjectProgramme, account.Create, true, false},
	{"POST", "/office/speeches/{item}/video/approve", account.SubjectVideo, account.Approve, true, false},
	{"POST", "/office/speeches/{item}/video/withdraw", account.SubjectVideo, account.Manage, true, false},
	{"POST", "/office/speeches/{item}/subtitles/en/approve", account.SubjectVideo, account.Approve, true, false},
	{"GET", "/office/people", account.SubjectPerson, account.View, false, false},
	{"GET", "/office/people/new", account.SubjectPerson, account.Create, false, false},
	{"POST", "/office/people/new", account.SubjectPerson, account.Create, false, false},
	{"GET", "/office/people/{person}", account.SubjectPerson, account.View, true, false},
	{"POST", "/office/people/{person}", account.SubjectPerson, account.Edit, true, false},
	{"GET", "/office/partners", account.SubjectPartner, account.View, false, false},
	{"GET", "/office/partners/new", account.SubjectPartner, account.Create, false, true},
	{"POST", "/office/partners/new", account.SubjectPartner, account.Create, false, true},
	{"GET", "/office/partners/{partner}", account.SubjectPartner, account.View, true, false},
	{"POST", "/office/partners/{partner}", account.SubjectPartner, account.Edit, true, false},
	{"GET", "/office/news", account.SubjectNews, account.View, false, false},
	{"GET", "/office/news/new", account.SubjectNews, account.Create, false, false},
	{"POST", "/office/news/new", account.SubjectNews, account.Create, false, false},
	{"GET", "/office/news/{news}", account.SubjectNews, account.View, true, false},
	{"POST", "/office/news/{news}", account.SubjectNews, account.Edit, true, false},
	{"GET", "/office/media", account.SubjectMedia, account.View, false, false},
	{"POST", "/office/media", account.SubjectMedia, account.Create, false, false},
	{"GET", "/office/media/{media}", account.SubjectMedia, account.View, true, false},
	{"POST", "/office/media/{media}", account.SubjectMedia, account.Edit, true, false},
	{"POST", "/office/media/{media}/renditions", account.SubjectMedia, account.Edit, true, false},
	{"GET", "/office/approvals", account.SubjectApproval, account.View, false, false},
	{"GET", "/office/approvals/forum/{forum}", account.SubjectForum, account.View, true, false},
	{"POST", "/office/approvals/forum/{forum}/submit", account.SubjectForum, account.Publish, true, false},
	{"POST", "/office/approvals/forum/{forum}/approve", account.SubjectForum, account.Approve, true, false},
	{"POST", "/office/approvals/forum/{forum}/return", account.SubjectForum, account.Approve, true, false},
	{"POST", "/office/approvals/forum/{forum}/schedule", account.SubjectForum, account.Publish, true, false},
	{"GET", "/office/approvals/person/{person}", account.SubjectPerson, account.View, true, false},
	{"GET", "/office/approvals/news/{news}", account.SubjectNews, account.View, true, false},
	{"GET", "/office/approvals/partner/{partner}", account.SubjectPartner, account.View, true, false},
	{"GET", "/office/preview/forum/{forum}", account.SubjectForum, account.View, true, false},
	{"GET", "/office/preview/programme/{forum}", account.SubjectProgramme, account.View, true, false},
	{"GET", "/office/preview/programme/{forum}/en/speeches/{speech}", account.SubjectProgramme, account.View, true, false},
	{"GET", "/office/preview/person/{person}", account.SubjectPerson, account.View, true, false},
	{"GET", "/office/preview/news/{news}", account.SubjectNews, account.View, true, false},
	{"GET", "/office/preview/partner/{partner}", account.SubjectPartner, account.View, true, false},
	{"GET", "/office/team", account.SubjectTeam, account.View, false, false},
	{"POST", "/office/team/invitations", account.SubjectTeam, account.Invite, false, false},
	{"GET", "/office/events", account.SubjectEventLog, account.View, false, false},
	{"GET", "/office/collections", account.SubjectCollection, account.View, false, false},
	{"GET", "/office/collections/new?forum={forum}", account.SubjectCollection, account.Create, false, false},
	{"POST", "/office/collections/new", account.SubjectCollection, account.Create, false, false},
	{"GET", "/office/collections/{collection}", account.SubjectCollection, account.View, true, false},
	{"GET", "/office/collections/{collection}/edit", account.SubjectCollection, account.Edit, true, false},
	{"POST", "/office/collections/{collection}/edit", account.SubjectCollection, account.Edit, true, false},
	{"POST", "/office/collections/{collection}/order", account.SubjectCollection, account.Edit, true, false},
	{"GET", "/office/collections/{collection}/contributions/new", account.SubjectContribution, account.Create, true, false},
	{"POST", "/office/collections/{collection}/contributions/new", account.SubjectContribution, account.Create, true, false},
	// Editions (the download of proofs needs a build, and is covered by
	// TestOfficeEditions).
	{"GET", "/office/editions", account.SubjectEdition, account.View, false, false},
	{"GET", "/office/collections/{collection}/editions", account.SubjectEdition, account.View, true, false},
	{"GET", "/office/collections/{collection}/editions/new", account.SubjectEdition, account.Create, true, false},
	{"POST", "/office/collections/{collection}/editions/new", account.SubjectEdition, account.Create, true, false},
	{"GET", "/office/editions/{edition}", account.SubjectEdition, account.View, true, false},
	{"GET", "/office/editions/{edition}/edit", account.SubjectEdition, account.Edit, true, false},
	{"POST", "/office/editions/{edition}/edit", account.SubjectEdition, account.Edit, true, false},
	{"POST", "/office/editions/{edition}/build", account.SubjectEdition, account.Edit, true, false},
	{"POST", "/office/editions/{edition}/approve", account.SubjectEdition, account.Approve, true, false},
	{"POST", "/office/editions/{edition}/schedule", account.SubjectEdition, account.Publish, true, false},
	{"POST", "/office/editions/{edition}/unschedule", account.SubjectEdition, account.Publish, true, false},
	{"GET", "/office/editions/{edition}/onix", account.SubjectEdition, account.View, true, false},
	{"GET", "/office/editions/{edition}/crossref", account.SubjectEdition, account.View, true, false},
	{"GET", "/office/collections/{collection}/editions/onix", account.SubjectEdition, account.View, true, false},
	{"GET", "/office/collections/{collection}/editions/crossref", account.SubjectEdition, account.View, true, false},
	{"GET", "/office/contributions/{contribution}", account.SubjectContribution, account.View, true, false},
	{"GET", "/office/contributions/{contribution}/edit", account.SubjectContribution, account.Edit, true, false},
	{"POST", "/office/contributions/{contribution}/edit", account.SubjectContribution, account.Edit, true, false},
	{"POST", "/office/contributions/{contribution}/invitations", account.SubjectContribution, account.Invite, true, false},
	// A contribution's manuscript and workflow (the page of what changed
	// since an approval and the resolution of a comment need an approval
	// and a comment, and are covered by TestOfficeManuscript).
	{"GET", "/office/contributions/{contribution}/manuscript", account.SubjectContribution, account.View, true, false},
	{"POST", "/office/contributions/{contribution}/manuscript", account.SubjectContribution, account.Edit, true, false},
	{"GET", "/office/contributions/{contribution}/manuscript/diff", account.SubjectContribution, account.View, true, false},
	{"GET", "/office/contributions/{contribution}/manuscript/revisions/1/md", account.SubjectContribution, account.View, true, false},
	{"POST", "/office/contributions/{contribution}/manuscript/comments", account.SubjectContribution, account.Edit, true, false},
	{"GET", "/office/contributions/{contribution}/manuscript/correct", account.SubjectContribution, account.View, true, false},
	{"POST", "/office/contributions/{contribution}/manuscript/correct", account.SubjectContribution, account.Edit, true, false},
	{"POST", "/office/contributions/{contribution}/move", account.SubjectContribution, account.Edit, true, false},
	{"POST", "/office/contributions/{contribution}/languages/zh/move", account.SubjectContribution, account.Edit, true, false},
	{"POST", "/office/contributions/{contribution}/languages/ru/approve", account.SubjectContribution, account.Approve, true, false},
	{"GET", "/office/translations/{translation}", account.SubjectTranslation, account.View, true, false},
	{"POST", "/office/translations/{translation}/segments/{segment}", account.SubjectTranslation, account.Edit, true, false},
	{"GET", "/office/translations/{translation}/segments/{segment}/suggestions", account.SubjectTranslation, account.View, true, false},
	{"GET", "/office/forums/{forum}/texts", account.SubjectTranslation, account.View, true, false},
	{"POST", "/office/forums/{forum}/texts", account.SubjectTranslation, account.Edit, true, false},
	{"POST", "/office/forums/{forum}/texts/{sitetranslation}/apply", account.SubjectTranslation, account.Edit, true, false},
	{"POST", "/office/translations/{translation}/segments/{segment}/offer", account.SubjectTranslation, account.Edit, true, false},
	{"GET", "/office/memory", account.SubjectMemory, account.View, false, false},
	{"POST", "/office/memory", account.SubjectMemory, account.Create, false, false},
	{"GET", "/office/memory/export", account.SubjectMemory, account.View, false, false},
	{"GET", "/office/forums/{forum}/termbase", account.SubjectTermbase, account.View, true, false},
	{"POST", "/office/forums/{forum}/termbase", account.SubjectTermbase, account.Edit, true, false},
	{"POST", "/office/forums/{forum}/termbase/import", account.SubjectTermbase, account.Edit, true, false},
	{"GET", "/office/forums/{forum}/termbase/export?format=tbx", account.SubjectTermbase, account.View, true, false},
	{"GET", "/office/forums/{forum}/termbase/{entry}", account.SubjectTermbase, account.View, true, false},
	{"POST", "/office/forums/{forum}/termbase/{entry}", account.SubjectTermbase, account.Edit, true, false},
	{"POST", "/office/forums/{forum}/termbase/{entry}/delete", account.SubjectTermbase, account.Edit, true, false},
	{"GET", "/office/translations/{translation}/exchange", account.SubjectTranslation, account.View, true, false},
	{"GET", "/office/translations/{translation}/xliff", account.SubjectTranslation, account.View, true, false},
	{"POST", "/office/translations/{translation}/xliff", account.SubjectTranslation, account.Edit, true, false},
	{"POST", "/office/translations/{translation}/align", account.SubjectTranslation, account.Edit, true, false},
	{"GET", "/office/translations/{translation}/translated/docx", account.SubjectTranslation, account.View, true, false},
	{"GET", "/office/accounts", "", "", false, true},
	{"GET", "/office/accounts/{account}/tokens", "", "", false, true},
	{"POST", "/office/accounts/{account}/tokens/{apitoken}/revoke", "", "", false, true},
	{"GET", "/office/accounts/{account}/totp-off", "", "", false, true},
	{"POST", "/office/accounts/{account}/totp-off", "", "", false, true},
	{"GET", "/office/outbox", "", "", false, true},
	{"GET", "/office/jobs", "", "", false, true},
	{"GET", "/office/events.jsonl", "", "", false, true},
}

// TestOfficePermissions is the permission table over HTTP: every office
// route, for an account of each role at CASS, for an admin and for a
// visitor, on a thing of CASS (a host of the demo forum) and on a draft of
// a third partner that CASS has nothing to do with. What the table allows
// answers (200 for a page; for a form sent empty, its own refusal: 303,
// 400, 409 or 422); what it does not answers 403 when the account may see
// the thing and 404 when it may not; a visitor is sent to sign in; nothing
// answers 500, no response may be stored by a cache, and no page shows the
// other partner's draft.
func TestOfficePermissions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		own, other := permissionTargets(t, o)

		type who struct {
			name  string
			roles []account.Role
			admin bool
		}
		people := []who{{name: "admin", admin: true}}
		for _, r := range account.Roles {
			people = append(people, who{name: string(r), roles: []account.Role{r}})
		}
		browsers := map[string]*browser{}
		for _, p := range people {
			var ms []string
			for _, r := range p.roles {
				ms = append(ms, "cass:"+string(r))
			}
			email := p.name + "@perm.example"
			o.account(email, "Permission "+p.name, "en", p.admin, ms...)
			b := o.browser()
			b.signIn(email)
			browsers[p.name] = b
		}
		visitor := o.browser()

		for _, rt := range permissionRoutes {
			for _, scope := range []string{"own", "other"} {
				if scope == "other" && !rt.scoped {
					continue
				}
				targets := own
				if scope == "other" {
					targets = other
				}
				path := rt.path
				for k, v := range targets {
					path = strings.ReplaceAll(path, "{"+k+"}", v)
				}
				var form url.Values
				if rt.method == "POST" {
					form = url.Values{}
				}
				// A visitor is sent to sign in.
				if resp, _ := visitor.do(rt.method, path, form); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/office/signin") {
					t.Errorf("visitor %s %s: %d → %q, want 303 to the sign-in page", rt.method, path, resp.StatusCode, resp.Header.Get("Location"))
				}
				for _, p := range people {
					resp, body := browsers[p.name].do(rt.method, path, form)
					got := resp.StatusCode
					want := expectedStatus(rt, scope, p.roles, p.admin)
					ok := got == want
					if want == http.StatusOK && rt.method == "POST" {
						// Allowed: the empty form meets the handler's own
						// refusal, or is taken.
						ok = got == http.StatusSeeOther || got == http.StatusBadRequest || got == http.StatusConflict || got == http.StatusUnprocessableEntity
					}
					if want == http.StatusOK && (strings.HasSuffix(rt.path, "/onix") || strings.HasSuffix(rt.path, "/crossref")) {
						// Allowed: the edition, a draft so that it may be
						// edited, is not released, and its metadata
						// export is refused on its page (TestOfficeEditionExports).
						ok = got == http.StatusUnprocessableEntity
					}
					if !ok {
						t.Errorf("%s %s %s (%s): %d, want %d", p.name, rt.method, path, scope, got, want)
					}
					if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
						t.Errorf("%s %s %s: Cache-Control %q, want no-store", p.name, rt.method, path, cc)
					}
					if scope == "other" && !p.admin && strings.Contains(body, "Institute of Area Studies") {
						t.Errorf("%s %s %s shows the other partner's draft", p.name, rt.method, path)
					}
				}
			}
		}
	})
}

// expectedStatus is what the permission table says of rt for an account
// with roles at CASS: 200 when it allows it, otherwise 403 when the
// account may see the thing and 404 when it may not. A thing of another
// partner is not seen at all.
func expectedStatus(rt officeRoute, scope string, roles []account.Role, admin bool) int {
	switch {
	case admin && rt.action == account.Approve && (rt.subject == account.SubjectEdition || rt.subject == account.SubjectContribution || rt.subject == account.SubjectVideo):
		// A host's approval is its own people's: an admin without a
		// role at the host does not give it.
		return http.StatusForbidden
	case admin:
		return http.StatusOK
	case rt.adminOnly:
		return http.StatusForbidden
	case strings.Contains(rt.path, "{media}"):
		// Every team sees every image; only the team of the partner
		// that owns it changes it.
		if (scope == "own" || rt.action == account.View) && account.Allowed(roles, false, rt.subject, rt.action) {
			return http.StatusOK
		}
		return http.StatusForbidden
	case scope == "other":
		return http.StatusNotFound
	case rt.path == "/office/people" && len(roles) > 0 && !slices.ContainsFunc(roles, func(r account.Role) bool { return r != account.Author }):
		// An author sees their own person, not the list of people.
		return http.StatusNotFound
	case !rt.scoped && account.Allowed(roles, false, rt.subject, rt.action):
		return http.StatusOK
	case !rt.scoped:
		// A list or a form for a new thing: the part of the office is no
		// secret, the refusal says so.
		return http.StatusForbidden
	}
	// An author sees their own programme and person only, and these
	// accounts have none.
	may := func(a account.Action) bool {
		return account.Allowed(slices.DeleteFunc(slices.Clone(roles), func(r account.Role) bool { return r == account.Author }), false, rt.subject, a)
	}
	switch {
	case may(rt.action):
		return http.StatusOK
	case rt.subject == account.SubjectTranslation && rt.action == account.Edit && may(account.Approve) && strings.HasSuffix(rt.path, "/segments/{segment}"):
		// The workbench's save takes a reviewer's decision as well as a
		// translator's edit (the site texts' pages do not: opening a pair
		// and writing translations into drafts are a translator's; taking an
		// uploaded file's text is an edit only).
		return http.StatusOK
	case rt.action != account.View && may(account.View):
		return http.StatusForbidden
	default:
		return http.StatusNotFound
	}
}

// permissionTargets returns the ids of things of CASS (own) and of drafts
// of a third partner, the Institute of Area Studies, which hosts a forum of
// its own (other), by the names the routes use.
func permissionTargets(t *testing.T, o *office) (own, other map[string]string) {
	t.Helper()
	ctx := context.Background()
	id := func(q string, args ...any) string {
		var n int64
		if err := o.db.QueryRow(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return fmt.Sprint(n)
	}
	own = map[string]string{
		"forum":   id(`SELECT id FROM forums WHERE slug = ?`, "treaty-20-forum"),
		"person":  id(`SELECT id FROM people WHERE slug = ?`, "xie-fuzhan"),
		"partner": id(`SELECT id FROM partners WHERE slug = ?`, "cass"),
		"news":    id(`SELECT MIN(id) FROM news_posts`),
		"media":   id(`SELECT MIN(id) FROM media`),
		"speech":  "wang-yi-video-address",
	}
	ias := o.account("organiser@ias.example", "IAS organiser", "en", false)
	own["account"] = fmt.Sprint(ias.ID)
	own["apitoken"] = id(`INSERT INTO api_tokens (account_id, name, token_hash, created_at) VALUES (?, 'script', 'permission-test-hash', ?) RETURNING id`, ias.ID, time.Now().UTC())
	actor := approval.Actor{AccountID: ias.ID, Name: ias.Name}
	en := func(s string) lang.Text { return lang.New("en", map[string]string{"en": s}) }
	// The demo's image belongs to CASS here, and another to RIAC, a
	// published partner whose name the image's page may show.
	if err := media.SetPartner(ctx, o.db, mustInt(t, own["media"]), o.partnerID("cass")); err != nil {
		t.Fatal(err)
	}
	err := o.db.Transact(ctx, func(tx *store.Tx) error {
		im, err := (&media.Store{DB: o.db, Blobs: o.blobs}).Add(ctx, tx, strings.NewReader(pngData(20, 10)), media.Meta{})
		if err != nil {
			return err
		}
		other = map[string]string{"media": fmt.Sprint(im.ID)}
		return media.SetPartner(ctx, tx, im.ID, o.partnerID("riac"))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = o.db.Transact(ctx, func(tx *store.Tx) error {
		p := &forum.Partner{Slug: "ias", Name: en("Institute of Area Studies"), ShortName: en("IAS Draft"), Country: "KZ"}
		d, err := approval.Create(ctx, tx, approval.KindPartner, p, actor)
		if err != nil {
			return err
		}
		other["partner"] = fmt.Sprint(d.Subject.ID)
		start := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
		f := &forum.Forum{Slug: "ias-forum", Title: en("Institute of Area Studies Forum"), StartsAt: start, EndsAt: start.Add(8 * time.Hour),
			TimeZone: "Asia/Almaty", Languages: []string{"en", "ru"}, Hosts: []*forum.Partner{{ID: d.Subject.ID}}}
		if d, err = approval.Create(ctx, tx, approval.KindForum, f, actor); err != nil {
			return err
		}
		other["forum"] = fmt.Sprint(d.Subject.ID)
		pe := &forum.Person{Slug: "ias-person", Names: lang.Names{Source: "en", Values: map[string]lang.Name{"en": {Family: "Draftova", Given: "Aigerim"}}},
			PartnerID: f.Hosts[0].ID, Position: en("Fellow of the Institute of Area Studies")}
		if d, err = approval.Create(ctx, tx, approval.KindPerson, pe, actor); err != nil {
			return err
		}
		other["person"] = fmt.Sprint(d.Subject.ID)
		prog := &forum.Programme{ForumID: f.ID, Sessions: []*forum.Session{{ForumID: f.ID, Title: en("Opening"), StartsAt: start, EndsAt: start.Add(time.Hour),
			Speeches: []*forum.Speech{{ForumID: f.ID, Slug: "ias-address", SpeakerID: pe.ID, Kind: forum.Remark, OriginalLang: "en", Title: en("Address"), StartsAt: start, EndsAt: start.Add(time.Hour)}}}}}
		if _, err := approval.Save(ctx, tx, approval.Subject{Kind: approval.KindProgramme, ID: f.ID}, prog, actor); err != nil {
			return err
		}
		other["speech"] = "ias-address"
		// A stored item of each programme, with subtitles, for the
		// subtitles' routes.
		ss := &forum.Session{ForumID: f.ID, Title: en("Opening"), StartsAt: start, EndsAt: start.Add(time.Hour)}
		if err := forum.AddSession(ctx, tx, ss); err != nil {
			return err
		}
		item := &forum.Speech{ForumID: f.ID, SessionID: ss.ID, Slug: "ias-video", SpeakerID: pe.ID, Kind: forum.VideoAddress, Delivery: forum.Video,
			OriginalLang: "en", Title: en("Video address"), StartsAt: start, EndsAt: start.Add(time.Hour)}
		if err := forum.AddSpeech(ctx, tx, item); err != nil {
			return err
		}
		other["item"] = fmt.Sprint(item.ID)
		if err := tx.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = ?`, "wang-yi-video-address").Scan(&item.ID); err != nil {
			return err
		}
		own["item"] = fmt.Sprint(item.ID)
		// An uploaded file of each item, the video on the site: its
		// removal is refused (409) to all who may ask for it.
		for i, m := range []map[string]string{own, other} {
			now := time.Now().UTC()
			key := fmt.Sprintf("uploads/perm%d", i)
			var upID int64
			if err := tx.QueryRow(ctx, `INSERT INTO uploads (tus_id, account_id, speech_id, filename, filetype, size, state, sha256, blob_key, created_at, received_at, completed_at)
				VALUES (?, ?, ?, 'speech.mp4', 'video/mp4', 1000, 'stored', 'ab', ?, ?, ?, ?) RETURNING id`, fmt.Sprintf("%032d", i), ias.ID, mustInt(t, m["item"]), key, now, now, now).Scan(&upID); err != nil {
				return err
			}
			m["upload"] = fmt.Sprint(upID)
			// approved_at: every host approved it, so it is on the site.
			if _, err := tx.Exec(ctx, `INSERT INTO videos (speech_id, original_key, state, renditions, created_at, updated_at, approved_at) VALUES (?, ?, 'ready', '[]', ?, ?, ?)`,
				mustInt(t, m["item"]), key, now, now, now); err != nil {
				return err
			}
		}
		for _, m := range []map[string]string{own, other} {
			for _, l := range []string{"en", "zh"} {
				tr := &subtitle.Track{SpeechID: mustInt(t, m["item"]), Lang: l, Provenance: subtitle.Human,
					Cues: []subtitle.Cue{{Start: 0, End: 2000, Lines: []string{"Dear friends"}}}}
				if err := subtitle.Put(ctx, tx, tr); err != nil {
					return err
				}
			}
		}
		n := &forum.NewsPost{Slug: "ias-news", ForumID: f.ID, Title: en("Institute of Area Studies announces"), Body: en("Draft."), PublishedAt: start}
		if d, err = approval.Create(ctx, tx, approval.KindNews, n, actor); err != nil {
			return err
		}
		other["news"] = fmt.Sprint(d.Subject.ID)
		// A collection of each forum, with a contribution.
		for _, x := range []struct {
			targets map[string]string
			forum   string
			slug    string
			title   string
			isbn    string
		}{{own, own["forum"], "own-works", "Collected Works", "9780999990018"}, {other, other["forum"], "ias-works", "Institute of Area Studies collection", "9780999990025"}} {
			c := &works.Collection{ForumID: mustInt(t, x.forum), Slug: x.slug, Title: en(x.title),
				Languages: []string{"en"}, ReleasedAt: start}
			if err := works.CreateCollection(ctx, tx, c, works.Actor{AccountID: ias.ID}); err != nil {
				return err
			}
			k := &works.Contribution{CollectionID: c.ID, Lang: "en", Title: en(x.title + ", chapter 1"), Authors: []works.Author{{PersonID: pe.ID}}}
			if err := works.CreateContribution(ctx, tx, k, works.Actor{AccountID: ias.ID}); err != nil {
				return err
			}
			x.targets["collection"], x.targets["contribution"] = fmt.Sprint(c.ID), fmt.Sprint(k.ID)
			hosts, err := works.Hosts(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			ed := &edition.Edition{CollectionID: c.ID, Slug: x.slug + "-en", Langs: []string{"en"}, Formats: []book.Format{book.Web},
				PublisherID: hosts[0], Notes: book.PerChapter, PageSize: "a5",
				// What the metadata exports need but the release, so
				// that they answer with their own refusal (422).
				ISBN: map[book.Format]string{book.Web: x.isbn}, ReleaseAt: start, TimeZone: "UTC", DOIPrefix: "10.99999"}
			if err := edition.Create(ctx, tx, ed, edition.Actor{AccountID: ias.ID}); err != nil {
				return err
			}
			x.targets["edition"] = fmt.Sprint(ed.ID)
		}
		// A termbase entry of each forum.
		for _, x := range []struct {
			forum string
			ids   map[string]string
		}{{own["forum"], own}, {other["forum"], other}} {
			e := &translate.Entry{ForumID: mustInt(t, x.forum), Terms: []translate.EntryTerm{{Lang: "en", Text: "Institute"}, {Lang: "ru", Text: "Институт"}}}
			if err := translate.CreateEntry(ctx, tx, e); err != nil {
				return err
			}
			x.ids["entry"] = fmt.Sprint(e.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	own["contribution"], other["contribution"] = permissionContributions(t, o, mustInt(t, own["collection"]), mustInt(t, other["collection"]))
	// The translations of a news item of each forum, in the workbench.
	for _, m := range []map[string]string{own, other} {
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, m["news"]), "zh")
		segs, err := translate.Segments(ctx, o.db, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		m["translation"], m["segment"] = fmt.Sprint(tr.ID), fmt.Sprint(segs[0].ID)
	}
	// The translation of the site's texts of each forum.
	for _, m := range []map[string]string{own, other} {
		m["sitetranslation"] = fmt.Sprint(addSiteTranslation(t, o, mustInt(t, m["forum"])).ID)
	}
	return own, other
}

// permissionContributions adds a contribution with a final manuscript to
// each of the two collections, and returns their ids.
func permissionContributions(t *testing.T, o *office, ownColl, otherColl int64) (string, string) {
	t.Helper()
	ctx := context.Background()
	revs := revision.NewStore(o.db, o.blobs)
	manuscript := func() int64 {
		id, err := revs.Create(ctx, "ru", "Договор")
		if err != nil {
			t.Fatal(err)
		}
		src := []byte("# Договор\n\nСтатья 9 говорит о границе.\n")
		d, typ, err := works.ReadManuscript(src, "ru")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := revs.Add(ctx, id, d, revision.Source{Name: "m.md", Type: typ, Data: src}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	var ids []string
	for _, c := range []*works.Contribution{
		{CollectionID: ownColl, Lang: "ru", State: works.TextFinal, DocumentID: manuscript(), Title: lang.New("ru", map[string]string{"ru": "Договор"})},
		{CollectionID: otherColl, Lang: "en", State: works.TextFinal, DocumentID: manuscript(), Title: lang.New("en", map[string]string{"en": "Institute of Area Studies chapter"})},
	} {
		err := o.db.Transact(ctx, func(tx *store.Tx) error {
			if err := works.CreateContribution(ctx, tx, c, works.Actor{Name: "test"}); err != nil {
				return err
			}
			for l, st := range map[string]works.LangState{"ru": works.Reviewed, "zh": works.InTranslation} {
				if err := works.SetLangState(ctx, tx, c.ID, l, "", st, works.Actor{Name: "test"}, ""); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, fmt.Sprint(c.ID))
	}
	return ids[0], ids[1]
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
