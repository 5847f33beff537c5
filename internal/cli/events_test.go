package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
)

// TestEventsExport writes events into a data folder and exports them with
// the command: one JSON object a line, filtered by subject and time.
func TestEventsExport(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"TANDEM_DATA": dir}
	ctx := context.Background()
	db, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i, e := range []*eventlog.Event{
		{At: t0, Action: "forum.edit", Subject: "forum:1", ActorName: "王伟"},
		{At: t0.Add(time.Hour), Action: "approval.approve", Subject: "forum:1"},
		{At: t0.Add(2 * time.Hour), Action: "news.edit", Subject: "news:4"},
	} {
		if err := eventlog.Append(ctx, db, e); err != nil {
			t.Fatal(i, err)
		}
	}
	db.Close()

	for _, c := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"forum.edit", "approval.approve", "news.edit"}},
		{[]string{"--subject", "forum:1"}, []string{"forum.edit", "approval.approve"}},
		{[]string{"--since", "2026-03-01T12:30:00+03:00"}, []string{"approval.approve", "news.edit"}},
	} {
		code, out, stderr := runCLI(t, env, append([]string{"events", "export"}, c.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var e eventlog.Event
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("%v: line %q: %v", c.args, line, err)
			}
			got = append(got, e.Action)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%v: %v, want %v", c.args, got, c.want)
		}
	}
	code, _, stderr := runCLI(t, env, "events", "export", "--since", "yesterday")
	if code != 2 || !strings.Contains(stderr, "RFC 3339") {
		t.Errorf("a bad --since: exit %d, %q", code, stderr)
	}
	for _, subject := range []string{"forum", "nope:1", "nope:1x", "forum:", ":3", "forum:0", "Forum:3", "forum:3 ", "forum:-1"} {
		code, out, stderr := runCLI(t, env, "events", "export", "--subject", subject)
		if code != 2 || out != "" || !strings.Contains(stderr, "want KIND:ID") || !strings.Contains(stderr, "Run 'tandem events export -h'") {
			t.Errorf("--subject %q: exit %d, stdout %q, stderr %q; want a usage error naming KIND:ID", subject, code, out, stderr)
		}
	}
	// A subject of a known kind without events is no error.
	if code, out, stderr := runCLI(t, env, "events", "export", "--subject", "account:7"); code != 0 || out != "" {
		t.Errorf("--subject account:7: exit %d, %q %q; want no events", code, out, stderr)
	}
}
