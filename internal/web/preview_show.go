package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
)

// errPreviewRendered ends a preview's transaction so that it rolls back.
var errPreviewRendered = errors.New("preview rendered")

// previewShow answers GET /office/preview/{kind}/{id} and
// /office/preview/{kind}/{id}/{lang}: the subject's public page (forum,
// programme, news post, partner, person) in lang (the account's language
// when none is given) exactly as the public will see it once the draft is
// published, marked as a preview and noindex, never cached (the office
// chain says no-store, and the public page cache never sees it). In a
// programme's preview the speeches link to
// /office/preview/programme/{id}/{lang}/speeches/{speech}, their pages as
// the draft has them.
//
// The draft is applied to the live tables in a transaction, the public
// page's own handler renders from a store bound to that transaction, and
// the transaction is rolled back. On SQLite the transaction holds the
// write lock while the page renders, a few milliseconds (the
// Server-Timing header says how long), during which other writers wait.
func (s *Server) previewShow(w http.ResponseWriter, rq *officeRequest) error {
	subj, err := approvalSubject(rq.Request)
	if err != nil {
		return err
	}
	l := rq.PathValue("lang")
	if l == "" {
		l = rq.Lang
	}
	if !i18n.Supported(l) {
		return fmt.Errorf("preview in %q: %w", l, errkind.NotFound)
	}
	ctx := rq.Context()
	var res result
	start := time.Now()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if _, err := s.loadApprovalSubject(ctx, tx, rq, subj, account.View); err != nil {
			return err
		}
		d, err := approval.Apply(ctx, tx, subj)
		if err != nil {
			return err
		}
		fs := &forum.Store{DB: tx}
		page, param, slug, err := previewPage(ctx, s, fs, subj, d.Content)
		if err != nil {
			return err
		}
		r := rq.Request.Clone(ctx)
		r.SetPathValue(param, slug)
		var rest string
		if sp := rq.PathValue("speech"); sp != "" && subj.Kind != approval.KindProgramme {
			return fmt.Errorf("preview of speech %q of %s: %w", sp, subj, errkind.NotFound)
		} else if sp != "" {
			// A speech of the programme's draft: its page as the public
			// will see it.
			page, rest = s.speechShow, "/speeches/"+sp
			r.SetPathValue("speech", sp)
		}
		res, err = page(&request{Request: r, Lang: l, T: s.catalog.Printer(l), Query: url.Values{}, Forums: fs, Preview: approvalPreviewPath(subj), PreviewPath: rest})
		if err != nil {
			return err
		}
		return errPreviewRendered
	})
	took := time.Since(start)
	if !errors.Is(err, errPreviewRendered) {
		return err
	}
	s.log.Debug("preview", slog.String("subject", subj.String()), slog.Duration("locked", took))
	w.Header().Set("Content-Type", res.contentType)
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Header().Set("Server-Timing", fmt.Sprintf("preview;dur=%.1f", float64(took.Microseconds())/1000))
	_, err = w.Write(res.body)
	return err
}

// previewPage returns the public page of subj, and the path value that
// names it (its slug, as content has it), for a preview.
func previewPage(ctx context.Context, s *Server, fs *forum.Store, subj approval.Subject, content any) (pageFunc, string, string, error) {
	switch c := content.(type) {
	case *forum.Forum:
		return s.forumShow, "forum", c.Slug, nil
	case *forum.Programme:
		f, err := fs.ForumByID(ctx, subj.ID)
		if err != nil {
			return nil, "", "", err
		}
		return s.programmeShow, "forum", f.Slug, nil
	case *forum.NewsPost:
		return s.newsShow, "post", c.Slug, nil
	case *forum.Partner:
		return s.partnerShow, "partner", c.Slug, nil
	case *forum.Person:
		return s.personShow, "person", c.Slug, nil
	}
	return nil, "", "", fmt.Errorf("preview %s: %w", subj, errkind.NotFound)
}
