package video

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// How the renditions are made follows from the original: its video is
// copied when it can be, its audio only when it needs no correction.
func TestPlan(t *testing.T) {
	set := Settings{}.withDefaults()
	h264 := ffmpeg.Stream{Type: "video", Codec: "h264", Profile: "High", PixFmt: "yuv420p", Width: 1920, Height: 1080, SAR: "1:1",
		RFrameRate: "25/1", AvgFrameRate: "25/1", BitRate: "4000000"}
	aac := ffmpeg.Stream{Type: "audio", Codec: "aac", SampleRate: "48000", Channels: 2}
	if !copyable(&h264, set) {
		t.Error("1080p25 H.264 high at 4 Mb/s not copyable")
	}
	for name, change := range map[string]func(*ffmpeg.Stream){
		"HEVC":                 func(s *ffmpeg.Stream) { s.Codec = "hevc" },
		"4:2:2":                func(s *ffmpeg.Stream) { s.PixFmt = "yuv422p" },
		"High 10":              func(s *ffmpeg.Stream) { s.Profile = "High 10" },
		"4K":                   func(s *ffmpeg.Stream) { s.Width, s.Height = 3840, 2160 },
		"variable rate":        func(s *ffmpeg.Stream) { s.AvgFrameRate = "30000/1253" },
		"120 fps":              func(s *ffmpeg.Stream) { s.RFrameRate, s.AvgFrameRate = "120/1", "120/1" },
		"anamorphic":           func(s *ffmpeg.Stream) { s.SAR = "4:3" },
		"rotated phone":        func(s *ffmpeg.Stream) { s.SideData = []map[string]any{{"rotation": float64(-90)}} },
		"30 Mb/s from a phone": func(s *ffmpeg.Stream) { s.BitRate = "30000000" },
	} {
		s := h264
		change(&s)
		if copyable(&s, set) {
			t.Errorf("%s: copyable", name)
		}
	}
	if !keyframesWithin([]time.Duration{0, 2 * time.Second, 4 * time.Second}, 5*time.Second, 4*time.Second) ||
		keyframesWithin([]time.Duration{0, 8 * time.Second}, 9*time.Second, 4*time.Second) ||
		keyframesWithin([]time.Duration{0}, 9*time.Second, 4*time.Second) {
		t.Error("key frame spacing misjudged")
	}

	v := &Video{Method: Remux, Loudness: &ffmpeg.Loudness{I: -16.4, TP: -3, LRA: 5, Thresh: -26}}
	e := plan(v, &h264, &aac, set)
	if !e.copyAudio || len(e.renditions) != 2 || !e.renditions[0].copy || e.renditions[1].copy || e.renditions[1].short != 720 {
		t.Errorf("1080p H.264 with AAC at -16.4 LUFS: %+v, want video and audio copied, and a 720p rendition", e)
	}
	args := strings.Join(e.args("in.mp4", e.outputs("/w")), " ")
	for _, want := range []string{"-map 0:v:0 -c:v copy -map 0:a:0 -c:a copy -map_metadata -1 -movflags +faststart /w/main.mp4",
		"[0:v:0]scale='trunc(iw*sar/2)*2':ih,setsar=1,format=yuv420p[vsrc];[vsrc]scale=-2:720,setsar=1[v720p]",
		"-map [v720p] -c:v libx264 -preset veryfast -crf 23 -maxrate 3000k -bufsize 6000k -profile:v high -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0"} {
		if !strings.Contains(args, want) {
			t.Errorf("args\n%s\nlack\n%s", args, want)
		}
	}
	for _, l := range []ffmpeg.Loudness{{I: -23, TP: -8, LRA: 14}, {I: -16, TP: -0.5, LRA: 4}} {
		v.Loudness = &l
		e = plan(v, &h264, &aac, set)
		args := e.args("in.mp4", e.outputs("/w"))
		if e.copyAudio || !slices.Contains(args, "aac") {
			t.Errorf("%+v: audio copied, want it brought to the target", l)
		}
		graph := args[slices.Index(args, "-filter_complex")+1]
		if !strings.Contains(graph, "loudnorm=I=-16:TP=-1.5:LRA=") || !strings.Contains(graph, ":linear=true") || !strings.Contains(graph, "asplit=2[a0][a1]") {
			t.Errorf("%+v: graph %s", l, graph)
		}
	}
	v.Loudness = &ffmpeg.Loudness{I: -23, TP: -8, LRA: 14}
	if f := loudnormFilter(set, v.Loudness); !strings.Contains(f, "LRA=15") {
		t.Errorf("a speech measured at 14 LU of range gets %s, want a target range of 15 so that linear mode applies", f)
	}
	mono := aac
	mono.Channels = 1
	v.Loudness = &ffmpeg.Loudness{I: -16, TP: -3, LRA: 4}
	if e := plan(v, &h264, &mono, set); e.copyAudio {
		t.Error("mono audio copied, want stereo")
	}
}

// A video that stands upright (a phone's) has the limits on its shorter
// side: its width. 720×1280 is copied as it is with no smaller
// rendition; 1080×1920 is made at its full size with a 720-wide one;
// 2160×3840 is scaled to 1080×1920.
func TestPlanPortrait(t *testing.T) {
	set := Settings{}.withDefaults()
	upright := ffmpeg.Stream{Type: "video", Codec: "h264", Profile: "High", PixFmt: "yuv420p", Width: 720, Height: 1280, SAR: "1:1",
		RFrameRate: "30/1", AvgFrameRate: "30/1", BitRate: "3000000"}
	if !copyable(&upright, set) {
		t.Error("720×1280 H.264 not copyable")
	}
	if e := plan(&Video{Method: Remux}, &upright, nil, set); len(e.renditions) != 1 || !e.portrait {
		t.Errorf("720×1280: %+v, want the main rendition alone, upright", e)
	}
	full := upright
	full.Width, full.Height, full.Codec = 1080, 1920, "mpeg4"
	e := plan(&Video{Method: Transcode}, &full, nil, set)
	if w, h := mainSize(&full, set); w != 1080 || h != 1920 || len(e.renditions) != 2 || e.renditions[1].short != 720 {
		t.Fatalf("1080×1920: main %d×%d, renditions %+v; want 1080×1920 and a 720p", w, h, e.renditions)
	}
	args := strings.Join(e.args("in.mp4", e.outputs("/w")), " ")
	for _, want := range []string{"scale=w='min(1080,iw)':h='min(1920,ih)'", "scale=720:-2,setsar=1[v720p]"} {
		if !strings.Contains(args, want) {
			t.Errorf("1080×1920: args\n%s\nlack %s", args, want)
		}
	}
	huge := upright
	huge.Width, huge.Height = 2160, 3840
	if copyable(&huge, set) {
		t.Error("2160×3840 copyable")
	}
	if w, h := mainSize(&huge, set); w != 1080 || h != 1920 {
		t.Errorf("2160×3840: main %d×%d, want 1080×1920", w, h)
	}
	// A landscape picture stored upright with a rotation is landscape.
	rotated := full
	rotated.SideData = []map[string]any{{"rotation": float64(-90)}}
	if w, h := mainSize(&rotated, set); w != 1920 || h != 1080 {
		t.Errorf("1080×1920 rotated: main %d×%d, want 1920×1080", w, h)
	}
}

// A video whose sound is silence is processed without loudness
// correction: there is nothing to correct.
func TestSilentAudio(t *testing.T) {
	videotest.Need(t)
	fx := newFixture(t, storetest.SQLite(t))
	in := filepath.Join(fx.dir, "silent.mp4")
	videotest.Make(t, in, videotest.Spec{Seconds: 3, Width: 320, Height: 240, FPS: 25, VideoCodec: "mpeg4", AudioCodec: "aac", SampleRate: 48000, Channels: 2, Volume: 1e-9})
	v, err := fx.work(t, fx.submit(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if v.State != Ready || v.Loudness == nil || !silent(v.Loudness) || len(v.Renditions) != 1 || v.Renditions[0].AudioCodec != "aac" {
		t.Fatalf("state %s (%s), loudness %+v, renditions %+v; want ready, silent, AAC audio", v.State, v.ErrorDetail, v.Loudness, v.Renditions)
	}
}

// ffmpeg failing for the machine's reasons is retried; failing on the
// file refuses the video.
func TestFFmpegFailure(t *testing.T) {
	p := &Processor{}
	var f *Failure
	if err := p.ffmpegFailure(&ffmpeg.RunError{Program: "ffmpeg", Err: errors.New("exit status 1"), Stderr: "main.mp4: No space left on device"}); errors.As(err, &f) {
		t.Errorf("a full disk refuses the video: %v", err)
	}
	if err := p.ffmpegFailure(&ffmpeg.RunError{Program: "ffmpeg", Err: errors.New("exit status 1"), Stderr: "in.mp4: Invalid data found when processing input"}); !errors.As(err, &f) || f.Key != ErrUnreadable {
		t.Errorf("invalid data: %v, want the video refused as unreadable", err)
	}
	if err := p.ffmpegFailure(context.Canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancel: %v", err)
	}
}
