package web

import (
	"context"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// reminderWorker sends the reminders of invitations to contribute
// (works.ReminderArgs): a week and a day before the deadline, to an
// invitee who has not answered. It sends nothing for an invitation
// answered or revoked since, or for a deadline that has moved. Each
// reminder carries a new link (the old one stops working), since only the
// link's hash is kept.
type reminderWorker struct {
	jobs.WorkerDefaults[works.ReminderArgs]
	s *Server
}

// Work sends the reminder, if it is still due, in one transaction with the
// new link.
func (w *reminderWorker) Work(ctx context.Context, job *jobs.Job[works.ReminderArgs]) error {
	return w.s.SendReminder(ctx, job.Args)
}

// SendReminder sends the reminder args names if it is still due.
func (s *Server) SendReminder(ctx context.Context, args works.ReminderArgs) error {
	return s.db.Transact(ctx, func(tx *store.Tx) error {
		r, err := works.DueReminder(ctx, tx, args)
		if err != nil || r == nil {
			return err
		}
		inv, token, err := works.ResendInvitation(ctx, tx, r.Invitation.ID, works.Actor{Name: "tandem"})
		if err != nil {
			return err
		}
		f, err := (s.forums.WithDrafts()).ForumByID(ctx, r.Collection.ForumID)
		if err != nil {
			return err
		}
		sc := &worksScope{Collection: r.Collection, Forum: f, Hosts: hostIDs(f.Hosts)}
		inviter := inv.InvitedByName
		if a, err := s.accounts.ByID(ctx, inv.InvitedBy); err == nil {
			inviter = a.Name
		} else if err != account.ErrNotFound {
			return err
		}
		return s.mailInvitation(ctx, tx, sc, r.Contribution, inv, token, inviter, true)
	})
}
