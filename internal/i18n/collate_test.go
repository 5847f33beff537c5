package i18n

import (
	"slices"
	"sync"
	"testing"
)

func TestSortStrings(t *testing.T) {
	tests := []struct {
		name string
		lang string
		in   []string
		want []string
	}{
		{
			name: "Chinese names in pinyin order",
			lang: "zh",
			// 王 wáng, 谢尔 xiè ěr, 谢伏 xiè fú, 伊 yī
			in:   []string{"谢伏瞻", "王毅", "伊戈尔·伊万诺夫", "谢尔盖·拉夫罗夫"},
			want: []string{"王毅", "谢尔盖·拉夫罗夫", "谢伏瞻", "伊戈尔·伊万诺夫"},
		},
		{
			name: "Chinese words in pinyin order, not by code point",
			lang: "zh",
			// 阿 ā, 北 běi, 莫 mò, 中 zhōng; by code point 中 would come first
			in:   []string{"中国", "莫斯科", "北京", "阿穆尔"},
			want: []string{"阿穆尔", "北京", "莫斯科", "中国"},
		},
		{
			name: "Russian with ё sorted as е",
			lang: "ru",
			in:   []string{"Яковлев", "ешь", "Ёлкин", "ель", "ёж", "Абрамов", "елка"},
			want: []string{"Абрамов", "ёж", "елка", "Ёлкин", "ель", "ешь", "Яковлев"},
		},
		{
			name: "Russian ignores case",
			lang: "ru",
			in:   []string{"лавров", "Иванов", "Лавров", "иванова"},
			want: []string{"Иванов", "иванова", "Лавров", "лавров"},
		},
		{
			name: "English ignores case",
			lang: "en",
			in:   []string{"zebra", "Apple", "apple", "Banana", "éclair"},
			want: []string{"Apple", "apple", "Banana", "éclair", "zebra"},
		},
		{
			// A break hint stored in a name (lang.BreakHint) is no letter:
			// 中国社科院 sorts as zhōngguó whether or not it holds one.
			name: "break hints do not count",
			lang: "zh",
			in:   []string{"中国\u200b社科院", "俄罗斯\u200b国际事务\u200b委员会", "北京"},
			want: []string{"北京", "俄罗斯\u200b国际事务\u200b委员会", "中国\u200b社科院"},
		},
		{
			name: "unsupported language sorts as English",
			lang: "xx",
			in:   []string{"b", "A", "a"},
			want: []string{"A", "a", "b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			SortStrings(tt.lang, got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		lang string
		a, b string
		want int
	}{
		{"zh", "王毅", "谢伏瞻", -1},
		{"zh", "伊戈尔·伊万诺夫", "谢尔盖·拉夫罗夫", 1},
		{"ru", "ёж", "ель", -1},
		{"ru", "ёлка", "яблоко", -1},
		{"ru", "Мир", "мир", 0},
		{"en", "Forum", "forum", 0},
		{"en", "a", "B", -1},
	}
	for _, tt := range tests {
		if got := Compare(tt.lang, tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q, %q) = %d, want %d", tt.lang, tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCollationIsSafeForConcurrentCallers sorts from many goroutines at
// once; run with -race to check the pooling.
func TestCollationIsSafeForConcurrentCallers(t *testing.T) {
	want := []string{"王毅", "谢尔盖·拉夫罗夫", "谢伏瞻", "伊戈尔·伊万诺夫"}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 16 {
		wg.Go(func() {
			for range 50 {
				s := []string{"谢伏瞻", "王毅", "伊戈尔·伊万诺夫", "谢尔盖·拉夫罗夫"}
				SortStrings("zh", s)
				if !slices.Equal(s, want) {
					errs <- "SortStrings gave " + s[0]
					return
				}
				if Compare("ru", "ёж", "ель") != -1 {
					errs <- "Compare went wrong"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
