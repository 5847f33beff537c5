package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// newsRow is a news post as the office lists it.
type newsRow struct {
	*forum.NewsPost
	Title, Forum string
	States       []langState
	State        listState
}

// newsIndexLimit is how many of the newest posts the office lists.
const newsIndexLimit = 500

// newsIndex answers GET /office/news: the newest posts the account may
// see (those of its partners' forums; all, and those about no forum, for
// an admin), published or not, with the state of each language of their
// title.
func (s *Server) newsIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectNews, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	store := s.forums.WithDrafts()
	posts, _, err := store.News(ctx, newsIndexLimit, 0)
	if err != nil {
		return err
	}
	forums, err := store.Forums(ctx)
	if err != nil {
		return err
	}
	drafts, err := approval.Drafts(ctx, s.db, approval.KindNews)
	if err != nil {
		return err
	}
	byID := map[int64]*forum.Forum{}
	for _, f := range forums {
		byID[f.ID] = f
	}
	var rows []newsRow
	for _, live := range posts {
		// The office lists the post as its draft has it; permissions go
		// by the draft's forum, as on the post's page.
		n, d := live, drafts[live.ID]
		if d != nil {
			n = d.Content.(*forum.NewsPost)
		}
		hosts := []int64{0} // a post about no forum: the admins'
		var forumTitle string
		if f := byID[n.ForumID]; f != nil {
			hosts = hostIDs(f.Hosts)
			forumTitle, _ = f.Title.In(rq.Lang)
		}
		if !rq.can(account.SubjectNews, account.View, hosts...) {
			continue
		}
		title, _ := n.Title.In(rq.Lang)
		rows = append(rows, newsRow{NewsPost: n, Title: title, Forum: forumTitle, States: langStates(rq.T, n.Title, contentLangs),
			State: draftListState(rq.T, d, live.Published)})
	}
	main := struct {
		Rows      []newsRow
		CanCreate bool
	}{rows, rq.can(account.SubjectNews, account.Create)}
	return s.officeRender(w, rq, "news", "news", rq.T.T("office.nav.news"), main)
}
