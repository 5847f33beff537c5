//go:build unix && !linux

package ffmpeg

import (
	"os/exec"
	"syscall"
)

// ownGroup puts cmd in a process group of its own, killed as a group when
// its context is done.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
