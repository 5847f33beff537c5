package eventlog_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func TestAppendListExport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.FixedZone("MSK", 3*3600))
		events := []*eventlog.Event{
			{At: t0, ActorID: 7, ActorName: "Иванов", Action: "forum.edit", Subject: "forum:3", PartnerID: 2,
				Before: json.RawMessage(`{"version":1}`), After: json.RawMessage(`{"version":2}`), ClientAddr: "192.0.2.1"},
			{At: t0.Add(time.Hour), ActorID: 8, ActorName: "王伟", Action: "approval.approve", Subject: "forum:3", PartnerID: 1, Note: "同意"},
			{At: t0.Add(2 * time.Hour), Action: "job.done", Subject: "news:1"},
		}
		for _, e := range events {
			if err := db.Transact(ctx, func(tx *store.Tx) error { return eventlog.Append(ctx, tx, e) }); err != nil {
				t.Fatal(err)
			}
		}
		if err := eventlog.Append(ctx, db, &eventlog.Event{}); err == nil {
			t.Error("an event without an action was accepted")
		}

		all, err := eventlog.List(ctx, db, eventlog.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 || all[0].Action != "job.done" || all[2].Action != "forum.edit" {
			t.Fatalf("List = %v, want the three events newest first", actions(all))
		}
		first := all[2]
		if !first.At.Equal(t0) || first.At.Location() != time.UTC || first.ActorName != "Иванов" || first.PartnerID != 2 ||
			string(first.After) != `{"version":2}` || first.ClientAddr != "192.0.2.1" {
			t.Errorf("read back %+v", first)
		}
		if all[0].Before != nil || all[0].After != nil || all[0].ActorID != 0 {
			t.Errorf("a system event without states read back as %+v", all[0])
		}

		for _, c := range []struct {
			name string
			f    eventlog.Filter
			want string
		}{
			{"subject", eventlog.Filter{Subject: "forum:3"}, "approval.approve forum.edit"},
			{"actor", eventlog.Filter{ActorID: 8}, "approval.approve"},
			{"subjects", eventlog.Filter{Subjects: []string{"news:1", "forum:9"}}, "job.done"},
			{"no subjects", eventlog.Filter{Subjects: []string{}}, ""},
			{"subjects and subject", eventlog.Filter{Subjects: []string{"news:1"}, Subject: "forum:3"}, ""},
			{"since", eventlog.Filter{Since: t0.Add(time.Hour)}, "job.done approval.approve"},
			{"page", eventlog.Filter{Limit: 1, Before: all[0].ID}, "approval.approve"},
		} {
			got, err := eventlog.List(ctx, db, c.f)
			if err != nil || actions(got) != c.want {
				t.Errorf("%s: %q, %v; want %q", c.name, actions(got), err, c.want)
			}
		}

		var buf bytes.Buffer
		if err := eventlog.ExportJSONL(ctx, db, &buf, eventlog.Filter{Subject: "forum:3"}); err != nil {
			t.Fatal(err)
		}
		var lines []map[string]any
		sc := bufio.NewScanner(&buf)
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			lines = append(lines, m)
		}
		if len(lines) != 2 || lines[0]["action"] != "forum.edit" || lines[1]["note"] != "同意" {
			t.Fatalf("export = %v", lines)
		}
		if at, _ := lines[0]["at"].(string); at != "2026-03-01T06:00:00Z" {
			t.Errorf("at = %q, want RFC 3339 in UTC", at)
		}
		if before, _ := lines[0]["before"].(map[string]any); before["version"] != 1.0 {
			t.Errorf("before = %v, want the JSON state as an object", lines[0]["before"])
		}
	})
}

// TestAppendOnly changes and deletes entries through the raw database, as
// a careless tool or an intruder with the application's access would: the
// database refuses, and the entry is as it was.
func TestAppendOnly(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := &eventlog.Event{Action: "forum.edit", Subject: "forum:1", Note: "as it was"}
		if err := eventlog.Append(ctx, db, e); err != nil {
			t.Fatal(err)
		}
		for _, stmt := range []string{
			`UPDATE events SET note = 'rewritten'`,
			`UPDATE events SET actor_id = 99 WHERE id = 1`,
			`DELETE FROM events`,
			`DELETE FROM events WHERE id = 1`,
		} {
			if _, err := db.Exec(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want a refusal", stmt, err)
			}
		}
		got, err := eventlog.List(ctx, db, eventlog.Filter{})
		if err != nil || len(got) != 1 || got[0].Note != "as it was" {
			t.Errorf("after the refused changes: %+v, %v", got, err)
		}
	})
}

func actions(es []*eventlog.Event) string {
	var s []string
	for _, e := range es {
		s = append(s, e.Action)
	}
	return strings.Join(s, " ")
}
