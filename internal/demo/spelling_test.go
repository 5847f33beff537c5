package demo

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// officialNames are the names and titles the demo quotes in their official
// English spelling, which is American: they stay as they are.
var officialNames = []string{
	// The treaty's English title, and as the forum's theme quotes it.
	"Treaty of Good-Neighborliness and Friendly Cooperation",
	"Treaty of Good-neighborliness and Friendly Cooperation",
	// Wang Yi's title as China's Ministry of Foreign Affairs writes it.
	"State Councilor",
}

// TestEnglishIsBritish reads every text the demo stores (each multilingual
// column of every table) and checks its English for American spellings: the
// site writes en-GB, and the demo's English is the project's own but for the
// official names it quotes.
func TestEnglishIsBritish(t *testing.T) {
	ctx := context.Background()
	db := storetest.SQLite(t)
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(ctx, db, blobs); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, table := range []string{"partners", "people", "forums", "sessions", "speeches", "collections", "news_posts", "media"} {
		rows, err := db.Query(ctx, `SELECT * FROM `+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				var s string
				switch x := v.(type) {
				case string:
					s = x
				case []byte:
					s = string(x)
				}
				var tx lang.Text
				if !strings.HasPrefix(s, "{") || json.Unmarshal([]byte(s), &tx) != nil {
					continue
				}
				en := tx.Values["en"]
				if en == "" {
					continue
				}
				checked++
				if words := i18n.AmericanSpellings(en, officialNames...); len(words) > 0 {
					t.Errorf("%s.%s: %q spells %q the American way", table, cols[i], en, words)
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	if checked < 30 {
		t.Errorf("only %d English texts checked: the scan is broken", checked)
	}
}
