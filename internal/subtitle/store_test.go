package subtitle_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// addSpeech adds a forum with a video address and returns the speech's id.
func addSpeech(t *testing.T, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	day := time.Date(2021, 7, 16, 10, 0, 0, 0, time.UTC)
	text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
	partner := &forum.Partner{Slug: "p", Name: text("Партнёр"), ShortName: text("П"), Country: "RU"}
	if err := forum.AddPartner(ctx, db, partner); err != nil {
		t.Fatal(err)
	}
	person := &forum.Person{Slug: "ivanov", PartnerID: partner.ID, Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Иванов"}}}}
	if err := forum.AddPerson(ctx, db, person); err != nil {
		t.Fatal(err)
	}
	f := &forum.Forum{Slug: "f", Title: text("Форум"), StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "Europe/Moscow",
		Languages: []string{"ru"}, Hosts: []*forum.Partner{partner}}
	if err := forum.AddForum(ctx, db, f); err != nil {
		t.Fatal(err)
	}
	session := &forum.Session{ForumID: f.ID, Title: text("Сессия"), StartsAt: day, EndsAt: day.Add(time.Hour)}
	if err := forum.AddSession(ctx, db, session); err != nil {
		t.Fatal(err)
	}
	sp := &forum.Speech{ForumID: f.ID, SessionID: session.ID, Slug: "video", Kind: forum.VideoAddress, Delivery: forum.Video, OriginalLang: "ru",
		Title: text("Видеообращение"), SpeakerID: person.ID, StartsAt: day, EndsAt: day.Add(time.Hour)}
	if err := forum.AddSpeech(ctx, db, sp); err != nil {
		t.Fatal(err)
	}
	return sp.ID
}

func TestStore(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		speech := addSpeech(t, db)
		at := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
		ru := &subtitle.Track{SpeechID: speech, Lang: "ru", Provenance: subtitle.Human, FileName: "речь.srt", CreatedByName: "Организатор", CreatedAt: at,
			Cues: []subtitle.Cue{{Start: 560, End: 3100, Lines: []string{"Дорогие друзья,", "коллеги!"}}, {Start: 4000, End: 7250, Lines: []string{"Договор подписан."}}}}
		zh := &subtitle.Track{SpeechID: speech, Lang: "zh", Provenance: subtitle.Machine, SourceLang: "ru", CreatedAt: at,
			Cues: []subtitle.Cue{{Start: 560, End: 3100, Lines: []string{"亲爱的朋友们，同事们！"}}}}
		for _, tr := range []*subtitle.Track{zh, ru} {
			if err := subtitle.Put(ctx, db, tr); err != nil {
				t.Fatal(err)
			}
		}
		got, err := subtitle.Get(ctx, db, speech, "ru")
		if err != nil {
			t.Fatal(err)
		}
		got.CreatedAt = got.CreatedAt.UTC()
		if !reflect.DeepEqual(got, ru) || got.Cues[1].Index != 2 {
			t.Errorf("Get\n got %+v\nwant %+v", got, ru)
		}
		// List in the site's order of languages.
		list, err := subtitle.List(ctx, db, speech, "zh", "ru", "en")
		if err != nil || len(list) != 2 || list[0].Lang != "zh" || list[1].Lang != "ru" {
			t.Errorf("List: %v, %v", list, err)
		}
		byID, err := subtitle.ListFor(ctx, db, []int64{speech, speech + 1000}, "ru", "zh")
		if err != nil || len(byID) != 1 || len(byID[speech]) != 2 || byID[speech][0].Lang != "ru" {
			t.Errorf("ListFor: %v, %v", byID, err)
		}
		// A new Russian file replaces the track.
		ru2 := &subtitle.Track{SpeechID: speech, Lang: "ru", Provenance: subtitle.Automatic, CreatedAt: at.Add(time.Hour),
			Cues: []subtitle.Cue{{Start: 0, End: 1000, Lines: []string{"Новое"}}}}
		if err := subtitle.Put(ctx, db, ru2); err != nil {
			t.Fatal(err)
		}
		got, err = subtitle.Get(ctx, db, speech, "ru")
		if err != nil || got.Provenance != subtitle.Automatic || len(got.Cues) != 1 || got.FileName != "" {
			t.Errorf("replaced: %+v, %v", got, err)
		}
		if list, _ := subtitle.List(ctx, db, speech); len(list) != 2 {
			t.Errorf("after replacing, %d tracks", len(list))
		}
		if err := subtitle.Put(ctx, db, &subtitle.Track{SpeechID: speech, Lang: "en", Provenance: "guessed"}); err == nil {
			t.Error("a provenance of no kind was stored")
		}
		if err := subtitle.Delete(ctx, db, speech, "zh"); err != nil {
			t.Fatal(err)
		}
		if _, err := subtitle.Get(ctx, db, speech, "zh"); !errors.Is(err, subtitle.ErrNotFound) {
			t.Errorf("deleted track: %v", err)
		}
		if err := subtitle.Delete(ctx, db, speech, "zh"); !errors.Is(err, subtitle.ErrNotFound) {
			t.Errorf("deleting it again: %v", err)
		}
		// A speech that leaves the programme takes its subtitles with it.
		if _, err := db.Exec(ctx, `DELETE FROM speeches WHERE id = ?`, speech); err != nil {
			t.Fatal(err)
		}
		if list, _ := subtitle.List(ctx, db, speech); len(list) != 0 {
			t.Errorf("tracks of a removed speech: %d", len(list))
		}
	})
}

// TestRelabel: the same cues read from another file (other numbers) are
// the same subtitles; Relabel changes who made them and keeps the cues
// and their time; subtitles that do not exist are not found.
func TestRelabel(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := addSpeech(t, db)
		at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		tr := &subtitle.Track{SpeechID: id, Lang: "ru", Provenance: subtitle.Human, CreatedAt: at,
			Cues: []subtitle.Cue{{Start: 0, End: 2000, Lines: []string{"Друзья!"}}, {Start: 2000, End: 4000, Lines: []string{"Спасибо."}, Voice: "Ведущий"}}}
		if err := subtitle.Put(ctx, db, tr); err != nil {
			t.Fatal(err)
		}
		same := []subtitle.Cue{{Index: 7, Start: 0, End: 2000, Lines: []string{"Друзья!"}}, {Index: 8, Start: 2000, End: 4000, Lines: []string{"Спасибо."}, Voice: "Ведущий"}}
		if !subtitle.SameCues(tr.Cues, same) {
			t.Error("the same cues, numbered otherwise, are not the same")
		}
		for _, other := range [][]subtitle.Cue{same[:1],
			{same[0], {Start: 2000, End: 4001, Lines: []string{"Спасибо."}, Voice: "Ведущий"}},
			{same[0], {Start: 2000, End: 4000, Lines: []string{"Спасибо!"}, Voice: "Ведущий"}},
			{same[0], {Start: 2000, End: 4000, Lines: []string{"Спасибо."}}}} {
			if subtitle.SameCues(tr.Cues, other) {
				t.Errorf("%v is the same as %v", other, tr.Cues)
			}
		}
		if err := subtitle.Relabel(ctx, db, id, "ru", subtitle.Automatic, ""); err != nil {
			t.Fatal(err)
		}
		got, err := subtitle.Get(ctx, db, id, "ru")
		if err != nil {
			t.Fatal(err)
		}
		if got.Provenance != subtitle.Automatic || !got.CreatedAt.Equal(at) || !subtitle.SameCues(got.Cues, tr.Cues) {
			t.Errorf("relabelled: %s, %s, %v", got.Provenance, got.CreatedAt, got.Cues)
		}
		if err := subtitle.Relabel(ctx, db, id, "zh", subtitle.Human, ""); !errors.Is(err, subtitle.ErrNotFound) {
			t.Errorf("relabel subtitles there are not: %v", err)
		}
	})
}
