// Package ffmpeg runs the ffprobe and ffmpeg programs (from Debian's
// ffmpeg package) for tandem's video processing: it probes a file into a
// small struct, runs ffmpeg with its -progress output turned into
// callbacks, and reads the loudnorm filter's measurements.
//
// Each program runs in a process group of its own, which is killed as a
// whole when the context is cancelled, and which dies with tandem's
// process on Linux, so that a killed worker leaves no encoder behind.
package ffmpeg

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Tools names the programs; the zero value finds ffmpeg and ffprobe on
// PATH.
type Tools struct {
	FFmpeg, FFprobe string
}

func (t Tools) ffmpeg() string  { return orDefault(t.FFmpeg, "ffmpeg") }
func (t Tools) ffprobe() string { return orDefault(t.FFprobe, "ffprobe") }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ErrMissing is returned when ffmpeg or ffprobe is not installed.
var ErrMissing = errors.New("ffmpeg or ffprobe is not installed (scripts/setup.sh installs Debian's ffmpeg)")

// Available reports whether both programs can be found.
func (t Tools) Available() error {
	for _, p := range []string{t.ffmpeg(), t.ffprobe()} {
		if _, err := exec.LookPath(p); err != nil {
			return fmt.Errorf("%w: %s", ErrMissing, p)
		}
	}
	return nil
}

// RunError is a program that ended with an error: its arguments' first
// word, its exit status and the end of what it wrote to stderr.
type RunError struct {
	Program string
	Err     error
	Stderr  string
}

func (e *RunError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		return fmt.Sprintf("%s: %v", e.Program, e.Err)
	}
	return fmt.Sprintf("%s: %v: %s", e.Program, e.Err, msg)
}

func (e *RunError) Unwrap() error { return e.Err }

// command makes a command in a process group of its own, killed as a
// group when ctx is done.
func command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// tail keeps the last n bytes written to it.
type tail struct {
	mu  sync.Mutex
	n   int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 2*t.n {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.n:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buf
	if len(b) > t.n {
		b = b[len(b)-t.n:]
	}
	return string(b)
}

func run(ctx context.Context, cmd *exec.Cmd, stderr *tail) error {
	err := cmd.Run()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("%w: %v", ErrMissing, err)
	}
	return &RunError{Program: cmd.Args[0], Err: err, Stderr: stderr.String()}
}

// Probe is what ffprobe says of a file: its container and its streams.
// Raw is ffprobe's whole JSON answer, kept for the archive.
type Probe struct {
	Format  Format          `json:"format"`
	Streams []Stream        `json:"streams"`
	Raw     json.RawMessage `json:"-"`
}

// Format is the container of a probed file.
type Format struct {
	Name     string `json:"format_name"`
	Duration string `json:"duration"`
	Size     string `json:"size"`
	BitRate  string `json:"bit_rate"`
	Streams  int    `json:"nb_streams"`
}

// Stream is one stream of a probed file.
type Stream struct {
	Index         int               `json:"index"`
	Type          string            `json:"codec_type"` // video, audio, subtitle, data
	Codec         string            `json:"codec_name"`
	Profile       string            `json:"profile"`
	PixFmt        string            `json:"pix_fmt"`
	Width         int               `json:"width"`
	Height        int               `json:"height"`
	SAR           string            `json:"sample_aspect_ratio"`
	RFrameRate    string            `json:"r_frame_rate"`
	AvgFrameRate  string            `json:"avg_frame_rate"`
	SampleRate    string            `json:"sample_rate"`
	Channels      int               `json:"channels"`
	ChannelLayout string            `json:"channel_layout"`
	BitRate       string            `json:"bit_rate"`
	Duration      string            `json:"duration"`
	Frames        string            `json:"nb_frames"`
	Disposition   map[string]int    `json:"disposition"`
	Tags          map[string]string `json:"tags"`
	SideData      []map[string]any  `json:"side_data_list"`
}

// DurationValue is the container's duration, 0 when unknown.
func (f Format) DurationValue() time.Duration { return seconds(f.Duration) }

// BitRateValue is the stream's bit rate in bits per second, 0 when unknown.
func (s Stream) BitRateValue() int64 {
	n, _ := strconv.ParseInt(s.BitRate, 10, 64)
	return n
}

// FrameRate is the stream's average frame rate, or its base rate when the
// average is unknown; 0 when neither is known.
func (s Stream) FrameRate() float64 {
	if r := ratio(s.AvgFrameRate); r > 0 {
		return r
	}
	return ratio(s.RFrameRate)
}

// Rotation is the rotation the stream's display matrix asks for, in
// degrees, 0 when none.
func (s Stream) Rotation() int {
	for _, sd := range s.SideData {
		if r, ok := sd["rotation"].(float64); ok {
			return int(r)
		}
	}
	if r, err := strconv.Atoi(s.Tags["rotate"]); err == nil {
		return r
	}
	return 0
}

// Attached reports whether the stream is a picture attached to the file
// (cover art), not a moving video.
func (s Stream) Attached() bool { return s.Disposition["attached_pic"] == 1 }

func seconds(s string) time.Duration {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

func ratio(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		f, _ := strconv.ParseFloat(s, 64)
		return f
	}
	n, err1 := strconv.ParseFloat(num, 64)
	d, err2 := strconv.ParseFloat(den, 64)
	if err1 != nil || err2 != nil || d == 0 {
		return 0
	}
	return n / d
}

// ProbeFile runs ffprobe on the file at path. A file ffprobe cannot read
// as media gives a *RunError.
func (t Tools) ProbeFile(ctx context.Context, path string) (*Probe, error) {
	cmd := command(ctx, t.ffprobe(), "-v", "error", "-of", "json", "-show_format", "-show_streams", "--", path)
	var out bytes.Buffer
	stderr := &tail{n: 2000}
	cmd.Stdout, cmd.Stderr = &out, stderr
	if err := run(ctx, cmd, stderr); err != nil {
		return nil, err
	}
	p, err := ParseProbe(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("ffprobe %s: %w", path, err)
	}
	return p, nil
}

// ParseProbe reads ffprobe's JSON output.
func ParseProbe(b []byte) (*Probe, error) {
	var p Probe
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("ffprobe output: %w", err)
	}
	p.Raw = append(json.RawMessage(nil), b...)
	return &p, nil
}

// Keyframes returns the times of the key frames of the first video stream
// of the file at path, in order. It reads the packets' flags, decoding
// nothing, so that it takes a fraction of a second for a long speech.
func (t Tools) Keyframes(ctx context.Context, path string) ([]time.Duration, error) {
	cmd := command(ctx, t.ffprobe(), "-v", "error", "-select_streams", "v:0",
		"-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", "--", path)
	var out bytes.Buffer
	stderr := &tail{n: 2000}
	cmd.Stdout, cmd.Stderr = &out, stderr
	if err := run(ctx, cmd, stderr); err != nil {
		return nil, err
	}
	var ts []time.Duration
	for line := range strings.Lines(out.String()) {
		pts, flags, ok := strings.Cut(strings.TrimSpace(line), ",")
		if !ok || !strings.HasPrefix(flags, "K") || pts == "N/A" {
			continue
		}
		ts = append(ts, seconds(pts))
	}
	slices.Sort(ts)
	return ts, nil
}

// Progress is how far ffmpeg has got, from its -progress output.
type Progress struct {
	// OutTime is the time of the output written so far.
	OutTime time.Duration
	// Frame is the number of frames written.
	Frame int64
	// Speed is how many seconds of media it works per second (2.5 for
	// "2.5x"), 0 when not known yet.
	Speed float64
	// End is true in the last report, when ffmpeg has finished.
	End bool
}

// ParseProgress reads ffmpeg's -progress output (key=value lines, each
// block ending with progress=continue or progress=end) from r and calls fn
// once per block, until r ends.
func ParseProgress(r io.Reader, fn func(Progress)) error {
	sc := bufio.NewScanner(r)
	var p Progress
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch key {
		case "out_time_us", "out_time_ms": // both are microseconds in ffmpeg
			if n, err := strconv.ParseInt(val, 10, 64); err == nil && n >= 0 {
				p.OutTime = time.Duration(n) * time.Microsecond
			}
		case "frame":
			if n, err := strconv.ParseInt(val, 10, 64); err == nil {
				p.Frame = n
			}
		case "speed":
			if f, err := strconv.ParseFloat(strings.TrimSuffix(val, "x"), 64); err == nil {
				p.Speed = f
			}
		case "progress":
			p.End = val == "end"
			if fn != nil {
				fn(p)
			}
		}
	}
	return sc.Err()
}

// Run runs ffmpeg with args (after -hide_banner -nostdin -y and its
// progress options), calling progress, which may be nil, with each report.
// The stderr output ffmpeg writes is returned with a failure, and also in
// the returned string when run succeeds (the loudnorm filter writes its
// measurements there).
func (t Tools) Run(ctx context.Context, args []string, progress func(Progress)) (string, error) {
	full := append([]string{"-hide_banner", "-nostdin", "-y", "-nostats", "-progress", "pipe:1"}, args...)
	cmd := command(ctx, t.ffmpeg(), full...)
	stderr := &tail{n: 16 << 10}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("%w: %v", ErrMissing, err)
		}
		return "", err
	}
	perr := ParseProgress(out, progress)
	io.Copy(io.Discard, out)
	err = cmd.Wait()
	switch {
	case err != nil && ctx.Err() != nil:
		return "", ctx.Err()
	case err != nil:
		return "", &RunError{Program: "ffmpeg", Err: err, Stderr: lastLines(stderr.String(), 12)}
	case perr != nil:
		return "", fmt.Errorf("ffmpeg progress: %w", perr)
	}
	return stderr.String(), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Loudness is what the loudnorm filter measured of a programme's audio
// (EBU R128): integrated loudness (LUFS), true peak (dBTP), loudness
// range (LU) and the gating threshold, with the offset its second pass
// needs.
type Loudness struct {
	I      float64 `json:"i"`
	TP     float64 `json:"tp"`
	LRA    float64 `json:"lra"`
	Thresh float64 `json:"thresh"`
	Offset float64 `json:"offset"`
}

// ParseLoudnorm finds the JSON block that loudnorm with print_format=json
// writes at the end of ffmpeg's stderr and reads its measurements.
func ParseLoudnorm(stderr string) (Loudness, error) {
	i := strings.LastIndex(stderr, "[Parsed_loudnorm")
	if i < 0 {
		return Loudness{}, errors.New("loudnorm: no measurements in ffmpeg's output")
	}
	s := stderr[i:]
	start, end := strings.Index(s, "{"), strings.LastIndex(s, "}")
	if start < 0 || end < start {
		return Loudness{}, errors.New("loudnorm: no measurements in ffmpeg's output")
	}
	var raw map[string]string
	if err := json.Unmarshal([]byte(s[start:end+1]), &raw); err != nil {
		return Loudness{}, fmt.Errorf("loudnorm: %w", err)
	}
	var l Loudness
	for key, dst := range map[string]*float64{"input_i": &l.I, "input_tp": &l.TP, "input_lra": &l.LRA, "input_thresh": &l.Thresh, "target_offset": &l.Offset} {
		f, err := strconv.ParseFloat(strings.TrimSpace(raw[key]), 64)
		if err != nil || math.IsNaN(f) {
			return Loudness{}, fmt.Errorf("loudnorm: %s = %q", key, raw[key])
		}
		*dst = f
	}
	if math.IsInf(l.I, 0) || math.IsInf(l.TP, 0) || math.IsInf(l.Thresh, 0) {
		return Loudness{}, ErrSilence
	}
	return l, nil
}

// ErrSilence is audio too quiet to measure (loudnorm says -inf): there is
// no loudness to correct.
var ErrSilence = errors.New("loudnorm: the audio is silent")
