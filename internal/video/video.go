// Package video holds the recorded videos of programme items (a speech
// given by pre-recorded video): the original as uploaded, and the web
// renditions, poster and measurements that processing makes of it with
// ffmpeg.
//
// Submit records an uploaded original and queues its processing in the
// caller's transaction. The processing job (Processor, Register) probes
// the original, refuses what is not a video or is corrupt, copies or
// re-encodes its video into H.264 MP4 with the moov atom first, brings its
// audio to a loudness target in two passes, makes a 720p rendition and a
// poster, and publishes all of it in one update, so that nothing
// half-made is ever visible. It survives a worker killed at any point: a
// worker holds a lease on the video, renewed while it works, and a lease
// that lapses has its video's job queued again at once.
package video

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// State is where a video's processing stands.
type State string

const (
	Queued     State = "queued"     // waiting for a worker
	Probing    State = "probing"    // ffprobe reads the original
	Processing State = "processing" // loudness, encoding, poster
	Ready      State = "ready"      // the renditions can be played
	Failed     State = "failed"     // refused or given up; ErrorKey says why
)

// Done reports whether processing has ended, well or not.
func (s State) Done() bool { return s == Ready || s == Failed }

// Methods of making the main rendition.
const (
	// Remux copies the original's video stream into a new MP4 (its audio
	// is re-encoded when its loudness is brought to the target).
	Remux = "remux"
	// Transcode encodes the video again.
	Transcode = "transcode"
)

// Rendition is one playable file made from the original.
type Rendition struct {
	// Name is "main" (the original's size, at most 1080p) or "720p".
	Name       string `json:"name"`
	Key        string `json:"key"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Size       int64  `json:"size"`
	VideoCodec string `json:"video_codec"`
	AudioCodec string `json:"audio_codec,omitempty"`
	// BitRate is the whole file's, in bits per second.
	BitRate int64 `json:"bit_rate"`
	// Copied says the video stream is the original's, not re-encoded.
	Copied bool `json:"copied,omitempty"`
}

// Video is a programme item's recorded video.
type Video struct {
	ID           int64
	ItemID       int64 // the speech (programme item)
	OriginalKey  string
	OriginalSize int64
	// OriginalName is the name of the file given to SubmitFile (tandem
	// video attach), "" when none was (an upload's name is the upload's).
	OriginalName string
	// SubmittedBy is the name of who submitted it (an account, or the
	// command line's user).
	SubmittedBy string
	State       State
	// ErrorKey is the message key (video.error.*) of why processing
	// failed, to be said in the reader's language; ErrorDetail is ffmpeg's
	// own account, for the log.
	ErrorKey, ErrorDetail string
	// Probe is ffprobe's JSON answer about the original, nil until probed.
	Probe    json.RawMessage
	Method   string
	Duration time.Duration
	Width    int
	Height   int
	// Loudness is the original audio's as measured, nil until measured or
	// when the video has no audio.
	Loudness   *ffmpeg.Loudness
	Renditions []Rendition
	PosterKey  string
	// Progress is how far processing has got, in thousandths.
	Progress int
	// Illustration says the video only illustrates the item (made by the
	// demo, with a synthesised voice), not a recording of the speaker; the
	// speech page says so under the player (message video.illustration).
	Illustration bool
	// ApprovedAt is when the last of the forum's hosts approved the video
	// for the public, zero while one has not (or since it was withdrawn).
	ApprovedAt time.Time
	// WithdrawnAt and WithdrawnBy say when and by whom the video was last
	// taken off the public page; zero and "" when it never was.
	WithdrawnAt time.Time
	WithdrawnBy string
	JobID       int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Size is the bytes of all the renditions together (the poster not
// counted).
func (v *Video) Size() int64 {
	var n int64
	for _, r := range v.Renditions {
		n += r.Size
	}
	return n
}

// Main returns the main rendition, nil before the video is ready.
func (v *Video) Main() *Rendition {
	for i := range v.Renditions {
		if v.Renditions[i].Name == "main" {
			return &v.Renditions[i]
		}
	}
	return nil
}

// ErrNotFound is a video or programme item that does not exist.
var ErrNotFound = fmt.Errorf("video: %w", errkind.NotFound)

// ErrNotVideo is a programme item that takes no video (see TakesVideo).
var ErrNotVideo = fmt.Errorf("video: programme item not given by video: %w", errkind.Invalid)

// TakesVideo reports whether a programme item of kind and delivery may
// have a video: a video address, or any item delivered by pre-recorded
// video. It is the one rule the upload endpoint, the office and the
// command line follow; Submit enforces it.
func TakesVideo(kind forum.Kind, delivery forum.Delivery) bool {
	return kind == forum.VideoAddress || delivery == forum.Video
}

// Actor is who submits a video, as the event log records it.
type Actor struct {
	AccountID int64
	Name      string
	PartnerID int64
}

// ProcessArgs is the job that processes a video.
type ProcessArgs struct {
	VideoID int64 `json:"video_id"`
}

// Kind names the job.
func (ProcessArgs) Kind() string { return "video.process" }

// maxAttempts bounds the retries of a processing job that fails for a
// reason outside the video (a full disk, a database out of reach).
const maxAttempts = 5

// Submit records the file stored under blobKey as the video of programme
// item itemID and queues its processing, both in tx: the video and its
// job are committed together or not at all. The blob is kept as it is;
// its size is recorded when it is probed. An item that does not exist is
// ErrNotFound; one that takes no video (TakesVideo) is ErrNotVideo.
func Submit(ctx context.Context, tx *store.Tx, itemID int64, blobKey string, by Actor) (*Video, error) {
	return SubmitFile(ctx, tx, itemID, blobKey, "", by)
}

// SubmitFile is Submit for a file that came other than by an upload (the
// command line): name is the file's name as given, which the office and
// tandem video list show, since no upload records it.
func SubmitFile(ctx context.Context, tx *store.Tx, itemID int64, blobKey, name string, by Actor) (*Video, error) {
	if err := CheckItem(ctx, tx, itemID); err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	id, err := store.InsertID(ctx, tx, `INSERT INTO videos (speech_id, original_key, original_name, state, submitted_by_id, submitted_by_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, itemID, blobKey, name, Queued, nullID(by.AccountID), by.Name, now, now)
	if err != nil {
		return nil, fmt.Errorf("video of item %d: %w", itemID, err)
	}
	res, err := jobs.InsertTx(ctx, tx, ProcessArgs{VideoID: id}, &jobs.InsertOpts{MaxAttempts: maxAttempts})
	if err != nil {
		return nil, fmt.Errorf("video %d: %w", id, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE videos SET job_id = ? WHERE id = ?`, res.Job.ID, id); err != nil {
		return nil, fmt.Errorf("video %d: %w", id, err)
	}
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID,
		Action: "video.submit", Subject: fmt.Sprintf("speech:%d", itemID),
		After: eventlog.State(map[string]any{"video": id, "original": blobKey})}); err != nil {
		return nil, err
	}
	return Get(ctx, tx, id)
}

// CheckItem returns nil when programme item itemID exists and takes a
// video, else an error wrapping ErrNotFound or ErrNotVideo.
func CheckItem(ctx context.Context, q store.Querier, itemID int64) error {
	var kind forum.Kind
	var delivery forum.Delivery
	err := q.QueryRow(ctx, `SELECT kind, delivery FROM speeches WHERE id = ?`, itemID).Scan(&kind, &delivery)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("programme item %d: %w", itemID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("programme item %d: %w", itemID, err)
	}
	if !TakesVideo(kind, delivery) {
		return fmt.Errorf("programme item %d: %w", itemID, ErrNotVideo)
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const columns = `id, speech_id, original_key, original_size, original_name, submitted_by_name, state, error_key, error_detail, probe, method, duration_ms, width, height,
	loudness, renditions, poster_key, progress, illustration, approved_at, withdrawn_at, withdrawn_by_name, job_id, created_at, updated_at`

func scan(sc store.Scanner) (*Video, error) {
	var v Video
	var probe, loudness, renditions string
	var durationMS int64
	var jobID sql.NullInt64
	var approved, withdrawn sql.NullTime
	if err := sc.Scan(&v.ID, &v.ItemID, &v.OriginalKey, &v.OriginalSize, &v.OriginalName, &v.SubmittedBy, &v.State, &v.ErrorKey, &v.ErrorDetail, &probe, &v.Method,
		&durationMS, &v.Width, &v.Height, &loudness, &renditions, &v.PosterKey, &v.Progress, &v.Illustration,
		&approved, &withdrawn, &v.WithdrawnBy, &jobID, &v.CreatedAt, &v.UpdatedAt); err != nil {
		return nil, err
	}
	if approved.Valid {
		v.ApprovedAt = approved.Time
	}
	if withdrawn.Valid {
		v.WithdrawnAt = withdrawn.Time
	}
	v.Duration = time.Duration(durationMS) * time.Millisecond
	v.JobID = jobID.Int64
	if probe != "" {
		v.Probe = json.RawMessage(probe)
	}
	if loudness != "" {
		v.Loudness = new(ffmpeg.Loudness)
		if err := json.Unmarshal([]byte(loudness), v.Loudness); err != nil {
			return nil, fmt.Errorf("video %d loudness: %w", v.ID, err)
		}
	}
	if err := json.Unmarshal([]byte(renditions), &v.Renditions); err != nil {
		return nil, fmt.Errorf("video %d renditions: %w", v.ID, err)
	}
	return &v, nil
}

// Get returns video id, or an error wrapping ErrNotFound.
func Get(ctx context.Context, q store.Querier, id int64) (*Video, error) {
	v, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM videos WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("video %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("video %d: %w", id, err)
	}
	return v, nil
}

// MarkIllustration records that video id only illustrates its item
// (Video.Illustration).
func MarkIllustration(ctx context.Context, q store.Querier, id int64) error {
	res, err := q.Exec(ctx, `UPDATE videos SET illustration = ? WHERE id = ?`, true, id)
	if err != nil {
		return fmt.Errorf("video %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("video %d: %w", id, ErrNotFound)
	}
	return nil
}

// ForItems returns the current (newest) video of each of the programme
// items ids that has one, by item id, in one query.
func ForItems(ctx context.Context, q store.Querier, ids []int64) (map[int64]*Video, error) {
	out := map[int64]*Video{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	vs, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM videos WHERE id IN
		(SELECT MAX(id) FROM videos WHERE speech_id IN (`+in+`) GROUP BY speech_id)`, args...)
	if err != nil {
		return nil, fmt.Errorf("videos of items: %w", err)
	}
	for _, v := range vs {
		out[v.ItemID] = v
	}
	return out, nil
}

// PlayableFor returns what the public speech page plays of each of the
// programme items ids, by item id, in one query: the newest ready video
// that every host approved (ApprovedAt set) and that was not withdrawn
// since. A replacement still being processed, failed, or awaiting an
// approval leaves the earlier approved video playing.
func PlayableFor(ctx context.Context, q store.Querier, ids []int64) (map[int64]*Video, error) {
	return newestFor(ctx, q, ids, ` AND approved_at IS NOT NULL`)
}

// ReadyFor returns the newest ready video of each of the programme items
// ids, by item id, approved or not, in one query: what the office checks
// subtitles against and offers for approval.
func ReadyFor(ctx context.Context, q store.Querier, ids []int64) (map[int64]*Video, error) {
	return newestFor(ctx, q, ids, ``)
}

func newestFor(ctx context.Context, q store.Querier, ids []int64, cond string) (map[int64]*Video, error) {
	out := map[int64]*Video{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	vs, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM videos WHERE id IN
		(SELECT MAX(id) FROM videos WHERE state = ?`+cond+` AND speech_id IN (`+in+`) GROUP BY speech_id)`, append([]any{string(Ready)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("ready videos of items: %w", err)
	}
	for _, v := range vs {
		out[v.ItemID] = v
	}
	return out, nil
}

// OfItems returns every video of the programme items ids, newest first,
// in one query: what the office lists, however each video came (an
// upload, tandem video attach, the demo).
func OfItems(ctx context.Context, q store.Querier, ids []int64) ([]*Video, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := store.In(ids)
	vs, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM videos WHERE speech_id IN (`+in+`) ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("videos of items: %w", err)
	}
	return vs, nil
}

// Standing is where a video stands towards the public speech page, as
// the office and tandem video list say it.
type Standing string

const (
	// Live is the video the speech page plays.
	Live Standing = "live"
	// Awaiting is the item's newest ready video while the page does not
	// play it: the one video the hosts can approve.
	Awaiting Standing = "awaiting"
	// Withdrawn is an older ready video that was on the speech page
	// until it was withdrawn (Withdraw); the newest one, withdrawn or
	// not, is Awaiting, since it is the one the hosts may approve.
	Withdrawn Standing = "withdrawn"
	// Replaced is a ready video that is none of these: an older one,
	// never made public or public no more.
	Replaced Standing = "replaced"
	// Refused is a video whose processing failed.
	Refused Standing = "failed"
	// Working is a video still queued or being processed.
	Working Standing = "processing"
)

// StandingOf says where video v stands, when newest is its item's newest
// ready video (ReadyFor) and live the one its speech page plays
// (PlayableFor), each nil for none.
func StandingOf(v, newest, live *Video) Standing {
	switch {
	case live != nil && live.ID == v.ID:
		return Live
	case v.State == Failed:
		return Refused
	case !v.State.Done():
		return Working
	case newest != nil && newest.ID == v.ID:
		return Awaiting
	case !v.WithdrawnAt.IsZero():
		return Withdrawn
	}
	return Replaced
}

// HasAudio reports whether the video's main rendition carries sound;
// false before it is ready.
func (v *Video) HasAudio() bool {
	m := v.Main()
	return m != nil && m.AudioCodec != ""
}

// List returns the videos of programme item itemID, or every video when
// itemID is 0, newest first.
func List(ctx context.Context, q store.Querier, itemID int64) ([]*Video, error) {
	query, args := `SELECT `+columns+` FROM videos ORDER BY id DESC`, []any{}
	if itemID != 0 {
		query, args = `SELECT `+columns+` FROM videos WHERE speech_id = ? ORDER BY id DESC`, []any{itemID}
	}
	vs, err := store.All(ctx, q, scan, query, args...)
	if err != nil {
		return nil, fmt.Errorf("videos: %w", err)
	}
	return vs, nil
}

// Errors of Remove.
var (
	// ErrLive is the video the speech page plays, which is replaced, not
	// removed.
	ErrLive = fmt.Errorf("video: the one on the site: %w", errkind.Conflict)
	// ErrBusy is a video still being processed.
	ErrBusy = fmt.Errorf("video: still processing: %w", errkind.Conflict)
)

// Remove deletes video id's record in tx, logged as by's, and returns the
// blob keys of its original, renditions and poster, which the caller
// deletes once tx is committed (a blob store is not transactional). The
// video the speech page plays (PlayableFor) is ErrLive and one whose
// processing has not ended is ErrBusy: neither is removed.
func Remove(ctx context.Context, tx *store.Tx, id int64, by Actor) ([]string, error) {
	v, err := Get(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	live, err := PlayableFor(ctx, tx, []int64{v.ItemID})
	if err != nil {
		return nil, err
	}
	if p := live[v.ItemID]; p != nil && p.ID == v.ID {
		return nil, fmt.Errorf("video %d: %w", id, ErrLive)
	}
	if !v.State.Done() {
		return nil, fmt.Errorf("video %d: %w", id, ErrBusy)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM videos WHERE id = ?`, id); err != nil {
		return nil, fmt.Errorf("remove video %d: %w", id, err)
	}
	keys := []string{v.OriginalKey}
	for _, r := range v.Renditions {
		keys = append(keys, r.Key)
	}
	if v.PosterKey != "" {
		keys = append(keys, v.PosterKey)
	}
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID,
		Action: "video.remove", Subject: fmt.Sprintf("speech:%d", v.ItemID),
		Before: eventlog.State(map[string]any{"video": v.ID, "state": v.State, "original": v.OriginalKey})}); err != nil {
		return nil, err
	}
	return keys, nil
}

// ByOriginals returns the videos made of the originals stored under keys,
// by key, in one query: what became of each uploaded file.
func ByOriginals(ctx context.Context, q store.Querier, keys []string) (map[string]*Video, error) {
	out := map[string]*Video{}
	if len(keys) == 0 {
		return out, nil
	}
	in, args := store.In(keys)
	vs, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM videos WHERE original_key IN (`+in+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("videos of originals: %w", err)
	}
	for _, v := range vs {
		out[v.OriginalKey] = v
	}
	return out, nil
}
