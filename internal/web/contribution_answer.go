package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// An invitation to contribute is answered at /office/contribute/{token},
// signed in or not: the link is the invitee's proof. Accepting as a
// visitor whose address has no account makes one (name, password,
// language), linked to the invited person with the role of author and no
// other rights; a visitor whose address has an account signs in first;
// someone signed in accepts with the account they are signed in with, and
// only when it is the invitation's address's: another account holding the
// link is told to sign out first. A person who already acts through an
// account is not linked to a second one by an invitation to another
// address. Declining needs no account and may say why.

// contributePage is the page that answers an invitation.
type contributePage struct {
	Form       *form
	Summary    *errorSummary
	Token      string
	Forum      string
	Collection string
	Title      string
	Person     string
	Deadline   string
	Email      string
	// SignedInAs is the account that accepting links; Existing is set for
	// a visitor whose address has an account, who must sign in first.
	SignedInAs string
	Existing   bool
	// Refusal says why accepting is not possible here (another account
	// signed in, a person linked to another account); OtherAccount is
	// set when signing out is the way on.
	Refusal      string
	OtherAccount bool
	SignInURL    string
	DeclineURL   string
	Langs        []teamOption
	// Decline is set on the decline form.
	Decline bool
}

// contributeInvitation reads the invitation of the path's token and what
// it is about, in its language unless the reader chose another; a link
// that no longer works is answered with a page that says why (410).
func (s *Server) contributeInvitation(w http.ResponseWriter, rq *officeRequest) (*works.Invitation, *works.Contribution, *worksScope, bool, error) {
	ctx := rq.Context()
	inv, err := works.InvitationByToken(ctx, s.db, rq.PathValue("token"))
	if err == nil {
		err = inv.Open()
	}
	var ie *works.InvitationError
	if errors.As(err, &ie) {
		s.chooseLang(rq)
		main := officeErrorPage{Status: http.StatusGone, Title: rq.T.T("office.team.link.title"), Body: rq.T.T(ie.Key)}
		return nil, nil, nil, false, s.officeRenderStatus(w, rq, http.StatusGone, "error", "", main.Title, main)
	}
	if err != nil {
		return nil, nil, nil, false, err
	}
	if !s.chooseLang(rq) && rq.Account == nil && s.sessions.GetString(ctx, sessLang) == "" {
		s.sessions.Put(ctx, sessLang, inv.Lang)
		rq.inLang(s, inv.Lang)
	}
	c, err := works.GetContribution(ctx, s.db, inv.ContributionID)
	if err != nil {
		return nil, nil, nil, false, err
	}
	sc, err := s.collectionScope(ctx, c.CollectionID)
	if err != nil {
		return nil, nil, nil, false, err
	}
	return inv, c, sc, true, nil
}

// contributeShow answers GET /office/contribute/{token}: what the
// invitation is about and the way to accept it.
func (s *Server) contributeShow(w http.ResponseWriter, rq *officeRequest) error {
	inv, c, sc, ok, err := s.contributeInvitation(w, rq)
	if !ok {
		return err
	}
	f := newForm(rq.T, url.Values{"lang": {rq.Lang}})
	return s.renderContribute(w, rq, http.StatusOK, inv, c, sc, f, false)
}

// renderContribute writes the answer page (decline: its decline form).
func (s *Server) renderContribute(w http.ResponseWriter, rq *officeRequest, status int, inv *works.Invitation, c *works.Contribution, sc *worksScope, f *form, decline bool) error {
	ctx := rq.Context()
	token := rq.PathValue("token")
	pg := &contributePage{Form: f, Summary: f.summary("name", "password", "password2", "lang", "reason"), Token: token, Email: inv.Email, Decline: decline,
		SignInURL:  officePrefix + "/signin?next=" + url.QueryEscape(officePrefix+"/contribute/"+token),
		DeclineURL: officePrefix + "/contribute/" + token + "/decline"}
	pg.Forum, _ = sc.Forum.Title.In(rq.Lang)
	pg.Collection, _ = sc.Collection.Title.In(rq.Lang)
	pg.Title, _ = c.Title.In(rq.Lang)
	for _, a := range c.Authors {
		if a.PersonID == inv.PersonID {
			pg.Person = personName(a.Names, rq.Lang).Value
		}
	}
	if !sc.Collection.Deadline.IsZero() {
		pg.Deadline = zoned(rq, sc.Collection.Deadline, sc.Forum.TimeZone)
	}
	if rq.Account != nil {
		pg.SignedInAs = rq.Account.Email
	} else {
		_, err := s.accounts.ByEmail(ctx, inv.Email)
		if err != nil && !errors.Is(err, account.ErrNotFound) {
			return err
		}
		pg.Existing = err == nil
	}
	if err := s.acceptRefusal(ctx, rq, inv); err != nil {
		var ie *works.InvitationError
		if !errors.As(err, &ie) {
			return err
		}
		pg.OtherAccount = errors.Is(err, works.ErrOtherAccount)
		if pg.OtherAccount {
			pg.Refusal = rq.T.T(ie.Key, pg.SignedInAs, inv.Email)
		} else {
			pg.Refusal = rq.T.T(ie.Key)
		}
	}
	for _, l := range i18n.Languages {
		pg.Langs = append(pg.Langs, teamOption{Value: l, Label: rq.T.T("lang.self." + l)})
	}
	return s.officeRenderStatus(w, rq, status, "contribute", "", rq.T.T("works.contribute.title", rq.T.InTitleMarks(pg.Collection)), pg)
}

// acceptRefusal says why the account signed in (or, for a visitor, a new
// account for the invitation's address) may not accept inv, or nil.
func (s *Server) acceptRefusal(ctx context.Context, rq *officeRequest, inv *works.Invitation) error {
	if rq.Account != nil {
		return works.AcceptRefusal(ctx, s.db, inv, rq.Account.ID, rq.Account.Email)
	}
	return works.AcceptRefusal(ctx, s.db, inv, 0, inv.Email)
}

// contributeAccept answers POST /office/contribute/{token}: it accepts the
// invitation for the account signed in, or for a new account made from
// the form (the address's; a visitor whose address has an account is
// asked to sign in), which is then signed in. The contribution goes
// invited → accepted, the collection's editors and the inviter are told,
// and the account goes to the contribution's page. A link used twice is
// answered as one that no longer works.
func (s *Server) contributeAccept(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("contribute form: %v", err)
	}
	inv, c, sc, ok, err := s.contributeInvitation(w, rq)
	if !ok {
		return err
	}
	ctx := rq.Context()
	f := newForm(rq.T, rq.PostForm)
	refused := func(err error) error {
		f.values = url.Values{"name": {f.values.Get("name")}, "lang": {f.values.Get("lang")}}
		return s.renderContribute(w, rq, errkind.Status(err), inv, c, sc, f, false)
	}
	if err := s.acceptRefusal(ctx, rq, inv); err != nil {
		var ie *works.InvitationError
		if !errors.As(err, &ie) {
			return err
		}
		return refused(err)
	}
	var prep *account.Prepared
	if rq.Account == nil {
		if _, err := s.accounts.ByEmail(ctx, inv.Email); err == nil {
			f.fail("password", "works.contribute.signinfirst")
		} else if !errors.Is(err, account.ErrNotFound) {
			return err
		}
		name := f.text("name", true, 200)
		lang := f.choice("lang", true, i18n.Languages...)
		pw := passwordPair(f, "password")
		if f.ok() {
			prep, err = s.accounts.Prepare(ctx, account.NewAccount{Email: inv.Email, Name: name, Lang: lang, Password: pw})
			if err != nil && !failAccount(f, "name", err) {
				return err
			}
		}
		if !f.ok() {
			f.values = url.Values{"name": {f.values.Get("name")}, "lang": {f.values.Get("lang")}}
			return s.renderContribute(w, rq, http.StatusUnprocessableEntity, inv, c, sc, f, false)
		}
	}
	acct := rq.Account
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if prep != nil {
			if acct, err = s.accounts.AddPrepared(ctx, tx, prep); err != nil {
				return err
			}
			if len(sc.Hosts) > 0 {
				if err := account.GrantIn(ctx, tx, acct.ID, sc.Hosts[0], account.Author); err != nil {
					return err
				}
			}
		}
		by := works.Actor{AccountID: acct.ID, Name: acct.Name}
		if err := works.AcceptInvitation(ctx, tx, inv, acct.ID, time.Now(), by); err != nil {
			return err
		}
		return s.mailAnswered(ctx, tx, sc, c, inv, acct.Name)
	})
	var ie *works.InvitationError
	switch {
	case errors.Is(err, works.ErrOtherAccount), errors.Is(err, works.ErrPersonLinked):
		return refused(err)
	case errors.As(err, &ie):
		main := officeErrorPage{Status: http.StatusGone, Title: rq.T.T("office.team.link.title"), Body: rq.T.T(ie.Key)}
		return s.officeRenderStatus(w, rq, http.StatusGone, "error", "", main.Title, main)
	case errors.Is(err, account.ErrEmailTaken):
		f.fail("password", "works.contribute.signinfirst")
		f.values = url.Values{"name": {f.values.Get("name")}, "lang": {f.values.Get("lang")}}
		return s.renderContribute(w, rq, http.StatusConflict, inv, c, sc, f, false)
	case err != nil:
		return err
	}
	if prep != nil {
		if err := s.startSession(ctx, acct); err != nil {
			return err
		}
		if err := s.logEvent(ctx, acct, "signin.success", accountSubject(acct.ID), clientAddr(rq.Request)); err != nil {
			return err
		}
	}
	s.flash(ctx, "works.contribute.accepted")
	return seeOther(w, rq.Request, contributionPath(c.ID))
}

// contributeDeclineShow answers GET /office/contribute/{token}/decline:
// the form that declines, with room for a reason.
func (s *Server) contributeDeclineShow(w http.ResponseWriter, rq *officeRequest) error {
	inv, c, sc, ok, err := s.contributeInvitation(w, rq)
	if !ok {
		return err
	}
	return s.renderContribute(w, rq, http.StatusOK, inv, c, sc, newForm(rq.T, nil), true)
}

// contributeDecline answers POST /office/contribute/{token}/decline: the
// invitation is declined with the reason given, if any; the contribution
// goes invited → declined unless a co-author may still write it, and the
// collection's editors and the inviter are told.
func (s *Server) contributeDecline(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("decline form: %v", err)
	}
	inv, c, sc, ok, err := s.contributeInvitation(w, rq)
	if !ok {
		return err
	}
	ctx := rq.Context()
	f := newForm(rq.T, rq.PostForm)
	reason := f.multiline("reason", false, 2000)
	if !f.ok() {
		return s.renderContribute(w, rq, http.StatusUnprocessableEntity, inv, c, sc, f, true)
	}
	by := works.Actor{Name: inv.Email}
	if rq.Account != nil {
		by = works.Actor{AccountID: rq.Account.ID, Name: rq.Account.Name}
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := works.DeclineInvitation(ctx, tx, inv, reason, time.Now(), by); err != nil {
			return err
		}
		return s.mailAnswered(ctx, tx, sc, c, inv, by.Name)
	})
	var ie *works.InvitationError
	if errors.As(err, &ie) {
		main := officeErrorPage{Status: http.StatusGone, Title: rq.T.T("office.team.link.title"), Body: rq.T.T(ie.Key)}
		return s.officeRenderStatus(w, rq, http.StatusGone, "error", "", main.Title, main)
	}
	if err != nil {
		return err
	}
	main := officeErrorPage{Status: http.StatusOK, Title: rq.T.T("works.contribute.declined.title"), Body: rq.T.T("works.contribute.declined.body")}
	return s.officeRenderStatus(w, rq, http.StatusOK, "error", "", main.Title, main)
}

// mailAnswered tells the collection's volume editors and the inviter, each
// in their language, that inv was accepted or declined (its State says
// which) by who, with the reason of a decline.
func (s *Server) mailAnswered(ctx context.Context, tx *store.Tx, sc *worksScope, c *works.Contribution, inv *works.Invitation, who string) error {
	ids := []int64{inv.InvitedBy}
	for _, e := range sc.Collection.Editors {
		ids = append(ids, e.AccountID)
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if id == 0 || seen[id] {
			continue
		}
		seen[id] = true
		a, err := s.accounts.ByID(ctx, id)
		if errors.Is(err, account.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if a.Disabled {
			continue
		}
		p := s.catalog.Printer(a.Lang)
		title, _ := c.Title.In(a.Lang)
		coll, _ := sc.Collection.Title.In(a.Lang)
		key := "works.mail.accepted"
		if inv.State == works.InviteDeclined {
			key = "works.mail.declined"
		}
		body := []string{p.T(key+".body", who, p.Quote(title), p.Quote(coll))}
		if inv.Reason != "" {
			body = append(body, p.T("works.mail.declined.reason", inv.Reason))
		}
		msg := mail.Compose(p, mail.Letter{To: mail.Address{Name: a.Name, Email: a.Email}, Subject: p.T(key+".subject", title),
			Body: body, Link: s.base.String() + contributionPath(c.ID)})
		if _, err := mail.Enqueue(ctx, tx, msg); err != nil {
			return err
		}
	}
	return nil
}
