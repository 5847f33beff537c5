// Package eventlog keeps the event log: an append-only record of every
// change of state in tandem (sign-ins, invitations, edits, approvals,
// publications, jobs), who made it and when. The application can add an
// entry and read entries, and nothing else; the database itself refuses to
// change or delete one.
package eventlog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// Event is one entry of the log.
type Event struct {
	ID int64 `json:"id"`
	// At is when it happened, in UTC, to the microsecond.
	At time.Time `json:"at"`
	// ActorID is the account that made the change; 0 is the system or a
	// command-line tool.
	ActorID   int64  `json:"actor_id"`
	ActorName string `json:"actor_name"`
	// Action is a dotted verb: "forum.edit", "approval.approve",
	// "signin.success".
	Action string `json:"action"`
	// Subject names what changed as kind:id ("forum:3"), or is empty.
	Subject string `json:"subject,omitempty"`
	// PartnerID is the partner on whose behalf the actor acted, or 0.
	PartnerID int64 `json:"partner_id,omitempty"`
	// Before and After are the state before and after the change, as JSON;
	// either may be nil.
	Before     json.RawMessage `json:"before,omitempty"`
	After      json.RawMessage `json:"after,omitempty"`
	Note       string          `json:"note,omitempty"`
	ClientAddr string          `json:"client_addr,omitempty"`
}

// Append adds e to the log and fills in its ID, and At when it is zero.
// Call it with the transaction that makes the change, so that the change
// and its record are committed together or not at all.
func Append(ctx context.Context, q store.Querier, e *Event) error {
	if e.Action == "" {
		return fmt.Errorf("event log: an event without an action")
	}
	for _, raw := range []json.RawMessage{e.Before, e.After} {
		if raw != nil && !json.Valid(raw) {
			return fmt.Errorf("event log: %s: before or after is not JSON", e.Action)
		}
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	id, err := store.InsertID(ctx, q, `INSERT INTO events (at, actor_id, actor_name, action, subject, partner_id, before_state, after_state, note, client_addr)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, e.ActorID, e.ActorName, e.Action, e.Subject, nullID(e.PartnerID), nullJSON(e.Before), nullJSON(e.After), e.Note, e.ClientAddr)
	if err != nil {
		return fmt.Errorf("event log: append %s: %w", e.Action, err)
	}
	e.ID = id
	return nil
}

// Filter says which events a read returns. Its zero value is every event.
type Filter struct {
	Subject string    // only events about this subject ("forum:3")
	ActorID int64     // only events by this account
	Since   time.Time // only events at or after this time
	Before  int64     // only events with an id below this, for paging back
	Limit   int       // at most this many; 0 is no limit
	// Subjects, when not nil, keeps only events about one of these
	// subjects, for a reader who may see some things and not others; an
	// empty, non-nil list keeps none.
	Subjects []string
}

func (f Filter) where() (string, []any) {
	cond, args := "1 = 1", []any{}
	if f.Subject != "" {
		cond += " AND subject = ?"
		args = append(args, f.Subject)
	}
	if f.Subjects != nil {
		if len(f.Subjects) == 0 {
			cond += " AND 1 = 0"
		} else {
			in, inArgs := store.In(f.Subjects)
			cond += " AND subject IN (" + in + ")"
			args = append(args, inArgs...)
		}
	}
	if f.ActorID != 0 {
		cond += " AND actor_id = ?"
		args = append(args, f.ActorID)
	}
	if !f.Since.IsZero() {
		cond += " AND at >= ?"
		args = append(args, f.Since.UTC())
	}
	if f.Before != 0 {
		cond += " AND id < ?"
		args = append(args, f.Before)
	}
	return cond, args
}

const columns = `id, at, actor_id, actor_name, action, subject, COALESCE(partner_id, 0), before_state, after_state, note, client_addr`

func scan(sc store.Scanner) (*Event, error) {
	e := &Event{}
	var before, after sql.NullString
	if err := sc.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Subject, &e.PartnerID, &before, &after, &e.Note, &e.ClientAddr); err != nil {
		return nil, err
	}
	e.At = e.At.UTC()
	if before.Valid {
		e.Before = json.RawMessage(before.String)
	}
	if after.Valid {
		e.After = json.RawMessage(after.String)
	}
	return e, nil
}

// List returns the events f selects, newest first. To page back, set
// f.Before to the ID of the last event of the previous page.
func List(ctx context.Context, q store.Querier, f Filter) ([]*Event, error) {
	cond, args := f.where()
	query := `SELECT ` + columns + ` FROM events WHERE ` + cond + ` ORDER BY id DESC`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	out, err := store.All(ctx, q, scan, query, args...)
	if err != nil {
		return nil, fmt.Errorf("event log: list: %w", err)
	}
	return out, nil
}

// ExportJSONL writes the events f selects to w as JSON Lines, oldest first:
// one object per line with the fields of Event under their json names,
// times in RFC 3339.
func ExportJSONL(ctx context.Context, q store.Querier, w io.Writer, f Filter) error {
	cond, args := f.where()
	query := `SELECT ` + columns + ` FROM events WHERE ` + cond + ` ORDER BY id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("event log: export: %w", err)
	}
	defer rows.Close()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return fmt.Errorf("event log: export: %w", err)
		}
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("event log: export: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("event log: export: %w", err)
	}
	return nil
}

// State returns v as JSON for an event's Before or After; a value that
// cannot be encoded becomes nil, as the log never refuses a change for the
// sake of its record.
func State(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullJSON(b json.RawMessage) any {
	if b == nil {
		return nil
	}
	return string(b)
}
