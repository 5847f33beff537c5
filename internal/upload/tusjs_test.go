package upload_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/upload"
)

// bigFileSize is the file the real client sends: a few hundred MiB, as a
// speech's video is.
const bigFileSize = 300 << 20

// tusTools returns node and the folder of tools/tus, skipping the test
// when either is missing.
func tusTools(t *testing.T) (node, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("tus-js-client tests skipped in -short mode (they send 300 MiB twice)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("tus-js-client tests skipped: node not found (bash scripts/setup.sh test installs it)")
	}
	dir, err = filepath.Abs("../../tools/tus")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules/tus-js-client/package.json")); err != nil {
		t.Skip("tus-js-client tests skipped: tools/tus/node_modules lacks tus-js-client (bash scripts/setup.sh test installs it)")
	}
	return node, dir
}

// tandemServer is the real tandem binary serving a data folder on a port,
// started again after it is killed.
type tandemServer struct {
	t         *testing.T
	bin, data string
	addr      string
	// workers is how many jobs the server works at once; 0 leaves the
	// finishing jobs queued.
	workers int
	cmd     *exec.Cmd
	log     *bytes.Buffer
}

func (s *tandemServer) start() {
	t := s.t
	t.Helper()
	s.log = &bytes.Buffer{}
	s.cmd = exec.Command(s.bin, "serve", "--data", s.data, "--addr", s.addr, "--workers", fmt.Sprint(s.workers), "--upload-max-size", "1GiB")
	s.cmd.Env = append(os.Environ(), "TANDEM_DATABASE=")
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + s.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("tandem serve did not answer on %s: %s", s.addr, s.log)
}

// kill9 kills the server as a crash does: no shutdown, nothing flushed.
func (s *tandemServer) kill9() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

func (s *tandemServer) stop() {
	if s.cmd != nil && s.cmd.ProcessState == nil {
		s.cmd.Process.Signal(syscall.SIGTERM)
		s.cmd.Wait()
	}
}

type clientEvent struct {
	Event       string `json:"event"`
	URL         string `json:"url"`
	Offset      int64  `json:"offset"`
	Bytes       int64  `json:"bytes"`
	MS          int64  `json:"ms"`
	ResumedFrom int64  `json:"resumedFrom"`
	Status      int    `json:"status"`
	Body        string `json:"body"`
	Message     string `json:"message"`
}

func lastEvent(t *testing.T, out []byte) clientEvent {
	t.Helper()
	var ev clientEvent
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("client output %q: %v", sc.Text(), err)
		}
	}
	return ev
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil))
}

// fetchSum downloads url with token and returns the SHA-256 of its bytes.
func fetchSum(t *testing.T, url, token string) string {
	sum, _ := fetch(t, url, token)
	return sum
}

// fetch downloads url with token and returns the SHA-256 of its bytes and
// the one the server gives in Repr-Digest (hex), if any.
func fetch(t *testing.T, url, token string) (sum, digest string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	h := sha256.New()
	io.Copy(h, resp.Body)
	if d, ok := strings.CutPrefix(resp.Header.Get("Repr-Digest"), "sha-256=:"); ok {
		b, _ := base64.StdEncoding.DecodeString(strings.TrimSuffix(d, ":"))
		digest = hex.EncodeToString(b)
	}
	return hex.EncodeToString(h.Sum(nil)), digest
}

// TestTusJSClientResumes is the upload as the office's widget does it,
// with the real tus-js-client under Node against the real tandem binary:
// a 300 MiB file is cut at about 40 % and resumed from the URL the client
// stored, then another is sent while the server is killed with kill -9
// half-way and started again; each time the upload finishes from where
// it stopped and the bytes fetched back are the file's. The server works
// no jobs until the last subtest, which kills it with kill -9 after the
// client's success and starts it with workers: the finishing jobs queued
// before the kill store every upload with its SHA-256.
func TestTusJSClientResumes(t *testing.T) {
	node, tools := tusTools(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "tandem")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/tandem")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	db, err := store.Open(context.Background(), "", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	fx := seed(t, db)
	db.Close()

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	srv := &tandemServer{t: t, bin: bin, data: data, addr: addr}
	srv.start()
	t.Cleanup(srv.stop)
	defer func() {
		if t.Failed() {
			t.Logf("server log:\n%s", srv.log)
		}
	}()

	video := filepath.Join(dir, "speech.mp4")
	f, err := os.Create(video)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(f, rand.NewChaCha8([32]byte{7}), bigFileSize); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want := fileSum(t, video)
	token := fx.tokens["organiser"]
	client := func(extra ...string) *exec.Cmd {
		args := append([]string{filepath.Join(tools, "upload.js"), "--endpoint", "http://" + addr + upload.BasePath,
			"--file", video, "--token", token, "--item", fmt.Sprint(fx.video)}, extra...)
		cmd := exec.Command(node, args...)
		cmd.Dir = tools
		cmd.Stderr = os.Stderr
		return cmd
	}

	t.Run("cut at 40% and resumed from the stored URL", func(t *testing.T) {
		urls := filepath.Join(dir, "urls-cut.json")
		out, err := client("--stop-at", "0.4", "--store", urls).Output()
		stop := lastEvent(t, out)
		if err != nil || stop.Event != "stopped" || stop.URL == "" {
			t.Fatalf("first run: %v, %+v", err, stop)
		}
		resp, _ := http.Get(stop.URL)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET of the upload without a token: %d, want 401", resp.StatusCode)
		}
		req, _ := http.NewRequest("GET", stop.URL, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET of the unfinished upload: %v %v, want 404 (nothing half-made to fetch)", resp.StatusCode, err)
		} else {
			resp.Body.Close()
		}
		// What the server holds of the cut upload: the bytes in flight
		// when the client stopped at 40 % arrive too, more of them on a
		// busy machine, so the resumption is checked against this offset.
		req, _ = http.NewRequest("HEAD", stop.URL, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Tus-Resumable", "1.0.0")
		head, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		head.Body.Close()
		held, _ := strconv.ParseInt(head.Header.Get("Upload-Offset"), 10, 64)
		if head.StatusCode != http.StatusOK || held < bigFileSize*3/10 || held >= bigFileSize {
			t.Fatalf("HEAD of the cut upload: %d, offset %d; want 200 and an offset near 40 %% of %d, short of the end", head.StatusCode, held, bigFileSize)
		}
		out, err = client("--store", urls).Output()
		done := lastEvent(t, out)
		if err != nil || done.Event != "success" {
			t.Fatalf("second run: %v, %+v", err, done)
		}
		if done.URL != stop.URL || done.ResumedFrom != held {
			t.Errorf("second run went to %s from byte %d, want %s from byte %d, where the server stopped", done.URL, done.ResumedFrom, stop.URL, held)
		}
		if got := fetchSum(t, done.URL, token); got != want {
			t.Errorf("bytes fetched back: SHA-256 %s, want the file's %s", got, want)
		}
	})

	t.Run("server killed with kill -9 half-way", func(t *testing.T) {
		staging := filepath.Join(data, "uploads")
		before, _ := os.ReadDir(staging)
		cmd := client("--store", filepath.Join(dir, "urls-kill.json"), "--chunk-size", fmt.Sprint(64<<20))
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Watch the staging file grow and kill the server past 40 %.
		killedAt := int64(0)
		deadline := time.Now().Add(60 * time.Second)
		for killedAt == 0 && time.Now().Before(deadline) {
			es, _ := os.ReadDir(staging)
			for _, e := range es {
				if strings.Contains(e.Name(), ".") || len(before) > 0 && containsEntry(before, e.Name()) {
					continue
				}
				if info, err := e.Info(); err == nil && info.Size() >= bigFileSize*4/10 {
					srv.kill9()
					killedAt = info.Size()
				}
			}
			time.Sleep(time.Millisecond)
		}
		if killedAt == 0 || killedAt == bigFileSize {
			cmd.Process.Kill()
			t.Fatalf("the upload was not caught half-way (staging file at %d bytes)", killedAt)
		}
		t.Logf("killed the server with %d of %d bytes staged", killedAt, bigFileSize)
		srv.start()
		err := cmd.Wait()
		done := lastEvent(t, out.Bytes())
		if err != nil || done.Event != "success" {
			t.Fatalf("client after the kill: %v, %+v", err, done)
		}
		if done.ResumedFrom < bigFileSize/4 {
			t.Errorf("the client resumed from byte %d, want about where the server died (%d)", done.ResumedFrom, killedAt)
		}
		if got := fetchSum(t, done.URL, token); got != want {
			t.Errorf("bytes fetched back: SHA-256 %s, want the file's %s", got, want)
		}
	})
	t.Run("server killed with kill -9 after the last response", func(t *testing.T) {
		out, err := client().Output()
		done := lastEvent(t, out)
		if err != nil || done.Event != "success" {
			t.Fatalf("upload: %v, %+v", err, done)
		}
		if got, digest := fetch(t, done.URL, token); got != want || digest != "" {
			t.Errorf("before its finishing job: SHA-256 %s fetched (want %s) with digest %q (want none yet)", got, want, digest)
		}
		srv.kill9()
		srv.workers = 1
		srv.start()
		deadline := time.Now().Add(60 * time.Second)
		for {
			_, digest := fetch(t, done.URL, token)
			if digest == want {
				break
			}
			if digest != "" || time.Now().After(deadline) {
				t.Fatalf("after the restart the upload gives Repr-Digest %q, want %s", digest, want)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if got := fetchSum(t, done.URL, token); got != want {
			t.Errorf("bytes fetched back from the blob store: SHA-256 %s, want %s", got, want)
		}
		if n := strings.Count(srv.log.String(), "upload stored"); n < 1 {
			t.Errorf("the restarted server logged %d stored uploads", n)
		}
		db, err := store.Open(context.Background(), "", data)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for {
			var stored, other int
			if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FILTER (WHERE state = 'stored'), COUNT(*) FILTER (WHERE state <> 'stored') FROM uploads`).Scan(&stored, &other); err != nil {
				t.Fatal(err)
			}
			if stored == 3 && other == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d uploads stored, %d not; want the three sent, all stored", stored, other)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

func containsEntry(es []os.DirEntry, name string) bool {
	for _, e := range es {
		if e.Name() == name {
			return true
		}
	}
	return false
}
