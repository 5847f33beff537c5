package numeral

import (
	"slices"
	"testing"
)

// TestBareDomains: a domain written without a scheme or www. is an
// address; abbreviations, file names, versions and numbers are not.
func TestBareDomains(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Подробности на сайте kremlin.ru/events.", []string{"kremlin.ru/events"}},
		{"См. kremlin.ru.", []string{"kremlin.ru"}},
		{"Данные: LiverpoolFC.com, weather.com и mid.ru/ru/press.", []string{"LiverpoolFC.com", "weather.com", "mid.ru/ru/press"}},
		{"详见kremlin.ru/events。", []string{"kremlin.ru/events"}},
		{"(см. gov.cn)", []string{"gov.cn"}},
		{"Сайт президент.рф открыт.", []string{"президент.рф"}},
		{"Скрипт kremlin.py/events", []string{"kremlin.py/events"}},
		{"Пишите на info@forum.ru или в www.forum.ru.", []string{"info@forum.ru", "www.forum.ru"}},
		{"https://example.org/a и example.org/b", []string{"https://example.org/a", "example.org/b"}},
		// not addresses
		{"Это, т.е. договор, подписан.", nil},
		{"The U.S. and the U.K. signed, e.g. the treaty, i.e. this one.", nil},
		{"Meet at 3 p.m. or 10 a.m.", nil},
		{"Файл report.docx, таблица data.xlsx и скрипт setup.py.", nil},
		{"Run main.go and lib.rs; see notes.md or logo.ai.", nil},
		{"Версия 1.2.3, Python 3.10 и v2.0.1-beta.", nil},
		{"Рост составил 3.14 и 2.5 млрд.", nil},
		{"Санкт-Петербург, Ph.D., St.Petersburg, No.5", nil},
		{"the end.It was", nil},
		{"Россия.Китай", nil},
		{"mail2021@example.org", []string{"mail2021@example.org"}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range Addresses(tt.text) {
			got = append(got, tt.text[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: addresses %q, want %q", tt.text, got, tt.want)
		}
	}
}
