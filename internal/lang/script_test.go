package lang

import "testing"

func TestInScript(t *testing.T) {
	tests := []struct {
		tag, text string
		want      bool
	}{
		{"zh", "中俄睦邻友好合作条约", true},
		{"zh-CN", "上海合作组织（SCO）", true},
		{"zh", "ASEAN", true},
		{"zh", "2001", true},
		{"zh", "Договор о добрососедстве", false},
		{"zh", "ひらがな", false},
		{"zh-TW", "條約", true},
		{"ru", "Договор о добрососедстве", true},
		{"ru-RU", "ШОС (SCO)", true},
		{"ru", "NATO", true},
		{"ru", "中俄睦邻友好合作条约", false},
		{"ru", "Договор (中俄条约)", true},
		{"en", "Treaty of Good-Neighbourliness", true},
		{"en", "Café Zürich", true},
		{"en", "Путин", false},
		{"en", "条约", false},
		{"de", "Vertrag", true},
		{"de", "Договор", false},
		{"ja", "条約とひらがな", true},
		{"am", "ሰላም", true}, // a script not checked
		{"zh", "", true},
		{"zz-bad tag", "Договор", true},
	}
	for _, tt := range tests {
		if got := InScript(tt.tag, tt.text); got != tt.want {
			t.Errorf("InScript(%q, %q) = %v, want %v", tt.tag, tt.text, got, tt.want)
		}
	}
}
