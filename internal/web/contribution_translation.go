package web

import (
	"context"
	"errors"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/store"
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
	return fp, d, nil
}
