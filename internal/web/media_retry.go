package web

import (
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// mediaRetry answers POST /office/media/{id}/renditions: it queues the
// image's renditions job again when the last one failed, records that in
// the event log, and returns to the page the form names (back: the
// library or the image's page). A job that has not failed is left as it
// is, so that a form sent twice queues one job.
func (s *Server) mediaRetry(w http.ResponseWriter, rq *officeRequest) error {
	im, err := s.routeImage(rq, true)
	if err != nil {
		return err
	}
	id := im.ID
	back := rq.PostFormValue("back")
	if back != officePrefix+"/media" && !strings.HasPrefix(back, officePrefix+"/media?") && !strings.HasPrefix(back, officePrefix+"/media/") ||
		strings.Contains(back, "//") {
		back = officePrefix + "/media/" + itoa(id)
	}
	ctx := rq.Context()
	latest, err := media.RenditionJobs(ctx, s.db, []int64{id})
	if err != nil {
		return err
	}
	if job, ok := latest[id]; !ok || job.State != jobs.StateFailed {
		return seeOther(w, rq.Request, back)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := media.Requeue(ctx, tx, id); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "media.renditions_retry", "media:"+itoa(id), clientAddr(rq.Request), nil, nil)
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.media.job.requeued")
	return seeOther(w, rq.Request, back)
}
