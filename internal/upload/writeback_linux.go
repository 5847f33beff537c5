package upload

import (
	"os"

	"golang.org/x/sys/unix"
)

// writeback starts writing a staging file's received bytes to the disk
// while more arrive (sync_file_range without waiting), so that the fsync
// at completion, before the file is moved into the blob store, finds
// little left to write instead of a whole video.
type writeback struct {
	f       *os.File
	started int64 // bytes handed to the disk so far
}

// writebackStep is how far behind the received bytes the writeback runs.
const writebackStep = 16 << 20

func openWriteback(path string, offset int64) *writeback {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	return &writeback{f: f, started: offset}
}

// received notes that the file now holds end bytes (some perhaps not yet
// written by the request); it starts the writeback of those a step back.
func (w *writeback) received(end int64) {
	if w == nil || end-writebackStep-w.started < writebackStep {
		return
	}
	upto := end - writebackStep
	unix.SyncFileRange(int(w.f.Fd()), w.started, upto-w.started, unix.SYNC_FILE_RANGE_WRITE)
	w.started = upto
}

func (w *writeback) close() {
	if w != nil {
		w.f.Close()
	}
}
