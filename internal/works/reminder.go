package works

import (
	"context"
	"time"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// ReminderLeads are how long before a collection's deadline an invitee who
// has not answered is reminded: a week, and a day.
var ReminderLeads = []time.Duration{7 * 24 * time.Hour, 24 * time.Hour}

// ReminderArgs is the job that reminds the invitee of a pending invitation
// that the deadline is near. Deadline is the deadline it was scheduled
// for: when the collection's deadline has moved since, the job does
// nothing (the move scheduled its own), and so it does when the
// invitation was answered or revoked.
type ReminderArgs struct {
	InvitationID int64     `json:"invitation_id"`
	Deadline     time.Time `json:"deadline"`
	// Lead is how long before the deadline it runs.
	Lead time.Duration `json:"lead"`
}

// Kind names the job.
func (ReminderArgs) Kind() string { return "works.invitation_reminder" }

// ScheduleReminders queues in tx the reminders of invitation id for
// deadline: one per ReminderLeads that is still ahead at now. A zero
// deadline has none.
func ScheduleReminders(ctx context.Context, tx *store.Tx, id int64, deadline, now time.Time) error {
	if deadline.IsZero() {
		return nil
	}
	for _, lead := range ReminderLeads {
		at := deadline.Add(-lead)
		if !at.After(now) {
			continue
		}
		args := ReminderArgs{InvitationID: id, Deadline: deadline.UTC(), Lead: lead}
		if _, err := jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{ScheduledAt: at}); err != nil {
			return err
		}
	}
	return nil
}

// RescheduleReminders queues the reminders of every pending invitation to
// a contribution of collection collID for its new deadline; those queued
// for the old one will find it moved and do nothing.
func RescheduleReminders(ctx context.Context, tx *store.Tx, collID int64, deadline, now time.Time) error {
	ids, err := store.All(ctx, tx, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT i.id FROM contribution_invitations i JOIN contributions c ON c.id = i.contribution_id
		WHERE c.collection_id = ? AND i.state = ? ORDER BY i.id`, collID, Pending)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := ScheduleReminders(ctx, tx, id, deadline, now); err != nil {
			return err
		}
	}
	return nil
}

// Reminder is what a reminder job sends, read when it runs.
type Reminder struct {
	Invitation   *Invitation
	Contribution *Contribution
	Collection   *Collection
}

// DueReminder returns what the reminder job args should send, or nil when
// it should send nothing: the invitation was answered or revoked, or the
// collection's deadline is no longer the one the job was scheduled for.
func DueReminder(ctx context.Context, q store.Querier, args ReminderArgs) (*Reminder, error) {
	inv, err := GetInvitation(ctx, q, args.InvitationID)
	if err == ErrNotFound {
		return nil, nil
	}
	if err != nil || inv.State != Pending {
		return nil, err
	}
	c, err := GetContribution(ctx, q, inv.ContributionID)
	if err != nil {
		return nil, err
	}
	coll, err := GetCollection(ctx, q, c.CollectionID)
	if err != nil {
		return nil, err
	}
	if !coll.Deadline.Equal(args.Deadline) {
		return nil, nil
	}
	return &Reminder{Invitation: inv, Contribution: c, Collection: coll}, nil
}
