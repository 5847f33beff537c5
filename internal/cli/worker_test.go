package cli

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/mail/mailtest"
	"github.com/tandemforum/tandem/internal/store"
)

// A mail job whose worker process is killed with SIGKILL in the middle of
// the SMTP conversation is taken up again by the next worker process, and
// the message is delivered once.
func TestWorkerKilledMidJob(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the tandem binary")
	}
	bin := filepath.Join(t.TempDir(), "tandem")
	build := exec.Command("go", "build", "-o", bin, "github.com/tandemforum/tandem/cmd/tandem")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			ctx := context.Background()
			data, dsn, db := dataFolder(t, dialect, false)
			q, err := jobs.Open(ctx, db, jobs.Config{})
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			smtpd := mailtest.Start(t)
			stalled := smtpd.Stall()
			var id int64
			err = db.Transact(ctx, func(tx *store.Tx) error {
				id, err = mail.Enqueue(ctx, tx, mail.Message{To: mail.Address{Email: "c@example.org"}, Lang: "ru", Subject: "Приглашение", Text: "Добро пожаловать"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			worker := func() (*exec.Cmd, *bytes.Buffer) {
				var stderr bytes.Buffer
				cmd := exec.Command(bin, "worker", "--data", data, "--database", dsn, "--smtp", smtpd.URL(), "--job-rescue-after", "1s", "--job-backoff", "100ms", "--workers", "2")
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				return cmd, &stderr
			}

			first, stderr := worker()
			select {
			case <-stalled:
			case <-time.After(15 * time.Second):
				first.Process.Kill()
				first.Wait()
				t.Fatalf("the first worker never reached DATA; its log:\n%s", stderr)
			}
			if err := first.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			first.Wait()
			killed := time.Now()
			row, err := q.Job(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if row.State != rivertype.JobStateRunning || row.Attempt != 1 {
				t.Fatalf("after the kill the job is %s on attempt %d, want running on 1", row.State, row.Attempt)
			}
			// The killed process led River's maintenance, and its lease on
			// leadership would outlive it by up to 15 s; end it, as its
			// expiry would, so that the next process leads (and rescues)
			// at once.
			if _, err := db.Exec(ctx, `DELETE FROM river_leader`); err != nil {
				t.Fatal(err)
			}
			// The job counts as abandoned once it has run for 1 s.
			time.Sleep(time.Until(row.AttemptedAt.Add(1100 * time.Millisecond)))

			second, stderr := worker()
			defer func() {
				second.Process.Kill()
				second.Wait()
			}()
			got := smtpd.Wait(t, 1, 20*time.Second)
			deadline := time.Now().Add(5 * time.Second)
			for {
				if row, err = q.Job(ctx, id); err != nil {
					t.Fatal(err)
				}
				if row.State == rivertype.JobStateCompleted || time.Now().After(deadline) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			if row.State != rivertype.JobStateCompleted || row.Attempt != 2 {
				t.Errorf("job %s on attempt %d, want completed on 2", row.State, row.Attempt)
			}
			recovered := time.Since(killed)
			if err := second.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if err := second.Wait(); err != nil {
				t.Errorf("the second worker did not stop cleanly on SIGTERM: %v\n%s", err, stderr)
			}
			if len(got) != 1 || smtpd.Attempts() != 2 {
				t.Fatalf("%d messages delivered in %d attempts, want 1 in 2", len(got), smtpd.Attempts())
			}
			p, err := mailtest.Parse(got[0].Data)
			if err != nil || p.Subject != "Приглашение" {
				t.Errorf("delivered subject %q (%v)", p.Subject, err)
			}
			if !strings.Contains(stderr.String(), "working jobs") {
				t.Errorf("worker log lacks its start line:\n%s", stderr)
			}
			t.Logf("%s: recovered %s after the kill; %s in all", dialect, recovered.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
		})
	}
}
