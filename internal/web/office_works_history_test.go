package web_test

import (
	"context"

	"github.com/PuerkitoBio/goquery"
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestWorksHistoryInWords: the histories of the demo's collection and
// contributions say every action, state and field in the reader's
// language, name the language of a language's step and people by name:
// no event names, message keys or ids show through.
func TestWorksHistoryInWords(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		if _, err := demo.Team(ctx, db, testPassword); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Works(ctx, db, o.blobs, testPassword); err != nil {
			t.Fatal(err)
		}
		var collID, approvedID, invitedID string
		if err := db.QueryRow(ctx, `SELECT CAST(id AS TEXT) FROM collections WHERE slug = ?`, "treaty-20-collected-works").Scan(&collID); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(ctx, `SELECT CAST(MIN(contribution_id) AS TEXT) FROM contribution_languages WHERE state = 'approved'`).Scan(&approvedID); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(ctx, `SELECT CAST(MIN(id) AS TEXT) FROM contributions WHERE state = 'in_editing'`).Scan(&invitedID); err != nil {
			t.Fatal(err)
		}
		raw := regexp.MustCompile(`\b(contribution|manuscript|collection|translation|works|office)\.[a-z_.]+|#\d+`)
		rawField := regexp.MustCompile(`^[a-z_.\[\]0-9]+:`)
		tests := []struct {
			lang, role string
			want       []string // said somewhere in the histories
		}{
			{"en", "cass:editor", []string{"Language's state changed: Russian", "Text approved: Chinese, for ", "Invitation accepted: ", "Volume editors: — → ", "State: accepted → submitted", "Manuscript uploaded: "}},
			{"ru", "riac:editor", []string{"Состояние языка изменено: китайский", "Текст согласован: русский, от имени: ", "Приглашение принято: ", "Редакторы сборника: — → "}},
			{"zh", "cass:organiser", []string{"语言状态已变更：俄文", "文本已批准：", "邀请已接受：", "文集编辑：— → "}},
		}
		for _, tt := range tests {
			o.account("history-"+tt.lang+"@works.example", "History "+tt.lang, tt.lang, false, tt.role)
			b := o.browser()
			b.signIn("history-" + tt.lang + "@works.example")
			var all strings.Builder
			for _, p := range []string{"/office/collections/" + collID + "/edit", "/office/contributions/" + approvedID + "/edit", "/office/contributions/" + invitedID + "/edit"} {
				resp, d := b.get(p)
				if resp.StatusCode != 200 {
					t.Fatalf("%s %s: %d", tt.lang, p, resp.StatusCode)
				}
				h := d.Find(".history")
				h.Find("li").Each(func(_ int, s *goquery.Selection) {
					line := strings.Join(strings.Fields(s.Text()), " ")
					if m := raw.FindString(line); m != "" {
						t.Errorf("%s %s: history shows %q in %q", tt.lang, p, m, line)
					}
				})
				h.Find("ul.changes li").Each(func(_ int, s *goquery.Selection) {
					if m := rawField.FindString(s.Text()); m != "" {
						t.Errorf("%s %s: a change names the field %q", tt.lang, p, m)
					}
				})
				all.WriteString(strings.Join(strings.Fields(h.Text()), " "))
			}
			for _, w := range tt.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("%s: histories do not say %q:\n%s", tt.lang, w, all.String())
				}
			}
		}
	})
}
