package account

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestHashRoundTrip(t *testing.T) {
	h := NewHasher(DefaultParams, 2)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry OWASP's parameters in PHC form", enc)
	}
	ph, err := ParseHash(enc)
	if err != nil {
		t.Fatal(err)
	}
	if ph.Params != DefaultParams || len(ph.Salt) != 16 || len(ph.Key) != 32 || ph.String() != enc {
		t.Errorf("parsed %+v, re-encoded %q, want %q", ph.Params, ph.String(), enc)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{{"correct horse battery", true}, {"correct horse batterY", false}, {"", false}} {
		ok, err := h.Verify(ctx, tc.pw, enc)
		if err != nil || ok != tc.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tc.pw, ok, err, tc.want)
		}
	}
	enc2, _ := h.Hash(ctx, "correct horse battery")
	if enc2 == enc {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestParseHashRejects(t *testing.T) {
	good := "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43)
	if _, err := ParseHash(good); err != nil {
		t.Fatalf("good hash refused: %v", err)
	}
	for _, s := range []string{
		"",
		"plain",
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "t=2,m=19456,p=1", 1),
		strings.Replace(good, "m=19456", "m=019456", 1),
		strings.Replace(good, "m=19456", "m=99999999", 1), // 95 GiB
		strings.Replace(good, "t=2", "t=0", 1),
		strings.Replace(good, "t=2", "t=1000", 1),
		strings.Replace(good, "p=1", "p=0", 1),
		strings.Replace(good, "p=1", "p=300", 1),
		strings.Replace(good, "c2FsdHNhbHRzYWx0c2FsdA", "c2E", 1),   // 2-byte salt
		strings.Replace(good, "c2FsdHNhbHRzYWx0c2FsdA", "c2F*d", 1), // not base64
		good + "$extra",
		good + "=",
	} {
		if _, err := ParseHash(s); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("ParseHash(%q) = %v, want ErrMalformedHash", s, err)
		}
	}
}

func FuzzParseHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43))
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")
	f.Add("$argon2i$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHash(s)
		if err != nil {
			return
		}
		if h.Memory > maxMemory || h.Time > maxTime || h.Time == 0 || h.Threads == 0 || len(h.Salt) < 8 || len(h.Key) < 16 {
			t.Fatalf("accepted out-of-bounds parameters %+v from %q", h.Params, s)
		}
		again, err := ParseHash(h.String())
		if err != nil || again.String() != h.String() {
			t.Fatalf("%q parsed, but its encoding %q does not parse back (%v)", s, h.String(), err)
		}
	})
}

// TestHashingCap runs 20 hashes at once on a hasher allowed 2 and checks
// that no more than 2 ever ran together, and that a waiting caller gives
// up when its context ends.
func TestHashingCap(t *testing.T) {
	h := NewHasher(Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := h.Hash(context.Background(), "a long enough password"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if p := h.peak.Load(); p > 2 || p < 1 {
		t.Errorf("at most %d hashes ran at once; want 1 or 2", p)
	}
	// Fill both slots, then ask with a cancelled context.
	h.sem <- struct{}{}
	h.sem <- struct{}{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "a long enough password"); !errors.Is(err, context.Canceled) {
		t.Errorf("hash with a full semaphore and a cancelled context: %v, want context.Canceled", err)
	}
	<-h.sem
	<-h.sem
}

func TestDefaultHasherLimit(t *testing.T) {
	if c := cap(defaultHasher().sem); c < 1 {
		t.Errorf("default hasher allows %d hashes at once", c)
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		want *PasswordError // nil: accepted
	}{
		{"123456789", &PasswordError{}},
		{"1234567890", nil},
		{"пароль-пар", nil}, // 10 characters, 19 bytes
		{"密码密码密码密码密", &PasswordError{}},
		{strings.Repeat("x", 1024), nil},
		{strings.Repeat("x", 1025), &PasswordError{TooLong: true}},
		{"correct horse battery", nil}, // spaces inside are fine
		{"  padded password  ", nil},
		{strings.Repeat(" ", 10), &PasswordError{Blank: true}},
		{strings.Repeat("\u3000", 12), &PasswordError{Blank: true}}, // ideographic spaces
		{"\u00a0\u2003 \u2009\u00a0\u2003 \u2009  ", &PasswordError{Blank: true}},
		{"tab\tinside password", &PasswordError{Control: true}},
		{"line\nbreak password", &PasswordError{Control: true}},
		{"nul\x00 in the password", &PasswordError{Control: true}},
		{"delete\x7f password", &PasswordError{Control: true}},
		{"c1 \u0085 control password", &PasswordError{Control: true}},
		{strings.Repeat("\t", 12), &PasswordError{Control: true}},
		{"bad utf-8 \xff password", &PasswordError{Control: true}},
	} {
		err := CheckPassword(tc.pw)
		var pe *PasswordError
		switch {
		case tc.want == nil && err != nil:
			t.Errorf("CheckPassword(%q) = %v, want nil", tc.pw, err)
		case tc.want != nil && (!errors.As(err, &pe) || !errors.Is(err, ErrWeakPassword) || *pe != *tc.want):
			t.Errorf("CheckPassword(%q) = %#v, want %#v", tc.pw, err, tc.want)
		}
	}
}

// BenchmarkHash measures one hash at DefaultParams, the cost of a
// sign-in.
func BenchmarkHash(b *testing.B) {
	h := NewHasher(DefaultParams, 1)
	ctx := context.Background()
	for b.Loop() {
		if _, err := h.Hash(ctx, "correct horse battery"); err != nil {
			b.Fatal(err)
		}
	}
}
