package upload

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
)

// hashes keeps the running SHA-256 of each upload in progress, so that the
// checksum of the whole file is ready when its last byte arrives instead
// of costing another read of the file. A hash is only good while it has
// seen every byte up to the upload's offset: a chunk that starts
// elsewhere (after a restart of the server) drops it, and the file is
// read once at completion instead.
type hashes struct {
	mu sync.Mutex
	m  map[string]*running
}

type running struct {
	h      hash.Hash
	offset int64
}

func newHashes() *hashes { return &hashes{m: map[string]*running{}} }

// at returns the hash to feed a chunk written at offset, or nil when the
// upload's hash does not reach exactly there.
func (hs *hashes) at(id string, offset int64) hash.Hash {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	r, ok := hs.m[id]
	switch {
	case ok && r.offset == offset:
		return r.h
	case offset == 0:
		r = &running{h: sha256.New()}
		hs.m[id] = r
		return r.h
	}
	delete(hs.m, id)
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
		return
	}
	r.offset += written
}

// take returns, and forgets, the hex SHA-256 of an upload of size bytes
// when its hash has seen all of them.
func (hs *hashes) take(id string, size int64) (string, bool) {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	r, ok := hs.m[id]
	delete(hs.m, id)
	if !ok || r.offset != size {
		return "", false
	}
	return hex.EncodeToString(r.h.Sum(nil)), true
}

// forget drops an upload's hash (the upload was removed).
func (hs *hashes) forget(id string) {
	hs.mu.Lock()
	delete(hs.m, id)
	hs.mu.Unlock()
}
