package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/subtrans"
)

// subtitleUpload answers POST /office/speeches/{id}/subtitles: an SRT or
// WebVTT file for a language of a video item, with who made its text
// (people, a machine translation, speech recognition) and whether it is
// written in its language or translated from another of the speech's
// (source; a machine translation must say from which). A file that cannot
// be read, or whose cues have errors (times out of order, outside the
// video, no text), is refused (422) with every error by cue and time on
// the programme form, the language and provenance chosen kept; one that is
// taken replaces the item's subtitles in that language, and its warnings
// (cues too short or long, too many or too long lines) stay on the form.
func (s *Server) subtitleUpload(w http.ResponseWriter, rq *officeRequest) error {
	sp, f, hosts, err := s.subtitlesSpeech(rq, account.Create)
	if err != nil {
		return err
	}
	if refused, err := s.subtitlesNotVideo(w, rq, sp, f, hosts); refused {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	l, prov, source := up.values.Get("lang"), subtitle.Provenance(up.values.Get("provenance")), up.values.Get("source")
	refused := &subtitleUpload{SpeechID: sp.ID, Lang: l, Provenance: string(prov), Source: source, FileName: up.names["file"]}
	data := up.files["file"]
	existing, err := subtitle.List(ctx, s.db, sp.ID)
	if err != nil {
		return err
	}
	status := http.StatusUnprocessableEntity
	switch {
	case !slices.Contains(i18n.Languages, l):
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.lang"))
	case !slices.Contains(subtitle.Provenances, prov):
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.provenance"))
	case source == l:
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.source.same"))
	case source != "" && !slices.Contains(subtitleSourceLangs(sp.OriginalLang, existing), source):
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.source"))
	case source == "" && prov == subtitle.Machine:
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.source.machine"))
	case up.tooLarge["file"] || len(data) > subtitle.MaxFileSize:
		status = http.StatusRequestEntityTooLarge
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.toolarge", rq.T.Bytes(subtitle.MaxFileSize)))
	case data == nil && refused.FileName == "":
		// No file chosen. A chosen file that is empty is named: Parse
		// says it is empty.
		refused.Errors = append(refused.Errors, rq.T.T("office.subtitles.error.nofile"))
	}
	var file *subtitle.File
	if len(refused.Errors) == 0 {
		var errs subtitle.Errors
		file, err = subtitle.ParseFile(refused.FileName, data)
		switch {
		case errors.As(err, &errs):
			refused.Errors = append(refused.Errors, subtitle.Texts(rq.T, errs)...)
		case err != nil:
			return err
		}
	}
	if file != nil {
		duration, err := s.speechVideoDuration(ctx, sp.ID)
		if err != nil {
			return err
		}
		ms := subtitle.Validate(file.Cues, l, duration)
		if subtitle.HasErrors(ms) {
			warnings, errs := slices.Clone(file.Warnings), []subtitle.Message(nil)
			for _, m := range ms {
				if m.Warning {
					warnings = append(warnings, m)
				} else {
					errs = append(errs, m)
				}
			}
			refused.Errors = append(refused.Errors, subtitle.Texts(rq.T, errs)...)
			refused.Warnings, refused.WarningCount = subtitle.Texts(rq.T, warnings), len(warnings)
		}
	}
	if len(refused.Errors) > 0 {
		d, err := approval.Load(ctx, s.db, approval.Subject{Kind: approval.KindProgramme, ID: f.ID})
		if err != nil {
			return err
		}
		fm := newForm(rq.T, programmeValues(d.Content.(*forum.Programme), f.Location(), d.Version))
		return s.renderProgrammeWith(w, rq, status, f, hosts, fm, d, "", refused)
	}
	if old := trackIn(existing, l); old != nil && subtitle.SameCues(old.Cues, file.Cues) {
		return s.subtitleUnchanged(w, rq, f, old, prov, source, refused.FileName, file.Encoding)
	}
	t := &subtitle.Track{SpeechID: sp.ID, Lang: l, Provenance: prov, SourceLang: source, Cues: file.Cues, FileName: refused.FileName,
		CreatedBy: rq.Account.ID, CreatedByName: rq.Account.Name, CreatedAt: s.clock()}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := subtitle.Put(ctx, tx, t); err != nil {
			return err
		}
		if err := forum.Touch(ctx, tx); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "subtitles.upload", "speech:"+strconv.FormatInt(sp.ID, 10), clientAddr(rq.Request),
			nil, subtitlesUploaded{l, string(prov), source, t.FileName, file.Encoding, len(t.Cues), false})
	})
	if err != nil {
		return err
	}
	// The translations of the track follow it: its edited cues need
	// review in the workbench.
	follows, err := subtrans.Follow(ctx, s.db, s.revisions(), sp.ID, l, rq.Account.Name)
	if err != nil {
		return err
	}
	changed := 0
	for _, rep := range follows {
		changed += rep.Changed
	}
	// What reading the file assumed or left out (its encoding, markup
	// the player will not show) goes under the notice, but for the
	// encoding when the notice itself names it.
	legacy := false
	for _, m := range file.Warnings {
		legacy = legacy || m.Key == "subtitle.warning.encoding"
	}
	var noted []subtitle.Message
	for _, m := range file.Warnings {
		if m.Key != "subtitle.warning.encoding" || changed > 0 {
			noted = append(noted, m)
		}
	}
	notes := subtitle.Texts(rq.T, noted)
	switch {
	case changed > 0:
		s.flashN(ctx, "office.subtitles.saved.review", changed)
	case legacy:
		s.flash(ctx, legacyEncodingNotice(file.Encoding))
	default:
		s.flash(ctx, "office.subtitles.saved")
	}
	s.flashNotes(ctx, notes)
	return seeOther(w, rq.Request, programmeSubtitlesURL(f.ID, sp.ID))
}

// subtitlesUploaded is the event log's record of an upload of subtitles.
type subtitlesUploaded struct {
	Lang       string `json:"lang"`
	Provenance string `json:"provenance"`
	Source     string `json:"source,omitempty"`
	File       string `json:"file"`
	Encoding   string `json:"encoding"`
	Cues       int    `json:"cues"`
	// Unchanged: the file had the track's cues, which were kept.
	Unchanged bool `json:"unchanged,omitempty"`
}

// subtitleUnchanged answers an upload of a file whose cues are those of
// track old (the same subtitles saved in another encoding, say): it is no
// new version, so the track keeps its cues, time and uploader, the
// hosts' approvals of it and its translations stay current. Only who made
// it (provenance, source language) takes what the form says, and the
// uploader is told what changed, if anything.
func (s *Server) subtitleUnchanged(w http.ResponseWriter, rq *officeRequest, f *forum.Forum, old *subtitle.Track, prov subtitle.Provenance, source, fileName, encoding string) error {
	ctx := rq.Context()
	relabel := old.Provenance != prov || old.SourceLang != source
	err := s.db.Transact(ctx, func(tx *store.Tx) error {
		if relabel {
			if err := subtitle.Relabel(ctx, tx, old.SpeechID, old.Lang, prov, source); err != nil {
				return err
			}
			if err := forum.Touch(ctx, tx); err != nil {
				return err
			}
		}
		return appendEvent(ctx, tx, rq.Account, "subtitles.upload", "speech:"+strconv.FormatInt(old.SpeechID, 10), clientAddr(rq.Request),
			nil, subtitlesUploaded{old.Lang, string(prov), source, fileName, encoding, len(old.Cues), true})
	})
	if err != nil {
		return err
	}
	if relabel {
		s.flash(ctx, "office.subtitles.unchanged.relabelled")
	} else {
		s.flash(ctx, "office.subtitles.unchanged")
	}
	return seeOther(w, rq.Request, programmeSubtitlesURL(f.ID, old.SpeechID))
}

// programmeSubtitlesURL is the programme form at a speech's subtitles.
func programmeSubtitlesURL(forumID, speechID int64) string {
	return officePrefix + "/forums/" + strconv.FormatInt(forumID, 10) + "/programme#subtitles-" + strconv.FormatInt(speechID, 10)
}

// legacyEncodingNotice is the notice key for subtitles saved from a file
// not in UTF-8 that was read in encoding enc (textenc's name): it names the
// one used, for the uploader to check the text against.
func legacyEncodingNotice(enc string) string {
	switch e := strings.ToLower(enc); e {
	case "gb18030", "windows-1251", "koi8-r":
		return "office.subtitles.saved.legacy." + e
	}
	return "office.subtitles.saved.legacy"
}
