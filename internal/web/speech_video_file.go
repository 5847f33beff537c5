package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/video"
)

// speechVideoFile serves a file of a published speech's ready video
// (/{lang}/forums/{forum}/speeches/{speech}/video/main.mp4, 720p.mp4,
// poster.jpg) with ranges, outside the page cache. Before the forum is
// published or the video is ready, it is not found.
func (s *Server) speechVideoFile(l string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		fail := func(err error) { s.renderErrorIn(w, r, l, err) }
		f, err := s.forums.ForumBySlug(ctx, r.PathValue("forum"))
		if err != nil {
			fail(err)
			return
		}
		sp, _, err := s.forums.Speech(ctx, f.ID, r.PathValue("speech"))
		if err != nil {
			fail(err)
			return
		}
		name := r.PathValue("file")
		ct := videoFiles[name]
		vs, err := video.PlayableFor(ctx, s.db, []int64{sp.ID})
		if err != nil {
			fail(err)
			return
		}
		v := vs[sp.ID]
		if ct == "" || v == nil || v.State != video.Ready {
			fail(fmt.Errorf("video file %q of speech %d: %w", name, sp.ID, errkind.NotFound))
			return
		}
		key := v.PosterKey
		if strings.HasSuffix(name, ".mp4") {
			key = ""
			for _, rd := range v.Renditions {
				if rd.Name+".mp4" == name {
					key = rd.Key
				}
			}
		}
		if key == "" {
			fail(fmt.Errorf("video file %q of speech %d: %w", name, sp.ID, errkind.NotFound))
			return
		}
		obj, err := s.blobs.Open(ctx, key)
		if err != nil {
			fail(err)
			return
		}
		defer obj.Close()
		h := w.Header()
		h.Set("Content-Type", ct)
		// The files of a video never change; another video of the speech
		// has other files, but they answer at the same address, so a
		// browser asks again after an hour.
		h.Set("Cache-Control", "public, max-age=3600")
		h.Set("ETag", strconv.Quote(fmt.Sprintf("v%d-%s", v.ID, strings.TrimSuffix(name, ".mp4"))))
		http.ServeContent(w, r, "", obj.ModTime, obj)
	}
}
