package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/video"
)

// TestUploadBecomesVideo runs the whole program: a file sent by tus with
// an organiser's API token to a video item of the demo's programme becomes
// that speech's video, processed by the program's own workers until it is
// ready to play, credited to the uploader.
func TestUploadBecomesVideo(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg is not installed (scripts/setup.sh test installs it): no video made")
	}
	src := filepath.Join(t.TempDir(), "speech.mp4")
	mk := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=3",
		"-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "mpeg4", "-c:a", "aac", "-shortest", src)
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			prog := open(ctx, t, db, app.Config{Data: t.TempDir(), BaseURL: "http://localhost", Workers: 2, NoCache: true})
			loadDemo(ctx, t, prog, true)
			org, token, item := uploader(ctx, t, prog)
			base, _ := serve(ctx, t, prog)
			loc := createUpload(t, base, token, item, len(data))
			req, _ := http.NewRequest("PATCH", loc, bytes.NewReader(data))
			req.Header.Set("Tus-Resumable", "1.0.0")
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Upload-Offset", "0")
			req.Header.Set("Content-Type", "application/offset+octet-stream")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusNoContent {
				t.Fatalf("PATCH: %s", res.Status)
			}

			deadline := time.Now().Add(90 * time.Second)
			var ready *video.Video
			for {
				vs, err := video.List(ctx, prog.DB, item)
				if err != nil {
					t.Fatal(err)
				}
				if len(vs) > 1 {
					t.Fatalf("%d videos for one upload, want 1", len(vs))
				}
				if len(vs) == 1 && vs[0].State == video.Failed {
					t.Fatalf("the upload's video failed: %s %s", vs[0].ErrorKey, vs[0].ErrorDetail)
				}
				if len(vs) == 1 && vs[0].State == video.Ready {
					v := vs[0]
					ready = v
					if v.Duration < 2900*time.Millisecond || v.Duration > 3100*time.Millisecond || v.Main() == nil || v.PosterKey == "" {
						t.Errorf("ready video: duration %v, main %v, poster %q", v.Duration, v.Main(), v.PosterKey)
					}
					var who string
					if err := prog.DB.QueryRow(ctx, `SELECT actor_name FROM events WHERE subject = ? AND action = 'video.submit'`, "speech:"+strconv.FormatInt(item, 10)).Scan(&who); err != nil {
						t.Errorf("the video's submission is not in the event log: %v", err)
					} else if who != org.Name {
						t.Errorf("the video is credited to %q, want the uploader %q", who, org.Name)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no ready video 90 s after the upload: %+v", vs)
				}
				time.Sleep(200 * time.Millisecond)
			}

			// The public speech page plays it once every host approved it,
			// and not before.
			var forumSlug, slug string
			if err := prog.DB.QueryRow(ctx, `SELECT f.slug, s.slug FROM speeches s JOIN forums f ON f.id = s.forum_id WHERE s.id = ?`, item).Scan(&forumSlug, &slug); err != nil {
				t.Fatal(err)
			}
			page := base + "/en/forums/" + forumSlug + "/speeches/" + slug
			if res, err := http.Get(page + "/video/main.mp4"); err != nil || res.StatusCode != http.StatusNotFound {
				t.Errorf("the video's file before the hosts approved it: %v %v, want 404", res.Status, err)
			} else {
				res.Body.Close()
			}
			err = prog.DB.Transact(ctx, func(tx *store.Tx) error {
				hosts, err := forum.SpeechHosts(ctx, tx, item)
				if err != nil {
					return err
				}
				for _, h := range hosts {
					if _, err := video.Approve(ctx, tx, ready.ID, h, video.Actor{Name: "test"}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			// The page cache reads the site's version once a second.
			time.Sleep(1100 * time.Millisecond)
			res, err = http.Get(page)
			if err != nil {
				t.Fatal(err)
			}
			html, _ := io.ReadAll(res.Body)
			res.Body.Close()
			src := fmt.Sprintf("/en/forums/%s/speeches/%s/video/v%d/main.mp4", forumSlug, slug, ready.ID)
			if res.StatusCode != 200 || !strings.Contains(string(html), `<source src="`+src+`" type="video/mp4">`) {
				t.Errorf("the speech page (%s) has no player for the video at %s", res.Status, src)
			}
			res, err = http.Get(base + src)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "video/mp4" || n < 1000 {
				t.Errorf("the video's file: %s, %s, %d bytes", res.Status, res.Header.Get("Content-Type"), n)
			}
		})
	}
}
