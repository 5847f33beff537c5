package works

import (
	"context"
	"fmt"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// PeopleOfAccounts returns the names of the people the accounts ids act
// for (person_accounts), in one query: an account acting for several
// people is named as the first of them; one acting for none is absent.
func PeopleOfAccounts(ctx context.Context, q store.Querier, ids []int64) (map[int64]lang.Names, error) {
	out := map[int64]lang.Names{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT pa.account_id, p.names FROM person_accounts pa JOIN people p ON p.id = pa.person_id
		WHERE pa.account_id IN (`+in+`) ORDER BY pa.account_id, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("people of accounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var ns lang.Names
		if err := rows.Scan(&id, &ns); err != nil {
			return nil, err
		}
		if _, ok := out[id]; !ok {
			out[id] = ns
		}
	}
	return out, rows.Err()
}

// AccountNames names accounts for a reader of language l: typed holds
// each account's name as its owner typed it, in one script. An account
// that acts for a person is named as that person is for that reader
// (lang.Names.In: Chen Jing in English, Чэнь Цзин in Russian, 陈静 in
// Chinese); another keeps its typed name.
func AccountNames(ctx context.Context, q store.Querier, l string, typed map[int64]string) (map[int64]string, error) {
	ids := make([]int64, 0, len(typed))
	for id := range typed {
		ids = append(ids, id)
	}
	people, err := PeopleOfAccounts(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(typed))
	for id, name := range typed {
		out[id] = name
		if ns, ok := people[id]; ok {
			if n, written := ns.In(l); n.Family != "" || n.Given != "" {
				out[id] = n.Full(written)
			}
		}
	}
	return out, nil
}
