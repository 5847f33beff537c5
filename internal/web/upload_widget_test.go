package web_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/upload"
)

// TestUploadWidgetWords runs static/upload.js in Node against a stand-in
// page: it writes sizes as the server does (to the tenth, in the reader's
// number format), shows tandem's own sentence when the answer carries
// one, and its own message for the status when an answer (tusd's text, a
// proxy's page) does not, never the answer's English; Cancel terminates
// the upload and forgets its stored URL. A file that is no video is
// refused before any of it is sent, and an upload stored for another
// item is never resumed.
func TestUploadWidgetWords(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("upload widget test skipped: Node.js is not installed (scripts/setup.sh test installs it)")
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, progress, tooLarge string }{
		{"ru", "Отправлено 377,0\u00a0КиБ из 162,2\u00a0МиБ (0 %).", "Размер файла — 9,0\u00a0ГиБ, а предел — 8,0\u00a0ГиБ."},
		{"en", "Sent 377.0\u00a0KiB of 162.2\u00a0MiB (0%).", "The file is 9.0\u00a0GiB; the limit is 8.0\u00a0GiB."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := catalog.Printer(tc.lang)
			units := []string{p.T("size.kib", "%s"), p.T("size.mib", "%s"), p.T("size.gib", "%s"), p.T("size.tib", "%s")}
			words, _ := json.Marshal(map[string]any{"bytes": p.Forms("size.bytes"), "units": units})
			msgs, _ := json.Marshal(upload.StatusMessages(p, upload.DefaultMaxSize))
			rule, _ := json.Marshal(upload.VideoFileRule())
			data, _ := json.Marshal(map[string]string{
				"item": "1", "endpoint": "/api/uploads/", "maxSize": "8589934592",
				"sizeWords": string(words), "msgStatus": string(msgs), "fileRule": string(rule),
				"msgNotVideo": p.T("office.upload.js.not_video", "%s"),
				"msgProgress": p.T("office.upload.js.progress", "%s", "%s", "%s"),
				"msgToolarge": p.T("upload.size.too_large", "%s", p.Bytes(upload.DefaultMaxSize)),
				"msgFailed":   p.T("office.upload.js.failed"), "msgWaiting": p.T("office.upload.js.waiting"),
				"msgRetrying":  p.T("office.upload.js.retrying", "%s"),
				"msgCancelled": p.T("office.upload.js.cancelled"), "msgCancelConfirm": p.T("office.upload.js.cancel_confirm"),
			})
			out, err := exec.Command(node, "testdata/upload_widget.js", filepath.Join("static", "upload.js"), tc.lang, string(data)).CombinedOutput()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, out)
			}
			var got map[string]string
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("node said %s", out)
			}
			for name, want := range map[string]string{
				"progress":    tc.progress,
				"proxy409":    p.T("upload.tus.offset"),
				"proxy502":    p.T("upload.failed"),
				"ours":        "Ours.",
				"tooLarge":    tc.tooLarge,
				"notVideo":    p.T("office.upload.js.not_video", "song.mp3"),
				"textAsMP4":   p.T("office.upload.js.not_video", "speech.mp4"),
				"refusedSent": "0",
				"videosTaken": "2",
				// Every request names the item, and only an upload stored
				// for this item is resumed.
				"itemHeader": "1",
				"resumed":    "/api/uploads/a,/api/uploads/a,/api/uploads/a,/api/uploads/a",
				// Cancel, offered while a file is sent, ends the upload on
				// the server and forgets this item's stored URL only.
				"cancelShown":  "true",
				"cancelled":    p.T("office.upload.js.cancelled"),
				"terminated":   "true",
				"forgotten":    "tus::1",
				"cancelHidden": "true",
			} {
				if got[name] != want {
					t.Errorf("%s: the status says %q, want %q", name, got[name], want)
				}
			}
		})
	}
}
