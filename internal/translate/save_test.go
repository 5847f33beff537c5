package translate

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// memoryRecorder is a MemoryWriter that keeps what it is given, and fails
// when told to.
type memoryRecorder struct {
	mu    sync.Mutex
	units []MemoryUnit
	fail  error
}

func (m *memoryRecorder) Add(ctx context.Context, q store.Querier, u MemoryUnit) error {
	if m.fail != nil {
		return m.fail
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.units = append(m.units, u)
	return nil
}

// TestConcurrentSaves has two translators save the same segment at the
// same version, many times over: exactly one save wins each time, the
// other gets a conflict carrying the winner's text, and nothing is lost.
func TestConcurrentSaves(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		seg := f.bySource("Договор и соседство")
		for round := range 20 {
			names := []string{"anna", "boris"}
			texts := map[string]string{"anna": "条约与睦邻", "boris": "条约和睦邻友好"}
			var wg sync.WaitGroup
			results := make([]error, 2)
			saved := make([]Segment, 2)
			for i, who := range names {
				wg.Add(1)
				go func() {
					defer wg.Done()
					saved[i], results[i] = Save(ctx, db, nil, seg.ID, seg.Version, interchange.PlainText(texts[who]), Translated, who)
				}()
			}
			wg.Wait()
			var winner = -1
			for i, err := range results {
				var ce *ConflictError
				switch {
				case err == nil:
					if winner >= 0 {
						t.Fatalf("round %d: both saves of version %d succeeded: a lost update", round, seg.Version)
					}
					winner = i
				case errors.As(err, &ce):
				default:
					t.Fatalf("round %d: %s: %v", round, names[i], err)
				}
			}
			if winner < 0 {
				t.Fatalf("round %d: neither save succeeded: %v", round, results)
			}
			loser := 1 - winner
			var ce *ConflictError
			errors.As(results[loser], &ce)
			if ce.Current.Target.Plain() != texts[names[winner]] || ce.Current.UpdatedBy != names[winner] || ce.Current.Version != seg.Version+1 {
				t.Errorf("round %d: the conflict shows %q by %s at v%d; want the winner's %q at v%d",
					round, ce.Current.Target.Plain(), ce.Current.UpdatedBy, ce.Current.Version, texts[names[winner]], seg.Version+1)
			}
			now, err := GetSegment(ctx, db, seg.ID)
			if err != nil {
				t.Fatal(err)
			}
			if now.Target.Plain() != texts[names[winner]] {
				t.Errorf("round %d: stored %q; want the winner's %q", round, now.Target.Plain(), texts[names[winner]])
			}
			seg = now
		}
	})
}

// TestSaveCodes saves translations of a sentence with a bold span and a
// footnote reference: codes may move, but a target that loses one,
// invents one or ends a span before it starts is refused and nothing is
// stored; codes claiming another meaning are given the source's.
func TestSaveCodes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		seg := f.bySource("Он определил основы отношений на двадцать лет вперёд.")
		codes := seg.Source.Codes()
		if len(codes) != 2 || codes[0].Kind != interchange.Open || codes[1].Kind != interchange.Close {
			t.Fatalf("source codes %+v; want one bold span", codes)
		}
		open, close := codes[0], codes[1]
		txt := func(s string) interchange.Run { return interchange.Run{Kind: interchange.Text, Text: s} }
		tests := []struct {
			name   string
			target interchange.Content
			lost   []string
			inv    []string
			order  []string
		}{
			{"moved", interchange.Content{txt("它确定了未来二十年"), open, txt("关系的基础"), close, txt("。")}, nil, nil, nil},
			{"lost end", interchange.Content{open, txt("它确定了关系的基础。")}, []string{close.ID}, nil, nil},
			{"lost both", interchange.Content{txt("它确定了关系的基础。")}, []string{open.ID}, nil, nil},
			{"invented", interchange.Content{open, txt("它"), close, {Kind: interchange.Standalone, ID: "9", Type: "image"}, txt("。")}, nil, []string{"9"}, nil},
			{"doubled", interchange.Content{open, txt("它"), close, open, txt("。")}, nil, []string{open.ID}, nil},
			{"end first", interchange.Content{close, txt("它确定了关系的基础"), open}, nil, nil, []string{close.ID}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				cur, err := GetSegment(ctx, db, seg.ID)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Save(ctx, db, nil, cur.ID, cur.Version, tc.target, Translated, "anna")
				if tc.lost == nil && tc.inv == nil && tc.order == nil {
					if err != nil {
						t.Fatalf("Save = %v", err)
					}
					if got.Target.Plain() != "它确定了未来二十年关系的基础。" || len(got.Target.Codes()) != 2 {
						t.Errorf("saved %+v", got.Target)
					}
					return
				}
				var ce *CodeError
				if !errors.As(err, &ce) || !errors.Is(err, ErrCodes) {
					t.Fatalf("Save = %v; want a CodeError", err)
				}
				if len(tc.lost) > 0 && !reflect.DeepEqual(ce.Lost[:1], tc.lost) || !reflect.DeepEqual(ce.Invented, tc.inv) || !reflect.DeepEqual(ce.Misordered, tc.order) {
					t.Errorf("CodeError %+v; want lost %v invented %v misordered %v", ce, tc.lost, tc.inv, tc.order)
				}
				after, _ := GetSegment(ctx, db, seg.ID)
				if after.Version != cur.Version {
					t.Errorf("a refused save changed the segment to version %d", after.Version)
				}
			})
		}
		// A code that claims to be something else is the source's code.
		cur, _ := GetSegment(ctx, db, seg.ID)
		forged := open
		forged.Type, forged.Code = "link", "https://example.org"
		got, err := Save(ctx, db, nil, cur.ID, cur.Version, interchange.Content{forged, txt("它"), close}, Draft, "anna")
		if err != nil {
			t.Fatal(err)
		}
		if got.Target[0] != open {
			t.Errorf("stored code %+v; want the source's %+v", got.Target[0], open)
		}
	})
}

// TestSaveStatesAndMemory checks what goes into the memory (confirmed
// translations, once) and what a save may not do.
func TestSaveStatesAndMemory(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		mem := &memoryRecorder{}
		seg := f.bySource("Договор был подписан в Москве в 2001 году.")
		save := func(text string, st State) (Segment, error) {
			cur, err := GetSegment(ctx, db, seg.ID)
			if err != nil {
				t.Fatal(err)
			}
			return Save(ctx, db, mem, cur.ID, cur.Version, interchange.PlainText(text), st, "anna")
		}
		if _, err := save("条约于", Draft); err != nil || len(mem.units) != 0 {
			t.Fatalf("draft: err %v, memory %d units; want none", err, len(mem.units))
		}
		if _, err := save("", Translated); !errors.Is(err, ErrEmpty) {
			t.Errorf("confirming an empty translation = %v; want ErrEmpty", err)
		}
		if _, err := save("x", New); !errors.Is(err, ErrState) {
			t.Errorf("saving as new = %v; want ErrState", err)
		}
		if _, err := save("条约于2001年在莫斯科签署。", Translated); err != nil {
			t.Fatal(err)
		}
		if len(mem.units) != 1 {
			t.Fatalf("memory has %d units; want 1", len(mem.units))
		}
		u := mem.units[0]
		if u.From != "ru" || u.To != "zh" || u.Source.Plain() != seg.Source.Plain() || u.Target.Plain() != "条约于2001年在莫斯科签署。" || u.By != "anna" || !u.Supersedes {
			t.Errorf("memory unit %+v", u)
		}
		// Confirming it again unchanged adds nothing; a change does.
		save("条约于2001年在莫斯科签署。", Translated)
		save("条约于2001年在莫斯科正式签署。", Translated)
		if len(mem.units) != 2 {
			t.Errorf("memory has %d units after one unchanged and one changed save; want 2", len(mem.units))
		}
		// A memory that fails takes the save with it.
		mem.fail = errors.New("disk full")
		before, _ := GetSegment(ctx, db, seg.ID)
		if _, err := save("条约签署。", Translated); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("save with a failing memory = %v", err)
		}
		if after, _ := GetSegment(ctx, db, seg.ID); after.Version != before.Version || after.Target.Plain() != before.Target.Plain() {
			t.Errorf("a save whose memory failed was stored: %q v%d", after.Target.Plain(), after.Version)
		}
	})
}

// TestReview approves and returns segments as a reviewer does.
func TestReview(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		seg := f.bySource("Договор и соседство")
		if _, err := Approve(ctx, db, seg.ID, seg.Version, "rita"); !errors.Is(err, ErrNotConfirmed) {
			t.Errorf("approving a new segment = %v; want ErrNotConfirmed", err)
		}
		seg = f.translate("Договор и соседство", "条约与睦邻", Translated)
		if _, err := Return(ctx, db, seg.ID, seg.Version, "  ", "rita"); !errors.Is(err, ErrNoComment) {
			t.Errorf("returning without a comment = %v; want ErrNoComment", err)
		}
		ret, err := Return(ctx, db, seg.ID, seg.Version, "Use the treaty's official title.", "rita")
		if err != nil {
			t.Fatal(err)
		}
		if ret.State != Draft || !ret.Returned || ret.Comment != "Use the treaty's official title." || ret.Target.Plain() != "条约与睦邻" {
			t.Errorf("returned segment %+v", ret)
		}
		if _, err := Approve(ctx, db, seg.ID, seg.Version, "rita"); !errors.Is(err, ErrConflict) {
			t.Errorf("approving an old version = %v; want a conflict", err)
		}
		seg = f.translate("Договор и соседство", "睦邻友好合作条约", Translated)
		if seg.Returned {
			t.Error("the translator's save left the segment returned")
		}
		ok, err := Approve(ctx, db, seg.ID, seg.Version, "rita")
		if err != nil || ok.State != Reviewed || ok.UpdatedBy != "rita" {
			t.Errorf("approve = %+v, %v", ok, err)
		}
	})
}

// TestProgressDocumentFingerprint translates part of the essay and checks
// the counts, the translated document and the fingerprint.
func TestProgressDocumentFingerprint(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		fp0, err := Fingerprint(ctx, db, f.tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.translate("Договор и соседство", "条约与睦邻", Translated)
		f.translate("Договор был подписан в Москве в 2001 году.", "条约于2001年在莫斯科签署。", Reviewed)
		f.translate("Он определил основы отношений на двадцать лет вперёд.", "它确定了", Draft)
		c, err := Progress(ctx, db, f.tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[State]int{New: 6, Translated: 1, Reviewed: 1, Draft: 1}
		for st, n := range want {
			if c.ByState[st].Segments != n {
				t.Errorf("%s: %d segments; want %d", st, c.ByState[st].Segments, n)
			}
		}
		if c.Total.Segments != 9 || c.ByState[Translated].Chars != len([]rune("Договорисоседство")) {
			t.Errorf("counts %+v", c)
		}
		if mem := CountSegments(f.segments()); !reflect.DeepEqual(mem, c) {
			t.Errorf("CountSegments %+v; Progress %+v", mem, c)
		}
		if p := c.Percent(); p <= 0 || p >= 100 {
			t.Errorf("percent %d", p)
		}
		td, err := DocumentOf(ctx, db, f.revs, f.tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		if td.Untranslated != 7 || td.Doc.Lang != "zh" {
			t.Errorf("untranslated %d, lang %q; want 7, zh", td.Untranslated, td.Doc.Lang)
		}
		var texts []string
		td.Doc.Walk(func(b *doc.Block) { texts = append(texts, doc.BlockText(b)) })
		all := strings.Join(texts, "\n")
		for _, s := range []string{"条约与睦邻", "条约于2001年在莫斯科签署。", "Он определил основы", "Мир и дружба"} {
			if !strings.Contains(all, s) {
				t.Errorf("translated document lacks %q:\n%s", s, all)
			}
		}
		if strings.Contains(all, "它确定了") {
			t.Error("a draft went into the translated document")
		}
		fp1, _ := Fingerprint(ctx, db, f.tr.ID)
		fp2, _ := Fingerprint(ctx, db, f.tr.ID)
		if fp1 == fp0 || fp1 != fp2 {
			t.Errorf("fingerprints %s, %s, %s: want a change after saves and none without", fp0, fp1, fp2)
		}
	})
}
