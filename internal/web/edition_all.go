package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/edition"
)

// allEditionsPage is every edition the account may see, of every
// collection: the office menu's Editions.
type allEditionsPage struct {
	Editions []allEditionRow
}

type allEditionRow struct {
	editionRow
	Collection, CollectionURL string
}

// editionAll answers GET /office/editions: the editions of the
// collections of the account's hosts (of all of them for an admin), each
// with its collection, whose page makes new ones.
func (s *Server) editionAll(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectEdition, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	es, err := edition.All(ctx, s.db)
	if err != nil {
		return err
	}
	pg := &allEditionsPage{}
	scopes := map[int64]*worksScope{}
	for _, e := range es {
		sc := scopes[e.CollectionID]
		if sc == nil {
			if sc, err = s.collectionScope(ctx, e.CollectionID); err != nil {
				return err
			}
			scopes[e.CollectionID] = sc
		}
		if !rq.can(account.SubjectEdition, account.View, sc.Hosts...) {
			continue
		}
		r := allEditionRow{editionRow: s.editionRow(rq, e), CollectionURL: officePrefix + "/collections/" + itoa(e.CollectionID) + "/editions"}
		r.Collection, _ = sc.Collection.Title.In(rq.Lang)
		pg.Editions = append(pg.Editions, r)
	}
	return s.officeRender(w, rq, "editions_all", "editions", rq.T.T("edition.office.all"), pg)
}
