package translate

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// addUnit adds one unit in a transaction of its own.
func addUnit(t *testing.T, db *store.DB, m *Memory, u MemoryUnit) {
	t.Helper()
	if err := db.Transact(context.Background(), func(tx *store.Tx) error { return m.Add(context.Background(), tx, u) }); err != nil {
		t.Fatal(err)
	}
}

func countUnits(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM tm_units`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// testForum adds a forum and a collection of it, returning their ids.
func testForum(t *testing.T, db *store.DB, slug string) (forumID, collectionID int64) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2021, 7, 16, 9, 0, 0, 0, time.UTC)
	forumID, err := store.InsertID(ctx, db, `INSERT INTO forums (slug, title, starts_at, ends_at, time_zone, languages) VALUES (?, ?, ?, ?, ?, ?)`,
		slug, `{"src":"en","v":{"en":"Forum"}}`, now, now, "UTC", `["zh","ru"]`)
	if err != nil {
		t.Fatal(err)
	}
	collectionID, err = store.InsertID(ctx, db, `INSERT INTO collections (forum_id, slug, title, languages, released_at) VALUES (?, ?, ?, ?, ?)`,
		forumID, slug+"-works", `{"src":"en","v":{"en":"Collected Works"}}`, `["zh","ru"]`, now)
	if err != nil {
		t.Fatal(err)
	}
	return forumID, collectionID
}

func TestMemoryAddLookup(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m := NewMemory(db)
		bold := interchange.Content{{Kind: interchange.Text, Text: "Договор "}, {Kind: interchange.Open, ID: "1", Type: "bold"},
			{Kind: interchange.Text, Text: "подписан"}, {Kind: interchange.Close, ID: "1", Type: "bold"}, {Kind: interchange.Text, Text: " в Москве."}}
		units := []MemoryUnit{
			{From: "zh", To: "ru", Source: interchange.PlainText("条约于2001年7月16日在莫斯科签署。"), Target: interchange.PlainText("Договор подписан 16 июля 2001 года в Москве."), Context: "c1", By: "ivanova"},
			{From: "zh", To: "ru", Source: interchange.PlainText("条约在莫斯科签署。"), Target: bold, By: "ivanova"},
			{From: "ru", To: "zh", Source: interchange.PlainText("Договор подписан в Москве."), Target: interchange.PlainText("条约在莫斯科签署。")},
			{From: "zh", To: "ru", Source: interchange.PlainText("  "), Target: interchange.PlainText("пусто")},
		}
		for _, u := range units {
			addUnit(t, db, m, u)
		}
		if n := countUnits(t, db); n != 3 {
			t.Errorf("%d units stored, want 3 (the empty source is not stored)", n)
		}
		tests := []struct {
			name, from, to, src, context string
			wantTarget                   string
			wantScore                    int
			wantCodes                    bool
		}{
			{"exact in context", "zh", "ru", "条约于2001年7月16日在莫斯科签署。", "c1", "Договор подписан 16 июля 2001 года в Москве.", 101, false},
			{"exact", "zh-CN", "ru-RU", "条约于2001年7月16日在莫斯科签署。", "", "Договор подписан 16 июля 2001 года в Москве.", 100, false},
			{"number is a placeable", "zh", "ru", "条约于2002年7月16日在莫斯科签署。", "", "Договор подписан 16 июля 2001 года в Москве.", 99, false},
			{"with codes", "zh", "ru", "条约在莫斯科签署。", "", "Договор подписан в Москве.", 100, true},
			{"russian source by stem", "ru", "zh", "Договора подписаны в Москве.", "", "条约在莫斯科签署。", 100 * 3 / 4, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ms, err := m.Lookup(ctx, tt.from, tt.to, interchange.PlainText(tt.src), tt.context)
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) == 0 {
					t.Fatalf("no match for %q", tt.src)
				}
				if ms[0].Target != tt.wantTarget || ms[0].Score < tt.wantScore {
					t.Errorf("best match %q (%d%%), want %q (%d%% or more)", ms[0].Target, ms[0].Score, tt.wantTarget, tt.wantScore)
				}
				if got := len(ms[0].TargetSeg.Codes()) > 0; got != tt.wantCodes {
					t.Errorf("target with codes %v, want %v: %+v", got, tt.wantCodes, ms[0].TargetSeg)
				}
			})
		}
		ms, err := m.Lookup(ctx, "zh", "en", interchange.PlainText("条约在莫斯科签署。"), "")
		if err != nil || len(ms) != 0 {
			t.Errorf("lookup in a pair without units: %v, %v; want nothing", ms, err)
		}
	})
}

// A unit saved again is one unit with the later date and author, not two.
func TestMemoryAddSameUnitTwice(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		m := NewMemory(db)
		first := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		u := MemoryUnit{From: "zh", To: "ru", Source: interchange.PlainText("中俄友好"), Target: interchange.PlainText("Российско-китайская дружба"), By: "a", Changed: first}
		addUnit(t, db, m, u)
		u.By, u.Changed = "b", first.Add(time.Hour)
		addUnit(t, db, m, u)
		if n := countUnits(t, db); n != 1 {
			t.Fatalf("%d units after saving the same one twice, want 1", n)
		}
		var by string
		var changed time.Time
		if err := db.QueryRow(context.Background(), `SELECT changed_by, changed_at FROM tm_units`).Scan(&by, &changed); err != nil {
			t.Fatal(err)
		}
		if by != "b" || !changed.Equal(first.Add(time.Hour)) {
			t.Errorf("unit by %q at %v, want b at %v", by, changed, first.Add(time.Hour))
		}
		u.Target = interchange.PlainText("Дружба России и Китая")
		addUnit(t, db, m, u)
		if n := countUnits(t, db); n != 2 {
			t.Errorf("%d units after another translation of the same source, want 2", n)
		}
	})
}

// Two Memory values on one database stand for two server processes: a
// unit one confirms, the other finds at its next lookup, in one query; a
// unit of a transaction rolled back is found by neither.
func TestMemoryAcrossProcesses(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, b := NewMemory(db), NewMemory(db)
		src := interchange.PlainText("双方重申条约的原则。")
		if ms, err := b.Lookup(ctx, "zh", "ru", src, ""); err != nil || len(ms) != 0 {
			t.Fatalf("empty memory: %v, %v", ms, err)
		}
		addUnit(t, db, a, MemoryUnit{From: "zh", To: "ru", Source: src, Target: interchange.PlainText("Стороны подтвердили принципы Договора.")})
		before := db.QueryCount()
		ms, err := b.Lookup(ctx, "zh", "ru", src, "")
		if err != nil {
			t.Fatal(err)
		}
		if q := db.QueryCount() - before; q != 1 {
			t.Errorf("lookup sent %d queries, want 1", q)
		}
		if len(ms) != 1 || ms[0].Score != 100 {
			t.Fatalf("the other process's lookup found %+v, want the unit just added", ms)
		}
		lost := errors.New("save refused")
		err = db.Transact(ctx, func(tx *store.Tx) error {
			if err := a.Add(ctx, tx, MemoryUnit{From: "zh", To: "ru", Source: interchange.PlainText("这句未保存。"), Target: interchange.PlainText("Это не сохранено.")}); err != nil {
				return err
			}
			return lost
		})
		if !errors.Is(err, lost) {
			t.Fatal(err)
		}
		for _, m := range []*Memory{a, b} {
			if ms, _ := m.Lookup(ctx, "zh", "ru", interchange.PlainText("这句未保存。"), ""); len(ms) != 0 {
				t.Errorf("a unit of a rolled-back transaction was found: %+v", ms)
			}
		}
	})
}

const tmxZhRu = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body>
<tu changedate="20210716T090000Z"><tuv xml:lang="zh-CN"><seg>条约有效期为二十年。</seg></tuv><tuv xml:lang="ru-RU"><seg>Договор заключается сроком на двадцать лет.</seg></tuv></tu>
<tu><prop type="x-context">art1</prop><tuv xml:lang="zh-CN"><seg>第一条 <bpt i="1" type="bold">&lt;b&gt;</bpt>缔约双方<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="ru-RU"><seg>Статья 1 <bpt i="1" type="bold">&lt;b&gt;</bpt>Договаривающиеся Стороны<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>条约有效期为二十年。</seg></tuv><tuv xml:lang="ru-RU"><seg>Договор заключается сроком на двадцать лет.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>只有英文。</seg></tuv><tuv xml:lang="en"><seg>English only.</seg></tuv></tu>
</body></tmx>`

const tmxEnDe = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="de"><seg>Hallo.</seg></tuv></tu></body></tmx>`

func TestMemoryImportTMX(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m := NewMemory(db)
		_, coll := testForum(t, db, "f1")
		tests := []struct {
			name, file, from, to string
			wantUnits, wantSkip  int
			wantErr              func(error) bool
		}{
			{"another pair", tmxEnDe, "zh", "ru", 0, 0, func(err error) bool {
				var pe *PairError
				return errors.As(err, &pe) && strings.Join(pe.Found, ",") == "de,en"
			}},
			{"the other direction is another pair", tmxZhRu, "ru", "en", 0, 0, func(err error) bool {
				var pe *PairError
				return errors.As(err, &pe)
			}},
			{"not a TMX", "<html><body>no</body></html>", "zh", "ru", 0, 0, func(err error) bool {
				var ie *interchange.Error
				return errors.As(err, &ie)
			}},
			{"zh-CN and ru-RU found for zh and ru", tmxZhRu, "zh", "ru", 3, 1, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := countUnits(t, db)
				res, err := m.ImportTMX(ctx, strings.NewReader(tt.file), "memory.tmx", tt.from, tt.to, coll, "editor")
				if tt.wantErr != nil {
					if !tt.wantErr(err) {
						t.Fatalf("err = %v (%T)", err, err)
					}
					if n := countUnits(t, db); n != before {
						t.Errorf("a refused file stored %d units", n-before)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if res.Units != tt.wantUnits || res.Skipped != tt.wantSkip {
					t.Errorf("import: %+v, want %d units, %d skipped", res, tt.wantUnits, tt.wantSkip)
				}
			})
		}
		// The duplicate in the file is one unit.
		if n := countUnits(t, db); n != 2 {
			t.Errorf("%d units in the memory, want 2", n)
		}
		ms, err := m.Lookup(ctx, "zh", "ru", interchange.PlainText("第一条 缔约双方"), "art1")
		if err != nil || len(ms) == 0 || !ms[0].InContext || len(ms[0].TargetSeg.Codes()) != 2 {
			t.Fatalf("lookup of an imported unit with codes: %+v, %v", ms, err)
		}

		// Export per collection and whole; read back, units and codes kept.
		addUnit(t, db, m, MemoryUnit{From: "ru", To: "zh", Source: interchange.PlainText("Москва"), Target: interchange.PlainText("莫斯科")})
		for _, tt := range []struct {
			name  string
			f     MemoryFilter
			units int
		}{
			{"collection", MemoryFilter{CollectionID: coll}, 2},
			{"pair", MemoryFilter{From: "ru", To: "zh"}, 1},
			{"whole", MemoryFilter{}, 3},
		} {
			t.Run("export "+tt.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := ExportTMX(ctx, db, &buf, tt.f, "test"); err != nil {
					t.Fatal(err)
				}
				back, err := interchange.ReadTMX(&buf, "export.tmx")
				if err != nil {
					t.Fatal(err)
				}
				if len(back.Units) != tt.units {
					t.Fatalf("%d units exported, want %d", len(back.Units), tt.units)
				}
				for _, tu := range back.Units {
					if v, ok := tu.Variant("ru"); ok && strings.HasPrefix(v.Seg.Plain(), "Статья") && len(v.Seg.Codes()) != 2 {
						t.Errorf("codes lost on export: %+v", v.Seg)
					}
				}
			})
		}
		// A fresh database imports the export back: a round trip.
		var buf bytes.Buffer
		if err := ExportTMX(ctx, db, &buf, MemoryFilter{From: "zh", To: "ru"}, "test"); err != nil {
			t.Fatal(err)
		}
		db2 := storetest.SQLite(t)
		res, err := NewMemory(db2).ImportTMX(ctx, &buf, "export.tmx", "zh", "ru", 0, "x")
		if err != nil || res.Units != 2 {
			t.Fatalf("import of the export: %+v, %v", res, err)
		}
		var ctxt string
		if err := db2.QueryRow(ctx, `SELECT context FROM tm_units WHERE context <> ''`).Scan(&ctxt); err != nil || ctxt != "art1" {
			t.Errorf("context after the round trip %q, %v; want art1", ctxt, err)
		}
		ps, err := Pairs(ctx, db)
		if err != nil || len(ps) != 2 || ps[1] != (Pair{"zh", "ru", 2}) {
			t.Errorf("pairs %+v, %v", ps, err)
		}
		cs, err := Collections(ctx, db)
		if err != nil || len(cs) != 1 || cs[0].ID != coll || cs[0].Units != 2 || cs[0].Title.Source != "en" {
			t.Errorf("collections %+v, %v", cs, err)
		}
	})
}

// A segment confirmed again with another translation replaces its unit in
// the memory: the old one is suggested by no process, listed nor exported;
// units of TMX files and of other translations stay.
func TestMemorySupersede(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, b := NewMemory(db), NewMemory(db)
		src := "贸易额达到2401亿美元。"
		confirm := func(origin, target string) {
			addUnit(t, db, a, MemoryUnit{From: "zh", To: "ru", Source: interchange.PlainText(src), Target: interchange.PlainText(target),
				Origin: origin, Supersedes: true})
		}
		steps := []struct {
			name string
			do   func()
			want []string // targets of the exact matches, any order
		}{
			{"first confirmation", func() {
				confirm("translation:7", "Товарооборот достиг 2401 млрд долларов.")
			},
				[]string{"Товарооборот достиг 2401 млрд долларов."}},
			{"number fixed", func() {
				confirm("translation:7", "Товарооборот достиг 240,1 млрд долларов.")
			},
				[]string{"Товарооборот достиг 240,1 млрд долларов."}},
			{"a TMX unit", func() {
				tmx := `<tmx version="1.4"><header srclang="zh" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="zh"><seg>` + src + `</seg></tuv><tuv xml:lang="ru"><seg>Объём торговли составил 240,1 млрд долларов.</seg></tuv></tu></body></tmx>`
				if _, err := a.ImportTMX(ctx, strings.NewReader(tmx), "old.tmx", "zh", "ru", 0, "x"); err != nil {
					t.Fatal(err)
				}
			}, []string{"Товарооборот достиг 240,1 млрд долларов.", "Объём торговли составил 240,1 млрд долларов."}},
			{"another translation", func() {
				confirm("translation:8", "Товарооборот составил 240,1 млрд долларов.")
			},
				[]string{"Товарооборот достиг 240,1 млрд долларов.", "Объём торговли составил 240,1 млрд долларов.", "Товарооборот составил 240,1 млрд долларов."}},
			{"fixed again: the TMX unit stays", func() {
				confirm("translation:7", "Товарооборот вырос до 240,1 млрд долларов.")
			},
				[]string{"Товарооборот вырос до 240,1 млрд долларов.", "Объём торговли составил 240,1 млрд долларов.", "Товарооборот составил 240,1 млрд долларов."}},
			{"back to a retired translation", func() {
				confirm("translation:7", "Товарооборот достиг 240,1 млрд долларов.")
			},
				[]string{"Товарооборот достиг 240,1 млрд долларов.", "Объём торговли составил 240,1 млрд долларов.", "Товарооборот составил 240,1 млрд долларов."}},
		}
		targets := func(m *Memory) []string {
			ms, err := m.Lookup(ctx, "zh", "ru", interchange.PlainText(src), "")
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, mt := range ms {
				if mt.Score == 100 {
					out = append(out, mt.Target)
				}
			}
			slices.Sort(out)
			return out
		}
		for _, st := range steps {
			st.do()
			want := slices.Sorted(slices.Values(st.want))
			for name, m := range map[string]*Memory{"this process": a, "another process": b, "a process started now": NewMemory(db)} {
				if got := targets(m); !slices.Equal(got, want) {
					t.Errorf("%s: %s finds %q, want %q", st.name, name, got, want)
				}
			}
			us, total, err := ListUnits(ctx, db, "zh", "ru", 50, 0)
			if err != nil {
				t.Fatal(err)
			}
			var listed []string
			for _, u := range us {
				listed = append(listed, u.Target)
			}
			slices.Sort(listed)
			if total != len(want) || !slices.Equal(listed, want) {
				t.Errorf("%s: the memory page lists %d: %q, want %q", st.name, total, listed, want)
			}
			var buf bytes.Buffer
			if err := ExportTMX(ctx, db, &buf, MemoryFilter{From: "zh", To: "ru"}, "test"); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "<tu "); n != len(want) {
				t.Errorf("%s: export holds %d units, want %d", st.name, n, len(want))
			}
		}
		if n, err := b.Units(ctx, "zh", "ru"); err != nil || n != 3 {
			t.Errorf("index holds %d units in use (%v), want 3", n, err)
		}
	})
}

// A TMX unit whose text is not in its language's script is left out and
// counted; a file of nothing else is refused.
func TestMemoryImportTMXScript(t *testing.T) {
	tmx := func(units ...[2]string) string {
		var b strings.Builder
		b.WriteString(`<tmx version="1.4"><header srclang="zh" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>`)
		for _, u := range units {
			b.WriteString(`<tu><tuv xml:lang="zh-CN"><seg>` + u[0] + `</seg></tuv><tuv xml:lang="ru-RU"><seg>` + u[1] + `</seg></tuv></tu>`)
		}
		b.WriteString(`</body></tmx>`)
		return b.String()
	}
	good := [2]string{"边界问题已经解决。", "Пограничный вопрос решён."}
	zhInCyrillic := [2]string{"Граница определена.", "Граница определена."}
	ruInHan := [2]string{"双方签署条约。", "双方签署条约。"}
	latin := [2]string{"WTO", "ВТО"}
	tests := []struct {
		name             string
		file             string
		units, wrong     int
		wantScriptRefuse bool
	}{
		{"mixed", tmx(good, zhInCyrillic, ruInHan, latin), 2, 2, false},
		{"all in the wrong script", tmx(zhInCyrillic, ruInHan), 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ReadTMX(strings.NewReader(tt.file), "f.tmx", "zh", "ru", 0, "x")
			var se *ScriptError
			if tt.wantScriptRefuse {
				if !errors.As(err, &se) || se.Units != 2 {
					t.Fatalf("ReadTMX = %v, want a *ScriptError for 2 units", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.Units != tt.units || b.WrongScript != tt.wrong {
				t.Errorf("read %d units, %d in the wrong script; want %d, %d", b.Units, b.WrongScript, tt.units, tt.wrong)
			}
		})
	}
}
