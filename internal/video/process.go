package video

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// Settings are the targets of processing; the zero value of a field means
// its default.
type Settings struct {
	// Loudness is the integrated loudness the audio is brought to, in
	// LUFS: -16 by default, a common target for speech on the web.
	Loudness float64
	// TruePeak is the highest true peak allowed, in dBTP: -1.5.
	TruePeak float64
	// MaxHeight bounds the main rendition's shorter side (its height, or
	// its width when it stands upright): 1080. Its longer side may be 16/9
	// of that.
	MaxHeight int
	// KeyframeEvery is the time between key frames of an encoded video:
	// 2 s. A copied video keeps its own, at most twice this apart.
	KeyframeEvery time.Duration
	// Preset and CRF are x264's speed preset ("veryfast") and constant
	// quality (23).
	Preset string
	CRF    int
	// AudioBitRate is the AAC encoder's, in bits per second: 128 000.
	AudioBitRate int
}

func (s Settings) withDefaults() Settings {
	if s.Loudness == 0 {
		s.Loudness = -16
	}
	if s.TruePeak == 0 {
		s.TruePeak = -1.5
	}
	if s.MaxHeight == 0 {
		s.MaxHeight = 1080
	}
	if s.KeyframeEvery == 0 {
		s.KeyframeEvery = 2 * time.Second
	}
	if s.Preset == "" {
		s.Preset = "veryfast"
	}
	if s.CRF == 0 {
		s.CRF = 23
	}
	if s.AudioBitRate == 0 {
		s.AudioBitRate = 128000
	}
	return s
}

// Failure is a video that processing refuses: Key is the message key
// (video.error.*) that tells the organiser why; Detail is ffmpeg's own
// account, for the log.
type Failure struct {
	Key    string
	Detail string
}

func (f *Failure) Error() string {
	if f.Detail == "" {
		return "video refused: " + f.Key
	}
	return "video refused: " + f.Key + ": " + f.Detail
}

// Message keys of the failures.
const (
	ErrEmpty      = "video.error.empty"      // a file of zero bytes
	ErrUnreadable = "video.error.unreadable" // not a media file, or corrupt
	ErrNoVideo    = "video.error.novideo"    // media without pictures (audio only, an image)
	ErrTruncated  = "video.error.truncated"  // it ends before its stated length
	ErrGaveUp     = "video.error.internal"   // processing failed again and again for reasons outside the video
)

// Processor processes videos: it reads originals from Blobs, works in
// WorkDir with Tools and writes the renditions back to Blobs.
type Processor struct {
	DB       *store.DB
	Blobs    blob.Store
	Tools    ffmpeg.Tools
	WorkDir  string
	Settings Settings
	// Lease is how long a worker's hold on a video lasts without renewal;
	// it is renewed three times as often. A worker that dies leaves its
	// video to another once its lease has lapsed. Default 15 s.
	Lease time.Duration
}

func (p *Processor) lease() time.Duration {
	if p.Lease <= 0 {
		return 15 * time.Second
	}
	return p.Lease
}

// step fractions of the progress, in thousandths: analysing the loudness,
// then encoding, then the poster.
const (
	progressProbed   = 20
	progressAnalysed = 120
	progressEncoded  = 960
)

// process runs every step of video v that has not been done yet; steps
// already recorded (the probe, the loudness measurement) are not done
// again. It returns a *Failure for a video it refuses. report is called
// with the progress in thousandths.
func (p *Processor) process(ctx context.Context, v *Video, token string, report func(int)) error {
	set := p.Settings.withDefaults()
	dir := filepath.Join(p.WorkDir, "video-"+strconv.FormatInt(v.ID, 10))
	// What a run killed before left behind is of no use: its outputs are
	// made again.
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	in, size, err := p.original(ctx, v, dir)
	if err != nil {
		return err
	}
	if size == 0 {
		return &Failure{Key: ErrEmpty}
	}

	if v.Probe == nil {
		if err := p.update(ctx, v.ID, token, `state = ?, original_size = ?`, Probing, size); err != nil {
			return err
		}
		probe, err := p.Tools.ProbeFile(ctx, in)
		if err != nil {
			var re *ffmpeg.RunError
			if errors.As(err, &re) {
				return &Failure{Key: ErrUnreadable, Detail: re.Stderr}
			}
			return err
		}
		vs, _ := streams(probe)
		if vs == nil {
			return &Failure{Key: ErrNoVideo, Detail: "no video stream in " + probe.Format.Name}
		}
		dur := probe.Format.DurationValue()
		if dur <= 0 {
			dur = secondsOf(vs.Duration)
		}
		if dur <= 0 || vs.Width <= 0 || vs.Height <= 0 {
			return &Failure{Key: ErrUnreadable, Detail: "no duration or picture size"}
		}
		method := Transcode
		if copyable(vs, set) {
			// Key frames are read only for a video that could be copied.
			if kf, err := p.Tools.Keyframes(ctx, in); err == nil && keyframesWithin(kf, dur, 2*set.KeyframeEvery) {
				method = Remux
			}
		}
		v.Probe, v.Duration, v.Width, v.Height, v.Method = probe.Raw, dur, vs.Width, vs.Height, method
		if err := p.update(ctx, v.ID, token, `state = ?, probe = ?, duration_ms = ?, width = ?, height = ?, method = ?, progress = ?`,
			Processing, string(probe.Raw), dur.Milliseconds(), vs.Width, vs.Height, method, progressProbed); err != nil {
			return err
		}
	} else if err := p.update(ctx, v.ID, token, `state = ?`, Processing); err != nil {
		return err
	}
	report(progressProbed)
	probe, err := ffmpeg.ParseProbe(v.Probe)
	if err != nil {
		return err
	}
	vs, as := streams(probe)

	if as != nil && v.Loudness == nil {
		args := []string{"-i", in, "-map", "0:a:0", "-vn", "-af", toStereo + loudnormFilter(set, nil) + ":print_format=json", "-f", "null", "-"}
		out, err := p.Tools.Run(ctx, args, func(pr ffmpeg.Progress) {
			report(progressProbed + scaled(pr.OutTime, v.Duration, progressAnalysed-progressProbed))
		})
		if err != nil {
			return p.ffmpegFailure(err)
		}
		l, err := ffmpeg.ParseLoudnorm(out)
		if errors.Is(err, ffmpeg.ErrSilence) {
			// There is nothing to bring to the target: the audio is
			// encoded as it is.
			l, err = ffmpeg.Loudness{I: silence}, nil
		}
		if err != nil {
			return err
		}
		v.Loudness = &l
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		if err := p.update(ctx, v.ID, token, `loudness = ?, progress = ?`, string(b), progressAnalysed); err != nil {
			return err
		}
	}
	report(progressAnalysed)

	plan := plan(v, vs, as, set)
	outs := plan.outputs(dir)
	args := plan.args(in, outs)
	if _, err := p.Tools.Run(ctx, args, func(pr ffmpeg.Progress) {
		report(progressAnalysed + scaled(pr.OutTime, v.Duration, progressEncoded-progressAnalysed))
	}); err != nil {
		return p.ffmpegFailure(err)
	}
	report(progressEncoded)

	var rends []Rendition
	for i, o := range outs {
		r, err := p.check(ctx, o, v.Duration)
		if err != nil {
			return err
		}
		r.Name, r.Copied = plan.renditions[i].name, plan.renditions[i].copy
		rends = append(rends, r)
	}
	poster := filepath.Join(dir, "poster.jpg")
	at := min(v.Duration/10, 30*time.Second)
	if _, err := p.Tools.Run(ctx, []string{"-ss", seconds(at), "-i", outs[0], "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2", "-q:v", "3", poster}, nil); err != nil {
		return p.ffmpegFailure(err)
	}

	// The files go to the store under this video's keys, where nothing
	// points before the update below; a run killed in between leaves
	// files that the next run replaces. A store on the same file system
	// as WorkDir takes them by renaming, without a copy.
	prefix := fmt.Sprintf("videos/%d/", v.ID)
	for i := range rends {
		rends[i].Key = prefix + rends[i].Name + ".mp4"
		if _, err := blob.PutFile(ctx, p.Blobs, rends[i].Key, outs[i]); err != nil {
			return err
		}
	}
	if _, err := blob.PutFile(ctx, p.Blobs, prefix+"poster.jpg", poster); err != nil {
		return err
	}
	b, err := json.Marshal(rends)
	if err != nil {
		return err
	}
	// The public speech page shows the player from now on: the site's
	// content version changes with the video's state, so that no cached
	// page goes on without it.
	return p.DB.Transact(ctx, func(tx *store.Tx) error {
		if err := p.updateIn(ctx, tx, v.ID, token, `state = ?, renditions = ?, poster_key = ?, progress = 1000, error_key = '', error_detail = ''`,
			Ready, string(b), prefix+"poster.jpg"); err != nil {
			return err
		}
		return forum.Touch(ctx, tx)
	})
}

// silence is the loudness recorded for silent audio (loudnorm's lowest).
const silence = -99

// silent reports whether measured audio is too quiet to normalise.
func silent(l *ffmpeg.Loudness) bool { return l == nil || l.I <= -70 }

// errLeaseLost is a worker that no longer holds the video's lease (it
// stalled so long another took the video over).
var errLeaseLost = errors.New("video: lease lost to another worker")

// update sets columns of video id while token holds its lease.
func (p *Processor) update(ctx context.Context, id int64, token, set string, args ...any) error {
	return p.updateIn(ctx, p.DB, id, token, set, args...)
}

// updateIn is update in q (a transaction).
func (p *Processor) updateIn(ctx context.Context, q store.Querier, id int64, token, set string, args ...any) error {
	args = append(args, time.Now().UTC(), id, token)
	res, err := q.Exec(ctx, `UPDATE videos SET `+set+`, updated_at = ? WHERE id = ? AND lease_token = ?`, args...)
	if err != nil {
		return fmt.Errorf("video %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return errLeaseLost
	}
	return nil
}

// original returns a path to the original of v: the blob store's own file
// when it keeps files on disk, or a copy in dir.
func (p *Processor) original(ctx context.Context, v *Video, dir string) (string, int64, error) {
	obj, err := p.Blobs.Open(ctx, v.OriginalKey)
	if err != nil {
		return "", 0, fmt.Errorf("video %d original: %w", v.ID, err)
	}
	defer obj.Close()
	if f, ok := obj.ReadSeekCloser.(*os.File); ok {
		return f.Name(), obj.Size, nil
	}
	path := filepath.Join(dir, "original")
	f, err := os.Create(path)
	if err != nil {
		return "", 0, err
	}
	n, err := io.Copy(f, obj)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("video %d original: %w", v.ID, err)
	}
	return path, n, nil
}

// ffmpegFailure turns ffmpeg's refusal to read the input into a Failure;
// other errors (a cancelled context, a missing program) stay as they are,
// to be retried.
func (p *Processor) ffmpegFailure(err error) error {
	var re *ffmpeg.RunError
	if !errors.As(err, &re) {
		return err
	}
	// A full disk, a lack of memory or a kill from outside is the
	// machine's trouble, not the video's: it is retried.
	var exit *exec.ExitError
	if errors.As(re.Err, &exit) && !exit.Exited() {
		return err
	}
	for _, s := range []string{"No space left on device", "Cannot allocate memory", "Permission denied", "Read-only file system"} {
		if strings.Contains(re.Stderr, s) {
			return err
		}
	}
	return &Failure{Key: ErrUnreadable, Detail: re.Stderr}
}

// check probes an output and refuses it when it is shorter than the
// original by more than a second and a twentieth: ffmpeg makes what it can
// of a cut-off file, which would look complete.
func (p *Processor) check(ctx context.Context, path string, want time.Duration) (Rendition, error) {
	probe, err := p.Tools.ProbeFile(ctx, path)
	if err != nil {
		return Rendition{}, p.ffmpegFailure(err)
	}
	vs, as := streams(probe)
	if vs == nil {
		return Rendition{}, &Failure{Key: ErrUnreadable, Detail: "the output has no video"}
	}
	got := probe.Format.DurationValue()
	if got < want-time.Second-want/20 {
		return Rendition{}, &Failure{Key: ErrTruncated, Detail: fmt.Sprintf("made %s of %s", got, want)}
	}
	r := Rendition{Width: vs.Width, Height: vs.Height, VideoCodec: vs.Codec}
	if as != nil {
		r.AudioCodec = as.Codec
	}
	r.Size, _ = strconv.ParseInt(probe.Format.Size, 10, 64)
	r.BitRate, _ = strconv.ParseInt(probe.Format.BitRate, 10, 64)
	return r, nil
}

// streams returns the first moving video stream and the first audio
// stream of a probe, nil when there is none.
func streams(p *ffmpeg.Probe) (video, audio *ffmpeg.Stream) {
	for i := range p.Streams {
		s := &p.Streams[i]
		switch {
		case s.Type == "video" && video == nil && !s.Attached():
			video = s
		case s.Type == "audio" && audio == nil:
			audio = s
		}
	}
	return video, audio
}

func scaled(done, total time.Duration, span int) int {
	if total <= 0 {
		return 0
	}
	return int(min(float64(span), float64(span)*float64(done)/float64(total)))
}

func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

func secondsOf(s string) time.Duration {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

func newToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
