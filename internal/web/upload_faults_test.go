package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// lockedBuffer is a log the server writes to from its connections'
// goroutines while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// slowBody gives n bytes, then blocks until its request is cancelled, as
// a browser's PATCH when the organiser presses Pause.
type slowBody struct {
	n    int
	ctx  context.Context
	sent chan struct{}
}

func (s *slowBody) Read(p []byte) (int, error) {
	if s.n > 0 {
		k := min(len(p), s.n)
		s.n -= k
		return k, nil
	}
	select {
	case <-s.sent:
	default:
		close(s.sent)
	}
	<-s.ctx.Done()
	return 0, s.ctx.Err()
}

// TestPausedUploadLogsNoWarning: pausing an upload (the browser aborts
// its PATCH mid-body) leaves the server's log without a superfluous
// WriteHeader warning, with the session middleware and the request log
// around tusd.
func TestPausedUploadLogsNoWarning(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		var logBuf lockedBuffer
		o.srv.Config.ErrorLog = log.New(&logBuf, "", 0)
		o.account("ed@upload.example", "Editor", "en", false, "cass:editor")
		b := o.browser()
		b.signIn("ed@upload.example")
		const size = 4 << 20
		resp, body := tusCreateSized(t, b, "", videoSpeechID(t, db), size)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %q", resp.StatusCode, body)
		}
		loc := resp.Header.Get("Location")
		for range 3 {
			ctx, cancel := context.WithCancel(context.Background())
			sb := &slowBody{n: 256 << 10, ctx: ctx, sent: make(chan struct{})}
			head, _ := http.NewRequest("HEAD", loc, nil)
			head.Header.Set("Tus-Resumable", "1.0.0")
			hr, err := b.c.Do(head)
			if err != nil {
				t.Fatal(err)
			}
			hr.Body.Close()
			req, _ := http.NewRequestWithContext(ctx, "PATCH", loc, sb)
			req.Header.Set("Tus-Resumable", "1.0.0")
			req.Header.Set("Content-Type", "application/offset+octet-stream")
			req.Header.Set("Upload-Offset", hr.Header.Get("Upload-Offset"))
			done := make(chan struct{})
			go func() {
				defer close(done)
				if r, err := b.c.Do(req); err == nil {
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
			}()
			<-sb.sent
			time.Sleep(100 * time.Millisecond)
			cancel()
			<-done
			time.Sleep(200 * time.Millisecond)
		}
		if l := logBuf.String(); strings.Contains(l, "superfluous") {
			t.Errorf("the server logged after a paused upload:\n%s", l)
		}
	})
}

// tusCreateSized is tusCreate for a file of size bytes.
func tusCreateSized(t *testing.T, b *browser, token string, id int64, size int64) (*http.Response, string) {
	t.Helper()
	return tusCreateWith(t, b, token, map[string]string{
		"Upload-Length":   fmt.Sprint(size),
		"Upload-Metadata": tusMeta("filename", "video.mp4", "filetype", "video/mp4", "item", fmt.Sprint(id)),
	})
}
