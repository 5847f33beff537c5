package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/translate"
)

// lavrovSRT is the Russian subtitles of the demo's Russian video address.
const lavrovSRT = `1
00:00:00,560 --> 00:00:03,100
Дорогие друзья!

2
00:00:03,400 --> 00:00:07,250
Двадцать лет назад
был подписан Договор.

3
00:00:10,000 --> 00:00:12,000
Спасибо.
`

// TestSubtitleTranslation: a translator starts the English translation of
// the Russian subtitles of a video address from the programme form; the
// workbench shows each cue's segment with the cue's time; once a reviewer
// has reviewed the last segment, the English track exists with the
// original's timing and its lines re-broken, and the section says it is
// ready. The organiser uploads a corrected Russian file: the edited cue
// needs review in the workbench. The organiser makes the Russian
// transcript the speech's text in the programme's draft. A translation
// into the track's own language, and a translated track as the speech's
// text, are refused on the form with why.
func TestSubtitleTranslation(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		if err := db.QueryRow(ctx, `SELECT id, forum_id FROM speeches WHERE slug = ?`, "sergey-lavrov-video-address").Scan(&itemID, &forumID); err != nil {
			t.Fatal(err)
		}
		o.account("org@subtrans.example", "Организатор", "ru", false, "riac:organiser", "cass:organiser")
		o.account("tra@subtrans.example", "Переводчик", "ru", false, "riac:translator", "cass:translator")
		o.account("rev@subtrans.example", "Reviewer", "en", false, "riac:reviewer", "cass:reviewer")
		org, tra, rev := o.browser(), o.browser(), o.browser()
		org.signIn("org@subtrans.example")
		tra.signIn("tra@subtrans.example")
		rev.signIn("rev@subtrans.example")
		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		section := fmt.Sprintf("#subtitles-%d", itemID)

		if resp, _ := org.uploadForm(t, base, "lavrov.srt", []byte(lavrovSRT), url.Values{"lang": {"ru"}, "provenance": {"human"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		// The translator is offered the translation of the original.
		_, page := tra.get(programme)
		if n := page.Find(fmt.Sprintf(`form#subtitles-%d-ru-translate[action=%q]`, itemID, base+"/ru/translate")).Length(); n != 1 {
			t.Errorf("%d forms to translate the Russian subtitles", n)
		}
		if got := page.Find(section + ` select[name=to] option`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") }); strings.Join(got, " ") != "zh en" {
			t.Errorf("languages offered: %v, want zh en", got)
		}
		// Into its own language: refused, said why.
		resp, page := tra.post(base+"/ru/translate", url.Values{"to": {"ru"}})
		if alert := page.Find(section + " [role=alert]").Text(); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(alert, "Перевод не начат:") || !strings.Contains(alert, "Выберите другой язык, на который переводить субтитры.") {
			t.Errorf("translation into Russian: %d %q", resp.StatusCode, alert)
		}
		resp, _ = tra.post(base+"/ru/translate", url.Values{"to": {"en"}})
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/office/translations/") {
			t.Fatalf("translate: %d → %q", resp.StatusCode, loc)
		}
		trID := mustInt(t, strings.TrimPrefix(loc, "/office/translations/"))
		tr, err := translate.Get(ctx, db, trID)
		if err != nil {
			t.Fatal(err)
		}
		_, page = tra.get(loc)
		var contexts []string
		page.Find(".wb-context").Each(func(_ int, s *goquery.Selection) { contexts = append(contexts, s.Text()) })
		if want := "00:00:00.560 → 00:00:03.100|00:00:03.400 → 00:00:07.250|00:00:10.000 → 00:00:12.000"; strings.Join(contexts, "|") != want {
			t.Errorf("the workbench's contexts %q, want the cues' times %q", contexts, want)
		}

		english := map[string]string{
			"Дорогие друзья!": "Dear friends!",
			"Двадцать лет назад был подписан Договор.": "Twenty years ago, our two countries signed the Treaty.",
			"Сорок лет назад был подписан Договор.":    "Forty years ago, our two countries signed the Treaty.",
			"Спасибо.": "Thank you.",
		}
		translateAndReview := func() string {
			t.Helper()
			segs, err := translate.Segments(ctx, db, tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			notice := ""
			for _, s := range segs {
				if s.State == translate.Reviewed {
					continue
				}
				var a segmentAnswer
				if resp := tra.sendJSON("POST", segPath(tr, s), edit{"action": "save", "version": s.Version, "state": "translated",
					"target": plainRuns(english[s.Source.Plain()])}, &a); resp.StatusCode != http.StatusOK {
					t.Fatalf("save %q: %d", s.Source.Plain(), resp.StatusCode)
				}
				var r struct {
					Notice string `json:"notice"`
				}
				if resp := rev.sendJSON("POST", segPath(tr, s), edit{"action": "approve", "version": a.Segment.Version}, &r); resp.StatusCode != http.StatusOK {
					t.Fatalf("approve %q: %d", s.Source.Plain(), resp.StatusCode)
				}
				notice = r.Notice
			}
			return notice
		}
		if notice := translateAndReview(); notice != "The English subtitles are now the reviewed translation, with the original’s timing." {
			t.Errorf("the last review's notice: %q", notice)
		}
		en, err := subtitle.Get(ctx, db, itemID, "en")
		if err != nil {
			t.Fatal(err)
		}
		want := []subtitle.Cue{{Index: 1, Start: 560, End: 3100, Lines: []string{"Dear friends!"}},
			{Index: 2, Start: 3400, End: 7250, Lines: []string{"Twenty years ago, our two", "countries signed the Treaty."}},
			{Index: 3, Start: 10000, End: 12000, Lines: []string{"Thank you."}}}
		if fmt.Sprint(en.Cues) != fmt.Sprint(want) || en.Provenance != subtitle.Human || en.SourceLang != "ru" || en.CreatedByName != "Reviewer" {
			t.Errorf("English track %+v\nwant cues %v, by people, from Russian", en, want)
		}
		_, page = org.get(programme)
		// The track the workbench wrote is not public before every host
		// approved it.
		if pub := page.Find(fmt.Sprintf("#subtitles-%d-en-publication", itemID)); pub.AttrOr("data-publication", "") != "awaiting" {
			t.Errorf("the written English track's publication: %q %q", pub.AttrOr("data-publication", ""), strings.TrimSpace(pub.Text()))
		}
		if got := page.Find(section + " .subtitle-translations").Text(); !strings.Contains(got, "русский → английский") || !strings.Contains(got, "готово") {
			t.Errorf("the section's translations say %q", got)
		}

		// A corrected original: its edited cue needs review.
		fixed := strings.Replace(lavrovSRT, "Двадцать лет назад", "Сорок лет назад", 1)
		if resp, _ := org.uploadForm(t, base, "lavrov-2.srt", []byte(fixed), url.Values{"lang": {"ru"}, "provenance": {"human"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload again: %d", resp.StatusCode)
		}
		_, page = org.get(programme)
		if got := page.Find(".flash").Text(); !strings.Contains(got, "1 сегмент изменённых реплик нужно проверить") {
			t.Errorf("after the corrected upload the notice says %q", got)
		}
		if got := page.Find(section + " .subtitle-translations").Text(); !strings.Contains(got, "переведено реплик: 2 из 3") {
			t.Errorf("the section's translations after the correction say %q", got)
		}
		segs := segmentsBySource(t, db, tr.ID)
		if s := segs["Сорок лет назад был подписан Договор."]; s.State != translate.NeedsReview || s.Previous.Plain() != english["Двадцать лет назад был подписан Договор."] {
			t.Errorf("the edited cue's segment: %s, previous %q", s.State, s.Previous.Plain())
		}
		if s := segs["Спасибо."]; s.State != translate.Reviewed {
			t.Errorf("an unchanged cue's segment: %s, want reviewed", s.State)
		}
		translateAndReview()
		if en, err = subtitle.Get(ctx, db, itemID, "en"); err != nil || strings.Join(en.Cues[1].Lines, " ") != english["Сорок лет назад был подписан Договор."] {
			t.Errorf("English cue 2 after the review: %v, %v", en, err)
		}

		// An English file uploaded over the translation's track is not
		// overwritten, and the section says so.
		if resp, _ := org.uploadForm(t, base, "lavrov-en.srt", []byte("1\n00:00:00,560 --> 00:00:03,100\nFriends!\n"), url.Values{"lang": {"en"}, "provenance": {"human"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload English: %d", resp.StatusCode)
		}
		_, page = org.get(programme)
		if got := page.Find(section + " .subtitle-translations").Text(); !strings.Contains(got, "с тех пор заменены файлом или удалены") {
			t.Errorf("the section's translations after an English upload say %q", got)
		}

		// The transcript becomes the speech's text in the draft.
		if resp, _ := org.post(base+"/ru/text", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("use as text: %d", resp.StatusCode)
		}
		d, err := approval.Load(ctx, db, approval.Subject{Kind: approval.KindProgramme, ID: forumID})
		if err != nil {
			t.Fatal(err)
		}
		var body string
		for _, ss := range d.Content.(*forum.Programme).Sessions {
			for _, sp := range ss.Speeches {
				if sp.ID == itemID {
					body = sp.Body.Values["ru"]
				}
			}
		}
		if want := "Дорогие друзья! Сорок лет назад был подписан Договор.\n\nСпасибо."; body != want {
			t.Errorf("the speech's text in the draft: %q, want %q", body, want)
		}
		// The organiser finds where the transcript went: the Russian
		// track says it is the speech's text and links to it, and the
		// speech's text, on the same section, says per language what it
		// is, the Russian linking back to the track it came from.
		_, page = org.get(programme)
		textID := fmt.Sprintf("speech-text-%d", itemID)
		isText := page.Find(fmt.Sprintf("#subtitles-%d-ru + tr.subtitle-is-text", itemID))
		if got := strings.Join(strings.Fields(isText.Text()), " "); !strings.Contains(got, "Расшифровка этих субтитров — текст выступления на русском языке.") ||
			isText.Find("a").AttrOr("href", "") != "#"+textID+"-ru" {
			t.Errorf("the Russian track's row about the text: %q → %q", got, isText.Find("a").AttrOr("href", ""))
		}
		if n := page.Find(section + " tr.subtitle-is-text").Length(); n != 1 {
			t.Errorf("%d tracks say they are the speech's text, want the Russian only", n)
		}
		ru := page.Find("#" + textID + "-ru")
		if got := strings.Join(strings.Fields(ru.Text()), " "); !strings.HasPrefix(got, "русский: расшифровка русских субтитров без изменений") ||
			ru.Find(fmt.Sprintf(`a[href="#subtitles-%d-ru"]`, itemID)).Length() != 1 || !strings.Contains(ru.Find("details").Text(), "Сорок лет назад был подписан Договор.") {
			t.Errorf("the speech's Russian text reads %q", got)
		}
		if href := ru.Find(`a[href^="/office/preview/"]`).AttrOr("href", ""); href != fmt.Sprintf("/office/preview/programme/%d/ru/speeches/sergey-lavrov-video-address", forumID) {
			t.Errorf("the preview of the speech's text: %q", href)
		} else if resp, prev := org.get(href); resp.StatusCode != http.StatusOK || !strings.Contains(prev.Find("main").Text(), "Сорок лет назад был подписан Договор.") {
			t.Errorf("the preview: %d", resp.StatusCode)
		}
		if got := strings.Join(strings.Fields(page.Find("#"+textID+"-zh").Text()), " "); got != "китайский: пока нет" {
			t.Errorf("the speech's Chinese text reads %q", got)
		}
		// A translation is not the speech's text.
		resp, page = org.post(base+"/en/text", url.Values{})
		if alert := page.Find(section + " [role=alert]").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(alert, "Расшифровка не принята:") {
			t.Errorf("English transcript as the text: %d %q", resp.StatusCode, alert)
		}
	})
}

// TestSubtitleTranslationLines: a translator's Chinese for a cue that is
// too long for two subtitle lines of 16 full-width characters is taken,
// and the workbench warns of it at once, in the translator's language, on
// the cue's segments, as it does on the page; the track written from the
// reviewed translation has its lines re-broken for Chinese.
func TestSubtitleTranslationLines(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID int64
		if err := db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = ?`, "sergey-lavrov-video-address").Scan(&itemID); err != nil {
			t.Fatal(err)
		}
		o.account("org@lines.example", "Организатор", "ru", false, "riac:organiser", "cass:organiser")
		o.account("tra@lines.example", "Переводчик", "ru", false, "riac:translator", "cass:translator")
		o.account("rev@lines.example", "Reviewer", "en", false, "riac:reviewer", "cass:reviewer")
		org, tra, rev := o.browser(), o.browser(), o.browser()
		org.signIn("org@lines.example")
		tra.signIn("tra@lines.example")
		rev.signIn("rev@lines.example")
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		if resp, _ := org.uploadForm(t, base, "lavrov.srt", []byte(lavrovSRT), url.Values{"lang": {"ru"}, "provenance": {"human"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		resp, _ := tra.post(base+"/ru/translate", url.Values{"to": {"zh"}})
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translate: %d", resp.StatusCode)
		}
		tr, err := translate.Get(ctx, db, mustInt(t, strings.TrimPrefix(loc, "/office/translations/")))
		if err != nil {
			t.Fatal(err)
		}
		chinese := map[string]string{
			"Дорогие друзья!": "亲爱的朋友们！",
			// 41 full-width characters: two lines of 16 cannot hold it.
			"Двадцать лет назад был подписан Договор.": "二十年前，我们两国在莫斯科签署了具有历史意义的睦邻友好合作条约，为两国关系奠定了坚实的法律基础。",
			"Спасибо.": "谢谢。",
		}
		segs, err := translate.Segments(ctx, db, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		const warning = "в субтитрах перевод этого титра даёт строку в 25 полноширинных знаков; китайские субтитры хорошо читаются, когда строк не больше двух и в каждой не больше 16 знаков: сократите перевод"
		for _, s := range segs {
			var a segmentAnswer
			if resp := tra.sendJSON("POST", segPath(tr, s), edit{"action": "save", "version": s.Version, "state": "translated",
				"target": plainRuns(chinese[s.Source.Plain()])}, &a); resp.StatusCode != http.StatusOK {
				t.Fatalf("save %q: %d", s.Source.Plain(), resp.StatusCode)
			}
			var got []string
			for _, f := range a.Segment.Findings {
				if f.Check == "subtitle-lines" {
					got = append(got, f.Detail)
				}
			}
			long := s.Source.Plain() == "Двадцать лет назад был подписан Договор."
			switch {
			case long && (len(got) != 1 || got[0] != warning):
				t.Errorf("the long cue's answer warns %q, want %q", got, warning)
			case !long && len(got) != 0:
				t.Errorf("%q warns %q", s.Source.Plain(), got)
			}
			if resp := rev.sendJSON("POST", segPath(tr, s), edit{"action": "approve", "version": a.Segment.Version}, nil); resp.StatusCode != http.StatusOK {
				t.Fatalf("approve: %d", resp.StatusCode)
			}
		}
		_, page := tra.get(loc)
		var found []string
		page.Find(`.wb-findings li[data-check="subtitle-lines"]`).Each(func(_ int, s *goquery.Selection) {
			found = append(found, strings.Join(strings.Fields(s.Text()), " "))
		})
		if want := "строки субтитров " + warning; len(found) != 1 || found[0] != want {
			t.Errorf("the workbench page warns %q, want once %q", found, want)
		}
		if got := page.Find(`select option[value="subtitle-lines"]`).Length(); got != 1 {
			t.Errorf("the QA filter offers subtitle lines %d times", got)
		}
		zh, err := subtitle.Get(ctx, db, itemID, "zh")
		if err != nil {
			t.Fatal(err)
		}
		if lines := zh.Cues[1].Lines; len(lines) != 2 || strings.Join(lines, "") != chinese["Двадцать лет назад был подписан Договор."] {
			t.Errorf("the written cue's lines: %q", lines)
		}
		for _, c := range zh.Cues {
			if len(c.Lines) > 2 {
				t.Errorf("cue %d has %d lines", c.Index, len(c.Lines))
			}
		}
	})
}

// TestSubtitleTranslationReplaces: when the speech already has subtitles
// in a language, the form that starts a translation into it says, before
// it starts, that the translation will replace them once reviewed and
// which they are; so does the workbench of that translation. A language
// without subtitles carries no such warning.
func TestSubtitleTranslationReplaces(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		if err := db.QueryRow(ctx, `SELECT id, forum_id FROM speeches WHERE slug = ?`, "sergey-lavrov-video-address").Scan(&itemID, &forumID); err != nil {
			t.Fatal(err)
		}
		o.account("org@subtrans.example", "Organiser", "en", false, "riac:organiser", "cass:organiser", "riac:translator", "cass:translator")
		org := o.browser()
		org.signIn("org@subtrans.example")
		programme := fmt.Sprintf("/office/forums/%d/programme", forumID)
		base := fmt.Sprintf("/office/speeches/%d/subtitles", itemID)
		section := fmt.Sprintf("#subtitles-%d", itemID)
		for _, up := range []struct{ lang, source, file string }{{"ru", "", lavrovSRT}, {"zh", "ru", "1\n00:00:00,560 --> 00:00:03,100\n亲爱的朋友们！\n"}} {
			if resp, _ := org.uploadForm(t, base, up.lang+".srt", []byte(up.file), url.Values{"lang": {up.lang}, "provenance": {"human"}, "source": {up.source}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload %s: %d", up.lang, resp.StatusCode)
			}
		}
		_, page := org.get(programme)
		options := page.Find(section + ` select[name=to] option`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
		if want := []string{"Chinese — replaces the subtitles there once reviewed", "English"}; fmt.Sprint(options) != fmt.Sprint(want) {
			t.Errorf("languages offered: %q, want %q", options, want)
		}
		hint := strings.Join(strings.Fields(page.Find(section+" .subtitle-replaces").Text()), " ")
		if !strings.HasPrefix(hint, "Once reviewed in full, a translation into Chinese replaces the Chinese subtitles the speech has now: People, from Russian; Organiser, ") {
			t.Errorf("the warning before translating: %q", hint)
		}
		resp, _ := org.post(base+"/ru/translate", url.Values{"to": {"zh"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translate: %d", resp.StatusCode)
		}
		_, wb := org.get(resp.Header.Get("Location"))
		if got := wb.Find(".wb-replaces").Text(); !strings.HasPrefix(got, "Once every cue is reviewed, this translation replaces the Chinese subtitles the speech has now: People, from Russian; Organiser, ") {
			t.Errorf("the workbench's warning: %q", got)
		}
		resp, _ = org.post(base+"/ru/translate", url.Values{"to": {"en"}})
		if _, wb := org.get(resp.Header.Get("Location")); wb.Find(".wb-replaces").Length() != 0 {
			t.Errorf("a translation into a language without subtitles warns: %q", wb.Find(".wb-replaces").Text())
		}
	})
}
