package cli

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/video"
)

const videoUsage = `Usage:
  tandem video attach --item ID FILE
  tandem video list [--item ID]
  tandem video withdraw --item ID [--note TEXT]

attach stores FILE as the video of programme item ID (a speech) and queues
its processing, which a tandem serve or tandem worker does: it prints the
video's number. The office lists the video under FILE's name.
list prints one line per video, newest first, tab-separated, with no
header: number, item, state (queued, probing, processing, ready, failed),
progress in per cent, method (remux or transcode), duration in seconds,
width×height of the main rendition (the largest file the site serves, at
most 1920×1080; 0x0 until ready), bytes of the renditions, the reason of a
failure (- when none), and where it stands towards the public page, as the
office says it: public (the video the speech page plays), awaiting (the
item's newest ready video, the one the hosts can approve), withdrawn (that
video, taken off the public page and awaiting approval again), replaced
(an older ready video, not on the public page) or - (failed or not ready).
withdraw takes item ID's public video off the public speech page at once,
its subtitles with it, and clears the hosts' approvals of the item's
videos: a video comes back only when every host approves it again. The
event log records the withdrawal, with the note.
`

// runVideo attaches and lists the videos of programme items:
//
//	tandem video attach --item ID FILE
//	tandem video list [--item ID]
//	tandem video withdraw --item ID [--note TEXT]
func runVideo(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'attach', 'list' or 'withdraw'", errUsage)
	}
	switch args[0] {
	case "attach":
		return inSubcommand("video attach", runVideoAttach(ctx, env, args[1:]))
	case "list":
		return inSubcommand("video list", runVideoList(ctx, env, args[1:]))
	case "withdraw":
		return inSubcommand("video withdraw", runVideoWithdraw(ctx, env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, videoUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'attach', 'list' or 'withdraw')", errUsage, args[0])
}

func runVideoAttach(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("video attach", "video attach --item ID FILE\n\n"+
		"Stores FILE as the video of programme item ID and queues its processing; prints the video's number.")
	var cfg config
	cfg.register(fs, env)
	var item itemID
	fs.Var(&item, "item", "the programme item's `ID` (a speech)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one FILE", errUsage)
	}
	if int64(item) <= 0 {
		return fmt.Errorf("%w: want --item ID, the programme item's number", errUsage)
	}
	name := fs.Arg(0)
	f, err := os.Open(name)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("there is no file %s", name)
	}
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", name, errors.Unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return fmt.Errorf("cannot read %s: %w", name, errors.Unwrap(err))
	case st.IsDir():
		return fmt.Errorf("%s is a folder, not a video file", name)
	case st.Size() == 0:
		return fmt.Errorf("%s is empty (0 bytes): give the video file itself", name)
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := jobs.Migrate(ctx, db); err != nil {
		return err
	}
	// The item is checked before the file is copied, so that a file of
	// gigabytes is not stored only to be refused; Submit checks it again.
	if err := itemTakesVideo(ctx, db, int64(item)); err != nil {
		return err
	}
	blobs, err := blob.NewDir(filepath.Join(cfg.data, "files"))
	if err != nil {
		return err
	}
	key := originalKey(name)
	if _, err := blobs.Put(ctx, key, f); err != nil {
		return fmt.Errorf("cannot store %s in %s: %w", name, filepath.Join(cfg.data, "files"), err)
	}
	var v *video.Video
	err = db.Transact(ctx, func(tx *store.Tx) error {
		v, err = video.SubmitFile(ctx, tx, int64(item), key, filepath.Base(name), video.Actor{Name: cliActor()})
		return err
	})
	if err != nil {
		blobs.Delete(context.WithoutCancel(ctx), key)
		if e := itemError(int64(item), err); e != nil {
			return e
		}
		return err
	}
	fmt.Fprintln(env.Stdout, v.ID)
	return nil
}

// itemID is the --item flag: a programme item's number, refused in a
// sentence when it is none.
type itemID int64

func (i *itemID) String() string { return strconv.FormatInt(int64(*i), 10) }

func (i *itemID) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return errors.New("want a programme item's number, such as 42 (the office's programme form shows it under the item's video file)")
	}
	*i = itemID(n)
	return nil
}

// itemTakesVideo returns nil when programme item id exists and may have a
// video (video.TakesVideo), else a sentence that says why not.
func itemTakesVideo(ctx context.Context, q store.Querier, id int64) error {
	err := video.CheckItem(ctx, q, id)
	if e := itemError(id, err); e != nil {
		return e
	}
	return err
}

// itemError is the sentence for a refusal of programme item id by the
// video package, nil for any other error.
func itemError(id int64, err error) error {
	switch {
	case errors.Is(err, video.ErrNotFound):
		return fmt.Errorf("no programme item %d", id)
	case errors.Is(err, video.ErrNotVideo):
		return fmt.Errorf("programme item %d is not given by video, so it takes no video file: set its kind to \"Video address\" or its delivery to \"Pre-recorded video\" in the office first", id)
	}
	return nil
}

// originalKey is a fresh blob key for an uploaded original, keeping the
// file's extension when it is a plain one.
func originalKey(name string) string {
	b := make([]byte, 12)
	rand.Read(b)
	key := "videos/originals/" + hex.EncodeToString(b)
	ext := strings.ToLower(filepath.Ext(name))
	if len(ext) > 1 && len(ext) <= 6 && blob.ValidKey("x"+ext) == nil {
		key += ext
	}
	return key
}

func runVideoList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("video list", "video list [--item ID]\n\n"+
		"Prints one line per video, newest first: number, item, state, progress %, method, seconds,\n"+
		"width×height of the main rendition (the largest file served), bytes, failure, and public,\n"+
		"awaiting, withdrawn, replaced or - (see tandem video --help).")
	var cfg config
	cfg.register(fs, env)
	var item itemID
	fs.Var(&item, "item", "only the videos of programme item `ID`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: want no arguments", errUsage)
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if int64(item) != 0 {
		var one int
		err := db.QueryRow(ctx, `SELECT 1 FROM speeches WHERE id = ?`, int64(item)).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no programme item %d", int64(item))
		}
		if err != nil {
			return err
		}
	}
	vs, err := video.List(ctx, db, int64(item))
	if err != nil {
		return err
	}
	if len(vs) == 0 && int64(item) != 0 {
		// Not an error: say so, or an empty answer looks like a fault.
		fmt.Fprintf(env.Stderr, "programme item %d has no video\n", int64(item))
		return nil
	}
	var items []int64
	for _, v := range vs {
		items = append(items, v.ItemID)
	}
	playing, err := video.PlayableFor(ctx, db, items)
	if err != nil {
		return err
	}
	newest, err := video.ReadyFor(ctx, db, items)
	if err != nil {
		return err
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	en := cat.Printer("en")
	for _, v := range vs {
		fmt.Fprintln(env.Stdout, videoLine(v, newest[v.ItemID], playing[v.ItemID], en))
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// videoLine is video v as `tandem video list` prints it, tab-separated:
// number, item, state, per cent done, method, seconds, width×height of the
// main rendition, bytes of the renditions, the reason of a failure in
// English ("-" for none) and where it stands towards the public page
// (video.StandingOf), newest being its item's newest ready video and
// playing the one the speech page plays (nil for none).
func videoLine(v, newest, playing *video.Video, en *i18n.Printer) string {
	fail := "-"
	if v.ErrorKey != "" {
		fail = en.T(v.ErrorKey)
	}
	public := "-"
	switch video.StandingOf(v, newest, playing) {
	case video.Live:
		public = "public"
	case video.Awaiting:
		public = "awaiting"
		if !v.WithdrawnAt.IsZero() {
			public = "withdrawn"
		}
	case video.Withdrawn:
		public = "withdrawn"
	case video.Replaced:
		public = "replaced"
	}
	var w, h int
	if m := v.Main(); m != nil {
		w, h = m.Width, m.Height
	}
	return fmt.Sprintf("%d\t%d\t%s\t%s\t%s\t%s\t%dx%d\t%d\t%s\t%s", v.ID, v.ItemID, v.State,
		strconv.FormatFloat(float64(v.Progress)/10, 'f', 1, 64), orDash(v.Method),
		strconv.FormatFloat(v.Duration.Seconds(), 'f', 3, 64), w, h, v.Size(), fail, public)
}

func runVideoWithdraw(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("video withdraw", "video withdraw --item ID [--note TEXT]\n\n"+
		"Takes programme item ID's public video (and its subtitles) off the public page; every host must approve a video again.")
	var cfg config
	cfg.register(fs, env)
	var item itemID
	fs.Var(&item, "item", "the programme item's `ID` (a speech)")
	note := fs.String("note", "", "why, for the event log")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: want no arguments", errUsage)
	}
	if item <= 0 {
		return fmt.Errorf("%w: want --item ID, the programme item's number", errUsage)
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var v *video.Video
	err = db.Transact(ctx, func(tx *store.Tx) error {
		if err := itemTakesVideo(ctx, tx, int64(item)); err != nil {
			return err
		}
		v, err = video.Withdraw(ctx, tx, int64(item), video.Actor{Name: cliActor()}, *note)
		return err
	})
	var refused *video.Refusal
	switch {
	case errors.Is(err, video.ErrNotFound):
		return fmt.Errorf("no programme item %d", int64(item))
	case errors.As(err, &refused):
		return fmt.Errorf("programme item %d has no public video to withdraw", int64(item))
	case err != nil:
		return err
	}
	fmt.Fprintf(env.Stdout, "video %d of item %d withdrawn\n", v.ID, v.ItemID)
	return nil
}
