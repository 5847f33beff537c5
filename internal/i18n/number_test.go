package i18n

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	const nbsp = "\u00a0"
	tests := []struct {
		n          int64
		en, ru, zh string
	}{
		{0, "0", "0", "0"},
		{7, "7", "7", "7"},
		{999, "999", "999", "999"},
		{1000, "1,000", "1" + nbsp + "000", "1,000"},
		{1234, "1,234", "1" + nbsp + "234", "1,234"},
		{12345, "12,345", "12" + nbsp + "345", "12,345"},
		{123456, "123,456", "123" + nbsp + "456", "123,456"},
		{1234567, "1,234,567", "1" + nbsp + "234" + nbsp + "567", "1,234,567"},
		{-1234567, "-1,234,567", "-1" + nbsp + "234" + nbsp + "567", "-1,234,567"},
		{-5, "-5", "-5", "-5"},
		{math.MaxInt64, "9,223,372,036,854,775,807", "9" + nbsp + "223" + nbsp + "372" + nbsp + "036" + nbsp + "854" + nbsp + "775" + nbsp + "807", "9,223,372,036,854,775,807"},
		{math.MinInt64, "-9,223,372,036,854,775,808", "-9" + nbsp + "223" + nbsp + "372" + nbsp + "036" + nbsp + "854" + nbsp + "775" + nbsp + "808", "-9,223,372,036,854,775,808"},
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
			if got := c.Printer(lang).Number(tt.n); got != want {
				t.Errorf("%s: Number(%d) = %q, want %q", lang, tt.n, got, want)
			}
		}
	}
}
