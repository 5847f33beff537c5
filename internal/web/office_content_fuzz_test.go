package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzReadUpload reads arbitrary form bodies as the office's upload forms
// do: whatever comes in, the answer is the fields and files read or a bad
// request, never a panic, and no file kept is over maxUploadFile.
func FuzzReadUpload(f *testing.F) {
	f.Add("multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"name.en\"\r\n\r\nAcademy\r\n--X\r\n"+
		"Content-Disposition: form-data; name=\"logo.file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--X--\r\n")
	f.Add("multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n\r\n--X")
	f.Add("multipart/form-data", "--X--")
	f.Add("application/x-www-form-urlencoded", "name.en=%3Cscript%3E&version=1")
	f.Fuzz(func(t *testing.T, contentType, body string) {
		r := httptest.NewRequest(http.MethodPost, "/office/media", strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		up, err := readUpload(httptest.NewRecorder(), &officeRequest{Request: r})
		if err != nil {
			return
		}
		for name, data := range up.files {
			if len(data) > maxUploadFile || len(data) == 0 {
				t.Errorf("file %q of %d bytes kept", name, len(data))
			}
		}
	})
}
