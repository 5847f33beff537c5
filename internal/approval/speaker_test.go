package approval_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestUnpublishedSpeaker: a programme that names a person the public does
// not see is not published: asking to publish it is refused at the
// speech's speaker, and so is the last approval when the speaker was
// unpublished after the request.
func TestUnpublishedSpeaker(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		draftPerson := &forum.Person{Slug: "petrov", PartnerID: s.riac.ID, Names: lang.Names{Source: "ru", Values: map[string]lang.Name{
			"ru": {Family: "Петров", Given: "Иван"}, "zh": {Family: "彼得罗夫", Given: "伊万"}}}}
		pd, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Create(ctx, tx, approval.KindPerson, draftPerson, s.b)
		})
		if err != nil {
			t.Fatal(err)
		}
		subj := approval.Subject{Kind: approval.KindProgramme, ID: s.forum.ID}
		cur, err := approval.Load(ctx, db, subj)
		if err != nil {
			t.Fatal(err)
		}
		p := cur.Content.(*forum.Programme)
		speech := func(slug string, speaker int64) *forum.Speech {
			return &forum.Speech{Slug: slug, SpeakerID: speaker, Kind: forum.Report, OriginalLang: "ru", Title: zhru("报告", "Доклад"),
				StartsAt: day, EndsAt: day.Add(time.Hour)}
		}
		p.Sessions = []*forum.Session{{Title: zhru("全体会议", "Пленарное заседание"), StartsAt: day, EndsAt: day.Add(2 * time.Hour),
			Speeches: []*forum.Speech{speech("wang", s.speaker.ID), speech("petrov", pd.Subject.ID)}}}
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, subj, p, s.a) }); err != nil {
			t.Fatal(err)
		}
		_, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, subj, s.a) })
		var fe approval.FieldErrors
		want := approval.FieldErrors{{Field: "sessions[0].speeches[1].speaker_id", Key: approval.KeyUnpublishedSpeaker}}
		if !errors.As(err, &fe) || !slices.Equal(fe, want) {
			t.Fatalf("submit naming a draft person: %v, want %v", err, want)
		}

		// With the person published, the request goes through; the person
		// unpublished before RIAC approves, the approval is refused and
		// nothing reaches the public.
		if err := forum.SetPublished(ctx, db, forum.PeopleTable, pd.Subject.ID, true); err != nil {
			t.Fatal(err)
		}
		d, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, subj, s.a) })
		if err != nil {
			t.Fatalf("submit with every speaker published: %v", err)
		}
		if err := forum.SetPublished(ctx, db, forum.PeopleTable, pd.Subject.ID, false); err != nil {
			t.Fatal(err)
		}
		_, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Approve(ctx, tx, subj, d.Version, s.b, s.riac.ID)
		})
		if !errors.As(err, &fe) || !slices.Equal(fe, want) {
			t.Fatalf("last approval with the speaker unpublished: %v, want %v", err, want)
		}
		sessions, err := (&forum.Store{DB: db}).Programme(ctx, s.forum.ID)
		if err != nil || len(sessions) != 0 {
			t.Errorf("the public programme after a refused approval: %d sessions, %v", len(sessions), err)
		}
		if err := forum.SetPublished(ctx, db, forum.PeopleTable, pd.Subject.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Approve(ctx, tx, subj, d.Version, s.b, s.riac.ID)
		}); err != nil {
			t.Fatalf("last approval with the speaker published again: %v", err)
		}
	})
}
