package video

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

type fixture struct {
	db     *store.DB
	blobs  *blob.Dir
	proc   *Processor
	itemID int64
	dir    string
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	dir := t.TempDir()
	blobs, err := blob.NewDir(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{db: db, blobs: blobs, dir: dir, itemID: videotest.Speech(t, db),
		proc: &Processor{DB: db, Blobs: blobs, WorkDir: filepath.Join(dir, "work")}}
}

// submit stores the file at path as a blob and submits it as the item's
// video.
func (fx *fixture) submit(t *testing.T, path string) *Video {
	t.Helper()
	ctx := context.Background()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	key := "uploads/" + filepath.Base(path)
	if _, err := fx.blobs.Put(ctx, key, f); err != nil {
		t.Fatal(err)
	}
	var v *Video
	err = fx.db.Transact(ctx, func(tx *store.Tx) error {
		v, err = Submit(ctx, tx, fx.itemID, key, Actor{Name: "Организатор"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// work runs the video's job as the queue would, once.
func (fx *fixture) work(t *testing.T, v *Video) (*Video, error) {
	t.Helper()
	ctx := context.Background()
	w := &processWorker{p: fx.proc}
	err := w.Work(ctx, &jobs.Job[ProcessArgs]{JobRow: &rivertype.JobRow{ID: v.JobID, Attempt: 1, MaxAttempts: maxAttempts}, Args: ProcessArgs{VideoID: v.ID}})
	got, gerr := Get(ctx, fx.db, v.ID)
	if gerr != nil {
		t.Fatal(gerr)
	}
	return got, err
}

// fetch copies a rendition out of the blob store to a file for ffprobe.
func (fx *fixture) fetch(t *testing.T, key string) string {
	t.Helper()
	obj, err := fx.blobs.Open(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	path := filepath.Join(t.TempDir(), filepath.Base(key))
	videotest.CopyTo(t, path, obj)
	return path
}

// checkWeb checks what a browser needs of a rendition: H.264 high
// profile and AAC stereo at 48 kHz in an MP4 whose moov box comes first,
// of the given height, with the integrated loudness of the target.
func checkWeb(t *testing.T, path string, height int, wantKeyframes bool) {
	// wantKeyframes also asks for the high profile: what tandem encodes.
	t.Helper()
	ctx := context.Background()
	tools := ffmpeg.Tools{}
	p, err := tools.ProbeFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	vs, as := streams(p)
	if vs == nil || vs.Codec != "h264" || vs.PixFmt != "yuv420p" || vs.Height != height {
		t.Errorf("%s: video %+v, want h264 yuv420p of height %d", filepath.Base(path), vs, height)
	}
	if wantKeyframes && vs != nil && vs.Profile != "High" {
		t.Errorf("%s: profile %q, want High", filepath.Base(path), vs.Profile)
	}
	if as == nil || as.Codec != "aac" || as.SampleRate != "48000" || as.Channels != 2 {
		t.Errorf("%s: audio %+v, want AAC stereo at 48 kHz", filepath.Base(path), as)
	}
	if first, err := videotest.MoovFirst(path); err != nil || !first {
		t.Errorf("%s: moov box first = %v (%v), want fast start", filepath.Base(path), first, err)
	}
	if wantKeyframes {
		kf, err := tools.Keyframes(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(kf); i++ {
			if gap := kf[i] - kf[i-1]; gap < 1900*time.Millisecond || gap > 2100*time.Millisecond {
				t.Errorf("%s: key frames at %v: %v apart, want 2 s", filepath.Base(path), kf, gap)
				break
			}
		}
		if len(kf) < 2 {
			t.Errorf("%s: key frames at %v, want one every 2 s", filepath.Base(path), kf)
		}
	}
	if l := videotest.Loudness(t, path); math.Abs(l - -16) > 1 {
		t.Errorf("%s: integrated loudness %.1f LUFS, want -16 ± 1", filepath.Base(path), l)
	}
}

// A video tandem cannot copy (MPEG-4 part 2, quiet mono audio at
// 44.1 kHz, 1280×960) is encoded into a main rendition of its own size
// and a 720p one, both ready for the web at -16 LUFS, with a poster; the
// original is kept.
func TestTranscode(t *testing.T) {
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db)
		in := filepath.Join(fx.dir, "speech.mp4")
		videotest.Make(t, in, videotest.Spec{Seconds: 5, Width: 1280, Height: 960, FPS: 25, VideoCodec: "mpeg4",
			AudioCodec: "aac", SampleRate: 44100, Channels: 1, Volume: 0.03})
		v := fx.submit(t, in)
		if v.State != Queued || v.JobID == 0 {
			t.Fatalf("submitted: state %s, job %d; want queued with a job", v.State, v.JobID)
		}
		v, err := fx.work(t, v)
		if err != nil {
			t.Fatal(err)
		}
		if v.State != Ready || v.Method != Transcode || v.Progress != 1000 {
			t.Fatalf("state %s (%s), method %s, progress %d; want ready, transcode, 1000", v.State, v.ErrorDetail, v.Method, v.Progress)
		}
		if v.Duration < 4900*time.Millisecond || v.Duration > 5100*time.Millisecond || v.Width != 1280 || v.Height != 960 {
			t.Errorf("duration %v, size %d×%d; want 5 s, 1280×960", v.Duration, v.Width, v.Height)
		}
		if v.Loudness == nil || v.Loudness.I > -25 {
			t.Errorf("measured loudness %+v, want the quiet original's", v.Loudness)
		}
		if len(v.Renditions) != 2 || v.Renditions[0].Name != "main" || v.Renditions[1].Name != "720p" {
			t.Fatalf("renditions %+v, want main and 720p", v.Renditions)
		}
		checkWeb(t, fx.fetch(t, v.Renditions[0].Key), 960, true)
		checkWeb(t, fx.fetch(t, v.Renditions[1].Key), 720, true)
		if v.Renditions[1].Width != 960 || v.Size() <= 0 {
			t.Errorf("720p is %d wide, sizes %d; want 960 wide", v.Renditions[1].Width, v.Size())
		}
		poster, err := ffmpeg.Tools{}.ProbeFile(context.Background(), fx.fetch(t, v.PosterKey))
		if err != nil || len(poster.Streams) != 1 || poster.Streams[0].Codec != "mjpeg" || poster.Streams[0].Width != 1280 {
			t.Errorf("poster: %+v (%v), want a 1280-wide JPEG", poster, err)
		}
		if _, err := fx.blobs.Open(context.Background(), v.OriginalKey); err != nil {
			t.Errorf("the original is gone: %v", err)
		}
	})
}

// A video already in H.264 with key frames every 2 s has its video stream
// copied, not encoded again; its audio (mono, 44.1 kHz, quiet) is brought
// to the target, in stereo at 48 kHz.
func TestRemux(t *testing.T) {
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db)
		in := filepath.Join(fx.dir, "speech.mp4")
		videotest.Make(t, in, videotest.Spec{Seconds: 5, Width: 640, Height: 360, FPS: 25, VideoCodec: "libx264",
			AudioCodec: "aac", SampleRate: 44100, Channels: 1, Volume: 0.03})
		before, err := (&forum.Store{DB: db}).SiteVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		v, err := fx.work(t, fx.submit(t, in))
		if err != nil {
			t.Fatal(err)
		}
		if v.State != Ready || v.Method != Remux {
			t.Fatalf("state %s (%s), method %s; want ready, remux", v.State, v.ErrorDetail, v.Method)
		}
		// The public speech page, cached, shows the player from now on.
		if after, err := (&forum.Store{DB: db}).SiteVersion(context.Background()); err != nil || after <= before {
			t.Errorf("the site's version went from %d to %d (%v) as the video became ready", before, after, err)
		}
		if len(v.Renditions) != 1 || !v.Renditions[0].Copied {
			t.Fatalf("renditions %+v, want the main one alone, copied (360p needs no 720p)", v.Renditions)
		}
		// The copy keeps the original's high profile and key frames.
		checkWeb(t, fx.fetch(t, v.Renditions[0].Key), 360, true)
	})
}

// 5.1 sound is brought to the target as the stereo it is played in: its
// loudness measured as 5.1 would miss -16 by some 2 LU once downmixed.
func TestSurroundLoudness(t *testing.T) {
	videotest.Need(t)
	fx := newFixture(t, storetest.SQLite(t))
	in := filepath.Join(fx.dir, "surround.mp4")
	videotest.Make(t, in, videotest.Spec{Seconds: 5, Width: 640, Height: 360, FPS: 25, VideoCodec: "libx264",
		AudioCodec: "aac", SampleRate: 44100, Channels: 6, Volume: 0.03})
	v, err := fx.work(t, fx.submit(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if v.State != Ready || len(v.Renditions) != 1 {
		t.Fatalf("state %s (%s), renditions %+v", v.State, v.ErrorDetail, v.Renditions)
	}
	checkWeb(t, fx.fetch(t, v.Renditions[0].Key), 360, true)
}

// A phone's upright 1080×1920 video keeps its full size, with a 720-wide
// rendition beside it, both upright.
func TestPortrait(t *testing.T) {
	videotest.Need(t)
	fx := newFixture(t, storetest.SQLite(t))
	in := filepath.Join(fx.dir, "upright.mp4")
	videotest.Make(t, in, videotest.Spec{Seconds: 2, Width: 1080, Height: 1920, FPS: 25, VideoCodec: "mpeg4",
		AudioCodec: "aac", SampleRate: 48000, Channels: 2, Volume: 0.03})
	v, err := fx.work(t, fx.submit(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if v.State != Ready || len(v.Renditions) != 2 {
		t.Fatalf("state %s (%s), renditions %+v; want main and 720p", v.State, v.ErrorDetail, v.Renditions)
	}
	for i, want := range [][2]int{{1080, 1920}, {720, 1280}} {
		if r := v.Renditions[i]; r.Width != want[0] || r.Height != want[1] {
			t.Errorf("%s is %d×%d, want %d×%d", r.Name, r.Width, r.Height, want[0], want[1])
		}
	}
}

// A video whose key frames are 8 s apart is encoded again rather than
// copied: a player could not seek in it to a transcript's line.
func TestRemuxRefusedForSparseKeyframes(t *testing.T) {
	videotest.Need(t)
	fx := newFixture(t, storetest.SQLite(t))
	in := filepath.Join(fx.dir, "speech.mp4")
	videotest.Make(t, in, videotest.Spec{Seconds: 9, Width: 320, Height: 240, FPS: 25, VideoCodec: "libx264", GOP: 200,
		AudioCodec: "aac", SampleRate: 48000, Channels: 2})
	v, err := fx.work(t, fx.submit(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if v.State != Ready || v.Method != Transcode {
		t.Fatalf("state %s, method %s; want ready, transcode", v.State, v.Method)
	}
	checkWeb(t, fx.fetch(t, v.Renditions[0].Key), 240, true)
}

// What is not a video, or is cut off, is refused with a reason the
// organiser can read; the original is kept, and nothing else is made
// visible or left in the store.
func TestRefused(t *testing.T) {
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db)
		good := filepath.Join(fx.dir, "good.mp4")
		videotest.Make(t, good, videotest.Spec{Seconds: 4, Width: 320, Height: 240, FPS: 25, VideoCodec: "mpeg4", AudioCodec: "aac", SampleRate: 48000, Channels: 2})
		goodFast := filepath.Join(fx.dir, "goodfast.mp4")
		videotest.Make(t, goodFast, videotest.Spec{Seconds: 4, Width: 320, Height: 240, FPS: 25, VideoCodec: "mpeg4", AudioCodec: "aac", SampleRate: 48000, Channels: 2, FastStart: true})
		audio := filepath.Join(fx.dir, "voice.m4a")
		videotest.Make(t, audio, videotest.Spec{Seconds: 2, Width: 16, Height: 16, FPS: 1, VideoCodec: "mpeg4", AudioCodec: "aac", SampleRate: 48000, Channels: 2})
		cut := func(src, name string, frac float64) string {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(fx.dir, name)
			if err := os.WriteFile(p, b[:int(float64(len(b))*frac)], 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		text := filepath.Join(fx.dir, "speech-text.mp4")
		os.WriteFile(text, []byte("Уважаемые коллеги! 尊敬的各位来宾！ This is the text of the speech, not its video.\n"), 0o600)
		empty := filepath.Join(fx.dir, "empty.mp4")
		os.WriteFile(empty, nil, 0o600)
		// An audio-only file: the same, without its video stream.
		audioOnly := filepath.Join(fx.dir, "audio-only.m4a")
		if out, err := execFFmpeg("-i", audio, "-vn", "-c", "copy", audioOnly); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		for _, tc := range []struct {
			name, path, key string
		}{
			{"text called .mp4", text, ErrUnreadable},
			{"zero bytes", empty, ErrEmpty},
			{"cut off before its index", cut(good, "cut.mp4", 0.6), ErrUnreadable},
			{"cut off after its index", cut(goodFast, "cutfast.mp4", 0.5), ErrTruncated},
			{"audio only", audioOnly, ErrNoVideo},
		} {
			t.Run(tc.name, func(t *testing.T) {
				v, err := fx.work(t, fx.submit(t, tc.path))
				if err != nil {
					t.Fatalf("the job failed (%v); want it done with the video refused", err)
				}
				if v.State != Failed || v.ErrorKey != tc.key {
					t.Fatalf("state %s, error %q (%s); want failed, %q", v.State, v.ErrorKey, v.ErrorDetail, tc.key)
				}
				if len(v.Renditions) != 0 || v.PosterKey != "" {
					t.Errorf("a refused video shows renditions %+v, poster %q", v.Renditions, v.PosterKey)
				}
				if _, err := fx.blobs.Open(context.Background(), v.OriginalKey); err != nil {
					t.Errorf("the original is gone: %v", err)
				}
				for _, name := range []string{"main.mp4", "720p.mp4", "poster.jpg"} {
					if _, err := fx.blobs.Open(context.Background(), "videos/"+itoa(v.ID)+"/"+name); !errors.Is(err, blob.ErrNotFound) {
						t.Errorf("%s left in the store (%v)", name, err)
					}
				}
				if entries, _ := os.ReadDir(fx.proc.WorkDir); len(entries) != 0 {
					t.Errorf("work files left: %v", entries)
				}
			})
		}
	})
}

// TestPlayableFor: while a replacement is processed, or after it failed,
// the public page keeps playing the speech's earlier approved video, and the
// office's ForItems shows the replacement.
func TestPlayableFor(t *testing.T) {
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		good := filepath.Join(fx.dir, "good.mp4")
		videotest.Make(t, good, videotest.Spec{Seconds: 2, Width: 320, Height: 240, FPS: 25, VideoCodec: "mpeg4", AudioCodec: "aac", SampleRate: 48000, Channels: 2})
		first, err := fx.work(t, fx.submit(t, good))
		if err != nil || first.State != Ready {
			t.Fatalf("first video: %v %v", first.State, err)
		}
		if play, _ := PlayableFor(ctx, db, []int64{fx.itemID}); play[fx.itemID] != nil {
			t.Errorf("a ready video no host approved is played")
		}
		var host int64
		if err := db.QueryRow(ctx, `SELECT partner_id FROM forum_hosts`).Scan(&host); err != nil {
			t.Fatal(err)
		}
		if done, err := approve(t, db, first.ID, host, 1); err != nil || !done {
			t.Fatalf("the only host's approval: %v %v", done, err)
		}
		text := filepath.Join(fx.dir, "notes.mp4")
		os.WriteFile(text, []byte("not a video"), 0o600)
		second := fx.submit(t, text)
		for _, step := range []string{"queued", "failed"} {
			if step == "failed" {
				if v, _ := fx.work(t, second); v.State != Failed {
					t.Fatalf("the text file's video is %s, want failed", v.State)
				}
			}
			play, err := PlayableFor(ctx, db, []int64{fx.itemID})
			if err != nil {
				t.Fatal(err)
			}
			if v := play[fx.itemID]; v == nil || v.ID != first.ID {
				t.Errorf("%s replacement: the page plays %+v, want the first video %d", step, v, first.ID)
			}
			cur, err := ForItems(ctx, db, []int64{fx.itemID})
			if err != nil {
				t.Fatal(err)
			}
			if v := cur[fx.itemID]; v == nil || v.ID != second.ID {
				t.Errorf("%s replacement: the office shows %+v, want the replacement %d", step, v, second.ID)
			}
		}
	})
}
