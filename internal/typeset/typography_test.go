package typeset

import "testing"

func TestRussianSpaces(t *testing.T) {
	const n = "\u00A0"
	for _, tc := range []struct{ in, want string }{
		{"По оценке А. В. Островского, именно", "По" + n + "оценке А." + n + "В." + n + "Островского, именно"},
		{"энергетика — транспорт", "энергетика" + n + "— транспорт"},
		{"торговля строилась в основном на приграничном", "торговля строилась в" + n + "основном на" + n + "приграничном"},
		{"Китай и Россия", "Китай и" + n + "Россия"},
		{"1992–1999 гг. и далее", "1992–1999 гг. и" + n + "далее"},
		{"конец в", "конец в"},
		{"Слово в  два", "Слово в  два"},
		{"вода, на которой", "вода, на" + n + "которой"},
		{`"Война и мир" - роман`, `"Война и` + n + `мир"` + n + "— роман"},
		{"Москва - столица", "Москва" + n + "— столица"},
		{"5 - 3 = 2", "5 - 3 = 2"},
		{"- Да, - сказал он", "- Да," + n + "— сказал он"},
		{"северо-запад", "северо-запад"},
		{" - роман", n + "— роман"},
		{"роман - ", "роман" + n + "— "},
		{"роман  -  нет", "роман  -  нет"},
	} {
		if got := RussianSpaces(tc.in); got != tc.want {
			t.Errorf("RussianSpaces(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQuotes(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"ru", `он сказал "статья "Нефть" вышла"`, "он сказал «статья „Нефть“ вышла»"},
		{"ru", `«уже „готово“» и "ещё"`, "«уже „готово“» и «ещё»"},
		{"zh", `确认了"世代友好"的原则`, "确认了“世代友好”的原则"},
	} {
		if got := newQuotes(tc.lang).convert(tc.in, 0); got != tc.want {
			t.Errorf("%s: convert(%q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

func TestStr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a"b\c`, `"a\"b\\c"`},
		{"#set text(red)\n]", `"#set text(red) ]"`},
		{"x\x00\x07y", `"xy"`},
		{"\xff", `"\u{fffd}"`},
		{"中«", `"\u{4e2d}\u{ab}"`},
	} {
		if got := str(tc.in); got != tc.want {
			t.Errorf("str(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
