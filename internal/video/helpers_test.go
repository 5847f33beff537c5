package video

import (
	"os/exec"
	"strconv"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func execFFmpeg(args ...string) ([]byte, error) {
	return exec.Command("ffmpeg", append([]string{"-hide_banner", "-nostdin", "-y", "-v", "error"}, args...)...).CombinedOutput()
}
