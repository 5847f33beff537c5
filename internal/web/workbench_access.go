package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/tm"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// WorkbenchMemory is the translation memory as the workbench uses it: it
// suggests translations for a segment and takes every confirmed one, in the
// transaction that confirms it. *translate.Memory is one.
type WorkbenchMemory interface {
	Lookup(ctx context.Context, from, to string, src interchange.Content, context string) ([]tm.Match, error)
	translate.MemoryWriter
}

// WorkbenchTerms gives the workbench a forum's termbase: for the terms
// shown beside a segment and for the QA check of terms.
type WorkbenchTerms interface {
	Termbase(ctx context.Context, forumID int64) (*interchange.Termbase, error)
	// Hits finds the termbase's terms in src, a text in language from,
	// with their renderings in to.
	Hits(tb *interchange.Termbase, from, to, src string) []translate.TermHit
}

// translationOwner returns the forum a translation's text belongs to (0 for
// none) and the partners whose teams work on it: the forum's hosts. A text
// of no forum, or of an owner the office does not know yet, belongs to no
// partner: only admins work on it.
func (s *Server) translationOwner(ctx context.Context, tr *translate.Translation) (forumID int64, partners []int64, err error) {
	var q string
	switch tr.OwnerKind {
	case "news":
		q = `SELECT forum_id FROM news_posts WHERE id = ?`
	case "speech", subtrans.OwnerKind:
		q = `SELECT forum_id FROM speeches WHERE id = ?`
	case ownerContribution:
		q = `SELECT c.forum_id FROM contributions k JOIN collections c ON c.id = k.collection_id WHERE k.id = ?`
	case sitetext.OwnerKind:
		// The site's texts of a forum: its hosts' translators and
		// editors translate, their reviewers and organisers review.
		q = `SELECT id FROM forums WHERE id = ?`
	default:
		return 0, nil, nil
	}
	var f sql.NullInt64
	err = s.db.QueryRow(ctx, q, tr.OwnerID).Scan(&f)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !f.Valid {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("owner of translation %d: %w", tr.ID, err)
	}
	rows, err := s.db.Query(ctx, `SELECT partner_id FROM forum_hosts WHERE forum_id = ? ORDER BY position`, f.Int64)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return 0, nil, err
		}
		partners = append(partners, p)
	}
	return f.Int64, partners, rows.Err()
}

// translationAccess says what the signed-in account may do with translation
// tr: translate it (translators and editors of the partners it belongs
// to), review it (reviewers and organisers there); an admin may do both. An
// account that may do neither, nor read it, is told it does not exist.
func (s *Server) translationAccess(rq *officeRequest, tr *translate.Translation) (canTranslate, canReview bool, err error) {
	_, partners, err := s.translationOwner(rq.Context(), tr)
	if err != nil {
		return false, false, err
	}
	if rq.Account.Admin {
		return true, true, nil
	}
	if len(partners) == 0 {
		return false, false, fmt.Errorf("translation %d of a %s: %w", tr.ID, tr.OwnerKind, errkind.NotFound)
	}
	if tr.OwnerKind == ownerContribution {
		return s.contributionTranslationAccess(rq, tr, partners)
	}
	if err := rq.must(account.SubjectTranslation, account.View, partners...); err != nil {
		return false, false, err
	}
	return rq.can(account.SubjectTranslation, account.Edit, partners...), rq.can(account.SubjectTranslation, account.Approve, partners...), nil
}

// contributionTranslationAccess is translationAccess for a contribution's
// translation into tr.Lang. Where the contribution names translators or
// reviewers for that language, they are the ones who translate or review
// it, with the hosts' editors (translate) and organisers (review); where it
// names none, the hosts' teams do by their roles. Staff see it even when
// their roles would not let them.
func (s *Server) contributionTranslationAccess(rq *officeRequest, tr *translate.Translation, hosts []int64) (canTranslate, canReview bool, err error) {
	c, err := works.GetContribution(rq.Context(), s.db, tr.OwnerID)
	if err != nil {
		return false, false, err
	}
	acct := rq.Account.ID
	isTranslator, isReviewer := c.IsStaff(acct, tr.Lang, works.RoleTranslator), c.IsStaff(acct, tr.Lang, works.RoleReviewer)
	if !isTranslator && !isReviewer {
		if err := rq.must(account.SubjectTranslation, account.View, hosts...); err != nil {
			return false, false, err
		}
	}
	named := map[works.StaffRole]bool{}
	for _, st := range c.Staff {
		if st.Lang == tr.Lang {
			named[st.Role] = true
		}
	}
	canTranslate = isTranslator || rq.can(account.SubjectContribution, account.Edit, hosts...) ||
		!named[works.RoleTranslator] && rq.can(account.SubjectTranslation, account.Edit, hosts...)
	canReview = isReviewer || rq.can(account.SubjectContribution, account.Approve, hosts...) ||
		!named[works.RoleReviewer] && rq.can(account.SubjectTranslation, account.Approve, hosts...)
	return canTranslate, canReview, nil
}

// ForumTerms is the forums' termbases in the database (internal/translate),
// as the workbench asks for them.
type ForumTerms struct{ DB store.Querier }

// Termbase returns forum forumID's termbase.
func (f ForumTerms) Termbase(ctx context.Context, forumID int64) (*interchange.Termbase, error) {
	return translate.Terms(ctx, f.DB, forumID)
}

// Hits lists tb's terms used in src with their renderings in to.
func (ForumTerms) Hits(tb *interchange.Termbase, from, to, src string) []translate.TermHit {
	return translate.Hits(tb, from, to, src)
}

// translationTitle is the title a translation's pages are headed with: for
// a contribution's, its title in the translation's language, else in the
// reader's, else in its original language (the first complete of these);
// for other translations, and a contribution whose title has none of
// them, the title of the document translated.
func (s *Server) translationTitle(rq *officeRequest, tr *translate.Translation) (string, error) {
	if tr.OwnerKind != ownerContribution {
		return tr.Title, nil
	}
	c, err := works.GetContribution(rq.Context(), s.db, tr.OwnerID)
	if errors.Is(err, errkind.NotFound) || errors.Is(err, sql.ErrNoRows) {
		return tr.Title, nil
	}
	if err != nil {
		return "", err
	}
	for _, l := range []string{tr.Lang, rq.Lang, c.Title.Source} {
		if v := c.Title.Values[l]; v != "" && c.Title.Complete(l) {
			return v, nil
		}
	}
	return tr.Title, nil
}
