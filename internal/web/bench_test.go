package web_test

import (
	"net/http/httptest"
	"testing"

	"github.com/tandemforum/tandem/internal/store/storetest"
)

// BenchmarkProgrammePage measures serving the cached programme page, the
// page bench/site.sh loads; run with -benchmem to see allocations.
func BenchmarkProgrammePage(b *testing.B) {
	h := demoHandler(b, storetest.SQLite(b), true)
	req := httptest.NewRequest("GET", "/en"+forumPath+"/programme", nil)
	h.ServeHTTP(httptest.NewRecorder(), req)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
