package web

import (
	"fmt"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// subtitleShow serves a published speech's subtitles in a language as
// WebVTT, for the player's <track>:
// /{lang}/forums/{forum}/speeches/{speech}/subtitles/{sublang}.vtt. A
// speech of a forum that is not published, or without subtitles in the
// language, is not found.
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
	if format != subtitle.WebVTT {
		return result{}, fmt.Errorf("subtitles as %s: %w", format, errkind.NotFound)
	}
	t, err := subtitle.Get(rq.Context(), s.db, sp.ID, l)
	if err != nil {
		return result{}, err
	}
	return result{contentType: format.ContentType(), body: subtitle.WriteVTT(t.Cues)}, nil
}
