package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// subtitleDelete answers POST /office/speeches/{id}/subtitles/{lang}/delete:
// the item's subtitles in the language are removed, from the public site
// too. Removing them again (a double submit) says they are removed.
func (s *Server) subtitleDelete(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.Create)
	if err != nil {
		return err
	}
	if refused, err := s.subtitlesNotVideo(w, rq, sp, f, hosts); refused {
		return err
	}
	l := rq.PathValue("lang")
	if !slices.Contains(i18n.Languages, l) {
		return errkind.NotFound
	}
	ctx := rq.Context()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := subtitle.Delete(ctx, tx, sp.ID, l); err != nil {
			return err
		}
		if err := forum.Touch(ctx, tx); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "subtitles.delete", "speech:"+strconv.FormatInt(sp.ID, 10), clientAddr(rq.Request),
			map[string]string{"lang": l}, nil)
	})
	if err != nil && !errors.Is(err, subtitle.ErrNotFound) {
		return err
	}
	s.flash(ctx, "office.subtitles.deleted")
	return seeOther(w, rq.Request, programmeSubtitlesURL(f.ID, sp.ID))
}
