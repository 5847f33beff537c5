package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/video"
)

// subtitlesView is the subtitles section of a video item on the programme
// form (the "speechSubtitles" partial): the item's tracks, each with its
// downloads, warnings and a delete button, and a form to upload a file
// for a language. Its forms stand after the programme's own form (the
// "speechSubtitlesForms" partial), since forms do not nest; the section's
// fields and buttons name them by FormID.
type subtitlesView struct {
	T        *i18n.Printer
	SpeechID int64
	// FormID is the id of the upload form; Action its address.
	FormID, Action string
	Tracks         []subtitleTrackView
	Langs          []option
	Provenances    []option
	// Sources are the choices of where a file's text comes from: written
	// in its language (value "") or translated from one of the speech's
	// languages (subtitleSourceLangs).
	Sources []option
	// Lang, Provenance and Source are the choices of an upload that was
	// refused, kept; Errors and Warnings say why it was (of each kind
	// the first subtitle.Shown, and how many more), and WarningCount
	// how many warnings there are.
	Lang, Provenance, Source string
	Errors                   []string
	Warnings                 []string
	WarningCount             int
	// FileName is the name of the refused file, to say which one it was.
	FileName string
	// Refusal heads Errors when they are not an upload's: a translation
	// or a transcript refused.
	Refusal string
	CanEdit bool
	// CanTranslate says that the account may start translations;
	// Translations are those started, with where each stands.
	CanTranslate bool
	Translations []subtitleTranslationView
	// Text is the speech's text in the programme's draft, language by
	// language, so that the transcript made its text is found beside
	// the subtitles it came from.
	Text speechTextView
}

// speechTextView is a speech's text as the programme's draft has it, on
// the subtitles section (ID is its anchor, linked from the track whose
// transcript it is): a row per language of the site.
type speechTextView struct {
	ID    string
	Langs []speechTextLang
}

// speechTextLang is the speech's text in one language: State is "none"
// (no text), "draft" (a translation not finished), "transcript" (the
// transcript of the track in that language, unchanged: Track is the
// track's anchor) or "written" (any other complete text); Preview shows
// the speech's page as the draft has it in the language.
type speechTextLang struct {
	Lang, LangName string
	State          string
	Track          string
	Text           string
	Preview        string
}

// subtitleTrackView is one stored track as the section lists it.
type subtitleTrackView struct {
	Lang, LangName string
	ProvenanceName string
	Cues           int
	FileName       string
	// Uploaded says who uploaded the track and when.
	Uploaded     string
	SRT, VTT     string
	DeleteFormID string
	DeleteAction string
	// Errors and Warnings are the track's, as subtitle.Texts lists
	// them; ErrorCount and WarningCount say how many there are.
	Errors                   []string
	Warnings                 []string
	ErrorCount, WarningCount int
	// OutOfSync says that the track runs past the end of the speech's
	// present video (replaced by a shorter one, say), Outdated that it
	// was translated from an earlier version of its source track; each
	// is "" otherwise.
	OutOfSync, Outdated string
	// Original is set on a track written in the speech's own language
	// (not a translation): it is what is translated, and its transcript
	// may become the speech's text (TextAction). TranslateFormID and
	// TranslateAction are the form that starts a translation of it into
	// one of Targets.
	Original bool
	// IsText is set when the track's transcript is the speech's text in
	// its language, unchanged, in the programme's draft; TextID is the
	// anchor of the speech's text on the form.
	IsText                           bool
	TextID                           string
	TextFormID, TextAction           string
	TranslateFormID, TranslateAction string
	Targets                          []option
	// PubState is where the track's publication stands (approved,
	// awaiting, changed), PubSay says it; Hosts are the hosts' approvals
	// of this version (Hash), sent by the form ApproveFormID to
	// ApproveAction when CanApprove.
	PubState, PubSay             string
	Hash                         string
	ApproveFormID, ApproveAction string
	CanApprove                   bool
	Hosts                        []hostVerdict
	// Replaces says, for each target language that has subtitles, that a
	// translation into it replaces them once reviewed, and which they are.
	Replaces []string
}

// subtitleUpload is an upload of subtitles the office refused, shown on
// the programme form at the item it was for.
type subtitleUpload struct {
	SpeechID                 int64
	Lang, Provenance, Source string
	FileName                 string
	Errors, Warnings         []string
	WarningCount             int
	// Refusal heads Errors when they are not an upload's.
	Refusal string
}

// subtitlesPath is the office address of a speech's subtitles.
func subtitlesPath(speechID int64) string {
	return officePrefix + "/speeches/" + strconv.FormatInt(speechID, 10) + "/subtitles"
}

// subtitleSections returns the subtitles sections of the video items
// among the speeches ids of a programme form (the stored speeches whose
// delivery is video), in one query, with the refused upload up shown at
// its item and each speech's text as draft, the programme's draft, has it.
func (s *Server) subtitleSections(rq *officeRequest, draft *forum.Programme, forumID int64, ids []int64, canEdit, canTranslate bool, up *subtitleUpload) (map[int64]*subtitlesView, error) {
	ctx := rq.Context()
	byID, err := subtitle.ListFor(ctx, s.db, ids, i18n.Languages...)
	if err != nil {
		return nil, err
	}
	originals, err := speechOriginalLangs(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	var trackIDs []int64
	for _, ts := range byID {
		for _, t := range ts {
			trackIDs = append(trackIDs, t.ID)
		}
	}
	approvals, err := subtitle.ApprovalsOf(ctx, s.db, trackIDs)
	if err != nil {
		return nil, err
	}
	names, _, err := s.partnerNames(ctx, rq.Lang)
	if err != nil {
		return nil, err
	}
	out := map[int64]*subtitlesView{}
	for _, id := range ids {
		v := &subtitlesView{T: rq.T, SpeechID: id, FormID: fmt.Sprintf("subtitles-%d-upload", id), Action: subtitlesPath(id), CanEdit: canEdit,
			CanTranslate: canTranslate, Provenance: string(subtitle.Human)}
		if v.Translations, err = s.subtitleTranslations(rq, id); err != nil {
			return nil, err
		}
		for _, l := range i18n.Languages {
			v.Langs = append(v.Langs, option{l, rq.T.T("lang.name." + l)})
		}
		for _, p := range subtitle.Provenances {
			v.Provenances = append(v.Provenances, option{string(p), rq.T.T("office.subtitles.provenance." + string(p))})
		}
		v.Sources = append(v.Sources, option{"", rq.T.T("office.subtitles.source.own")})
		for _, l := range subtitleSourceLangs(originals[id], byID[id]) {
			v.Sources = append(v.Sources, option{l, rq.T.T("office.subtitles.source.from." + l)})
		}
		duration, err := s.speechVideoDuration(ctx, id)
		if err != nil {
			return nil, err
		}
		hosts, err := forum.SpeechHosts(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		for _, t := range byID[id] {
			tv := subtitleTrackView{Lang: t.Lang, LangName: rq.T.T("lang.name." + t.Lang), Cues: len(t.Cues), FileName: t.FileName,
				ProvenanceName: rq.T.T("office.subtitles.provenance." + string(t.Provenance)),
				Uploaded:       rq.T.Date(t.CreatedAt) + " " + rq.T.Time(t.CreatedAt),
				SRT:            subtitlesPath(id) + "/" + t.Lang + ".srt", VTT: subtitlesPath(id) + "/" + t.Lang + ".vtt",
				DeleteFormID: fmt.Sprintf("subtitles-%d-%s-delete", id, t.Lang),
				DeleteAction: subtitlesPath(id) + "/" + t.Lang + "/delete"}
			if t.CreatedByName != "" {
				tv.Uploaded = t.CreatedByName + rq.T.Comma() + tv.Uploaded
			}
			if t.SourceLang != "" {
				tv.ProvenanceName = rq.T.T("office.subtitles.summary.from."+t.SourceLang, tv.ProvenanceName)
			} else if o := originals[id]; o == "" || o == t.Lang {
				tv.Original = true
				tv.TextFormID, tv.TextAction = fmt.Sprintf("subtitles-%d-%s-text", id, t.Lang), subtitlesPath(id)+"/"+t.Lang+"/text"
				tv.TranslateFormID, tv.TranslateAction = fmt.Sprintf("subtitles-%d-%s-translate", id, t.Lang), subtitlesPath(id)+"/"+t.Lang+"/translate"
				for _, l := range i18n.Languages {
					if l == t.Lang {
						continue
					}
					name := rq.T.T("lang.name." + l)
					o := option{l, name}
					// A translation into a language with subtitles
					// replaces them once reviewed: said before it starts.
					if there := trackIn(byID[id], l); there != nil {
						o.Label = rq.T.T("office.subtitles.translation.replaces.option", name)
						tv.Replaces = append(tv.Replaces, rq.T.T("office.subtitles.translation.replaces."+l, trackSummary(rq.T, there)))
					}
					tv.Targets = append(tv.Targets, o)
				}
			}
			trackPublication(rq, &tv, t, hosts, names, approvals[t.ID])
			if n := subtitle.Beyond(t.Cues, duration); n > 0 {
				tv.OutOfSync = rq.T.N("office.subtitles.outofsync", n, clockDuration(time.Duration(duration)*time.Millisecond))
			}
			if trackOutdated(t, byID[id]) {
				tv.Outdated = rq.T.T("office.subtitles.outdated." + t.SourceLang)
			}
			var warnings, errs []subtitle.Message
			for _, m := range subtitle.Validate(t.Cues, t.Lang, duration) {
				if m.Warning {
					warnings = append(warnings, m)
				} else {
					errs = append(errs, m)
				}
			}
			tv.Errors, tv.ErrorCount = subtitle.Texts(rq.T, errs), len(errs)
			tv.Warnings, tv.WarningCount = subtitle.Texts(rq.T, warnings), len(warnings)
			v.Tracks = append(v.Tracks, tv)
		}
		v.Text = speechTextOf(rq, draftSpeech(draft, id), forumID, id, byID[id])
		for i := range v.Tracks {
			tv := &v.Tracks[i]
			tv.TextID = v.Text.ID
			for _, tl := range v.Text.Langs {
				tv.IsText = tv.IsText || tv.Original && tl.State == "transcript" && tl.Lang == tv.Lang
			}
		}
		if up != nil && up.SpeechID == id {
			v.Lang, v.Provenance, v.Source, v.FileName, v.Errors, v.Warnings, v.WarningCount, v.Refusal = up.Lang, up.Provenance, up.Source, up.FileName, up.Errors, up.Warnings, up.WarningCount, up.Refusal
		}
		out[id] = v
	}
	return out, nil
}

// draftSpeech returns the speech with id in programme p, or nil.
func draftSpeech(p *forum.Programme, id int64) *forum.Speech {
	if p == nil {
		return nil
	}
	for _, ss := range p.Sessions {
		for _, sp := range ss.Speeches {
			if sp.ID == id {
				return sp
			}
		}
	}
	return nil
}

// speechTextOf says where speech sp's text (nil: not in the draft) stands
// in each language of the site, beside its subtitles tracks: which
// language's text is the transcript of its track there, unchanged.
func speechTextOf(rq *officeRequest, sp *forum.Speech, forumID, id int64, tracks []*subtitle.Track) speechTextView {
	v := speechTextView{ID: fmt.Sprintf("speech-text-%d", id)}
	for _, l := range i18n.Languages {
		tl := speechTextLang{Lang: l, LangName: rq.T.T("lang.name." + l), State: "none"}
		if sp != nil {
			tl.Text = sp.Body.Values[l]
			tl.Preview = fmt.Sprintf("%s/preview/programme/%d/%s/speeches/%s", officePrefix, forumID, l, sp.Slug)
			switch {
			case tl.Text == "":
			case !sp.Body.Complete(l):
				tl.State = "draft"
			default:
				tl.State = "written"
				for _, t := range tracks {
					if t.Lang == l && t.SourceLang == "" && sameWords(tl.Text, subtrans.Transcript(t.Cues, l)) {
						tl.State, tl.Track = "transcript", fmt.Sprintf("subtitles-%d-%s", id, l)
					}
				}
			}
		}
		v.Langs = append(v.Langs, tl)
	}
	return v
}

// speechVideoDuration is the length of the speech's video in
// milliseconds, or 0 when none is known.
func (s *Server) speechVideoDuration(ctx context.Context, speechID int64) (int64, error) {
	if s.videoDuration == nil {
		return 0, nil
	}
	return s.videoDuration(ctx, speechID)
}

// subtitlesSpeech loads what the subtitles routes need of the speech the
// path's id names: the speech (a stored item of the programme), its forum
// as drafted and the forum's live hosts, and checks that the account may
// do action with the forum's programme. A speech the account may not see
// is not found. The routes that change subtitles refuse a speech not given
// by video (subtitlesNotVideo); its subtitles may still be downloaded.
func (s *Server) subtitlesSpeech(rq *officeRequest, action account.Action) (*forum.Speech, *forum.Forum, []int64, error) {
	id, err := pathID(rq, "id")
	if err != nil {
		return nil, nil, nil, err
	}
	sp, err := s.forums.WithDrafts().SpeechByID(rq.Context(), id)
	if errors.Is(err, forum.ErrNotFound) {
		return nil, nil, nil, fmt.Errorf("speech %d: %w", id, errkind.NotFound)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	f, hosts, err := s.programmeForum(rq, sp.ForumID, action)
	if err != nil {
		return nil, nil, nil, err
	}
	return sp, f, hosts, nil
}

// subtitlesNotVideo refuses on the programme form (422) to change the
// subtitles of speech sp when it is not given by video (video.TakesVideo,
// the rule the video upload keeps): it has no video for them, and the form
// no subtitles section. It returns false when sp takes subtitles.
func (s *Server) subtitlesNotVideo(w http.ResponseWriter, rq *officeRequest, sp *forum.Speech, f *forum.Forum, hosts []int64) (bool, error) {
	if video.TakesVideo(sp.Kind, sp.Delivery) {
		return false, nil
	}
	d, err := approval.Load(rq.Context(), s.db, approval.Subject{Kind: approval.KindProgramme, ID: f.ID})
	if err != nil {
		return true, err
	}
	fm := newForm(rq.T, programmeValues(d.Content.(*forum.Programme), f.Location(), d.Version))
	return true, s.renderProgrammeWith(w, rq, http.StatusUnprocessableEntity, f, hosts, fm, d, rq.T.T("office.subtitles.error.notvideo"), nil)
}

// subtitleFile reads a file name of the subtitles routes, "ru.vtt" or
// "zh.srt", as its language and format; anything else names nothing.
func subtitleFile(name string) (string, subtitle.Format, error) {
	l, ext, ok := strings.Cut(name, ".")
	f, known := subtitle.FormatOf(name)
	if !ok || !known || ext != string(f) || !slices.Contains(i18n.Languages, l) {
		return "", "", fmt.Errorf("subtitles %q: %w", name, errkind.NotFound)
	}
	return l, f, nil
}

// withSubtitles gives each stored video item of the programme form p (its
// delivery, as the form has it, is video) its subtitles section.
//
// draft is the programme's draft, whose speeches' texts the sections show.
func (s *Server) withSubtitles(rq *officeRequest, p *programmePage, draft *forum.Programme, fm *form, hosts []int64, up *subtitleUpload) error {
	var ids []int64
	for _, ss := range p.Sessions {
		for _, sp := range ss.Speeches {
			if id, err := strconv.ParseInt(fm.values.Get(sp.Prefix+"id"), 10, 64); err == nil && isVideoItem(fm.values.Get(sp.Prefix+"kind"), fm.values.Get(sp.Prefix+"delivery")) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	views, err := s.subtitleSections(rq, draft, p.ForumID, ids, rq.can(account.SubjectProgramme, account.Create, hosts...),
		rq.Account.Admin || rq.can(account.SubjectTranslation, account.Edit, hosts...), up)
	if err != nil {
		return err
	}
	for i := range p.Sessions {
		for j := range p.Sessions[i].Speeches {
			sp := &p.Sessions[i].Speeches[j]
			if id, err := strconv.ParseInt(fm.values.Get(sp.Prefix+"id"), 10, 64); err == nil && views[id] != nil {
				sp.Subtitles = views[id]
				p.SubtitleForms = append(p.SubtitleForms, views[id])
			}
		}
	}
	return nil
}

// speechOriginalLangs returns the original language of each of the
// speeches ids ("" where it is not stated), in one query.
func speechOriginalLangs(ctx context.Context, q store.Querier, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT id, original_lang FROM speeches WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("original languages of speeches: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l string
		if err := rows.Scan(&id, &l); err != nil {
			return nil, err
		}
		out[id] = l
	}
	return out, rows.Err()
}

// subtitleSourceLangs are the languages subtitles of a speech may be said
// to be translated from on upload: the speech's original language and
// those it has subtitles in, in the site's order; every site language
// when neither is known.
func subtitleSourceLangs(original string, tracks []*subtitle.Track) []string {
	var out []string
	for _, l := range i18n.Languages {
		has := l == original
		for _, t := range tracks {
			has = has || t.Lang == l
		}
		if has {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return slices.Clone(i18n.Languages)
	}
	return out
}

// trackIn returns the track in language l among ts, or nil.
func trackIn(ts []*subtitle.Track, l string) *subtitle.Track {
	for _, t := range ts {
		if t.Lang == l {
			return t
		}
	}
	return nil
}

// trackSummary describes a stored track in a phrase, to say which one a
// translation would replace: who made it (and from which language), who
// uploaded it and when.
func trackSummary(t *i18n.Printer, tr *subtitle.Track) string {
	made := t.T("office.subtitles.provenance." + string(tr.Provenance))
	if tr.SourceLang != "" {
		made = t.T("office.subtitles.summary.from."+tr.SourceLang, made)
	}
	when := t.Date(tr.CreatedAt) + " " + t.Time(tr.CreatedAt)
	if tr.CreatedByName != "" {
		when = tr.CreatedByName + t.Comma() + when
	}
	return t.T("office.subtitles.summary", made, when)
}
