package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/translate"
)

// subtitleTranslate answers POST /office/speeches/{id}/subtitles/{lang}/translate,
// for those who translate: the item's subtitles in lang, written in that
// language, are brought into the workbench for translation into the
// language chosen (to), a segment per sentence of each cue, and the
// workbench opens on them. A cue edited in a file uploaded since is a
// segment that needs review. The same language, or a track that is itself
// a translation, is refused on the programme form.
func (s *Server) subtitleTranslate(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.View)
	if err != nil {
		return err
	}
	if !rq.Account.Admin {
		if err := rq.must(account.SubjectTranslation, account.Edit, hosts...); err != nil {
			return err
		}
	}
	if refused, err := s.subtitlesNotVideo(w, rq, sp, f, hosts); refused {
		return err
	}
	from := rq.PathValue("lang")
	if !slices.Contains(i18n.Languages, from) {
		return errkind.NotFound
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("form: %v", err)
	}
	to := rq.PostForm.Get("to")
	ctx := rq.Context()
	title, _ := sp.Title.In(from)
	title = rq.T.T("office.subtitles.translation.document", lang.WithoutBreakHints(title))
	tr, rep, err := subtrans.Open(ctx, s.db, s.revisions(), sp.ID, from, to, title, rq.Account.Name)
	var refusal string
	switch {
	case errors.Is(err, subtrans.ErrPair):
		refusal = "office.subtitles.translation.error.to"
	case errors.Is(err, subtrans.ErrNotOriginal):
		refusal = "office.subtitles.translation.error.original"
	case err != nil:
		return err
	}
	if refusal != "" {
		return s.subtitleRefuse(w, rq, f, hosts, sp.ID, rq.T.T("office.subtitles.translation.refused"), rq.T.T(refusal))
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		return appendEvent(ctx, tx, rq.Account, "subtitles.translate", "speech:"+strconv.FormatInt(sp.ID, 10), clientAddr(rq.Request), nil,
			map[string]any{"from": from, "to": to, "translation": tr.ID, "revision": tr.Revision, "kept": rep.Kept, "changed": rep.Changed,
				"added": rep.Added, "archived": rep.Archived})
	})
	if err != nil {
		return err
	}
	if rep.Changed > 0 && !rep.Created {
		s.flashN(ctx, "office.subtitles.translation.changed", rep.Changed)
	}
	return seeOther(w, rq.Request, officePrefix+"/translations/"+itoa(tr.ID))
}

// subtitleText answers POST /office/speeches/{id}/subtitles/{lang}/text:
// the transcript of the item's subtitles in its original language becomes
// the speech's text in that language, in the programme's draft, for the
// hosts to approve; it is then translated with the forum's other texts.
// Subtitles in another language than the speech's original one, or that
// are a translation, are refused on the programme form.
func (s *Server) subtitleText(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.Create)
	if err != nil {
		return err
	}
	if refused, err := s.subtitlesNotVideo(w, rq, sp, f, hosts); refused {
		return err
	}
	l := rq.PathValue("lang")
	if !slices.Contains(i18n.Languages, l) {
		return errkind.NotFound
	}
	ctx := rq.Context()
	t, err := subtrans.Source(ctx, s.db, sp.ID, l)
	if errors.Is(err, subtrans.ErrNotOriginal) || err == nil && sp.OriginalLang != "" && sp.OriginalLang != l {
		return s.subtitleRefuse(w, rq, f, hosts, sp.ID, rq.T.T("office.subtitles.text.refused"), rq.T.T("office.subtitles.text.error.original"))
	}
	if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		d, err := subtrans.UseAsText(ctx, tx, t, rq.actor())
		if err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "subtitles.text", "speech:"+strconv.FormatInt(sp.ID, 10), clientAddr(rq.Request), nil,
			map[string]any{"lang": l, "cues": len(t.Cues), "programme": d.Version})
	})
	switch {
	case errors.Is(err, subtrans.ErrNoSpeech):
		return s.subtitleRefuse(w, rq, f, hosts, sp.ID, rq.T.T("office.subtitles.text.refused"), rq.T.T("office.subtitles.text.error.nospeech"))
	case errors.Is(err, approval.ErrInvalid):
		return s.subtitleRefuse(w, rq, f, hosts, sp.ID, rq.T.T("office.subtitles.text.refused"), rq.T.T(approval.MessageKey(err)))
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.subtitles.text.done")
	return seeOther(w, rq.Request, programmeSubtitlesURL(f.ID, sp.ID))
}

// subtitleRefuse shows the programme form with a refusal (heading, then
// why) at a speech's subtitles (422).
func (s *Server) subtitleRefuse(w http.ResponseWriter, rq *officeRequest, f *forum.Forum, hosts []int64, speechID int64, heading, why string) error {
	d, err := approval.Load(rq.Context(), s.db, approval.Subject{Kind: approval.KindProgramme, ID: f.ID})
	if err != nil {
		return err
	}
	fm := newForm(rq.T, programmeValues(d.Content.(*forum.Programme), f.Location(), d.Version))
	return s.renderProgrammeWith(w, rq, http.StatusUnprocessableEntity, f, hosts, fm, d, "",
		&subtitleUpload{SpeechID: speechID, Refusal: heading, Errors: []string{why}})
}

// subtitleWriteBack makes the track of a subtitles translation's language
// when its last segment was reviewed, in the transaction that reviewed
// it, as the reviewer; it returns the notice the workbench shows ("" when
// the translation is not reviewed in full, no longer follows the
// original track, or already is the track). A translation changed by an
// XLIFF file comes here too (translationChanged).
func (s *Server) subtitleWriteBack(rq *officeRequest, tx *store.Tx, tr *translate.Translation) (string, error) {
	ctx := rq.Context()
	t, err := subtrans.Write(ctx, tx, s.revisions(), tr, rq.Account.ID, rq.Account.Name, s.clock())
	if errors.Is(err, subtrans.ErrNotReady) || errors.Is(err, subtrans.ErrStale) {
		return "", nil
	}
	if err != nil || t == nil {
		return "", err
	}
	if err := forum.Touch(ctx, tx); err != nil {
		return "", err
	}
	err = appendEvent(ctx, tx, rq.Account, "subtitles.translation.write", "speech:"+strconv.FormatInt(t.SpeechID, 10), clientAddr(rq.Request), nil,
		map[string]any{"lang": t.Lang, "from": t.SourceLang, "translation": tr.ID, "cues": len(t.Cues)})
	if err != nil {
		return "", err
	}
	return rq.T.T("office.subtitles.translation.written." + lang.Base(t.Lang)), nil
}

// subtitleTimings names each cue block of a subtitles translation by its
// cue's time ("00:01:02.300 → 00:01:05.000"), as the workbench shows it
// beside the cue's segments.
func (s *Server) subtitleTimings(rq *officeRequest, tr *translate.Translation) (map[string]string, error) {
	t, err := subtitle.Get(rq.Context(), s.db, tr.OwnerID, tr.SourceLang)
	if errors.Is(err, subtitle.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(t.Cues))
	for _, c := range t.Cues {
		out[subtrans.BlockID(c.Index)] = subtrans.Timing(c)
	}
	return out, nil
}

// subtitleTranslationView is a translation of an item's subtitles as its
// subtitles section shows it.
type subtitleTranslationView struct {
	LangName, SourceLangName string
	URL                      string
	// Lang is the language translated into.
	Lang             string
	Cues, Translated int
	Reviewed         int
	// State is "translating", "ready" (reviewed: its track is written),
	// "replaced" (reviewed, but the language's track was replaced or
	// deleted since) or "stale" (the original changed since).
	State string
}

// subtitleTranslations returns the views of the translations of speech
// id's subtitles.
func (s *Server) subtitleTranslations(rq *officeRequest, id int64) ([]subtitleTranslationView, error) {
	sts, err := subtrans.Statuses(rq.Context(), s.db, s.revisions(), id)
	if err != nil {
		return nil, err
	}
	var out []subtitleTranslationView
	for _, st := range sts {
		v := subtitleTranslationView{Lang: lang.Base(st.Translation.Lang), LangName: rq.T.T("lang.name." + lang.Base(st.Translation.Lang)),
			SourceLangName: rq.T.T("lang.name." + lang.Base(st.Translation.SourceLang)),
			URL:            officePrefix + "/translations/" + itoa(st.Translation.ID),
			Cues:           st.Cues, Translated: st.Translated, Reviewed: st.Reviewed, State: "translating"}
		switch {
		case !st.Current:
			v.State = "stale"
		case st.Ready && st.Written:
			v.State = "ready"
		case st.Ready:
			v.State = "replaced"
		}
		out = append(out, v)
	}
	return out, nil
}

// subtitleReplaces says, for the workbench of translation tr of a speech's
// subtitles, which subtitles it will replace once every cue is reviewed:
// the speech's track in tr's language, unless there is none or it is what
// this translation wrote.
func (s *Server) subtitleReplaces(rq *officeRequest, tr *translate.Translation) (string, error) {
	ctx := rq.Context()
	there, err := subtitle.Get(ctx, s.db, tr.OwnerID, tr.Lang)
	if errors.Is(err, subtitle.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	sts, err := subtrans.Statuses(ctx, s.db, s.revisions(), tr.OwnerID)
	if err != nil {
		return "", err
	}
	for _, st := range sts {
		if st.Translation.ID == tr.ID && st.Written {
			return "", nil
		}
	}
	return rq.T.T("workbench.subtitles.replaces."+lang.Base(tr.Lang), trackSummary(rq.T, there)), nil
}
