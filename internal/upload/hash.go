package upload

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// hashes keeps the running SHA-256 of each upload in progress, so that the
// checksum of the whole file is ready when its last byte arrives instead
// of costing another read of the file. The hashing runs in a goroutine of
// its own beside the request that receives the bytes, so that it costs
// the upload no time where a second core is free. A hash is only good
// while it has seen every byte up to the upload's offset: a chunk that
// starts elsewhere (after a restart of the server) drops it, and the file
// is read once at completion instead.
type hashes struct {
	mu sync.Mutex
	m  map[string]*running
}

func newHashes() *hashes { return &hashes{m: map[string]*running{}} }

// hashBatch is how many bytes go to the hashing goroutine at once.
const hashBatch = 1 << 20

var batchPool = sync.Pool{New: func() any { return make([]byte, 0, hashBatch) }}

// running is one upload's hash: the bytes written go in batches to its
// goroutine, which sends the sum once the batches end.
type running struct {
	offset int64 // bytes written so far
	batch  []byte
	feed   chan []byte
	sum    chan []byte
}

func newRunning() *running {
	r := &running{feed: make(chan []byte, 16), sum: make(chan []byte, 1)}
	go func() {
		h := sha256.New()
		for b := range r.feed {
			h.Write(b)
			batchPool.Put(b[:0])
		}
		r.sum <- h.Sum(nil)
	}()
	return r
}

// Write hands p to the hashing goroutine, in batches; it never fails.
func (r *running) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if r.batch == nil {
			r.batch = batchPool.Get().([]byte)
		}
		k := copy(r.batch[len(r.batch):cap(r.batch)], p)
		r.batch = r.batch[:len(r.batch)+k]
		p = p[k:]
		if len(r.batch) == cap(r.batch) {
			r.feed <- r.batch
			r.batch = nil
		}
	}
	return n, nil
}

// end stops the goroutine and returns the sum of everything written.
func (r *running) end() []byte {
	if r.batch != nil {
		r.feed <- r.batch
		r.batch = nil
	}
	close(r.feed)
	return <-r.sum
}

// at returns the hash to feed a chunk written at offset, or nil when the
// upload's hash does not reach exactly there.
func (hs *hashes) at(id string, offset int64) *running {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	r, ok := hs.m[id]
	switch {
	case ok && r.offset == offset:
		return r
	case ok:
		delete(hs.m, id)
		r.end()
	}
	if offset == 0 {
		r = newRunning()
		hs.m[id] = r
		return r
	}
	return nil
}

// advance records that a chunk at offset wrote written bytes while fed
// bytes went through its hash; when the two differ the hash is dropped.
func (hs *hashes) advance(id string, offset, written, fed int64) {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	r, ok := hs.m[id]
	if !ok {
		return
	}
	if written != fed || r.offset != offset {
		delete(hs.m, id)
		r.end()
		return
	}
	r.offset += written
}

// take returns, and forgets, the hex SHA-256 of an upload of size bytes
// when its hash has seen all of them.
func (hs *hashes) take(id string, size int64) (string, bool) {
	hs.mu.Lock()
	r, ok := hs.m[id]
	delete(hs.m, id)
	hs.mu.Unlock()
	if !ok {
		return "", false
	}
	sum := r.end()
	if r.offset != size {
		return "", false
	}
	return hex.EncodeToString(sum), true
}

// forget drops an upload's hash (the upload was removed).
func (hs *hashes) forget(id string) {
	hs.mu.Lock()
	r, ok := hs.m[id]
	delete(hs.m, id)
	hs.mu.Unlock()
	if ok {
		r.end()
	}
}
