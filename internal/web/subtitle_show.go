package web

import (
	"fmt"
	"mime"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video"
)

// subtitleShow serves a published speech's subtitles in a language as
// WebVTT, for the player's <track>
// (/{lang}/forums/{forum}/speeches/{speech}/subtitles/{sublang}.vtt), and
// as SRT to download (…/{sublang}.srt, saved as
// FORUM-SPEECH.{sublang}.srt), which the programs that edit subtitles
// read. A speech of a forum that is not published, without a video every
// host approved, or without an approved version of subtitles in the
// language, is not found in either format; the version served is the
// approved one, whatever was uploaded since. Cues are those that fit the
// speech's video as it now is (subtitle.Within): subtitles timed for a
// longer video it replaced offer nothing past its end.
func (s *Server) subtitleShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	sp, _, err := rq.Forums.Speech(rq.Context(), fv.Forum.ID, rq.PathValue("speech"))
	if err != nil {
		return result{}, err
	}
	l, format, err := subtitleFile(rq.PathValue("file"))
	if err != nil {
		return result{}, err
	}
	// Subtitles are public with the video they go with, and in the
	// version every host approved.
	if rq.Preview != "" {
		return result{}, fmt.Errorf("subtitles of speech %d in a preview: %w", sp.ID, errkind.NotFound)
	}
	vs, err := video.PlayableFor(rq.Context(), s.db, []int64{sp.ID})
	if err != nil {
		return result{}, err
	}
	if vs[sp.ID] == nil {
		return result{}, fmt.Errorf("subtitles of speech %d without a public video: %w", sp.ID, errkind.NotFound)
	}
	t, err := subtitle.GetPublic(rq.Context(), s.db, sp.ID, l)
	if err != nil {
		return result{}, err
	}
	// Over the video as it now is: no cue after its end.
	t.Cues = subtitle.Within(t.Cues, vs[sp.ID].Duration.Milliseconds())
	if format == subtitle.SRT {
		name := fv.Forum.Slug + "-" + sp.Slug + "." + l + ".srt"
		return result{contentType: format.ContentType(), body: subtitle.WriteSRT(t.Cues),
			disposition: mime.FormatMediaType("attachment", map[string]string{"filename": name})}, nil
	}
	return result{contentType: format.ContentType(), body: subtitle.WriteVTT(t.Cues)}, nil
}
