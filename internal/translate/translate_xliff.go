package translate

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/tm"
)

// MemoryLookup is what pre-translating an XLIFF download needs of the
// memory. *Memory implements it.
type MemoryLookup interface {
	Lookup(ctx context.Context, from, to string, src interchange.Content, context string) ([]tm.Match, error)
}

// PreTranslateMin is the lowest score of a fuzzy match an XLIFF download
// offers (as the CLI's --tm-min default).
const PreTranslateMin = 75

// exchangePrefix starts the original of the <file> of an XLIFF made by
// ExportXLIFF: "tandem:translation:ID:MICROS", the translation it is of and
// when it was made (Unix microseconds), so that an upload is checked
// against the right translation and finds what changed since.
const exchangePrefix = "tandem:translation:"

// ExportReport counts what ExportXLIFF put into the file.
type ExportReport struct {
	Segments int
	// Filled counts the segments with a translation of tandem's;
	// Leverage what the memory pre-translated of the others.
	Filled   int
	Leverage tm.Leverage
	// Snapshot is each segment as the file has it; given back to
	// ImportXLIFF it tells what the file changed from what tandem
	// changed since.
	Snapshot Snapshot
}

// Snapshot records, by key, each segment of a translation as an XLIFF
// download had it.
type Snapshot map[string]SnapshotSegment

// SnapshotSegment is a segment's version, state and translation (a hash)
// at a download.
type SnapshotSegment struct {
	Version int    `json:"v"`
	State   State  `json:"s"`
	Target  string `json:"t"`
	// Pre is the hash of the memory's exact match the download filled in
	// for a segment without translation, "" for none.
	Pre string `json:"p,omitempty"`
}

// Key is the blob key a snapshot of the XLIFF file whose original is
// original is kept under, "" when tandem did not make the file.
func SnapshotKey(original string) string {
	id, at, ok := parseOriginal(original)
	if !ok {
		return ""
	}
	return fmt.Sprintf("exchange/translation-%d/%d.json", id, at.UnixMicro())
}

// Original is the original of the file of an XLIFF, "" when it has none.
func Original(x *interchange.XLIFF) string {
	for _, f := range x.Files {
		for _, o := range []string{f.Original, f.ID} {
			if _, _, ok := parseOriginal(o); ok {
				return o
			}
		}
	}
	return ""
}

// ExportXLIFF makes the XLIFF (version "1.2", "2.0" or "2.1") of
// translation tr for a desktop CAT tool: the segments of the source
// revision the translation follows, under the keys the workbench uses,
// each with its translation and state (needing review is a draft, with the
// translation it had), the others with their source as target, as OmegaT
// needs. With mem, segments without a translation are pre-translated from
// the memory: an exact match as target, marked for review, fuzzy matches
// as alternatives. The file's original names tr and the time of the
// export, which ImportXLIFF reads.
func ExportXLIFF(ctx context.Context, q store.Querier, revs *revision.Store, mem MemoryLookup, tr *Translation, version string, now time.Time) (*interchange.XLIFF, ExportReport, error) {
	var rep ExportReport
	if version != "1.2" && version != "2.0" && version != "2.1" {
		return nil, rep, fmt.Errorf("XLIFF version %q: %w", version, errkind.Invalid)
	}
	rev, err := revs.Get(ctx, tr.DocumentID, tr.Revision)
	if err != nil {
		return nil, rep, fmt.Errorf("export translation %d: %w", tr.ID, err)
	}
	x, err := FromDocument(rev.Doc, "", tr.SourceLang, tr.Lang)
	if err != nil {
		return nil, rep, fmt.Errorf("export translation %d: %w", tr.ID, err)
	}
	segs, err := Segments(ctx, q, tr.ID)
	if err != nil {
		return nil, rep, err
	}
	byKey := make(map[string]Segment, len(segs))
	rep.Snapshot = make(Snapshot, len(segs))
	for _, s := range segs {
		byKey[s.Key] = s
		rep.Snapshot[s.Key] = SnapshotSegment{Version: s.Version, State: s.State, Target: hashContent(s.Target)}
	}
	x.Version = version
	for fi := range x.Files {
		f := &x.Files[fi]
		f.ID, f.Original = "f1", exchangeOriginal(tr.ID, now)
		for ui := range f.Units {
			u := &f.Units[ui]
			for si := range u.Segments {
				xs := &u.Segments[si]
				rep.Segments++
				s, ok := byKey[u.ID+"/"+xs.ID]
				if !ok || s.Target.IsEmpty() {
					continue
				}
				rep.Filled++
				xs.Target, xs.State = s.Target, toXLIFFState(s.State)
			}
		}
	}
	if mem != nil {
		local := tm.New(tr.SourceLang, tr.Lang)
		for _, u := range x.Units() {
			for _, xs := range u.Segments {
				if xs.State != interchange.New {
					continue
				}
				ms, err := mem.Lookup(ctx, tr.SourceLang, tr.Lang, xs.Source, u.ID)
				if err != nil {
					return nil, rep, fmt.Errorf("export translation %d: %w", tr.ID, err)
				}
				for _, m := range ms {
					local.Add(m.Unit)
				}
			}
		}
		if local.Len() > 0 {
			rep.Leverage = tm.PreTranslate(x, local, PreTranslateMin)
			for _, u := range x.Units() {
				for _, xs := range u.Segments {
					k := u.ID + "/" + xs.ID
					if !xs.PreTranslated {
						continue
					}
					if t, err := CheckCodes(xs.Source, xs.Target); err == nil {
						sn := rep.Snapshot[k]
						sn.Pre = hashContent(t)
						rep.Snapshot[k] = sn
					}
				}
			}
		}
	}
	return x, rep, nil
}

func exchangeOriginal(id int64, at time.Time) string {
	return exchangePrefix + strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(at.UnixMicro(), 10)
}

// parseOriginal reads what exchangeOriginal wrote: ok is false for an
// original tandem did not write.
func parseOriginal(s string) (id int64, at time.Time, ok bool) {
	rest, found := strings.CutPrefix(s, exchangePrefix)
	if !found {
		return 0, at, false
	}
	idText, microText, found := strings.Cut(rest, ":")
	if !found {
		return 0, at, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return 0, at, false
	}
	micros, err := strconv.ParseInt(microText, 10, 64)
	if err != nil || micros <= 0 {
		return 0, at, false
	}
	return id, time.UnixMicro(micros).UTC(), true
}

// toXLIFFState is tandem's state of a segment with a translation as XLIFF
// says it: needing review is a draft.
func toXLIFFState(s State) interchange.State {
	switch s {
	case Translated:
		return interchange.Translated
	case Reviewed:
		return interchange.Reviewed
	case Approved:
		return interchange.Final
	case New:
		return interchange.New
	}
	return interchange.Draft
}

// fromXLIFFState is an XLIFF state as tandem's: New for a segment the file
// leaves untranslated.
func fromXLIFFState(s interchange.State) State {
	switch s {
	case interchange.Draft:
		return Draft
	case interchange.Translated:
		return Translated
	case interchange.Reviewed:
		return Reviewed
	case interchange.Final:
		return Approved
	}
	return New
}

// stateRank orders the states of a segment with a translation, so that an
// upload never takes a segment back to an earlier state by its state alone.
func stateRank(s State) int {
	switch s {
	case Draft, NeedsReview:
		return 1
	case Translated:
		return 2
	case Reviewed:
		return 3
	case Approved:
		return 4
	}
	return 0
}

// ErrOtherFile is the kind of an *OtherFileError.
var ErrOtherFile = fmt.Errorf("an XLIFF file of another translation: %w", errkind.Invalid)

// OtherFileError refuses an uploaded XLIFF that is not of the translation
// it was uploaded to: another language pair, another translation, or no
// segment of this one. Nothing was changed.
type OtherFileError struct {
	// Pair is set when the languages differ: the file's are FileFrom
	// and FileTo.
	Pair             bool
	FileFrom, FileTo string
	// Translation is the other translation the file names, 0 when it
	// names none.
	Translation int64
	// NoMatch is set when the file names no translation and none of its
	// segments is one of this translation's.
	NoMatch bool
}

func (e *OtherFileError) Error() string {
	switch {
	case e.Pair:
		return fmt.Sprintf("the XLIFF file translates %s into %s", e.FileFrom, e.FileTo)
	case e.Translation != 0:
		return fmt.Sprintf("the XLIFF file was made for translation %d", e.Translation)
	}
	return "no segment of the XLIFF file is one of this translation's"
}

func (e *OtherFileError) Unwrap() error { return ErrOtherFile }

// ImportOptions say how ImportXLIFF takes a file's states.
type ImportOptions struct {
	// By is who uploads, as segments record it.
	By string
	// CanReview lets the file's reviewed and final segments in as
	// reviewed and approved; without it they are saved as translated.
	CanReview bool
	// DraftsConfirmed takes the file's drafts (which is how OmegaT's
	// translations come back: it leaves the state as it was) as
	// translated.
	DraftsConfirmed bool
	// Snapshot is the download's (ExportReport.Snapshot), nil when it is
	// not known.
	Snapshot Snapshot
	// File is the uploaded file's name, which a conflict's kept
	// translation is shown with.
	File string
}

// ImportReport says what ImportXLIFF did with each segment of the file.
type ImportReport struct {
	// Updated counts the segments saved with the file's translation or
	// state; Unchanged those whose translation and state tandem already
	// had; Untranslated those the file leaves untranslated.
	Updated, Unchanged, Untranslated int
	// Conflicts are segments changed in tandem since the download whose
	// translation the file changes too: not saved, both texts kept here.
	Conflicts []ImportConflict
	// Unmatched are segments of the file that are not, or no longer, the
	// translation's: another source text (the source changed since the
	// download) or an unknown key.
	Unmatched []ImportUnmatched
	// Refused are segments whose translation loses or invents inline
	// codes, or confirms an empty text: not saved.
	Refused []ImportRefused
	// Missing counts segments of the translation the file does not have.
	Missing int
	// Lowered counts reviewed or final segments of the file saved (among
	// Updated) as translated because the uploader may not review.
	Lowered int
	// Warnings are what reading the file skipped or assumed.
	Warnings []interchange.Warning
	// Keys lists the updated segments' keys, for the event log.
	Keys []string
}

// ImportConflict is a segment the upload did not save because it changed in
// tandem since the download.
type ImportConflict struct {
	Key           string
	Source        interchange.Content
	Current, File interchange.Content
	CurrentState  State
	FileState     State
	CurrentBy     string
	CurrentAt     time.Time
	SegmentID     int64
	Version       int
}

// ImportUnmatched is a segment of the file that is not one of the
// translation's as it now is.
type ImportUnmatched struct {
	Key            string
	Source, Target interchange.Content
	// Now is the source of the segment of that key in tandem, when
	// there is one (the source changed since the download).
	Now interchange.Content
}

// ImportRefused is a segment of the file whose translation could not be
// saved, and why (a *CodeError, ErrEmpty, ErrControl or ErrTooLong).
type ImportRefused struct {
	Key    string
	Source interchange.Content
	Target interchange.Content
	Err    error
}

// ImportXLIFF takes the translations of x, an XLIFF file that a desktop
// CAT tool made from ExportXLIFF's file, into translation tr, in the
// caller's transaction: each segment whose translation or state the file
// changes is saved through SaveIn (confirmed ones go into mem). It refuses
// a file of another language pair or of another translation with an
// *OtherFileError, before changing anything. A segment changed in tandem
// since the download (after the time the file's original records; with no
// such time, any segment with a translation of its own) whose translation
// the file changes as well is not saved but listed as a conflict with
// both texts, the file's kept as an Offer until the segment is next
// confirmed; a segment whose source is no longer the file's is listed as
// unmatched, not dropped.
func ImportXLIFF(ctx context.Context, tx *store.Tx, mem MemoryWriter, tr *Translation, x *interchange.XLIFF, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{Warnings: x.Warnings}
	if !lang.SameLanguage(x.SrcLang, tr.SourceLang) || x.TgtLang == "" || !lang.SameLanguage(x.TgtLang, tr.Lang) {
		return rep, &OtherFileError{Pair: true, FileFrom: x.SrcLang, FileTo: x.TgtLang}
	}
	var since time.Time
	for _, f := range x.Files {
		for _, o := range []string{f.Original, f.ID} {
			if id, at, ok := parseOriginal(o); ok {
				if id != tr.ID {
					return rep, &OtherFileError{Translation: id}
				}
				since = at
			}
		}
	}
	segs, err := Segments(ctx, tx, tr.ID)
	if err != nil {
		return rep, err
	}
	byKey := make(map[string]int, len(segs))
	unitKeys := map[string][]int{}
	for i, s := range segs {
		byKey[s.Key] = i
		unit, _, _ := strings.Cut(s.Key, "/")
		unitKeys[unit] = append(unitKeys[unit], i)
	}
	type item struct {
		seg int // index in segs, -1 when unknown
		xs  interchange.Segment
		key string
	}
	var items []item
	matched := 0
	seen := make([]bool, len(segs))
	for _, u := range x.Units() {
		for si, xs := range u.Segments {
			i, key := findSegment(segs, byKey, unitKeys[u.ID], u.ID, si, xs)
			if i >= 0 && sameText(segs[i].Source, xs.Source) {
				matched++
			}
			items = append(items, item{i, xs, key})
			if i >= 0 {
				seen[i] = true
			}
		}
	}
	if matched == 0 && since.IsZero() {
		return rep, &OtherFileError{NoMatch: true}
	}
	for i := range segs {
		if !seen[i] {
			rep.Missing++
		}
	}
	done := make([]bool, len(segs))
	for _, it := range items {
		if it.seg < 0 || !sameText(segs[it.seg].Source, it.xs.Source) || done[it.seg] {
			um := ImportUnmatched{Key: it.key, Source: it.xs.Source, Target: it.xs.Target}
			if it.seg >= 0 {
				um.Now = segs[it.seg].Source
			}
			rep.Unmatched = append(rep.Unmatched, um)
			continue
		}
		done[it.seg] = true
		cur := segs[it.seg]
		st := fromXLIFFState(it.xs.State)
		if it.xs.NoTranslate || st == New || it.xs.Target.IsEmpty() {
			rep.Untranslated++
			continue
		}
		target, err := CheckCodes(cur.Source, it.xs.Target)
		if err == nil {
			err = checkText(target)
		}
		if err != nil {
			rep.Refused = append(rep.Refused, ImportRefused{Key: cur.Key, Source: cur.Source, Target: it.xs.Target, Err: err})
			continue
		}
		if snap, ok := opt.Snapshot[cur.Key]; ok && snap.Pre != "" && snap.Pre == hashContent(target) && st == Translated {
			// The memory's match as the download gave it: XLIFF 2 says
			// translated, XLIFF 1.2 needs review; a draft in either case.
			st = Draft
		}
		if st == Draft && opt.DraftsConfirmed {
			st = Translated
		}
		// Counted as lowered only when saved so: a segment the file
		// leaves as it was, or that conflicts, was not saved at all.
		lowered := (st == Reviewed || st == Approved) && !opt.CanReview
		if lowered {
			st = Translated
		}
		sameTarget := hashContent(target) == hashContent(cur.Target)
		if sameTarget && stateRank(st) <= stateRank(cur.State) {
			rep.Unchanged++
			continue
		}
		var fileChanged, tandemChanged bool
		if snap, ok := opt.Snapshot[cur.Key]; ok {
			fileChanged = hashContent(target) != snap.Target || stateRank(st) > stateRank(snap.State)
			tandemChanged = cur.Version != snap.Version
		} else {
			// The download is not known: what tandem changed since the
			// time the file names, or with no time whatever it has, is
			// someone's work.
			fileChanged = true
			tandemChanged = !cur.Target.IsEmpty() && (since.IsZero() || cur.UpdatedAt.After(since))
		}
		if !fileChanged {
			// The file keeps what it was given; tandem's newer text
			// stays.
			rep.Unchanged++
			continue
		}
		if tandemChanged && !sameTarget {
			rep.Conflicts = append(rep.Conflicts, ImportConflict{Key: cur.Key, Source: cur.Source, Current: cur.Target, File: target,
				CurrentState: cur.State, FileState: st, CurrentBy: cur.UpdatedBy, CurrentAt: cur.UpdatedAt, SegmentID: cur.ID, Version: cur.Version})
			if err := putOffer(ctx, tx, Offer{SegmentID: cur.ID, Target: target, State: st, File: opt.File, By: opt.By, At: time.Now()}); err != nil {
				return rep, err
			}
			continue
		}
		_, _, err = SaveIn(ctx, tx, mem, Edit{SegmentID: cur.ID, Version: cur.Version, Target: target, State: st, By: opt.By})
		switch {
		case errors.Is(err, ErrEmpty) || errors.Is(err, ErrCodes) || errors.Is(err, ErrControl) || errors.Is(err, ErrTooLong):
			rep.Refused = append(rep.Refused, ImportRefused{Key: cur.Key, Source: cur.Source, Target: it.xs.Target, Err: err})
			continue
		case err != nil:
			return rep, err
		}
		rep.Updated++
		if lowered {
			rep.Lowered++
		}
		rep.Keys = append(rep.Keys, cur.Key)
	}
	return rep, nil
}

// findSegment finds the translation's segment that segment number si of
// the file's unit unitID stands for: by key (an XLIFF 1.2 trans-unit is
// "UNIT-N", tandem's key "UNIT/N"; XLIFF 2 numbers a unit's segments
// "s1", "s2" …), else by its source text among the unit's. It returns -1
// when there is none, and the key the file gives the segment.
func findSegment(segs []Segment, byKey map[string]int, unit []int, unitID string, si int, xs interchange.Segment) (int, string) {
	n := strings.TrimPrefix(xs.ID, unitID+"-")
	key := unitID + "/" + n
	if i, ok := byKey[key]; ok {
		return i, key
	}
	if p, ok := strings.CutPrefix(xs.ID, "s"); ok {
		if k, err := strconv.Atoi(p); err == nil && k >= 1 && k <= len(unit) {
			return unit[k-1], segs[unit[k-1]].Key
		}
	}
	for _, i := range unit {
		if sameText(segs[i].Source, xs.Source) {
			return i, segs[i].Key
		}
	}
	if si < len(unit) {
		return unit[si], segs[unit[si]].Key
	}
	return -1, key
}

// sameText reports whether two sources are the same text, white space
// aside (a CAT tool may trim or fold it), whatever their codes' details.
func sameText(a, b interchange.Content) bool {
	return squeezeSpace(a.Plain()) == squeezeSpace(b.Plain()) && len(a.Codes()) == len(b.Codes())
}

// squeezeSpace is s with its spaces squeezed and without break hints,
// which the files tandem writes leave out.
func squeezeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(lang.WithoutBreakHints(s), unicode.IsSpace), " ")
}
