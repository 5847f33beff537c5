package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are the cost parameters of argon2id.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams are OWASP's recommended argon2id parameters: 19 MiB of
// memory, 2 passes, 1 lane, a 16-byte salt and a 32-byte key. One hash
// took 50 to 72 ms on a busy 2-core machine (BenchmarkHash), under the
// 100 ms a sign-in may cost.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Password length rules, checked by CheckPassword.
const (
	MinPasswordChars = 10   // characters (runes)
	MaxPasswordBytes = 1024 // bytes of UTF-8
)

// Hash is a parsed PHC string of argon2id.
type Hash struct {
	Params
	Salt []byte
	Key  []byte
}

// String encodes h as $argon2id$v=19$m=M,t=T,p=P$SALT$KEY, with salt and
// key in unpadded standard base64, as the reference implementation writes.
func (h *Hash) String() string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.Memory, h.Time, h.Threads, b64.EncodeToString(h.Salt), b64.EncodeToString(h.Key))
}

// ErrMalformedHash is returned by ParseHash for a string that is not an
// argon2id hash tandem can verify.
var ErrMalformedHash = errors.New("malformed argon2id hash")

// Limits on what ParseHash accepts, so that a damaged or planted hash
// cannot make a verification take gigabytes or minutes.
const (
	maxMemory = 1 << 20 // KiB: 1 GiB
	maxTime   = 64
)

// ParseHash parses a PHC string written by Hash.String. It accepts only
// argon2id version 19 with parameters in the order m, t, p, a salt of 8
// to 64 bytes and a key of 16 to 64 bytes; anything else is
// ErrMalformedHash.
func ParseHash(s string) (*Hash, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v=19" {
		return nil, ErrMalformedHash
	}
	ps := strings.Split(parts[3], ",")
	if len(ps) != 3 {
		return nil, ErrMalformedHash
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(ps[i], name)
		if !ok || v == "" || (len(v) > 1 && v[0] == '0') {
			return nil, ErrMalformedHash
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return nil, ErrMalformedHash
		}
		vals[i] = n
	}
	h := &Hash{}
	h.Memory, h.Time = uint32(vals[0]), uint32(vals[1])
	if vals[2] < 1 || vals[2] > 255 || h.Time < 1 || h.Time > maxTime || h.Memory > maxMemory || uint64(h.Memory) < 8*vals[2] {
		return nil, ErrMalformedHash
	}
	h.Threads = uint8(vals[2])
	b64 := base64.RawStdEncoding.Strict()
	var err error
	if h.Salt, err = b64.DecodeString(parts[4]); err != nil || len(h.Salt) < 8 || len(h.Salt) > 64 {
		return nil, ErrMalformedHash
	}
	if h.Key, err = b64.DecodeString(parts[5]); err != nil || len(h.Key) < 16 || len(h.Key) > 64 {
		return nil, ErrMalformedHash
	}
	h.SaltLen, h.KeyLen = uint32(len(h.Salt)), uint32(len(h.Key))
	return h, nil
}

// A Hasher hashes and verifies passwords with argon2id, at most Limit at
// a time: each hash holds Params.Memory of memory for tens of
// milliseconds, so a storm of sign-ins waits its turn instead of
// exhausting memory.
type Hasher struct {
	Params Params
	sem    chan struct{}

	active, peak atomic.Int32 // hashes running now, and the most at once

	dummyOnce sync.Once
	dummy     string
}

// NewHasher returns a hasher with params that runs at most limit hashes at
// once (at least 1).
func NewHasher(params Params, limit int) *Hasher {
	return &Hasher{Params: params, sem: make(chan struct{}, max(limit, 1))}
}

// defaultHasher is shared by every Store without a Hasher of its own:
// the limit is on the process's memory, not on one store's.
var defaultHasher = sync.OnceValue(func() *Hasher {
	return NewHasher(DefaultParams, runtime.GOMAXPROCS(0))
})

// run computes argon2id once a slot is free, or returns ctx's error.
func (h *Hasher) run(ctx context.Context, password string, salt []byte, p Params) ([]byte, error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.sem }()
	n := h.active.Add(1)
	for {
		old := h.peak.Load()
		if n <= old || h.peak.CompareAndSwap(old, n) {
			break
		}
	}
	defer h.active.Add(-1)
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}

// Hash returns the PHC string of password under a new random salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.Params.SaltLen)
	rand.Read(salt)
	key, err := h.run(ctx, password, salt, h.Params)
	if err != nil {
		return "", err
	}
	return (&Hash{Params: h.Params, Salt: salt, Key: key}).String(), nil
}

// Verify reports whether password matches the PHC string encoded, in time
// that does not depend on where they differ. A malformed hash is an error.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	ph, err := ParseHash(encoded)
	if err != nil {
		return false, err
	}
	key, err := h.run(ctx, password, ph.Salt, ph.Params)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(key, ph.Key) == 1, nil
}

// verifyDummy spends the time of one verification against a hash no
// password matches, for an address that has no account.
func (h *Hasher) verifyDummy(ctx context.Context, password string) error {
	h.dummyOnce.Do(func() {
		salt := make([]byte, h.Params.SaltLen)
		rand.Read(salt)
		key := make([]byte, h.Params.KeyLen)
		rand.Read(key)
		h.dummy = (&Hash{Params: h.Params, Salt: salt, Key: key}).String()
	})
	_, err := h.Verify(ctx, password, h.dummy)
	return err
}

// outdated reports whether encoded was made with other parameters than
// h's, so that a sign-in rehashes it.
func (h *Hasher) outdated(encoded string) bool {
	ph, err := ParseHash(encoded)
	return err != nil || ph.Params != h.Params
}

// CheckPassword returns a *PasswordError when password breaks the rules:
// at most MaxPasswordBytes bytes of UTF-8 without control characters
// (Unicode Cc: tab, newline, NUL...), at least MinPasswordChars characters,
// not only white space (ten spaces are no password).
func CheckPassword(password string) error {
	if len(password) > MaxPasswordBytes {
		return &PasswordError{TooLong: true}
	}
	if !utf8.ValidString(password) {
		return &PasswordError{Control: true}
	}
	blank := true
	for _, r := range password {
		if unicode.IsControl(r) {
			return &PasswordError{Control: true}
		}
		if !unicode.IsSpace(r) {
			blank = false
		}
	}
	if utf8.RuneCountInString(password) < MinPasswordChars {
		return &PasswordError{}
	}
	if blank {
		return &PasswordError{Blank: true}
	}
	return nil
}
