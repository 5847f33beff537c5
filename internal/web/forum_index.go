package web

import (
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// forumIndexRow is one forum in the office's list.
type forumIndexRow struct {
	ID                    int64
	Title                 string
	Slug                  string
	Dates                 string
	State                 listState
	EditURL, ProgrammeURL string
	PublicURL             string
}

// forumIndex answers GET /office/forums: the forums the account may see
// (those hosted by one of its partners; an admin's, all), each with the
// state of its draft and links to its form and programme.
func (s *Server) forumIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectForum, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	forums, err := s.forums.WithDrafts().Forums(ctx)
	if err != nil {
		return err
	}
	drafts, err := approval.Drafts(ctx, s.db, approval.KindForum)
	if err != nil {
		return err
	}
	var rows []forumIndexRow
	for _, lf := range forums {
		if !rq.can(account.SubjectForum, account.View, hostIDs(lf.Hosts)...) {
			continue
		}
		d := drafts[lf.ID]
		f := lf
		if d != nil {
			f = d.Content.(*forum.Forum)
		}
		id := strconv.FormatInt(lf.ID, 10)
		row := forumIndexRow{ID: lf.ID, Slug: f.Slug, State: draftListState(rq.T, d, lf.Published),
			EditURL: officePrefix + "/forums/" + id, ProgrammeURL: officePrefix + "/forums/" + id + "/programme"}
		row.Title, _ = f.Title.In(rq.Lang)
		loc := f.Location()
		row.Dates = rq.T.DateRange(f.StartsAt.In(loc), f.EndsAt.In(loc))
		if lf.Published {
			row.PublicURL = "/" + rq.Lang + "/forums/" + lf.Slug
		}
		rows = append(rows, row)
	}
	page := struct {
		Forums    []forumIndexRow
		CanCreate bool
	}{rows, rq.can(account.SubjectForum, account.Create)}
	return s.officeRender(w, rq, "forums", "forums", rq.T.T("office.forum.list.title"), &page)
}
