package ffmpeg

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseProgress(t *testing.T) {
	in := "frame=10\nfps=0.00\nout_time_us=400000\nout_time=00:00:00.400000\nspeed=0.8x\nprogress=continue\n" +
		"frame=75\nout_time_us=3000000\nspeed=N/A\nprogress=continue\n" +
		"frame=100\nout_time_us=N/A\nspeed=2.5x\nprogress=end\n"
	var got []Progress
	if err := ParseProgress(strings.NewReader(in), func(p Progress) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	want := []Progress{
		{OutTime: 400 * time.Millisecond, Frame: 10, Speed: 0.8},
		{OutTime: 3 * time.Second, Frame: 75, Speed: 0.8},
		{OutTime: 3 * time.Second, Frame: 100, Speed: 2.5, End: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d reports %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("report %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseLoudnorm(t *testing.T) {
	stderr := `Input #0, lavfi ...
[Parsed_loudnorm_0 @ 0x55d0c8e2c3c0] 
{
	"input_i" : "-27.61",
	"input_tp" : "-14.33",
	"input_lra" : "3.20",
	"input_thresh" : "-37.80",
	"output_i" : "-16.40",
	"output_tp" : "-2.72",
	"output_lra" : "2.80",
	"output_thresh" : "-26.52",
	"normalization_type" : "dynamic",
	"target_offset" : "0.40"
}
`
	l, err := ParseLoudnorm(stderr)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Loudness{I: -27.61, TP: -14.33, LRA: 3.2, Thresh: -37.8, Offset: 0.4}); l != want {
		t.Errorf("got %+v, want %+v", l, want)
	}
	silence := strings.ReplaceAll(stderr, `"-27.61"`, `"-inf"`)
	if _, err := ParseLoudnorm(silence); !errors.Is(err, ErrSilence) {
		t.Errorf("silence (-inf): %v, want ErrSilence", err)
	}
	if _, err := ParseLoudnorm("Input #0 ...\n"); err == nil {
		t.Error("no measurement parsed as one")
	}
}

func FuzzParseLoudnorm(f *testing.F) {
	f.Add("[Parsed_loudnorm_0 @ 0x1] {\"input_i\" : \"-27.61\", \"input_tp\": \"-1\", \"input_lra\": \"1\", \"input_thresh\": \"-30\", \"target_offset\": \"0\"}")
	f.Add("[Parsed_loudnorm_0 @ 0x1] }{")
	f.Fuzz(func(t *testing.T, s string) {
		ParseLoudnorm(s)
	})
}

func FuzzParseProgress(f *testing.F) {
	f.Add("frame=1\nout_time_us=5\nprogress=continue\nspeed=1x\nprogress=end\n")
	f.Add("out_time_us=-3\nprogress=\n==\n")
	f.Fuzz(func(t *testing.T, s string) {
		ParseProgress(strings.NewReader(s), func(p Progress) {
			if p.OutTime < 0 {
				t.Errorf("negative time %v", p.OutTime)
			}
		})
	})
}

func need(t *testing.T) {
	t.Helper()
	if err := (Tools{}).Available(); err != nil {
		t.Skipf("skipped: %v", err)
	}
}

// ffprobe reads a real video, and refuses a text file with its own words.
func TestProbeFile(t *testing.T) {
	need(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "v.mkv")
	var reports []Progress
	if _, err := (Tools{}).Run(ctx, []string{"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "sine=d=2",
		"-c:v", "mpeg4", "-c:a", "mp2", path}, func(p Progress) { reports = append(reports, p) }); err != nil {
		t.Fatal(err)
	}
	if len(reports) == 0 || !reports[len(reports)-1].End || reports[len(reports)-1].OutTime < 1900*time.Millisecond {
		t.Errorf("progress reports %+v, want some ending at about 2 s", reports)
	}
	p, err := (Tools{}).ProbeFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Streams) != 2 || p.Streams[0].Codec != "mpeg4" || p.Streams[0].Width != 320 || p.Streams[0].FrameRate() != 25 ||
		p.Streams[1].Type != "audio" || p.Format.DurationValue() < 1900*time.Millisecond || len(p.Raw) == 0 {
		t.Errorf("probe: %+v", p)
	}
	text := filepath.Join(dir, "text.mp4")
	os.WriteFile(text, []byte("not a video\n"), 0o600)
	_, err = (Tools{}).ProbeFile(ctx, text)
	var re *RunError
	if !errors.As(err, &re) || !strings.Contains(re.Stderr, "Invalid data") {
		t.Errorf("probing text: %v, want ffprobe's refusal", err)
	}
}

// Cancelling the context kills ffmpeg and every process of its group at
// once.
func TestRunCancelKillsGroup(t *testing.T) {
	need(t)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var once bool
	done := make(chan error, 1)
	go func() {
		_, err := (Tools{}).Run(ctx, []string{"-re", "-f", "lavfi", "-i", "testsrc2=duration=60", "-f", "null", "-"}, func(Progress) {
			if !once {
				once = true
				close(started)
			}
		})
		done <- err
	}()
	select {
	case <-started:
	case <-time.After(20 * time.Second):
		t.Fatal("ffmpeg never reported progress")
	}
	pids := groupless(t)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the cancel")
	}
	for _, pid := range pids {
		if syscall.Kill(pid, 0) == nil {
			if b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); !strings.Contains(string(b), ") Z ") {
				t.Errorf("ffmpeg %d still runs", pid)
			}
		}
	}
}

// groupless returns the ids of this process's ffmpeg children that lead a
// process group of their own.
func groupless(t *testing.T) []int {
	t.Helper()
	me := os.Getpid()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var pids []int
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil {
			continue
		}
		s := string(b)
		name := s[strings.Index(s, "(")+1 : strings.LastIndex(s, ")")]
		f := strings.Fields(s[strings.LastIndex(s, ")")+2:])
		ppid, _ := strconv.Atoi(f[1])
		pgrp, _ := strconv.Atoi(f[2])
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(st)))
		if name == "ffmpeg" && ppid == me {
			if pgrp != pid {
				t.Errorf("ffmpeg %d is in process group %d, not its own", pid, pgrp)
			}
			pids = append(pids, pid)
		}
	}
	if len(pids) == 0 {
		t.Error("no ffmpeg child found")
	}
	return pids
}
