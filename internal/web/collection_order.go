package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionOrder answers POST /office/collections/{id}/order: the up and
// down buttons of the collection page send move=ID:up or ID:down and move
// one contribution one place; the page's script sends order=ID,ID,… once
// a row is dragged into place. An order that no longer names the
// collection's contributions (someone added or removed one meanwhile) is
// refused with 409 and a way back to the page as it now is.
func (s *Server) collectionOrder(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectCollection, account.Edit, sc.Hosts...); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("order form: %v", err)
	}
	by := rq.worksActor(sc.Hosts)
	back := officePrefix + "/collections/" + itoa(id)
	var change func(tx *store.Tx) error
	if mv := rq.PostForm.Get("move"); mv != "" {
		k, dir, _ := strings.Cut(mv, ":")
		kid, err := strconv.ParseInt(k, 10, 64)
		delta := map[string]int{"up": -1, "down": 1}[dir]
		if err != nil || delta == 0 {
			return badRequest("order form: move %q", mv)
		}
		back += "#contribution-" + k
		change = func(tx *store.Tx) error {
			c, err := works.GetContribution(ctx, tx, kid)
			if err != nil || c.CollectionID != id {
				return badRequest("order form: contribution %d is not in collection %d", kid, id)
			}
			return works.Shift(ctx, tx, kid, delta, by)
		}
	} else {
		var ids []int64
		for _, v := range strings.Split(rq.PostForm.Get("order"), ",") {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return badRequest("order form: order %q", rq.PostForm.Get("order"))
			}
			ids = append(ids, n)
		}
		change = func(tx *store.Tx) error { return works.Reorder(ctx, tx, id, ids, by) }
	}
	err = s.db.Transact(ctx, change)
	if errors.Is(err, works.ErrStale) {
		t := rq.T
		main := officeErrorPage{Status: http.StatusConflict, Title: t.T("error.conflict.title"), Body: t.T("works.order.stale"),
			Back: officePrefix + "/collections/" + itoa(id), BackLabel: t.T("works.collection.back")}
		return s.officeRenderStatus(w, rq, http.StatusConflict, "error", "collections", main.Title, main)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "works.order.saved")
	return seeOther(w, rq.Request, back)
}
