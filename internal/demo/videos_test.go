package demo

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video"
)

// TestVideos loads the demo with its videos and checks what a visitor
// and an organiser would: both video addresses have a ready video marked
// as an illustration, 30 to 45 seconds long, with subtitles in zh, ru and
// en, human-made, one cue a spoken sentence, every cue inside the video
// and none with an error.
func TestVideos(t *testing.T) {
	if err := (VideoTools{}).Available(); err != nil {
		t.Skipf("demo videos skipped: %v", err)
	}
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if err := Load(ctx, db, blobs); err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		vs, err := Videos(ctx, db, blobs, VideoTools{}, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("two demo videos made and processed in %v", time.Since(began).Round(time.Millisecond))
		if len(vs) != 2 {
			t.Fatalf("%d videos, want 2", len(vs))
		}
		for i, dv := range demoVideos {
			var speechID int64
			if err := db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = ?`, dv.slug).Scan(&speechID); err != nil {
				t.Fatal(err)
			}
			cur, err := video.ForItems(ctx, db, []int64{speechID})
			if err != nil {
				t.Fatal(err)
			}
			v := cur[speechID]
			if v == nil || v.ID != vs[i].ID {
				t.Fatalf("%s: current video %+v, want video %d", dv.slug, v, vs[i].ID)
			}
			if v.State != video.Ready || !v.Illustration || v.Main() == nil || v.PosterKey == "" {
				t.Errorf("%s: state %s, illustration %v, main %+v, poster %q; want a ready illustration with its rendition and poster",
					dv.slug, v.State, v.Illustration, v.Main(), v.PosterKey)
			}
			if v.Duration < 30*time.Second || v.Duration > 45*time.Second {
				t.Errorf("%s: %v long, want 30 to 45 s", dv.slug, v.Duration)
			}
			// Loaded approved by both hosts, so that the demo's public
			// pages play it with its subtitles.
			if pub, err := video.PlayableFor(ctx, db, []int64{speechID}); err != nil || pub[speechID] == nil || pub[speechID].ID != v.ID {
				t.Errorf("%s: the public video is %+v (%v), want video %d approved by both hosts", dv.slug, pub[speechID], err, v.ID)
			}
			if pubTracks, err := subtitle.ListPublic(ctx, db, speechID, "zh", "ru", "en"); err != nil || len(pubTracks) != 3 {
				t.Errorf("%s: %d public tracks (%v), want all three approved", dv.slug, len(pubTracks), err)
			}
			if v.Method != video.Remux {
				t.Errorf("%s: method %q, want remux (the demo encodes it as the web needs)", dv.slug, v.Method)
			}
			tracks, err := subtitle.List(ctx, db, speechID, "zh", "ru", "en")
			if err != nil {
				t.Fatal(err)
			}
			var langs []string
			for _, tr := range tracks {
				langs = append(langs, tr.Lang)
				wantSource := dv.lang
				if tr.Lang == dv.lang {
					wantSource = ""
				}
				if subtitle.Outdated(tr, tracks) {
					t.Errorf("%s %s: marked as translated from an earlier version of the %s track", dv.slug, tr.Lang, tr.SourceLang)
				}
				if tr.Provenance != subtitle.Human || tr.SourceLang != wantSource {
					t.Errorf("%s %s: provenance %s from %q, want human from %q", dv.slug, tr.Lang, tr.Provenance, tr.SourceLang, wantSource)
				}
				if len(tr.Cues) != len(dv.sentences) {
					t.Errorf("%s %s: %d cues, want %d (one a spoken sentence)", dv.slug, tr.Lang, len(tr.Cues), len(dv.sentences))
					continue
				}
				for j, c := range tr.Cues {
					if c.Start < 1000 || c.End > v.Duration.Milliseconds() || c.End-c.Start < 1000 {
						t.Errorf("%s %s cue %d: %d–%d ms in a video %v long", dv.slug, tr.Lang, j+1, c.Start, c.End, v.Duration)
					}
					if want := dv.sentences[j].in(tr.Lang); strings.Join(c.Lines, "") != strings.ReplaceAll(want, " ", "") && strings.Join(c.Lines, " ") != want {
						t.Errorf("%s %s cue %d: %q, want %q", dv.slug, tr.Lang, j+1, c.Lines, want)
					}
				}
				for _, m := range subtitle.Validate(tr.Cues, tr.Lang, v.Duration.Milliseconds()) {
					t.Errorf("%s %s: %s", dv.slug, tr.Lang, m)
				}
			}
			if got := strings.Join(langs, ","); got != "zh,ru,en" {
				t.Errorf("%s: subtitles in %s, want zh,ru,en", dv.slug, got)
			}
		}
	})
}

// TestVideosWithoutTools: without espeak-ng the demo makes no video and
// says why, naming what installs it.
func TestVideosWithoutTools(t *testing.T) {
	err := VideoTools{Espeak: "/nonexistent/espeak-ng"}.Available()
	if err == nil || !strings.Contains(err.Error(), "scripts/setup.sh demo") {
		t.Errorf("Available without espeak-ng = %v", err)
	}
	if !errors.Is(err, ErrNoVideoTools) {
		t.Errorf("Available without espeak-ng = %v, want ErrNoVideoTools", err)
	}
	// Videos then changes nothing: it does not reach the database.
	if vs, err := Videos(context.Background(), nil, nil, VideoTools{Espeak: "/nonexistent/espeak-ng"}, t.TempDir()); !errors.Is(err, ErrNoVideoTools) || vs != nil {
		t.Errorf("Videos without espeak-ng = %v, %v", vs, err)
	}
}
