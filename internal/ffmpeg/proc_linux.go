package ffmpeg

import (
	"os/exec"
	"syscall"
)

// ownGroup puts cmd in a process group of its own, killed as a group when
// its context is done, and killed by the kernel if tandem's process dies
// (kill -9), so that no encoder runs on orphaned.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
