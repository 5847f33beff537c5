// Command videoload is bench/video.sh's measuring program: it makes the
// benchmark's input videos, and it processes one video with tandem's
// processor (internal/video) as a worker would, in a fresh SQLite data
// folder, and prints the time processing took.
//
//	go run ./bench/videoload -make remux|transcode -seconds 120 -o FILE
//	go run ./bench/videoload -in FILE -data DIR
//
// The second form prints "seconds S", "method M" and one "rendition NAME
// WIDTHxHEIGHT BYTES" line per rendition, which video.sh reads. Storing the
// original in the file store is not timed: that is the upload's work.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/video"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

func main() {
	mk := flag.String("make", "", "make an input: remux (1080p25 H.264 high with AAC) or transcode (1080p25 MPEG-4 part 2 with mono AAC at 44.1 kHz)")
	seconds := flag.Float64("seconds", 120, "length of the input to make")
	out := flag.String("o", "", "file to make")
	in := flag.String("in", "", "video to process")
	data := flag.String("data", "", "an empty data folder")
	flag.Parse()
	ctx := context.Background()
	var err error
	switch {
	case *mk != "" && *out != "":
		err = makeInput(ctx, *mk, *seconds, *out)
	case *in != "" && *data != "":
		err = process(ctx, *in, *data)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "videoload:", err)
		os.Exit(1)
	}
}

// makeInput writes a speech-like input: the test picture and a quiet tone
// whose level swells and fades (about -30 LUFS), which processing must
// bring to -16.
func makeInput(ctx context.Context, kind string, seconds float64, path string) error {
	spec := videotest.Spec{Seconds: seconds, Width: 1920, Height: 1080, FPS: 25, AudioCodec: "aac", Volume: 0.03}
	switch kind {
	case "remux":
		spec.VideoCodec, spec.SampleRate, spec.Channels = "libx264", 48000, 2
	case "transcode":
		spec.VideoCodec, spec.SampleRate, spec.Channels = "mpeg4", 44100, 1
	default:
		return fmt.Errorf("-make %q: want remux or transcode", kind)
	}
	return videotest.Write(ctx, path, spec)
}

func process(ctx context.Context, in, data string) error {
	db, err := store.Open(ctx, "", data)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		return err
	}
	blobs, err := blob.NewDir(filepath.Join(data, "files"))
	if err != nil {
		return err
	}
	item, err := videotest.AddSpeech(ctx, db)
	if err != nil {
		return err
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	key := "videos/originals/bench" + filepath.Ext(in)
	if _, err := blobs.Put(ctx, key, f); err != nil {
		return err
	}
	var v *video.Video
	err = db.Transact(ctx, func(tx *store.Tx) error {
		v, err = video.Submit(ctx, tx, item, key, video.Actor{Name: "bench"})
		return err
	})
	if err != nil {
		return err
	}
	p := &video.Processor{DB: db, Blobs: blobs, WorkDir: filepath.Join(data, "work")}
	start := time.Now()
	if err := p.Process(ctx, v.ID); err != nil {
		return err
	}
	took := time.Since(start)
	if v, err = video.Get(ctx, db, v.ID); err != nil {
		return err
	}
	if v.State != video.Ready {
		return fmt.Errorf("video %s: %s %s", v.State, v.ErrorKey, v.ErrorDetail)
	}
	fmt.Printf("seconds %.3f\nmethod %s\n", took.Seconds(), v.Method)
	for _, r := range v.Renditions {
		fmt.Printf("rendition %s %dx%d %d\n", r.Name, r.Width, r.Height, r.Size)
	}
	return nil
}
