package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// The site's own short texts of a forum (internal/sitetext) are translated
// in the workbench: the forum's page leads to their page, which lists the
// language pairs with their progress, opens a pair in the workbench (its
// texts read from the drafts first), and lists the texts whose
// translation could not go into their drafts, with both texts, for the
// translator to write the confirmed ones in or to choose the workbench's
// over a draft changed meanwhile.

// siteTextsURL is the address of forum id's site texts page.
func siteTextsURL(id int64) string { return officePrefix + "/forums/" + itoa(id) + "/texts" }

// siteTextsForum returns the forum of the route's {id} and its hosts, and
// fails unless the account may see translations of its hosts.
func (s *Server) siteTextsForum(rq *officeRequest) (*forum.Forum, []int64, error) {
	id, err := pathID(rq, "id")
	if err != nil {
		return nil, nil, err
	}
	f, hosts, err := s.forumHosts(rq.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if !rq.Account.Admin {
		if err := rq.must(account.SubjectTranslation, account.View, hosts...); err != nil {
			return nil, nil, err
		}
	}
	return f, hosts, nil
}

// siteTextsPage is what the site texts page shows.
type siteTextsPage struct {
	ForumURL string
	Action   string
	// CanOpen is set for those who translate: opening a pair reads the
	// drafts into it. Reviewers follow the link to a pair opened.
	CanOpen, CanTranslate bool
	Pairs                 []siteTextsPair
	// Error is why opening a pair failed, with From and To as chosen.
	Error    string
	From, To string
}

// siteTextsPair is a language pair of the forum's texts.
type siteTextsPair struct {
	From, To, Label string
	Texts           int
	// Translation is the pair's translation once opened.
	Translation *translate.Translation
	URL         string
	Percent     int
	Apply       string
	// Ready are the texts confirmed that their drafts do not have yet,
	// Problems those that could not go there.
	Ready    int
	Problems []siteTextRow
}

// siteTextRow is a text whose translation is not in its draft.
type siteTextRow struct {
	ID, Label, Status   string
	Source, Translation string
	Draft               string
	// Force is set when the translator may write the workbench's
	// translation over the draft's.
	Force bool
}

// siteTextsShow answers GET /office/forums/{id}/texts.
func (s *Server) siteTextsShow(w http.ResponseWriter, rq *officeRequest) error {
	f, hosts, err := s.siteTextsForum(rq)
	if err != nil {
		return err
	}
	return s.renderSiteTexts(w, rq, http.StatusOK, f, hosts, "", "", "")
}

func (s *Server) renderSiteTexts(w http.ResponseWriter, rq *officeRequest, status int, f *forum.Forum, hosts []int64, errKey, from, to string) error {
	ctx := rq.Context()
	texts, err := sitetext.Collect(ctx, s.db, f.ID)
	if err != nil {
		return err
	}
	admin := rq.Account.Admin
	pg := &siteTextsPage{ForumURL: officePrefix + "/forums/" + itoa(f.ID), Action: siteTextsURL(f.ID),
		CanTranslate: admin || rq.can(account.SubjectTranslation, account.Edit, hosts...),
		From:         from, To: to}
	pg.CanOpen = pg.CanTranslate
	if errKey != "" {
		pg.Error = rq.T.T(errKey)
	}
	trs, err := sitetext.Translations(ctx, s.db, f.ID)
	if err != nil {
		return err
	}
	revs := s.revisions()
	labels := siteLabelsOf(rq, texts)
	for _, src := range texts.Sources() {
		for _, to := range texts.Languages {
			if to == src.Lang {
				continue
			}
			p := siteTextsPair{From: src.Lang, To: to, Texts: src.Texts,
				Label: rq.T.T("memory.pair", tagName(rq, src.Lang), tagName(rq, to))}
			for _, tr := range trs {
				if tr.SourceLang == src.Lang && tr.Lang == to {
					p.Translation = tr
				}
			}
			if tr := p.Translation; tr != nil {
				p.URL = officePrefix + "/translations/" + itoa(tr.ID)
				p.Apply = siteTextsURL(f.ID) + "/" + itoa(tr.ID) + "/apply"
				counts, err := translate.Progress(ctx, s.db, tr.ID)
				if err != nil {
					return err
				}
				p.Percent = counts.Percent()
				fields, err := sitetext.Fields(ctx, s.db, revs, tr)
				if err != nil {
					return err
				}
				for _, fd := range fields {
					switch fd.Status {
					case sitetext.Ready:
						p.Ready++
					case sitetext.Changed, sitetext.SourceChanged, sitetext.Removed:
						p.Problems = append(p.Problems, siteTextRow{ID: fd.ID, Label: labels[fd.ID], Status: rq.T.T("sitetexts.status." + string(fd.Status)),
							Source: fd.Source, Translation: fd.Translation, Draft: fd.Draft, Force: fd.Status == sitetext.Changed && pg.CanTranslate})
					}
				}
			}
			pg.Pairs = append(pg.Pairs, p)
		}
	}
	title, _ := f.Title.In(rq.Lang)
	return s.officeRenderStatus(w, rq, status, "sitetexts", "forums", rq.T.T("sitetexts.title", title), pg)
}

// siteLabels names the blocks of forum forumID's site texts for the
// workbench, by text: the field and, where the text does not say it,
// whose it is.
func (s *Server) siteLabels(rq *officeRequest, forumID int64) (map[string]string, error) {
	texts, err := sitetext.Collect(rq.Context(), s.db, forumID)
	if err != nil {
		return nil, err
	}
	return siteLabelsOf(rq, texts), nil
}

func siteLabelsOf(rq *officeRequest, texts *sitetext.Texts) map[string]string {
	out := make(map[string]string, len(texts.List))
	for _, t := range texts.List {
		label := rq.T.T("sitetexts.field." + t.Name)
		if of, _ := t.Of.In(rq.Lang); of != "" {
			label += " · " + lang.WithoutBreakHints(of)
		}
		out[t.ID] = label
	}
	return out
}

// siteWriteBack writes the text of a site translation that block is part
// of into its draft if every sentence of it is confirmed, in the
// transaction that confirmed the last, as the account that did; it returns
// the notice the workbench shows ("" when there is nothing to say) and
// whether it tells of a text not written. A translation the draft's rules
// refuse (too long) is not written either, and said so.
func (s *Server) siteWriteBack(rq *officeRequest, tx *store.Tx, tr *translate.Translation, block string) (string, bool, error) {
	id := sitetext.TextOf(block)
	fs, err := sitetext.WriteBack(rq.Context(), tx, s.revisions(), tr, []string{id}, false, rq.actor())
	if errors.Is(err, approval.ErrInvalid) {
		return rq.T.T("sitetexts.notice.invalid"), true, nil
	}
	if err != nil {
		return "", false, err
	}
	for _, f := range fs {
		if f.ID != id {
			continue
		}
		switch {
		case f.Written:
			return rq.T.T("sitetexts.notice.written"), false, nil
		case f.Status == sitetext.Changed || f.Status == sitetext.SourceChanged || f.Status == sitetext.Removed:
			return rq.T.T("sitetexts.notice." + string(f.Status)), true, nil
		}
	}
	return "", false, nil
}
