package i18n

import "testing"

// TestAfterColon: a message quoted after a colon goes on in lower case,
// but an abbreviation at its start keeps its capitals.
func TestAfterColon(t *testing.T) {
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, in, want string }{
		{"en", "This file is not a video.", "this file is not a video."},
		{"ru", "Этот файл — не видео.", "этот файл — не видео."},
		{"en", "MP4 files only.", "MP4 files only."},
		{"en", "H264 is expected.", "H264 is expected."},
		{"zh", "此文件不是视频。", "此文件不是视频。"},
		{"en", "", ""},
		{"en", "already lower.", "already lower."},
	} {
		if got := cat.Printer(c.lang).AfterColon(c.in); got != c.want {
			t.Errorf("%s AfterColon(%q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}
