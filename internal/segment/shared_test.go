package segment

import (
	"slices"
	"sync"
	"testing"
)

// TestSharedSplitsAsFor checks that the shared rules are read once and
// split as a fresh copy does, from several goroutines at once (run with
// -race to see that splitting only reads them).
func TestSharedSplitsAsFor(t *testing.T) {
	texts := map[string]string{
		"ru": "В 2023 г. Москва приняла делегацию. Проф. Иванов выступил с докладом. См. табл. 2.",
		"zh": "两国代表团举行会谈。双方认为，合作前景广阔！会议于下午结束。",
		"en": "Dr. Smith arrived at 5 p.m. on Monday. The talks began at once.",
	}
	for lang, text := range texts {
		a, err := Shared(lang)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Shared(lang)
		if a != b {
			t.Errorf("Shared(%q) read the rules twice", lang)
		}
		want := Strings(MustFor(lang), text)
		if len(want) < 2 {
			t.Fatalf("%s: the text should split, got %q", lang, want)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				if got := Strings(a, text); !slices.Equal(got, want) {
					t.Errorf("%s: shared rules split into %q, fresh ones into %q", lang, got, want)
				}
			})
		}
		wg.Wait()
	}
	if _, err := Shared("xx"); err == nil {
		t.Error("Shared(\"xx\") found rules for a language without any")
	}
}
