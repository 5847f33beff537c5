package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestProgrammeUnpublishedSpeaker: the programme form, which every host
// reads, offers as speakers the published people and drafts of no
// partner, never a partner's draft person (not even the account's own); a
// programme naming an unpublished person cannot be asked to publish, and
// the page says which speaker, with a link to it.
func TestProgrammeUnpublishedSpeaker(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Li Ming", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		ctx := context.Background()
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10) + "/programme"
		partner := func(slug string) int64 {
			var pid int64
			if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&pid); err != nil {
				t.Fatal(err)
			}
			return pid
		}
		draftPerson := func(slug, family string, partnerID int64) int64 {
			var d *approval.Draft
			err := db.Transact(ctx, func(tx *store.Tx) error {
				var err error
				d, err = approval.Create(ctx, tx, approval.KindPerson, &forum.Person{Slug: slug, PartnerID: partnerID,
					Names: lang.Names{Source: "en", Values: map[string]lang.Name{"en": {Family: family, Given: "Draft"}}}},
					approval.Actor{AccountID: 0, Name: "test", PartnerIDs: []int64{partnerID}})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return d.Subject.ID
		}
		theirs := draftPerson("riac-secret", "Secretov", partner("riac"))
		mine := draftPerson("cass-draft", "Mydraft", partner("cass"))
		// A draft of no partner is every team's to see, so every host's.
		ours := draftPerson("no-partner-draft", "Ourdraft", 0)

		_, doc := b.get(path)
		sel := `select[name="s0.p0.speaker"]`
		if doc.Find(sel).Length() == 0 {
			t.Fatal("no speaker select")
		}
		if n := doc.Find(sel + ` option[value="` + strconv.FormatInt(theirs, 10) + `"]`).Length(); n != 0 {
			t.Error("another partner's draft person is offered as a speaker")
		}
		// The partner's own draft person is its alone until published,
		// while the programme is every host's to read.
		if n := doc.Find(sel + ` option[value="` + strconv.FormatInt(mine, 10) + `"]`).Length(); n != 0 {
			t.Error("the partner's own draft person is offered as a speaker of a programme RIAC reads")
		}
		if n := doc.Find(sel + ` option[value="` + strconv.FormatInt(ours, 10) + `"]`).Length(); n != 1 {
			t.Error("a draft person of no partner is not offered as a speaker")
		}
		if !strings.Contains(doc.Find(sel).Text(), "Ivanov") {
			t.Error("a published person is not offered as a speaker")
		}

		// Naming the other partner's draft person anyway is refused.
		v := formValues(t, doc, "form.programme-form")
		bad := url.Values{}
		for k, x := range v {
			bad[k] = append([]string(nil), x...)
		}
		bad.Set("s0.p0.speaker", strconv.FormatInt(theirs, 10))
		if resp, doc := b.post(path, bad); resp.StatusCode != http.StatusUnprocessableEntity || byID(doc, "s0.p0.speaker-error").Length() == 0 {
			t.Errorf("a hidden person as speaker: %d", resp.StatusCode)
		}

		// The draft person of no partner is saved as a speaker, but the
		// programme cannot be published until the person is.
		v.Set("s0.p1.speaker", strconv.FormatInt(ours, 10))
		if resp, doc := b.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		d := draftOf(t, db, approval.KindProgramme, id)
		resp, doc := b.post("/office/approvals/programme/"+strconv.FormatInt(id, 10)+"/submit", url.Values{"version": {strconv.Itoa(d.Version)}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("ask to publish with a draft speaker: %d", resp.StatusCode)
		}
		link := doc.Find(`ul.missing a[href$="#s0.p1.speaker"]`)
		if link.Length() != 1 || !strings.Contains(doc.Find("ul.missing").Text(), "publish the person first") {
			t.Errorf("the refusal does not point at the speaker: %q", doc.Find("ul.missing").Text())
		}
		// After the form reloads, the speaker stays offered and chosen.
		_, doc = b.get(path)
		if doc.Find(`select[name="s0.p1.speaker"] option[selected][value="`+strconv.FormatInt(ours, 10)+`"]`).Length() != 1 {
			t.Error("the current speaker is no longer chosen")
		}
	})
}
