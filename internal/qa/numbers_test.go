package qa

import (
	"reflect"
	"testing"
)

func values(ns []Number, spelledToo bool) []float64 {
	var out []float64
	for _, n := range ns {
		if n.Spelled && !spelledToo {
			continue
		}
		out = append(out, n.Value)
	}
	return out
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []float64
	}{
		{"zh", "中俄贸易额达到2401亿美元", []float64{2.401e11}},
		{"ru", "товарооборот достиг 240,1 млрд долларов", []float64{2.401e11}},
		{"en", "trade reached $240.1 billion", []float64{2.401e11}},
		{"zh", "1200名代表", []float64{1200}},
		{"ru", "1 200 делегатов и 1\u00a0500 гостей, 2\u202f000 000 рублей", []float64{1200, 1500, 2e6}},
		{"en", "1,200 delegates, 3.5% growth", []float64{1200, 3.5}},
		{"ru", "рост на 3,5 %, 5 тыс. человек, 12 млн.", []float64{3.5, 5000, 1.2e7}},
		{"zh", "２０２３年５月３日", []float64{2023, 5, 3}},
		{"ru", "3 мая 2023 г.", []float64{3, 5, 2023}},
		{"zh", "公司损失达四百五十万美元，二〇二三年", []float64{4.5e6, 2023}},
		{"ru", "вирус COVID-19 и формат A4", nil},
		{"zh", "第一次会议，统一", nil},
		{"en", "1904-1905", []float64{1904, 1905}},
	}
	for _, tt := range tests {
		if got := values(Numbers(tt.text, tt.lang), false); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %q: got %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
	if got := values(Numbers("две страны и оба министра", "ru"), true); !reflect.DeepEqual(got, []float64{2, 2}) {
		t.Errorf("spelled: %v", got)
	}
}
