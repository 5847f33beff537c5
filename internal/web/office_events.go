package web

import (
	"context"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
)

// logEvent records in the event log that acct (nil: nobody signed in) did
// action to subject, from addr. Changes made in a transaction record their
// event in it instead (eventlog.Append with the transaction).
func (s *Server) logEvent(ctx context.Context, acct *account.Account, action, subject, addr string) error {
	return appendEvent(ctx, s.db, acct, action, subject, addr, nil, nil)
}

// appendEvent records an event through q, with the states before and after
// (either may be nil).
func appendEvent(ctx context.Context, q store.Querier, acct *account.Account, action, subject, addr string, before, after any) error {
	e := &eventlog.Event{Action: action, Subject: subject, ClientAddr: addr}
	if acct != nil {
		e.ActorID, e.ActorName = acct.ID, acct.Name
	}
	if before != nil {
		e.Before = eventlog.State(before)
	}
	if after != nil {
		e.After = eventlog.State(after)
	}
	return eventlog.Append(ctx, q, e)
}

// accountSubject names an account in the event log; 0 (an address with no
// account) names none.
func accountSubject(id int64) string {
	if id == 0 {
		return ""
	}
	return "account:" + strconv.FormatInt(id, 10)
}
