package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/video"
)

// videoVersion names video v in the addresses of its files
// (…/video/v12/main.mp4): a replacement is another video with other
// addresses, so a browser or a proxy that keeps a file for long never
// plays the old video on the page of the new one.
func videoVersion(v *video.Video) string { return "v" + strconv.FormatInt(v.ID, 10) }

// videoFileCache is how long a video's file may be kept by browsers and
// proxies. Its address names the video, whose files never change, so the
// file is immutable; a day, not a year, so that a video taken off the
// site does not stay in shared caches for long.
const videoFileCache = "public, max-age=86400, immutable"

// speechVideoFile serves a file of a published speech's ready video
// (/{lang}/forums/{forum}/speeches/{speech}/video/{version}/main.mp4,
// 720p.mp4, poster.jpg, where version is videoVersion) with ranges,
// outside the page cache. Only the video the page plays is served: a
// version that was replaced, like one that is not ready or a forum not
// published, is not found. The address without the version (of pages and
// links made before addresses had one) is sent, uncached, to the current
// version's.
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
		version := r.PathValue("version")
		if version == "" {
			w.Header().Set("Cache-Control", "no-cache")
			http.Redirect(w, r, strings.TrimSuffix(r.URL.Path, name)+videoVersion(v)+"/"+name, http.StatusFound)
			return
		}
		if version != videoVersion(v) {
			fail(fmt.Errorf("video file %q of speech %d: version %q is not the current %s: %w", name, sp.ID, version, videoVersion(v), errkind.NotFound))
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
		h.Set("Cache-Control", videoFileCache)
		h.Set("ETag", strconv.Quote(fmt.Sprintf("v%d-%s", v.ID, strings.TrimSuffix(name, ".mp4"))))
		http.ServeContent(w, r, "", obj.ModTime, obj)
	}
}
