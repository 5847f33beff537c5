package works_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

// TestInvitationAnswers: an invitation is answered once; a second answer,
// a revoked one and an unknown token are refused with their own reasons;
// declining ends the contribution unless a co-author may still write it;
// a deadline past refuses new invitations; reminders follow the deadline.
func TestInvitationAnswers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		collID, authorID := seed(t, db)
		by := works.Actor{AccountID: 1, Name: "Editor"}
		now := time.Now().UTC()
		tx := func(fn func(tx *store.Tx) error) error { return db.Transact(ctx, fn) }
		newContribution := func() *works.Contribution {
			c := &works.Contribution{CollectionID: collID, Lang: "ru", Title: lang.New("ru", map[string]string{"ru": "Статья"}), Authors: []works.Author{{PersonID: authorID}}}
			if err := tx(func(tx *store.Tx) error { return works.CreateContribution(ctx, tx, c, by) }); err != nil {
				t.Fatal(err)
			}
			return c
		}
		coll, err := works.GetCollection(ctx, db, collID)
		if err != nil {
			t.Fatal(err)
		}
		invite := func(c *works.Contribution, email string) (*works.Invitation, string, error) {
			var inv *works.Invitation
			var token string
			err := tx(func(tx *store.Tx) (err error) {
				inv, token, err = works.Invite(ctx, tx, c, coll, authorID, email, "ru", now, by)
				return err
			})
			return inv, token, err
		}

		c := newContribution()
		if _, _, err := invite(c, "not an address"); err == nil {
			t.Error("a bad address was taken")
		}
		inv, token, err := invite(c, "Author@Example.org")
		if err != nil {
			t.Fatal(err)
		}
		if inv.Email != "author@example.org" {
			t.Errorf("email %q, want it lower-cased", inv.Email)
		}
		if _, _, err := invite(c, "author@example.org"); !errors.Is(err, works.ErrAlreadyInvited) {
			t.Errorf("second pending invitation: %v", err)
		}
		got, err := works.InvitationByToken(ctx, db, token)
		if err != nil || got.ID != inv.ID || got.Open() != nil {
			t.Fatalf("by token: %+v, %v", got, err)
		}
		if _, err := works.InvitationByToken(ctx, db, "unknown"); !errors.Is(err, works.ErrInvitationUnknown) {
			t.Errorf("unknown token: %v", err)
		}
		// The account must exist for person_accounts.
		newAccount := func(email string) int64 {
			var id int64
			if err := db.QueryRow(ctx, `INSERT INTO accounts (email, name, lang, password_hash, admin, created_at) VALUES (?, 'A', 'ru', '', false, ?) RETURNING id`, email, now).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}
		stranger := newAccount("a@example.org")
		acct := newAccount("author@example.org")
		acceptAs := func(inv *works.Invitation, acct int64) error {
			return tx(func(tx *store.Tx) error { return works.AcceptInvitation(ctx, tx, inv, acct, now, by) })
		}
		accept := func() error { return acceptAs(got, acct) }
		// Someone else's account holding the link is not the invitee.
		if err := acceptAs(got, stranger); !errors.Is(err, works.ErrOtherAccount) {
			t.Errorf("accepted by another account: %v", err)
		}
		if mine, _ := works.Authored(ctx, db, stranger); len(mine) != 0 {
			t.Errorf("another account became the author of %d contributions", len(mine))
		}
		if err := accept(); err != nil {
			t.Fatal(err)
		}
		if err := accept(); !errors.Is(err, works.ErrInvitationAnswered) {
			t.Errorf("accepted twice: %v", err)
		}
		if cur, _ := works.GetContribution(ctx, db, c.ID); cur.State != works.Accepted {
			t.Errorf("state after acceptance %s", cur.State)
		}
		if mine, err := works.Authored(ctx, db, acct); err != nil || len(mine) != 1 || mine[0].ID != c.ID {
			t.Errorf("authored: %v, %v", mine, err)
		}

		// The person acts through that account now: an invitation sent to
		// another address does not link a second account to them.
		other := newContribution()
		oinv, _, err := invite(other, "other@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if err := acceptAs(oinv, newAccount("other@example.org")); !errors.Is(err, works.ErrPersonLinked) {
			t.Errorf("second account linked to the person: %v", err)
		}
		if oinv, _ = works.GetInvitation(ctx, db, oinv.ID); oinv.Open() != nil {
			t.Errorf("a refused acceptance closed the invitation: %s", oinv.State)
		}

		// Declined: the contribution ends; invited again, it is back.
		d := newContribution()
		dinv, _, err := invite(d, "b@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if err := tx(func(tx *store.Tx) error {
			return works.DeclineInvitation(ctx, tx, dinv, "Нет времени", now, by)
		}); err != nil {
			t.Fatal(err)
		}
		if cur, _ := works.GetContribution(ctx, db, d.ID); cur.State != works.Declined {
			t.Errorf("state after declining %s", cur.State)
		}
		d, _ = works.GetContribution(ctx, db, d.ID)
		rinv, _, err := invite(d, "b@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if cur, _ := works.GetContribution(ctx, db, d.ID); cur.State != works.Invited {
			t.Errorf("state after inviting again %s", cur.State)
		}
		// Revoked: the link says so; reminders find nothing to send.
		if err := tx(func(tx *store.Tx) error { _, err := works.RevokeInvitation(ctx, tx, rinv.ID, now, by); return err }); err != nil {
			t.Fatal(err)
		}
		rinv, _ = works.GetInvitation(ctx, db, rinv.ID)
		if !errors.Is(rinv.Open(), works.ErrInvitationRevoked) {
			t.Errorf("revoked: %v", rinv.Open())
		}
		if r, err := works.DueReminder(ctx, db, works.ReminderArgs{InvitationID: rinv.ID}); r != nil || err != nil {
			t.Errorf("reminder of a revoked invitation: %v, %v", r, err)
		}

		// A deadline moves: reminders for the old one send nothing; a
		// past one refuses new invitations.
		e := newContribution()
		einv, _, err := invite(e, "c@example.org")
		if err != nil {
			t.Fatal(err)
		}
		deadline := now.Add(10 * 24 * time.Hour).Truncate(time.Second)
		coll.Deadline = deadline
		if err := tx(func(tx *store.Tx) error { _, err := works.UpdateCollection(ctx, tx, coll, 1, by); return err }); err != nil {
			t.Fatal(err)
		}
		if r, err := works.DueReminder(ctx, db, works.ReminderArgs{InvitationID: einv.ID, Deadline: deadline}); err != nil || r == nil {
			t.Errorf("due reminder: %v, %v", r, err)
		}
		if r, _ := works.DueReminder(ctx, db, works.ReminderArgs{InvitationID: einv.ID, Deadline: deadline.Add(time.Hour)}); r != nil {
			t.Error("a reminder for a moved deadline would be sent")
		}
		if err := tx(func(tx *store.Tx) error { _, err := works.UpdateCollection(ctx, tx, coll, 1, by); return err }); !errors.Is(err, works.ErrStale) {
			t.Errorf("stale collection save: %v", err)
		}
		coll.Deadline = now.Add(-time.Hour)
		if _, _, err := invite(newContribution(), "d@example.org"); !errors.Is(err, works.ErrDeadlinePassed) {
			t.Errorf("invitation after the deadline: %v", err)
		}

		// Order: moves and a full order; an order naming other
		// contributions is stale.
		cs, _ := works.Contributions(ctx, db, collID)
		ids := func() []int64 {
			cs, _ := works.Contributions(ctx, db, collID)
			var out []int64
			for _, c := range cs {
				out = append(out, c.ID)
			}
			return out
		}
		last := cs[len(cs)-1].ID
		if err := tx(func(tx *store.Tx) error { return works.Shift(ctx, tx, last, -1, by) }); err != nil {
			t.Fatal(err)
		}
		if got := ids(); got[len(got)-2] != last {
			t.Errorf("after moving up: %v", got)
		}
		if err := tx(func(tx *store.Tx) error { return works.Reorder(ctx, tx, collID, []int64{last}, by) }); !errors.Is(err, works.ErrStale) {
			t.Errorf("partial order: %v", err)
		}
	})
}
