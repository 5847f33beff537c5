package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// State is where a job stands, as people are told: queued, working, done
// or failed.
type State string

// The states of a job. River's own are folded into these: a job waiting
// for its time, for its first attempt or for a retry after a failed one is
// queued; a job given up (cancelled, or out of attempts) has failed.
const (
	StateQueued  State = "queued"
	StateWorking State = "working"
	StateDone    State = "done"
	StateFailed  State = "failed"
)

// Active reports whether a job in state s is yet to end.
func (s State) Active() bool { return s == StateQueued || s == StateWorking }

func stateOf(river string) State {
	switch river {
	case "running":
		return StateWorking
	case "completed":
		return StateDone
	case "cancelled", "discarded":
		return StateFailed
	}
	return StateQueued // available, scheduled, pending, retryable
}

// Info is a job as stored, for pages that show how work is going: plain
// values, read with SQL on SQLite and PostgreSQL alike.
type Info struct {
	ID   int64
	Kind string // "media.renditions"
	// Args are the job's arguments as JSON.
	Args  json.RawMessage
	State State
	// Attempt is how many times the job has been tried; MaxAttempts how
	// many times it may be.
	Attempt, MaxAttempts int
	// Progress is the progress the job last recorded (SetProgress), when
	// HasProgress.
	Progress    Progress
	HasProgress bool
	// LastError is the error of the latest failed attempt, as the worker
	// returned it (for logs and admins, not for other people), or "".
	LastError string
	// CreatedAt is when the job was queued; FinalizedAt when it ended,
	// zero while it has not. Both in UTC.
	CreatedAt, FinalizedAt time.Time
}

// infoColumns selects an Info's fields in each dialect: the metadata as
// text, and of the errors (a JSON array of {at, attempt, error}) the last
// one's message.
var infoColumns = map[store.Dialect]string{
	store.SQLite: `id, kind, json(args), state, attempt, max_attempts, json(metadata),
		COALESCE(json_extract(errors, '$[#-1].error'), ''), created_at, finalized_at`,
	store.Postgres: `id, kind, args::text, state::text, attempt, max_attempts, metadata::text,
		COALESCE(errors[array_length(errors, 1)]->>'error', ''), created_at, finalized_at`,
}

func scanInfo(sc store.Scanner) (Info, error) {
	var (
		in             Info
		args, meta, st string
		finalized      sql.NullTime
	)
	if err := sc.Scan(&in.ID, &in.Kind, &args, &st, &in.Attempt, &in.MaxAttempts, &meta, &in.LastError, &in.CreatedAt, &finalized); err != nil {
		return Info{}, err
	}
	in.Args = json.RawMessage(args)
	in.State = stateOf(st)
	// River records a cancelled job's error under the name of its wrapper.
	in.LastError = strings.TrimPrefix(in.LastError, "JobCancelError: ")
	in.Progress, in.HasProgress = JobProgress(&Row{Metadata: []byte(meta)})
	in.CreatedAt = in.CreatedAt.UTC()
	if finalized.Valid {
		in.FinalizedAt = finalized.Time.UTC()
	}
	return in, nil
}

// Recent returns a page of the jobs the database holds, newest first:
// limit of them after skipping offset, and how many there are in all.
// Ended jobs stay a week (failed ones a month) before River removes them.
func Recent(ctx context.Context, db *store.DB, limit, offset int) ([]Info, int, error) {
	var total int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM river_job`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("recent jobs: %w", err)
	}
	out, err := store.All(ctx, db, scanInfo,
		`SELECT `+infoColumns[db.Dialect()]+` FROM river_job ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("recent jobs: %w", err)
	}
	return out, total, nil
}

// argName is what a job argument's JSON name may be: it is written into
// the SQL.
var argName = regexp.MustCompile(`^[a-z_]{1,40}$`)

// Latest returns, of the jobs of kind whose integer argument arg (its JSON
// name, "media_id") is one of ids, the newest for each value, by value: a
// value with no job has no entry. It is one query, for a page that shows
// the work of many things at once.
func Latest(ctx context.Context, db *store.DB, kind, arg string, ids []int64) (map[int64]Info, error) {
	out := map[int64]Info{}
	if len(ids) == 0 {
		return out, nil
	}
	if !argName.MatchString(arg) {
		return nil, fmt.Errorf("latest %s jobs: bad argument name %q", kind, arg)
	}
	key := `json_extract(args, '$.` + arg + `')`
	if db.Dialect() == store.Postgres {
		key = `(args->>'` + arg + `')::bigint`
	}
	in, inArgs := store.In(ids)
	rows, err := db.Query(ctx, `SELECT `+key+`, `+infoColumns[db.Dialect()]+` FROM river_job
		WHERE kind = ? AND `+key+` IN (`+in+`) ORDER BY id DESC`, append([]any{kind}, inArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("latest %s jobs: %w", kind, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		info, err := scanInfo(keyed{rows, &id})
		if err != nil {
			return nil, fmt.Errorf("latest %s jobs: %w", kind, err)
		}
		if _, seen := out[id]; !seen {
			out[id] = info
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("latest %s jobs: %w", kind, err)
	}
	return out, nil
}

// keyed scans a row whose first column is a key into key, and the rest
// into what Scan is given.
type keyed struct {
	sc  store.Scanner
	key *int64
}

func (k keyed) Scan(dest ...any) error { return k.sc.Scan(append([]any{k.key}, dest...)...) }
