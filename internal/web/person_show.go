package web

import (
	"time"

	"github.com/tandemforum/tandem/internal/forum"
)

func (s *Server) personShow(rq *request) (result, error) {
	p, err := rq.Forums.PersonBySlug(rq.Context(), rq.PathValue("person"))
	if err != nil {
		return result{}, err
	}
	speeches, forums, err := rq.Forums.SpeechesBy(rq.Context(), p.ID)
	if err != nil {
		return result{}, err
	}
	type item struct {
		Speech *forum.Speech
		Forum  *forum.Forum
		Loc    *time.Location
	}
	var items []item
	for _, sp := range speeches {
		f := forums[sp.ForumID]
		items = append(items, item{sp, f, f.Location()})
	}
	name := personName(p.Names, rq.Lang)
	position := textIn(p.Position, rq.Lang)
	d := &pageData{
		Title:       name.Value,
		Description: position,
		Section:     "forums",
		OGType:      "profile",
		JSONLD:      s.personLD(rq.Lang, p),
		Main: struct {
			Person   *forum.Person
			Speeches []item
		}{p, items},
	}
	return s.html(rq, "person", "/people/"+p.Slug, d)
}
