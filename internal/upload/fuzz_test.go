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

// TestFiletypeAndName: a known type that is no video is refused whatever
// the name, naming the type, except for the endings other kinds of files
// share (a .ts video that the system calls a Qt Linguist file); an empty,
// unknown or octet-stream type leaves the decision to the name.
func TestFiletypeAndName(t *testing.T) {
	enc := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, c := range []struct {
		name, ftype, key string
	}{
		{"speech.mp4", "video/mp4", ""},
		{"speech.mp4", "", ""},
		{"speech.mp4", "application/octet-stream", ""},
		{"speech.mkv", "application/x-matroska", ""},
		{"speech.mp4", "x-unknown/thing", ""},
		{"speech.mp4", "text/plain", "upload.filetype.not_video"},
		{"speech.mp4", "audio/mp4", "upload.filetype.not_video"},
		{"speech.mov", "application/pdf", "upload.filetype.not_video"},
		{"speech.ts", "text/vnd.trolltech.linguist", ""},
		{"speech.mts", "model/vnd.mts", ""},
		{"notes.txt", "", "upload.filetype"},
		{"notes.txt", "application/octet-stream", "upload.filetype"},
	} {
		h := http.Header{}
		h.Set("Upload-Length", "10")
		h.Set("Upload-Metadata", "filename "+enc(c.name)+",filetype "+enc(c.ftype)+",item "+enc("3"))
		_, refused := checkCreation(h, 100)
		key := ""
		if refused != nil {
			key = refused.key
		}
		if key != c.key {
			t.Errorf("%s as %q: refused with %q, want %q", c.name, c.ftype, key, c.key)
		}
	}
}
