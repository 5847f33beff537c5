package subtrans_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/sitetext"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/subtrans"
	"github.com/tandemforum/tandem/internal/translate"
)

// addSpeech adds a forum in Russian and English with a video address
// given in Russian and returns the forum's and the speech's ids.
func addSpeech(t *testing.T, db *store.DB) (forumID, speechID int64) {
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
		Languages: []string{"ru", "en"}, Hosts: []*forum.Partner{partner}}
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
	return f.ID, sp.ID
}

func revisions(t *testing.T, db *store.DB) *revision.Store {
	t.Helper()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return revision.NewStore(db, blobs)
}

var original = []subtitle.Cue{
	{Start: 560, End: 3100, Lines: []string{"Дорогие друзья!"}},
	{Start: 3400, End: 7250, Lines: []string{"Двадцать лет назад", "был подписан Договор."}},
	{Start: 10000, End: 12000, Lines: []string{"Спасибо."}},
}

// english is the translation of each sentence of the original.
var english = map[string]string{
	"Дорогие друзья!": "Dear friends!",
	"Двадцать лет назад был подписан Договор.": "Twenty years ago, our two countries signed the Treaty.",
	"Спасибо.": "Thank you.",
	"Сорок лет назад был подписан Договор.": "Forty years ago the Treaty was signed.",
}

// translateAll saves each open segment of tr with its English and has it
// reviewed; it returns the track written when the last was reviewed.
func translateAll(t *testing.T, db *store.DB, revs *revision.Store, tr *translate.Translation) *subtitle.Track {
	t.Helper()
	ctx := context.Background()
	segs, err := translate.Segments(ctx, db, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	var written *subtitle.Track
	for _, s := range segs {
		if s.State == translate.Reviewed {
			continue
		}
		err := db.Transact(ctx, func(tx *store.Tx) error {
			en, ok := english[s.Source.Plain()]
			if !ok {
				t.Fatalf("no English for %q", s.Source.Plain())
			}
			after, _, err := translate.SaveIn(ctx, tx, nil, translate.Edit{SegmentID: s.ID, Version: s.Version,
				Target: interchange.Content{{Kind: interchange.Text, Text: en}}, State: translate.Translated, By: "Translator"})
			if err != nil {
				return err
			}
			if _, _, err := translate.ApproveIn(ctx, tx, s.ID, after.Version, "Reviewer"); err != nil {
				return err
			}
			track, err := subtrans.Write(ctx, tx, revs, tr, 0, "Reviewer", time.Now())
			switch {
			case errors.Is(err, subtrans.ErrNotReady):
				if written != nil {
					t.Errorf("track written before the last segment was reviewed")
				}
				return nil
			case err != nil:
				return err
			}
			written = track
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return written
}

func TestTranslateSubtitles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, speech := addSpeech(t, db)
		revs := revisions(t, db)
		if err := subtitle.Put(ctx, db, &subtitle.Track{SpeechID: speech, Lang: "ru", Provenance: subtitle.Human, Cues: append([]subtitle.Cue(nil), original...)}); err != nil {
			t.Fatal(err)
		}
		tr, rep, err := subtrans.Open(ctx, db, revs, speech, "ru", "en", "Субтитры: Видеообращение", "Translator")
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Created || tr.OwnerKind != subtrans.OwnerKind || tr.OwnerID != speech || tr.SourceLang != "ru" || tr.Lang != "en" {
			t.Fatalf("Open: %+v %+v", tr, rep)
		}
		// Each cue is a segment of its own block, its lines joined.
		segs, err := translate.Segments(ctx, db, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range segs {
			i, ok := subtrans.CueIndex(s.BlockID)
			if !ok {
				t.Errorf("segment %s: block %q is no cue's", s.Key, s.BlockID)
			}
			got = append(got, subtitle.Timestamp(original[i-1].Start, '.')+" "+s.Source.Plain())
		}
		want := []string{"00:00:00.560 Дорогие друзья!", "00:00:03.400 Двадцать лет назад был подписан Договор.", "00:00:10.000 Спасибо."}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("segments\n got %q\nwant %q", got, want)
		}
		if got := subtrans.Timing(subtitle.Cue{Start: 62300, End: 65000}); got != "00:01:02.300 → 00:01:05.000" {
			t.Errorf("Timing = %q", got)
		}

		// A translation not reviewed in full is no track.
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := subtrans.Write(ctx, tx, revs, tr, 0, "Reviewer", time.Now())
			return err
		}); !errors.Is(err, subtrans.ErrNotReady) {
			t.Errorf("Write of an untranslated track: %v, want ErrNotReady", err)
		}
		en := translateAll(t, db, revs, tr)
		if en == nil {
			t.Fatal("no track written when the last segment was reviewed")
		}
		stored, err := subtitle.Get(ctx, db, speech, "en")
		if err != nil {
			t.Fatal(err)
		}
		if stored.Provenance != subtitle.Human || stored.SourceLang != "ru" || len(stored.Cues) != 3 {
			t.Fatalf("English track: %+v", stored)
		}
		for i, c := range stored.Cues {
			if c.Start != original[i].Start || c.End != original[i].End || c.Index != i+1 {
				t.Errorf("cue %d: %d–%d, want the original's %d–%d", i+1, c.Start, c.End, original[i].Start, original[i].End)
			}
		}
		// The long sentence is broken into two lines within the limit.
		if l := stored.Cues[1].Lines; len(l) != 2 || len(l[0]) > 42 || len(l[1]) > 42 ||
			strings.Join(l, " ") != english["Двадцать лет назад был подписан Договор."] {
			t.Errorf("cue 2 lines %q, want the translation in two lines of at most 42 characters", l)
		}
		if l := stored.Cues[0].Lines; !reflect.DeepEqual(l, []string{"Dear friends!"}) {
			t.Errorf("cue 1 lines %q", l)
		}
		// Writing it again changes nothing.
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			again, err := subtrans.Write(ctx, tx, revs, tr, 0, "Someone else", time.Now())
			if again != nil {
				t.Errorf("the track was written again")
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		sts, err := subtrans.Statuses(ctx, db, revs, speech)
		if err != nil || len(sts) != 1 || !sts[0].Ready || !sts[0].Written || sts[0].Reviewed != 3 || sts[0].Cues != 3 {
			t.Errorf("Statuses after writing: %+v, %v", sts, err)
		}

		// The original changes: the edited cue needs review, the
		// others keep their review, and the track is not rewritten
		// until it is reviewed again.
		revised := append([]subtitle.Cue(nil), original...)
		revised[1] = subtitle.Cue{Start: 3400, End: 7250, Lines: []string{"Сорок лет назад", "был подписан Договор."}}
		if err := subtitle.Put(ctx, db, &subtitle.Track{SpeechID: speech, Lang: "ru", Provenance: subtitle.Human, Cues: revised}); err != nil {
			t.Fatal(err)
		}
		sts, err = subtrans.Statuses(ctx, db, revs, speech)
		if err != nil || len(sts) != 1 || sts[0].Current {
			t.Errorf("Statuses before following: %+v, %v", sts, err)
		}
		reps, err := subtrans.Follow(ctx, db, revs, speech, "ru", "Organiser")
		if err != nil {
			t.Fatal(err)
		}
		if r := reps["en"]; r.Changed != 1 || r.Kept != 2 {
			t.Errorf("Follow: %+v, want 1 changed and 2 kept", reps)
		}
		segs, err = translate.Segments(ctx, db, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		var states []translate.State
		for _, s := range segs {
			states = append(states, s.State)
		}
		if want := []translate.State{translate.Reviewed, translate.NeedsReview, translate.Reviewed}; !reflect.DeepEqual(states, want) {
			t.Errorf("states after the original changed: %v, want %v", states, want)
		}
		sts, err = subtrans.Statuses(ctx, db, revs, speech)
		if err != nil || len(sts) != 1 || !sts[0].Current || sts[0].Ready || sts[0].Reviewed != 2 {
			t.Errorf("Statuses after following: %+v, %v", sts, err)
		}
		tr, err = translate.Get(ctx, db, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		translateAll(t, db, revs, tr)
		stored, err = subtitle.Get(ctx, db, speech, "en")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(stored.Cues[1].Lines, " "); got != "Forty years ago the Treaty was signed." {
			t.Errorf("cue 2 after review: %q", got)
		}

		// A translated track is not translated again.
		if _, _, err := subtrans.Open(ctx, db, revs, speech, "en", "ru", "", "Translator"); !errors.Is(err, subtrans.ErrNotOriginal) {
			t.Errorf("Open of a translation: %v, want ErrNotOriginal", err)
		}
		if _, _, err := subtrans.Open(ctx, db, revs, speech, "ru", "ru", "", "Translator"); !errors.Is(err, subtrans.ErrPair) {
			t.Errorf("Open into its own language: %v, want ErrPair", err)
		}
	})
}

func TestTranscript(t *testing.T) {
	cues := []subtitle.Cue{
		{Start: 0, End: 2000, Lines: []string{"Дорогие друзья,", "коллеги!"}},
		{Start: 2100, End: 4000, Lines: []string{"Двадцать лет назад"}},
		{Start: 4200, End: 6000, Lines: []string{"был подписан Договор."}},
		{Start: 9000, End: 11000, Lines: []string{"Спасибо."}},
	}
	want := "Дорогие друзья, коллеги! Двадцать лет назад был подписан Договор.\n\nСпасибо."
	if got := subtrans.Transcript(cues, "ru"); got != want {
		t.Errorf("Transcript\n got %q\nwant %q", got, want)
	}
	zh := []subtitle.Cue{
		{Start: 0, End: 2000, Lines: []string{"亲爱的朋友们，", "同事们！"}},
		{Start: 2100, End: 4000, Lines: []string{"二十年前签署了条约。"}},
		{Start: 7000, End: 9000, Lines: []string{"谢谢 WTO 2021。"}},
	}
	if got, want := subtrans.Transcript(zh, "zh"), "亲爱的朋友们，同事们！二十年前签署了条约。\n\n谢谢 WTO 2021。"; got != want {
		t.Errorf("Chinese transcript\n got %q\nwant %q", got, want)
	}
	// A long speech without pauses is cut at sentence ends.
	var long []subtitle.Cue
	for i := range 40 {
		long = append(long, subtitle.Cue{Start: int64(i) * 3000, End: int64(i)*3000 + 2500, Lines: []string{"Это одно предложение из многих."}})
	}
	if paras := strings.Split(subtrans.Transcript(long, "ru"), "\n\n"); len(paras) < 2 || len(paras) > 4 {
		t.Errorf("a 40-sentence speech without pauses: %d paragraphs, want 2 to 4", len(paras))
	}
}

func TestUseAsText(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		forumID, speech := addSpeech(t, db)
		track := &subtitle.Track{SpeechID: speech, Lang: "ru", Provenance: subtitle.Human, Cues: append([]subtitle.Cue(nil), original...)}
		if err := subtitle.Put(ctx, db, track); err != nil {
			t.Fatal(err)
		}
		want := "Дорогие друзья! Двадцать лет назад был подписан Договор.\n\nСпасибо."
		err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := subtrans.UseAsText(ctx, tx, track, approval.Actor{AccountID: 0, Name: "Организатор"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		d, err := approval.Load(ctx, db, approval.Subject{Kind: approval.KindProgramme, ID: forumID})
		if err != nil {
			t.Fatal(err)
		}
		body := d.Content.(*forum.Programme).Sessions[0].Speeches[0].Body
		if body.Source != "ru" || body.Values["ru"] != want || !body.Complete("ru") {
			t.Errorf("speech text in the draft: %+v", body)
		}
		// The text is one of the forum's texts to translate.
		texts, err := sitetext.Collect(ctx, db, forumID)
		if err != nil {
			t.Fatal(err)
		}
		st := texts.Find("speech-" + itoa(speech) + "-body")
		if st == nil || st.Value.Values["ru"] != want || st.Name != "speech_body" {
			t.Errorf("site text of the speech's text: %+v", st)
		}
		if d := texts.Document("ru"); !strings.Contains(docText(d.Blocks), "Спасибо.") {
			t.Errorf("the forum's document in Russian lacks the transcript")
		}
		// ... and is translated in the workbench with them.
		p, err := sitetext.Prepare(ctx, db, revisions(t, db), nil, forumID, "ru", "en", approval.Actor{Name: "Переводчик"})
		if err != nil {
			t.Fatal(err)
		}
		segs, err := translate.Segments(ctx, db, p.Translation.ID)
		if err != nil {
			t.Fatal(err)
		}
		var sentences []string
		for _, s := range segs {
			if sitetext.TextOf(s.BlockID) == "speech-"+itoa(speech)+"-body" {
				sentences = append(sentences, s.Source.Plain())
			}
		}
		if want := []string{"Дорогие друзья!", "Двадцать лет назад был подписан Договор.", "Спасибо."}; !reflect.DeepEqual(sentences, want) {
			t.Errorf("segments of the speech's text: %q, want %q", sentences, want)
		}
		// A translated track does not become the text.
		tr := &subtitle.Track{SpeechID: speech, Lang: "en", Provenance: subtitle.Human, SourceLang: "ru", Cues: []subtitle.Cue{{Start: 0, End: 1000, Lines: []string{"Thanks."}}}}
		err = db.Transact(ctx, func(tx *store.Tx) error {
			_, err := subtrans.UseAsText(ctx, tx, tr, approval.Actor{Name: "Организатор"})
			return err
		})
		if !errors.Is(err, subtrans.ErrNotOriginal) {
			t.Errorf("UseAsText of a translation: %v", err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func docText(bs []doc.Block) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, doc.PlainText(b.Inlines))
	}
	return strings.Join(parts, "\n")
}
