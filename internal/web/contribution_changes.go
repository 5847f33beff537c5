package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/works"
)

// metadataChanges lists the fields in which metadata before and after of
// language l differ, keywords joined as that language writes a list.
func metadataChanges(t *i18n.Printer, l string, before, after works.Metadata) []metadataChange {
	var out []metadataChange
	add := func(key, b, a string) {
		if a != b {
			out = append(out, metadataChange{Field: t.T(key), Before: b, After: a})
		}
	}
	add("works.contribution.title", before.Title, after.Title)
	add("works.contribution.abstract", before.Abstract, after.Abstract)
	add("works.contribution.keywords", joinKeywords(l, before.Keywords), joinKeywords(l, after.Keywords))
	return out
}

// contributionChanges answers GET
// /office/contributions/{id}/languages/{lang}/changes?partner=P: what
// changed in language lang's text since host P approved it, for the
// approvers of a re-opened approval: the text's blocks, and the title,
// abstract and keywords of the language.
func (s *Server) contributionChanges(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	partner, _ := strconv.ParseInt(rq.URL.Query().Get("partner"), 10, 64)
	l := rq.PathValue("lang")
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	as, err := works.Approvals(ctx, s.db, id, l)
	if err != nil {
		return err
	}
	if err := s.nameApprovers(rq, as); err != nil {
		return err
	}
	var ap *works.Approval
	for i := range as {
		if as[i].PartnerID == partner {
			ap = &as[i]
		}
	}
	if ap == nil {
		return fmt.Errorf("approval of %d %s by %d: %w", id, l, partner, errkind.NotFound)
	}
	var approved doc.Document
	if err := json.Unmarshal(ap.Snapshot, &approved); err != nil {
		return fmt.Errorf("approval snapshot: %w", err)
	}
	_, snap, err := s.currentText(ctx, s.db, a.C, l, nil)
	if err != nil {
		return err
	}
	var cur doc.Document
	if snap != nil {
		if err := json.Unmarshal(snap, &cur); err != nil {
			return err
		}
	} else {
		cur = doc.Document{Version: doc.Version, Lang: approved.Lang}
	}
	title, _ := a.C.Title.In(rq.Lang)
	pg := &diffPage{T: rq.T, Back: manuscriptPath(id), Heading: title}
	approvedMeta, err := works.MetadataBefore(ctx, s.db, a.C, l, ap.ApprovedAt)
	if err != nil {
		return err
	}
	pg.Metadata = metadataChanges(rq.T, l, approvedMeta, a.C.MetadataIn(l))
	if pg.HTML, err = s.diffHTML(rq, doc.Diff(&approved, &cur), pg); err != nil {
		return err
	}
	return s.officeRender(w, rq, "manuscript_diff", "",
		rq.T.T("manuscript.changes.title", workLangName(rq.T, l), ap.AccountName, rq.T.Date(ap.ApprovedAt)), pg)
}
