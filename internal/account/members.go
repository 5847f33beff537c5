package account

import (
	"context"
	"fmt"

	"github.com/tandemforum/tandem/internal/store"
)

// WithRole returns the enabled accounts that have role at any of
// partnerIDs, each once, ordered by id, without their memberships; one
// query through q (a transaction, when the caller writes in one). The
// approval workflow asks it for the organisers to tell of a change.
func WithRole(ctx context.Context, q store.Querier, role Role, partnerIDs []int64) ([]*Account, error) {
	if len(partnerIDs) == 0 {
		return nil, nil
	}
	in, args := store.In(partnerIDs)
	accts, err := store.All(ctx, q, scanAccount, `SELECT `+accountColumns+` FROM accounts a
		WHERE NOT a.disabled AND a.id IN (SELECT account_id FROM memberships WHERE role = ? AND partner_id IN (`+in+`))
		ORDER BY a.id`, append([]any{role}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("accounts with role %s at %v: %w", role, partnerIDs, err)
	}
	return accts, nil
}
