package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/qa"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/translate"
)

// maxSegmentBody bounds the JSON of one segment's save.
const maxSegmentBody = 256 << 10

// segmentEdit is what the workbench's script posts for a segment.
type segmentEdit struct {
	// Action is "save" (a translator's draft or confirmation),
	// "approve" or "return" (a reviewer's decision).
	Action  string    `json:"action"`
	Version int       `json:"version"`
	State   string    `json:"state"`
	Target  []wireRun `json:"target"`
	Comment string    `json:"comment"`
	// Anyway confirms a translation the QA check finds an error in, once
	// the translator has seen the error; without it such a confirmation
	// is held as a draft.
	Anyway bool `json:"anyway"`
}

// saveAnswer is what a save answers: the segment as it now is with its QA
// findings, and the translation's progress.
type saveAnswer struct {
	Segment  segmentJSON `json:"segment"`
	Percent  int         `json:"percent"`
	Progress string      `json:"progress"`
	// States are the segments and characters in each state, in the
	// order of translate.States, for the page's table and state filter.
	States []stateJSON `json:"states"`
	// Notice says what became of the text in its draft, for a text of
	// the site (sitetext): written there, or not because the draft
	// changed meanwhile (Bad).
	Notice    string `json:"notice,omitempty"`
	NoticeBad bool   `json:"noticeBad,omitempty"`
	// Held says that a confirmation was saved as a draft instead, since
	// the QA check found an error in it (Segment's findings say which).
	Held bool `json:"held,omitempty"`
}

// failAnswer is what a refused save answers: why, in the reader's
// language, and on a conflict the segment as someone else left it.
type failAnswer struct {
	Error    string       `json:"error"`
	Conflict *segmentJSON `json:"conflict,omitempty"`
}

// workbenchSave answers POST /office/translations/{id}/segments/{seg}: a
// translator saves a draft or confirms a segment (state draft or
// translated), a reviewer approves or returns one. A confirmation whose
// translation the QA check finds an error in is saved as a draft and
// answered as held, unless the edit says to confirm it anyway: so the
// segment's state, the progress counted and the message agree that it is
// not confirmed until the translator insists. The answer is JSON: 200
// with the segment and its QA findings; 409 with the segment as it now is when someone else changed it
// since the version the edit names; 422 with the reason when the edit
// loses or invents inline codes, confirms an empty translation, holds
// control characters or is too long, or returns a segment without a
// comment; 413 for a body over maxSegmentBody; 403 or 404 when the account
// may not.
func (s *Server) workbenchSave(w http.ResponseWriter, rq *officeRequest) error {
	tr, seg, err := s.workbenchSegment(rq)
	if err != nil {
		return s.workbenchFail(w, rq, err)
	}
	canTranslate, canReview, err := s.translationAccess(rq, tr)
	if err != nil {
		return s.workbenchFail(w, rq, err)
	}
	var e segmentEdit
	body, err := io.ReadAll(http.MaxBytesReader(w, rq.Body, maxSegmentBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return writeJSON(w, http.StatusRequestEntityTooLarge, failAnswer{Error: rq.T.T("workbench.error.too_long", translate.MaxTargetChars)})
	}
	if err == nil {
		err = json.Unmarshal(body, &e)
	}
	if err != nil {
		return s.workbenchFail(w, rq, badRequest("segment edit: %v", err))
	}
	ctx := rq.Context()
	forumID, _, err := s.translationOwner(ctx, tr)
	if err != nil {
		return err
	}
	checker, _, err := s.checker(ctx, tr, forumID)
	if err != nil {
		return err
	}
	by := rq.Account.Name
	var after, before translate.Segment
	var notice string
	var noticeBad, held bool
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		switch e.Action {
		case "save":
			// A translator saves a draft or confirms; a reviewer's
			// decisions are approve and return, which keep the text.
			st := translate.State(e.State)
			if !canTranslate {
				return fmt.Errorf("save segment %d: %w", seg.ID, errkind.Forbidden)
			}
			if st != translate.Draft && st != translate.Translated {
				return fmt.Errorf("save segment %d as %q: %w", seg.ID, e.State, translate.ErrState)
			}
			target, err := fromWire(e.Target)
			if err != nil {
				return err
			}
			proposed := seg
			proposed.Target, proposed.State = target, st
			if st == translate.Translated && !e.Anyway && qa.HasError(segmentFindings(checker, proposed)) {
				st, held = translate.Draft, true
			}
			mem, err := s.memoryWriter(ctx, tx, tr)
			if err != nil {
				return err
			}
			after, before, err = translate.SaveIn(ctx, tx, mem, translate.Edit{SegmentID: seg.ID, Version: e.Version, Target: target, State: st, By: by})
			if err != nil {
				return err
			}
		case "approve", "return":
			if !canReview {
				return fmt.Errorf("%s segment %d: %w", e.Action, seg.ID, errkind.Forbidden)
			}
			if e.Action == "approve" {
				after, before, err = translate.ApproveIn(ctx, tx, seg.ID, e.Version, by)
			} else {
				after, before, err = translate.ReturnIn(ctx, tx, seg.ID, e.Version, e.Comment, by)
			}
			if err != nil {
				return err
			}
		default:
			return badRequest("segment edit: action %q", e.Action)
		}
		if tr.OwnerKind == ownerContribution {
			// A changed translation no longer is the text the hosts
			// approved, nor the one its reviewer read.
			if err := s.contributionTranslationChanged(rq, tx, tr); err != nil {
				return err
			}
		}
		if tr.OwnerKind == sitetext.OwnerKind && after.State.Confirmed() {
			// A text of the site whose every sentence is confirmed
			// goes into its draft, for the hosts to approve.
			if notice, noticeBad, err = s.siteWriteBack(rq, tx, tr, after.BlockID); err != nil {
				return err
			}
		}
		if tr.OwnerKind == subtrans.OwnerKind && (after.State == translate.Reviewed || after.State == translate.Approved) {
			// Subtitles reviewed in full become their language's track.
			if notice, err = s.subtitleWriteBack(rq, tx, tr); err != nil {
				return err
			}
		}
		if before.State == after.State && e.Action == "save" {
			return nil
		}
		type segState struct {
			Segment int64           `json:"segment"`
			Key     string          `json:"key"`
			State   translate.State `json:"state"`
			Version int             `json:"version"`
			Comment string          `json:"comment,omitempty"`
		}
		return appendEvent(ctx, tx, rq.Account, "translation.segment."+e.Action, fmt.Sprintf("translation:%d", tr.ID), clientAddr(rq.Request),
			segState{before.ID, before.Key, before.State, before.Version, ""},
			segState{after.ID, after.Key, after.State, after.Version, after.Comment})
	})
	if err != nil {
		return s.workbenchFail(w, rq, err)
	}
	counts, err := translate.Progress(ctx, s.db, tr.ID)
	if err != nil {
		return err
	}
	fs := segmentFindings(checker, after)
	if tr.OwnerKind == subtrans.OwnerKind && !after.Target.IsEmpty() && after.State != translate.New {
		// The cue's other segments make its lines too.
		segs, err := translate.Segments(ctx, s.db, tr.ID)
		if err != nil {
			return err
		}
		if f, ok := cueFindings(tr, segs)[after.BlockID]; ok {
			fs = append(fs, f)
		}
	}
	answer := saveAnswer{Segment: newSegmentJSON(rq.T, after, fs),
		Percent: counts.Percent(), Progress: progressText(rq, counts), States: stateCounts(counts)}
	answer.Notice, answer.NoticeBad, answer.Held = notice, noticeBad, held
	return writeJSON(w, http.StatusOK, answer)
}

// errSegmentGone is a segment the translation no longer has (its text
// changed in a new revision), told apart from one that is not the
// translation's or not the reader's to see.
var errSegmentGone = fmt.Errorf("segment gone: %w", errkind.NotFound)

// workbenchSegment reads the translation and segment a workbench endpoint
// names; a segment of another translation is not found.
func (s *Server) workbenchSegment(rq *officeRequest) (*translate.Translation, translate.Segment, error) {
	var seg translate.Segment
	id, err := idParam(rq)
	if err != nil {
		return nil, seg, err
	}
	segID, err := pathID(rq, "seg")
	if err != nil {
		return nil, seg, err
	}
	tr, err := translate.Get(rq.Context(), s.db, id)
	if err != nil {
		return nil, seg, err
	}
	seg, err = translate.GetSegment(rq.Context(), s.db, segID)
	if errors.Is(err, errkind.NotFound) {
		err = fmt.Errorf("segment %d: %w", segID, errSegmentGone)
	}
	if err == nil && seg.TranslationID != tr.ID {
		err = fmt.Errorf("segment %d of translation %d: %w", segID, seg.TranslationID, errkind.NotFound)
	}
	return tr, seg, err
}

// workbenchFail answers a workbench endpoint that failed, in JSON, with a
// message in the reader's language worded for the editor it is shown in
// (workbench.fail.*, not the error pages' "go to the home page"); what is
// no kind of error the user can act on is logged and answered as a 500
// without its details.
func (s *Server) workbenchFail(w http.ResponseWriter, rq *officeRequest, err error) error {
	t := rq.T
	var ce *translate.ConflictError
	var codes *translate.CodeError
	switch {
	case errors.As(err, &ce):
		cur := newSegmentJSON(t, ce.Current, nil)
		return writeJSON(w, http.StatusConflict, failAnswer{Error: t.T("workbench.error.conflict", segmentAuthor(t, ce.Current)), Conflict: &cur})
	case errors.As(err, &codes):
		var parts []string
		if len(codes.Lost) > 0 {
			parts = append(parts, t.T("workbench.error.codes_lost", strings.Join(codes.Lost, ", ")))
		}
		if len(codes.Invented) > 0 {
			parts = append(parts, t.T("workbench.error.codes_invented", strings.Join(codes.Invented, ", ")))
		}
		if len(codes.Misordered) > 0 {
			parts = append(parts, t.T("workbench.error.codes_order", strings.Join(codes.Misordered, ", ")))
		}
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: strings.Join(parts, " ")})
	case errors.Is(err, translate.ErrEmpty):
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: t.T("workbench.error.empty")})
	case errors.Is(err, translate.ErrTooLong):
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: t.T("workbench.error.too_long", translate.MaxTargetChars)})
	case errors.Is(err, translate.ErrControl):
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: t.T("workbench.error.control")})
	case errors.Is(err, translate.ErrNoComment):
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: t.T("workbench.error.no_comment")})
	case errors.Is(err, errSegmentGone):
		return writeJSON(w, http.StatusNotFound, failAnswer{Error: t.T("workbench.fail.gone")})
	case errors.Is(err, translate.ErrOwnText):
		return writeJSON(w, http.StatusForbidden, failAnswer{Error: t.T("workbench.error.own_text")})
	case errors.Is(err, translate.ErrNotConfirmed):
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: t.T("workbench.error.not_confirmed")})
	case errors.Is(err, translate.ErrState):
		return writeJSON(w, http.StatusUnprocessableEntity, failAnswer{Error: t.T("workbench.error.state")})
	}
	status, key := errorPage(err)
	if status == http.StatusInternalServerError {
		s.log.Error("workbench request failed", "method", rq.Method, "path", rq.URL.Path, "err", err)
	}
	return writeJSON(w, status, failAnswer{Error: t.T("workbench.fail." + key)})
}

// stateJSON is the count of one state of a translation's segments.
type stateJSON struct {
	State    translate.State `json:"state"`
	Segments int             `json:"segments"`
	Chars    int             `json:"chars"`
}

// stateCounts returns c by state, every state in the order of
// translate.States, none left out (a state with no segment has zeros).
func stateCounts(c translate.Counts) []stateJSON {
	var out []stateJSON
	for _, st := range translate.States {
		n := c.ByState[st]
		out = append(out, stateJSON{State: st, Segments: n.Segments, Chars: n.Chars})
	}
	return out
}

// progressText says how far a translation is, for the page's header.
func progressText(rq *officeRequest, c translate.Counts) string {
	done := c.Confirmed()
	return rq.T.N("workbench.progress", c.Total.Segments, done.Segments, done.Chars, c.Total.Chars, c.Percent())
}
