package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/web"
)

// TestRunWholeProgram opens the whole program on a temporary data folder,
// on SQLite and on PostgreSQL, runs it on a listener on port 0, asks it
// for its health and a page, and stops it by cancelling its context: Run
// returns nil once the server has shut down.
func TestRunWholeProgram(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			prog := open(ctx, t, db, app.Config{Data: t.TempDir(), BaseURL: "http://localhost"})
			base, done := serve(ctx, t, prog)
			for path, want := range map[string]string{"/healthz": "ok", "/ru/no-such-page": "404"} {
				resp, err := http.Get(base + path)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if got := strings.TrimSpace(string(body)); want == "ok" && got != "ok" || want == "404" && resp.StatusCode != http.StatusNotFound {
					t.Errorf("GET %s: %d %.80q, want %s", path, resp.StatusCode, got, want)
				}
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run after cancel: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("Run did not return after its context was cancelled")
			}
		})
	}
}

// TestScheduledPublication runs the whole program with workers and checks
// that a draft approved by both hosts for a time a moment ahead is
// published by the job queue once that time has come, and not before.
func TestScheduledPublication(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			prog := open(ctx, t, db, app.Config{Data: t.TempDir(), BaseURL: "http://localhost", Workers: 2, NoCache: true})
			loadDemo(ctx, t, prog, false)
			var forumID int64
			if err := prog.DB.QueryRow(ctx, `SELECT id FROM forums WHERE slug = ?`, demo.ForumSlug).Scan(&forumID); err != nil {
				t.Fatal(err)
			}
			subj := approval.Subject{Kind: approval.KindForum, ID: forumID}
			hosts, err := approval.Approvers(ctx, prog.DB, subj)
			if err != nil || len(hosts) != 2 {
				t.Fatalf("hosts %v, %v", hosts, err)
			}
			at := time.Now().Add(1500 * time.Millisecond)
			err = prog.DB.Transact(ctx, func(tx *store.Tx) error {
				first := approval.Actor{AccountID: 1, Name: "first host", PartnerIDs: hosts[:1]}
				d, err := approval.Load(ctx, tx, subj)
				if err != nil {
					return err
				}
				f := d.Content.(*forum.Forum)
				f.Theme.Values["ru"] = "Тема, опубликованная по расписанию"
				if _, err := approval.Save(ctx, tx, subj, f, first); err != nil {
					return err
				}
				if _, err := approval.Schedule(ctx, tx, subj, at, first); err != nil {
					return err
				}
				if _, err := approval.Submit(ctx, tx, subj, first); err != nil {
					return err
				}
				d, err = approval.Approve(ctx, tx, subj, d.Version+2, approval.Actor{AccountID: 2, Name: "second host", PartnerIDs: hosts[1:]}, hosts[1])
				if err != nil {
					return err
				}
				if d.State != approval.Scheduled {
					return fmt.Errorf("approved draft is %s, want scheduled", d.State)
				}
				_, err = prog.Jobs.InsertTx(ctx, tx, web.PublishDueArgs{At: at}, &jobs.InsertOpts{ScheduledAt: at})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			base, done := serve(ctx, t, prog)
			page := base + "/ru/forums/" + demo.ForumSlug
			for {
				resp, err := http.Get(page)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				published := strings.Contains(string(body), "Тема, опубликованная по расписанию")
				if published && time.Now().Before(at) {
					t.Fatal("published before its time")
				}
				if published {
					break
				}
				if time.Since(at) > 10*time.Second {
					t.Fatal("not published 10 s after its time")
				}
				time.Sleep(100 * time.Millisecond)
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
}
