package upload

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCheckCreation feeds a creation request's headers from outside
// (Upload-Length and Upload-Metadata) to the checks: they never panic,
// and what they accept has a size within the limit, a name of valid UTF-8
// without control characters, and a programme item.
func FuzzCheckCreation(f *testing.F) {
	enc := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	f.Add("1000", "filename "+enc("speech.mp4")+",filetype "+enc("video/mp4")+",item "+enc("7"))
	f.Add("0", "filename "+enc("致辞.mkv")+",item "+enc("1"))
	f.Add("99999999999", "filename "+enc("Обращение.mov")+",filetype "+enc("video/quicktime; codecs=x")+",item "+enc("-1"))
	f.Add("12", "filename !!!,item,filetype "+enc("\x00"))
	f.Add("5", "filename "+enc("a\u202e.mp4")+",item "+enc("3"))
	const max = 1 << 30
	f.Fuzz(func(t *testing.T, length, metadata string) {
		h := http.Header{}
		h.Set("Upload-Length", length)
		h.Set("Upload-Metadata", metadata)
		req, refused := checkCreation(h, max)
		if refused != nil {
			if refused.key == "" || refused.status < 400 {
				t.Fatalf("refusal %+v", refused)
			}
			return
		}
		if req.size <= 0 || req.size > max || req.item <= 0 {
			t.Fatalf("accepted %+v", req)
		}
		if req.filename == "" || !utf8.ValidString(req.filename) || strings.ContainsFunc(req.filename, unicode.IsControl) || utf8.RuneCountInString(req.filename) > 255 {
			t.Fatalf("accepted the name %q", req.filename)
		}
	})
}
