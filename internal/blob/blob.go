// Package blob keeps tandem's files (media, manuscripts, build outputs)
// behind one small interface: a local folder by default, object storage when
// scaled out.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// ErrNotFound is returned for a key that holds no file.
var ErrNotFound = errors.New("blob not found")

// Store holds files by key. Keys are slash-separated paths of lower-case
// letters, digits, '.', '-' and '_'.
type Store interface {
	// Put writes the whole of r under key, replacing any earlier file, and
	// returns the number of bytes written. Readers never see a partial file.
	Put(ctx context.Context, key string, r io.Reader) (int64, error)
	// Open returns the file under key.
	Open(ctx context.Context, key string) (*Object, error)
	// Delete removes the file under key; deleting a missing key is no error.
	Delete(ctx context.Context, key string) error
}

// Object is an open file of a store.
type Object struct {
	io.ReadSeekCloser
	Size    int64
	ModTime time.Time
}

// ValidKey reports whether key is a well-formed key.
func ValidKey(key string) error {
	if key == "" || len(key) > 512 || strings.HasPrefix(key, "/") || strings.HasSuffix(key, "/") {
		return fmt.Errorf("blob key %q: malformed", key)
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || part == "." || part == ".." || strings.HasPrefix(part, ".") {
			return fmt.Errorf("blob key %q: malformed", key)
		}
	}
	for _, r := range key {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' || r == '/'
		if !ok {
			return fmt.Errorf("blob key %q: malformed", key)
		}
	}
	return nil
}

// Dir is a Store in a local folder.
type Dir struct {
	root string
}

// NewDir returns a store keeping its files under root, creating it if needed.
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("blob folder: %w", err)
	}
	return &Dir{root: root}, nil
}

func (d *Dir) path(key string) (string, error) {
	if err := ValidKey(key); err != nil {
		return "", err
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

func (d *Dir) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	p, err := d.path(key)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return 0, fmt.Errorf("put %s: %w", key, err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return 0, fmt.Errorf("put %s: %w", key, err)
	}
	n, err := io.Copy(f, contextReader{ctx, r})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err == nil {
		err = syncDir(filepath.Dir(p))
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, fmt.Errorf("put %s: %w", key, err)
	}
	return n, nil
}

// syncDir syncs a folder, so that a file renamed into it is there after
// the machine loses power, not only its bytes.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // a folder cannot be synced there; NTFS journals renames
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

func (d *Dir) Open(ctx context.Context, key string) (*Object, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", key, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s: %w", key, err)
	}
	return &Object{ReadSeekCloser: f, Size: st.Size(), ModTime: st.ModTime()}, nil
}

func (d *Dir) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

// contextReader stops a long copy when its context is cancelled.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Adopter is a Store that can take a local file as a key's content
// without copying it (a folder store on the same file system renames it).
type Adopter interface {
	// Adopt makes the file at path the content of key, replacing any
	// earlier one, and returns its size; path is gone afterwards.
	Adopt(ctx context.Context, key, path string) (int64, error)
}

// PutFile stores the local file at path under key and removes path: a
// store that is an Adopter takes it as it is, any other gets a copy.
func PutFile(ctx context.Context, st Store, key, path string) (int64, error) {
	if a, ok := st.(Adopter); ok {
		return a.Adopt(ctx, key, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("put %s: %w", key, err)
	}
	n, err := st.Put(ctx, key, f)
	f.Close()
	if err != nil {
		return 0, err
	}
	return n, os.Remove(path)
}

// Adopt renames the file at path into the folder when both are on one
// file system, and copies it (then removes it) otherwise. The file is
// synced first, so that a crash cannot leave a short file under key, and
// the folder after, so that the file is under key after a power loss.
func (d *Dir) Adopt(ctx context.Context, key, path string) (int64, error) {
	p, err := d.path(key)
	if err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("adopt %s: %w", key, err)
	}
	st, err := f.Stat()
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	if err != nil {
		return 0, fmt.Errorf("adopt %s: %w", key, err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return 0, fmt.Errorf("adopt %s: %w", key, err)
	}
	if err := os.Rename(path, p); err == nil {
		if err := syncDir(filepath.Dir(p)); err != nil {
			return 0, fmt.Errorf("adopt %s: %w", key, err)
		}
		return st.Size(), nil
	}
	// Another file system: copy.
	src, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("adopt %s: %w", key, err)
	}
	n, err := d.Put(ctx, key, src)
	src.Close()
	if err != nil {
		return 0, err
	}
	return n, os.Remove(path)
}
