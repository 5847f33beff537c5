package cli

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/ffmpeg"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/video"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// A worker killed with SIGKILL in the middle of encoding a video leaves
// no ffmpeg running; the next worker takes the video up within seconds
// (not after River's hour for stuck jobs) and finishes it, and the result
// is a valid web video.
func TestVideoWorkerKilledMidTranscode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the tandem binary")
	}
	videotest.Need(t)
	bin := filepath.Join(t.TempDir(), "tandem")
	build := exec.Command("go", "build", "-o", bin, "github.com/tandemforum/tandem/cmd/tandem")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(t.TempDir(), "address.avi")
	videotest.Make(t, in, videotest.Spec{Seconds: 30, Width: 1280, Height: 720, FPS: 25, VideoCodec: "mpeg4",
		AudioCodec: "aac", SampleRate: 44100, Channels: 2})
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			data, dsn, db := dataFolder(t, dialect, true)
			item := videotest.Speech(t, db)
			out, err := exec.Command(bin, "video", "attach", "--data", data, "--database", dsn, "--item", strconv.FormatInt(item, 10), in).CombinedOutput()
			if err != nil {
				t.Fatalf("video attach: %v\n%s", err, out)
			}
			id, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
			if err != nil {
				t.Fatalf("video attach printed %q, want the video's number", out)
			}
			worker := func() (*exec.Cmd, *bytes.Buffer) {
				var stderr bytes.Buffer
				cmd := exec.Command(bin, "worker", "--data", data, "--database", dsn, "--workers", "1")
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				return cmd, &stderr
			}
			first, stderr := worker()
			var v *video.Video
			deadline := time.Now().Add(60 * time.Second)
			for {
				if v, err = video.Get(ctx, db, id); err != nil {
					t.Fatal(err)
				}
				// Past the loudness analysis, well into the encoding.
				if v.State == video.Processing && v.Progress >= 250 || v.State.Done() || time.Now().After(deadline) {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if v.State != video.Processing {
				first.Process.Kill()
				first.Wait()
				t.Fatalf("before the kill the video is %s at %d‰, want processing; the worker's log:\n%s", v.State, v.Progress, stderr)
			}
			if err := first.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			first.Wait()
			killed := time.Now()
			t.Logf("killed at %d‰", v.Progress)
			// ffmpeg runs in a process group of its own, which the kill
			// does not reach; it must die with its parent all the same.
			time.Sleep(300 * time.Millisecond)
			if pids := ffmpegOf(t, data); len(pids) > 0 {
				for _, pid := range pids {
					syscall.Kill(pid, syscall.SIGKILL)
				}
				t.Errorf("ffmpeg processes %v still run after their worker was killed", pids)
			}

			second, stderr := worker()
			defer func() {
				second.Process.Kill()
				second.Wait()
			}()
			deadline = time.Now().Add(3 * time.Minute)
			for {
				if v, err = video.Get(ctx, db, id); err != nil {
					t.Fatal(err)
				}
				if v.State.Done() || time.Now().After(deadline) {
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
			if v.State != video.Ready {
				t.Fatalf("after the restart the video is %s (%s %s) at %d‰, want ready; the worker's log:\n%s", v.State, v.ErrorKey, v.ErrorDetail, v.Progress, stderr)
			}
			t.Logf("ready %v after the kill", time.Since(killed).Round(time.Second))
			if !strings.Contains(stderr.String(), "taken up again") {
				t.Errorf("the second worker's log does not say it took the video up again:\n%s", stderr)
			}
			blobs, err := blob.NewDir(filepath.Join(data, "files"))
			if err != nil {
				t.Fatal(err)
			}
			obj, err := blobs.Open(ctx, v.Renditions[0].Key)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "main.mp4")
			videotest.CopyTo(t, path, obj)
			obj.Close()
			p, err := ffmpeg.Tools{}.ProbeFile(ctx, path)
			if err != nil {
				t.Fatalf("the finished video does not probe: %v", err)
			}
			if d := p.Format.DurationValue(); math.Abs(d.Seconds()-30) > 0.5 || len(p.Streams) != 2 || p.Streams[0].Codec != "h264" || p.Streams[1].Codec != "aac" {
				t.Errorf("finished video: %s long, streams %+v; want 30 s of H.264 and AAC", d, p.Streams)
			}
			if first, err := videotest.MoovFirst(path); err != nil || !first {
				t.Errorf("finished video: moov first = %v (%v)", first, err)
			}
			if entries, _ := os.ReadDir(filepath.Join(data, "work")); len(entries) != 0 {
				t.Errorf("work files left after the video is ready: %v", entries)
			}
			out, err = exec.Command(bin, "video", "list", "--data", data, "--database", dsn).CombinedOutput()
			want := strconv.FormatInt(id, 10) + "\t" + strconv.FormatInt(item, 10) + "\tready\t100.0\ttranscode\t30.0"
			if err != nil || !strings.HasPrefix(string(out), want) || !strings.Contains(string(out), "\t1280x720\t") {
				t.Errorf("video list: %v\n%s\nwant a line starting %q", err, out, want)
			}
			out, err = exec.Command(bin, "video", "attach", "--data", data, "--database", dsn, "--item", "999999", in).CombinedOutput()
			if err == nil || !strings.Contains(string(out), "no programme item 999999") {
				t.Errorf("attach to no item: %v\n%s", err, out)
			}
			if err := second.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// ffmpegOf returns the ids of the ffmpeg processes working on files in
// data.
func ffmpegOf(t *testing.T, data string) []int {
	t.Helper()
	dirs, err := filepath.Glob("/proc/[0-9]*/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		args := strings.Split(string(b), "\x00")
		if len(args) > 0 && filepath.Base(args[0]) == "ffmpeg" && strings.Contains(string(b), data) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
			pids = append(pids, pid)
		}
	}
	return pids
}

// TestVideoLine: `tandem video list` gives a failed video's reason in
// words, not the message key the office translates; the size of the main
// rendition, the largest file served, not the original's; and where each
// video stands as the office says it.
func TestVideoLine(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Printer("en")
	line := videoLine(&video.Video{ID: 3, ItemID: 7, State: video.Failed, ErrorKey: "video.error.unreadable"}, nil, nil, en)
	fields := strings.Split(line, "\t")
	if len(fields) != 10 || fields[2] != "failed" || strings.Contains(line, "video.error") || len(fields[8]) < 20 || fields[9] != "-" {
		t.Errorf("a failed video is listed as %q", line)
	}
	if line := videoLine(&video.Video{ID: 4, ItemID: 7, State: video.Queued}, nil, nil, en); !strings.HasSuffix(line, "\tqueued\t0.0\t-\t0.000\t0x0\t0\t-\t-") {
		t.Errorf("a queued video is listed as %q", line)
	}
	// A 4K original is served at 1080p at most: the size column is the
	// main rendition's.
	uhd := &video.Video{ID: 5, ItemID: 7, State: video.Ready, Width: 3840, Height: 2160, Renditions: []video.Rendition{
		{Name: "main", Width: 1920, Height: 1080, Size: 300}, {Name: "720p", Width: 1280, Height: 720, Size: 200}}}
	if fields := strings.Split(videoLine(uhd, uhd, nil, en), "\t"); fields[6] != "1920x1080" || fields[7] != "500" {
		t.Errorf("a 4K video made into 1080p is listed with size %s, bytes %s; want 1920x1080, 500", fields[6], fields[7])
	}
	// The last column says where a ready video stands: only the one the
	// site plays is public, only the newest ready one awaits approval
	// (or was withdrawn), an older one taken off the site reads
	// withdrawn, every other ready one is replaced, approved once or
	// never.
	at := time.Date(2021, 7, 16, 3, 0, 0, 0, time.UTC)
	playing := &video.Video{ID: 3, ItemID: 7, State: video.Ready, ApprovedAt: at}
	newest := &video.Video{ID: 6, ItemID: 7, State: video.Ready}
	for _, tc := range []struct {
		v              video.Video
		newest, public *video.Video
		want           string
	}{
		{*newest, newest, playing, "awaiting"},
		{*newest, newest, nil, "awaiting"},
		{*playing, newest, playing, "public"},
		{*playing, playing, playing, "public"},
		{video.Video{ID: 2, ItemID: 7, State: video.Ready, ApprovedAt: at}, newest, playing, "replaced"},
		{video.Video{ID: 4, ItemID: 7, State: video.Ready}, newest, playing, "replaced"},
		{video.Video{ID: 4, ItemID: 7, State: video.Ready}, newest, nil, "replaced"},
		{video.Video{ID: 6, ItemID: 7, State: video.Ready, WithdrawnAt: at, WithdrawnBy: "Организатор"}, newest, nil, "withdrawn"},
		// Withdrawn, then a newer video came: it still reads withdrawn.
		{video.Video{ID: 5, ItemID: 7, State: video.Ready, ApprovedAt: at, WithdrawnAt: at, WithdrawnBy: "Организатор"}, newest, nil, "withdrawn"},
		{video.Video{ID: 7, ItemID: 7, State: video.Processing}, newest, playing, "-"},
	} {
		if line := videoLine(&tc.v, tc.newest, tc.public, en); !strings.HasSuffix(line, "\t"+tc.want) {
			t.Errorf("video %d (%s, approved %v, withdrawn %v) is listed as %q, want it to end %q", tc.v.ID, tc.v.State, tc.v.ApprovedAt, tc.v.WithdrawnAt, line, tc.want)
		}
	}
}
