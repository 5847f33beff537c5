package web

import (
	"context"
	"errors"
	"fmt"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionTranslations starts a contribution's translations when its
// text becomes final (or changes after that) and gives a translation's
// current text for the hosts' approval, through internal/translate.
type contributionTranslations struct {
	revs *revision.Store
}

// ownerContribution is the owner kind of a contribution's translations.
const ownerContribution = "contribution"

// Start creates the translation of c's manuscript into lang, or brings it
// to the manuscript's latest revision: unchanged segments keep their
// translation and state, changed ones need review.
func (ct contributionTranslations) Start(ctx context.Context, tx *store.Tx, c *works.Contribution, lang string) error {
	if c.DocumentID == 0 {
		return nil
	}
	_, _, err := translate.Sync(ctx, tx, ct.revs, c.DocumentID, lang, ownerContribution, c.ID)
	return err
}

// Text returns the fingerprint and the translated document of c's text in
// lang; both are empty when the translation has not started.
func (ct contributionTranslations) Text(ctx context.Context, q store.Querier, c *works.Contribution, lang string) (string, *doc.Document, error) {
	if c.DocumentID == 0 {
		return "", nil, nil
	}
	tr, err := translate.ByDocument(ctx, q, c.DocumentID, lang)
	if errors.Is(err, translate.ErrNotFound) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	fp, err := translate.Fingerprint(ctx, q, tr.ID)
	if err != nil {
		return "", nil, err
	}
	d, err := translate.Document(ctx, q, ct.revs, tr.ID)
	if err != nil {
		return "", nil, err
	}
	fillContributionMetadata(d, c, lang)
	return fp, d, nil
}

// fillContributionMetadata gives a contribution's translated document the
// title, abstract, keywords and authors' names the contribution has in
// lang, where it has them.
func fillContributionMetadata(d *doc.Document, c *works.Contribution, lang string) {
	if v := c.Title.Values[lang]; v != "" {
		d.Title = v
	}
	d.Abstract = c.Abstract.Values[lang]
	d.Keywords = c.Keywords[lang]
	d.Authors = nil
	for _, a := range c.Authors {
		if n, written := a.Names.In(lang); written == lang {
			d.Authors = append(d.Authors, n.Full(lang))
		}
	}
}

// translatedMetadata fills in d, the translated document of translation
// tr, with its owner's metadata in tr's language: a contribution's title,
// abstract, keywords and authors.
func (s *Server) translatedMetadata(ctx context.Context, q store.Querier, tr *translate.Translation, d *doc.Document) error {
	if tr.OwnerKind != ownerContribution {
		return nil
	}
	c, err := works.GetContribution(ctx, q, tr.OwnerID)
	if err != nil {
		return err
	}
	fillContributionMetadata(d, c, tr.Lang)
	return nil
}

// collectionMemory adds the units a contribution's translation confirms
// with the contribution's collection, so that the memory can be exported
// per collection.
type collectionMemory struct {
	mem          translate.MemoryWriter
	collectionID int64
}

func (c collectionMemory) Add(ctx context.Context, q store.Querier, u translate.MemoryUnit) error {
	if u.CollectionID == 0 {
		u.CollectionID = c.collectionID
	}
	return c.mem.Add(ctx, q, u)
}

// memoryWriter is the memory that a save of translation tr writes to: the
// server's, with the collection named for a contribution's; nil when the
// server has none.
func (s *Server) memoryWriter(ctx context.Context, q store.Querier, tr *translate.Translation) (translate.MemoryWriter, error) {
	if s.memory == nil {
		return nil, nil
	}
	if tr.OwnerKind != ownerContribution {
		return s.memory, nil
	}
	var coll int64
	if err := q.QueryRow(ctx, `SELECT collection_id FROM contributions WHERE id = ?`, tr.OwnerID).Scan(&coll); err != nil {
		return nil, fmt.Errorf("collection of contribution %d: %w", tr.OwnerID, err)
	}
	return collectionMemory{mem: s.memory, collectionID: coll}, nil
}

// translationChanged is what a change of translation tr's text by a file
// (an XLIFF upload) calls, in the transaction that makes it: a
// contribution's approvals of another text lapse and a reviewed language
// goes back to review (contributionTranslationChanged), and a site text whose
// sentences are all confirmed goes into its draft for the hosts (a draft
// that changed meanwhile is left, and listed on the site texts' page), and
// subtitles reviewed in full become their language's track.
func (s *Server) translationChanged(rq *officeRequest, tx *store.Tx, tr *translate.Translation) error {
	ctx := rq.Context()
	switch tr.OwnerKind {
	case ownerContribution:
		return s.contributionTranslationChanged(rq, tx, tr)
	case sitetext.OwnerKind:
		_, err := sitetext.WriteBack(ctx, tx, s.revisions(), tr, nil, false, rq.actor())
		if errors.Is(err, approval.ErrInvalid) {
			return nil
		}
		return err
	case subtrans.OwnerKind:
		_, err := s.subtitleWriteBack(rq, tx, tr)
		return err
	}
	return nil
}

// contributionTranslationChanged is what a change of a contribution's
// translation tr calls, in the transaction that makes it
// (works.TranslationChanged): the hosts' approvals of another text lapse,
// and a language that was reviewed or approved goes back to review, which
// its reviewers are told by mail (the editors, when it has none).
func (s *Server) contributionTranslationChanged(rq *officeRequest, tx *store.Tx, tr *translate.Translation) error {
	ctx := rq.Context()
	back, err := works.TranslationChanged(ctx, tx, tr.OwnerID, tr, worksActor(rq))
	if err != nil || !back {
		return err
	}
	a, err := s.loadWork(ctx, tx, rq, tr.OwnerID)
	if err != nil {
		return err
	}
	next := []works.Party{works.PartyEditor}
	for _, st := range a.C.Staff {
		if st.Role == works.RoleReviewer && st.Lang == tr.Lang {
			next = []works.Party{works.PartyReviewer}
		}
	}
	return s.workMail(ctx, tx, rq, a, next, tr.Lang, "changed", "")
}
