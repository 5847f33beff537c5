package sitetext

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// Status says where the translation of a text stands against its draft.
type Status string

const (
	// Open: a sentence of the text is not confirmed yet.
	Open Status = "open"
	// Ready: every sentence is confirmed; the draft does not have the
	// translation yet.
	Ready Status = "ready"
	// InDraft: the draft has the translation, complete.
	InDraft Status = "in_draft"
	// Changed: someone changed the draft's value in the target language
	// since the translation last saw it; it is not overwritten.
	Changed Status = "changed"
	// SourceChanged: the draft's source text is no longer the one
	// translated; the translation must follow it first (Prepare).
	SourceChanged Status = "source_changed"
	// Removed: the draft no longer has the text.
	Removed Status = "removed"
)

// Field is a text of a site translation and where its translation stands.
type Field struct {
	ID      string
	Subject approval.Subject
	Name    string
	Of      lang.Text
	Status  Status
	// Source is the text translated; Translation its translation as the
	// confirmed sentences make it ("" while Open).
	Source, Translation string
	// Draft is the draft's value in the target language now, and
	// DraftDone whether it is complete there.
	Draft     string
	DraftDone bool
	// Written is set on a field that this call wrote into its draft.
	Written bool
}

// Fields returns the texts of site translation tr in document order, each
// with where its translation stands against its draft now. It reads a fixed
// number of rows whatever the number of texts.
func Fields(ctx context.Context, q store.Querier, revs *revision.Store, tr *translate.Translation) ([]Field, error) {
	if tr.OwnerKind != OwnerKind {
		return nil, fmt.Errorf("translation %d of a %s: %w", tr.ID, tr.OwnerKind, ErrUnknown)
	}
	rev, err := revs.Get(ctx, tr.DocumentID, tr.Revision)
	if err != nil {
		return nil, err
	}
	td, err := translate.DocumentOf(ctx, q, revs, tr.ID)
	if err != nil {
		return nil, err
	}
	segs, err := translate.Segments(ctx, q, tr.ID)
	if err != nil {
		return nil, err
	}
	open := map[string]bool{}
	for _, s := range segs {
		if !s.State.Confirmed() {
			open[TextOf(s.BlockID)] = true
		}
	}
	bases, err := loadBases(ctx, q, tr.DocumentID, tr.Lang)
	if err != nil {
		return nil, err
	}
	texts, err := Collect(ctx, q, tr.OwnerID)
	if err != nil {
		return nil, err
	}
	var out []Field
	seen := map[string]bool{}
	for _, b := range rev.Doc.Blocks {
		id := TextOf(b.ID)
		if seen[id] {
			continue
		}
		seen[id] = true
		f := Field{ID: id}
		f.Source, _ = valueOf(rev.Doc, id)
		t := texts.Find(id)
		if t == nil {
			f.Status = Removed
			f.Subject, _ = SubjectOf(tr.OwnerID, id)
			out = append(out, f)
			continue
		}
		f.Subject, f.Name, f.Of = t.Subject, t.Name, t.Of
		f.Draft, f.DraftDone = t.Value.Values[tr.Lang], t.Value.Complete(tr.Lang)
		if !open[id] {
			f.Translation, _ = valueOf(td.Doc, id)
		}
		bs, had := bases[id]
		switch {
		case t.Value.Source != tr.SourceLang || normal(t.Value.Values[tr.SourceLang]) != f.Source:
			f.Status = SourceChanged
		case open[id]:
			f.Status = Open
		case f.DraftDone && normal(f.Draft) == f.Translation:
			f.Status = InDraft
		case had && f.Draft == bs.target && f.DraftDone == bs.done, !had && f.Draft == "":
			f.Status = Ready
		default:
			f.Status = Changed
		}
		out = append(out, f)
	}
	return out, nil
}

// WriteBack writes the translations of the texts named (every text when
// ids is nil) of site translation tr into their drafts: each Ready one,
// and with force each Changed one too (the translator's choice over the
// draft's value). The value in tr's language becomes the translation,
// complete; each draft changed is saved once, as actor, through
// approval.Save, so that it goes through the hosts' approval as any other
// edit. Texts not ready are left alone, and returned with their status,
// as are the others.
func WriteBack(ctx context.Context, tx *store.Tx, revs *revision.Store, tr *translate.Translation, ids []string, force bool, actor approval.Actor) ([]Field, error) {
	fields, err := Fields(ctx, tx, revs, tr)
	if err != nil {
		return nil, err
	}
	bySubject := map[approval.Subject][]int{}
	var order []approval.Subject
	for i, f := range fields {
		if ids != nil && !slices.Contains(ids, f.ID) {
			continue
		}
		if f.Status != Ready && !(force && f.Status == Changed) {
			continue
		}
		if _, ok := bySubject[f.Subject]; !ok {
			order = append(order, f.Subject)
		}
		bySubject[f.Subject] = append(bySubject[f.Subject], i)
	}
	for _, subj := range order {
		d, err := approval.Load(ctx, tx, subj)
		if err != nil {
			return nil, err
		}
		rs := refs(d.Content)
		for _, i := range bySubject[subj] {
			f := &fields[i]
			for _, r := range rs {
				if r.id == f.ID {
					*r.t = complete(*r.t, tr.Lang, f.Translation)
				}
			}
		}
		if _, err := approval.Save(ctx, tx, subj, d.Content, actor); err != nil {
			return nil, fmt.Errorf("write the translation into %s into the draft of %s: %w", tr.Lang, subj, err)
		}
		for _, i := range bySubject[subj] {
			f := &fields[i]
			if err := putBase(ctx, tx, tr.DocumentID, tr.Lang, f.ID, base{source: f.Source, target: f.Translation, done: true}); err != nil {
				return nil, err
			}
			f.Draft, f.DraftDone, f.Status, f.Written = f.Translation, true, InDraft, true
		}
	}
	return fields, nil
}

// complete returns t with v as its complete value in l.
func complete(t lang.Text, l, v string) lang.Text {
	vals := maps.Clone(t.Values)
	if vals == nil {
		vals = map[string]string{}
	}
	vals[l] = v
	t.Values = vals
	if !slices.Contains(t.Done, l) {
		t.Done = append(slices.Clone(t.Done), l)
		slices.Sort(t.Done)
	}
	return t
}
