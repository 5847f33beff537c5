package web

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// subtitleDownload answers GET /office/speeches/{id}/subtitles/{file}
// ("ru.srt", "zh.vtt"): the item's subtitles in a language as an SRT or
// WebVTT file to save, named for the speech and the language.
func (s *Server) subtitleDownload(w http.ResponseWriter, rq *officeRequest) error {
	sp, _, _, err := s.subtitlesSpeech(rq, account.View)
	if err != nil {
		return err
	}
	l, format, err := subtitleFile(rq.PathValue("file"))
	if err != nil {
		return err
	}
	t, err := subtitle.Get(rq.Context(), s.db, sp.ID, l)
	if err != nil {
		return err
	}
	body := subtitle.Write(format, t.Cues)
	w.Header().Set("Content-Type", format.ContentType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": sp.Slug + "." + l + "." + string(format)}))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, err = w.Write(body)
	return err
}
