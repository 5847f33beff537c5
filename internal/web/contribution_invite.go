package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionInvite answers POST /office/contributions/{id}/invitations:
// an organiser or editor of the hosts invites one of the contribution's
// authors by e-mail, in the language chosen; the mail names the forum,
// the collection, the contribution and the deadline in the forum's zone,
// with the links to accept and to decline, and the reminders are
// scheduled. A bad address, a deadline already past, a person who is not
// an author or one invited already come back on the page with what was
// typed.
func (s *Server) contributionInvite(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	c, sc, mine, err := s.contributionScope(ctx, rq, id)
	if err != nil {
		return err
	}
	if err := rq.contributionMust(account.Invite, sc, c, mine); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("invitation form: %v", err)
	}
	f := newForm(rq.T, rq.PostForm)
	personID, perr := strconv.ParseInt(f.values.Get("person"), 10, 64)
	if perr != nil {
		f.fail("person", "works.invitation.notauthor")
	}
	email := f.text("email", true, 254)
	if email != "" && f.errors["email"] == nil {
		if _, err := account.NormalizeEmail(email); err != nil {
			failAccount(f, "email", err)
		}
	}
	lang := f.choice("lang", true, i18n.Languages...)
	if !f.ok() {
		return s.renderContributionShow(w, rq, http.StatusUnprocessableEntity, f)
	}
	now := time.Now()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		inv, token, err := works.Invite(ctx, tx, c, sc.Collection, personID, email, lang, now, rq.worksActor(sc.Hosts))
		if err != nil {
			return err
		}
		if err := s.mailInvitation(ctx, tx, sc, c, inv, token, rq.Account.Name, false); err != nil {
			return err
		}
		return works.ScheduleReminders(ctx, tx, inv.ID, sc.Collection.Deadline, now)
	})
	var ie *works.InvitationError
	switch {
	case errors.As(err, &ie) && ie != works.ErrAlreadyInvited:
		field := "person"
		if ie == works.ErrDeadlinePassed {
			field = "email"
			f.fail(field, ie.Key, zoned(rq, sc.Collection.Deadline, sc.Forum.TimeZone))
		} else {
			f.fail(field, ie.Key)
		}
		return s.renderContributionShow(w, rq, http.StatusUnprocessableEntity, f)
	case errors.Is(err, works.ErrAlreadyInvited):
		f.fail("person", ie.Key)
		return s.renderContributionShow(w, rq, http.StatusConflict, f)
	case err != nil && failAccount(f, "email", err):
		return s.renderContributionShow(w, rq, http.StatusUnprocessableEntity, f)
	case err != nil:
		return err
	}
	s.flash(ctx, "works.invitation.sent")
	return seeOther(w, rq.Request, officePrefix+"/contributions/"+itoa(id)+"#invitations")
}

// contributionPath is where a contribution's page is.
func contributionPath(id int64) string { return officePrefix + "/contributions/" + itoa(id) }

// mailInvitation queues, in tx, the invitation's mail in its language:
// who invites, to which forum's collection, the contribution's title, the
// deadline in the forum's zone, and the links to accept and to decline.
// reminder writes it as a reminder that the deadline is near.
func (s *Server) mailInvitation(ctx context.Context, tx *store.Tx, sc *worksScope, c *works.Contribution, inv *works.Invitation, token, inviter string, reminder bool) error {
	p := s.catalog.Printer(inv.Lang)
	forumTitle, _ := sc.Forum.Title.In(inv.Lang)
	collTitle, _ := sc.Collection.Title.In(inv.Lang)
	title, _ := c.Title.In(inv.Lang)
	q := "?lang=" + url.QueryEscape(inv.Lang)
	accept := officePrefix + "/contribute/" + token + q
	decline := s.base.String() + officePrefix + "/contribute/" + token + "/decline" + q
	// The invitation's subject puts the collection's title in Chinese
	// book-title marks, inside which a title it quotes takes the inner ones.
	subject, first := p.T("works.mail.invite.subject", p.InTitleMarks(collTitle)), p.T("works.mail.invite.body", inviter, p.Quote(forumTitle), p.Quote(collTitle), p.Quote(title))
	if reminder {
		subject, first = p.T("works.mail.remind.subject", collTitle), p.T("works.mail.remind.body", p.Quote(title), p.Quote(collTitle))
	}
	body := []string{first}
	if !sc.Collection.Deadline.IsZero() {
		body = append(body, p.T("works.mail.invite.deadline", zonedIn(p, sc.Collection.Deadline, sc.Forum.TimeZone)))
	}
	body = append(body, p.T("works.mail.invite.decline", decline))
	msg := mail.Compose(p, mail.Letter{To: mail.Address{Email: inv.Email}, Subject: subject, Body: body, Link: s.base.String() + accept})
	_, err := mail.Enqueue(ctx, tx, msg)
	return err
}
