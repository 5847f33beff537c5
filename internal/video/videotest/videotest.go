// Package videotest makes short test videos with ffmpeg's own sources
// (testsrc pictures, tones) and checks what video processing made of them
// the way a careful organiser would: with ffprobe, by reading the MP4's
// boxes, and with ffmpeg's ebur128 loudness meter.
package videotest

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Need skips the test when ffmpeg or ffprobe is missing, saying how to
// install them.
func Need(t testing.TB) {
	t.Helper()
	if err := (ffmpeg.Tools{}).Available(); err != nil {
		t.Skipf("video tests skipped: %v", err)
	}
}

// Spec is a test video to make.
type Spec struct {
	Seconds       float64
	Width, Height int
	FPS           int
	// VideoCodec is an ffmpeg encoder: libx264 (with a key frame every
	// two seconds) or mpeg4, which tandem must transcode.
	VideoCodec string
	// GOP overrides the frames between key frames of libx264.
	GOP int
	// AudioCodec is aac or "" for no audio; SampleRate and Channels (1, 2
	// or 6 for 5.1) say its form. Volume is the tone's amplitude (0.05 is about -30 LUFS).
	AudioCodec string
	SampleRate int
	Channels   int
	Volume     float64
	// FastStart puts the moov box first.
	FastStart bool
}

// Make writes the video spec describes to path.
func Make(t testing.TB, path string, s Spec) {
	t.Helper()
	if err := Write(context.Background(), path, s); err != nil {
		t.Fatal(err)
	}
}

// Write writes the video spec describes to path (for benchmarks, which
// have no testing.T).
func Write(ctx context.Context, path string, s Spec) error {
	args := []string{"-hide_banner", "-nostdin", "-y", "-v", "error",
		"-f", "lavfi", "-i", fmt.Sprintf("testsrc2=size=%dx%d:rate=%d:duration=%g", s.Width, s.Height, s.FPS, s.Seconds)}
	if s.AudioCodec != "" {
		v := s.Volume
		if v == 0 {
			v = 0.05
		}
		// A tone whose level swells and fades, as a voice's does, so that
		// its loudness range is not zero (loudnorm's linear mode needs one).
		tone := func(f int) string {
			return fmt.Sprintf("%g*sin(2*PI*%d*t)*(0.55+0.45*sin(2*PI*0.6*t))", v, f)
		}
		expr, layout := tone(440), ""
		switch s.Channels {
		case 2:
			expr += "|" + tone(554)
		case 6:
			// 5.1 sound with a tone of its own in each channel, the
			// surround ones as loud as the front ones.
			for _, f := range []int{554, 660, 60, 740, 880} {
				expr += "|" + tone(f)
			}
			layout = ":c=5.1"
		}
		args = append(args, "-f", "lavfi", "-i", fmt.Sprintf("aevalsrc=%s%s:s=%d:d=%g", expr, layout, s.SampleRate, s.Seconds))
	}
	switch s.VideoCodec {
	case "libx264":
		gop := s.GOP
		if gop == 0 {
			gop = 2 * s.FPS
		}
		args = append(args, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", strconv.Itoa(gop), "-keyint_min", strconv.Itoa(gop), "-sc_threshold", "0")
	default:
		args = append(args, "-c:v", s.VideoCodec, "-q:v", "5")
	}
	if s.AudioCodec != "" {
		args = append(args, "-c:a", s.AudioCodec, "-ac", strconv.Itoa(s.Channels), "-ar", strconv.Itoa(s.SampleRate))
	}
	if s.FastStart {
		args = append(args, "-movflags", "+faststart")
	}
	args = append(args, "-shortest", path)
	out, err := exec.CommandContext(ctx, "ffmpeg", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("make test video: %v\n%s", err, out)
	}
	return nil
}

// Speech adds a forum with one session and one speech given by video, and
// returns the speech's id.
func Speech(t testing.TB, db *store.DB) int64 {
	t.Helper()
	id, err := AddSpeech(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// AddSpeech is Speech for programs without a testing.TB (benchmarks).
func AddSpeech(ctx context.Context, db *store.DB) (int64, error) {
	day := time.Date(2021, 7, 16, 2, 0, 0, 0, time.UTC)
	text := func(s string) lang.Text { return lang.New("ru", map[string]string{"zh": s, "ru": s, "en": s}) }
	pt := &forum.Partner{Slug: "riac", Name: text("РСМД"), ShortName: text("РСМД"), Country: "RU", Published: true}
	if err := forum.AddPartner(ctx, db, pt); err != nil {
		return 0, err
	}
	f := &forum.Forum{Slug: "treaty-20", Title: text("Форум"), Theme: text("Тема"), StartsAt: day, EndsAt: day.Add(4 * time.Hour),
		TimeZone: "Asia/Shanghai", Languages: []string{"zh", "ru", "en"}, Published: true, Hosts: []*forum.Partner{pt}}
	if err := forum.AddForum(ctx, db, f); err != nil {
		return 0, err
	}
	pe := &forum.Person{Slug: "speaker", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Given: "Анна", Family: "Смирнова"}}}, PartnerID: pt.ID, Published: true}
	if err := forum.AddPerson(ctx, db, pe); err != nil {
		return 0, err
	}
	ss := &forum.Session{ForumID: f.ID, Title: text("Открытие"), StartsAt: day, EndsAt: day.Add(time.Hour)}
	if err := forum.AddSession(ctx, db, ss); err != nil {
		return 0, err
	}
	sp := &forum.Speech{ForumID: f.ID, SessionID: ss.ID, Slug: "video-address", SpeakerID: pe.ID, Kind: forum.VideoAddress, Delivery: forum.Video,
		OriginalLang: "ru", Title: text("Видеообращение"), StartsAt: day, EndsAt: day.Add(10 * time.Minute)}
	if err := forum.AddSpeech(ctx, db, sp); err != nil {
		return 0, err
	}
	return sp.ID, nil
}

// MoovFirst reports whether the MP4 file at path has its moov box before
// its mdat box ("fast start"), so that a browser can play it while it
// downloads.
func MoovFirst(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	var off int64
	for {
		var h [16]byte
		if _, err := f.ReadAt(h[:8], off); err != nil {
			return false, fmt.Errorf("%s: no moov or mdat box: %w", path, err)
		}
		size := int64(binary.BigEndian.Uint32(h[:4]))
		switch typ := string(h[4:8]); typ {
		case "moov":
			return true, nil
		case "mdat":
			return false, nil
		}
		if size == 1 {
			if _, err := f.ReadAt(h[8:16], off+8); err != nil {
				return false, err
			}
			size = int64(binary.BigEndian.Uint64(h[8:16]))
		}
		if size < 8 {
			return false, errors.New(path + ": malformed box")
		}
		off += size
	}
}

var integrated = regexp.MustCompile(`(?s)Integrated loudness:\s*I:\s*(-?[0-9.]+) LUFS`)

// Loudness measures the integrated loudness of the file at path with
// ffmpeg's ebur128 filter, in LUFS.
func Loudness(t testing.TB, path string) float64 {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-hide_banner", "-nostats", "-nostdin", "-i", path, "-map", "0:a:0", "-af", "ebur128", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ebur128: %v\n%s", err, out)
	}
	m := integrated.FindSubmatch(out)
	if m == nil {
		t.Fatalf("ebur128 gave no integrated loudness:\n%s", out)
	}
	f, _ := strconv.ParseFloat(string(m[1]), 64)
	return f
}

// CopyTo writes r to path.
func CopyTo(t testing.TB, path string, r io.Reader) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, r); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
