package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"
)

// pageCache keeps rendered pages while the site's content is unchanged. The
// content version is read from the database at most once a second, so that
// several server processes sharing one database see each other's changes
// within a second without a query per request.
type pageCache struct {
	version func(context.Context) (int64, error)

	mu         sync.Mutex
	checked    time.Time
	current    int64
	entries    map[string]*entry
	maxEntries int
}

func newPageCache(version func(context.Context) (int64, error)) *pageCache {
	return &pageCache{version: version, entries: map[string]*entry{}, maxEntries: 4096}
}

// entry is one rendered response with its compressed form and validator.
type entry struct {
	contentType string
	body        []byte
	gzipped     []byte
	etag        string
}

func newEntry(res result) *entry {
	sum := sha256.Sum256(res.body)
	e := &entry{contentType: res.contentType, body: res.body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if len(res.body) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(res.body)
		zw.Close()
		e.gzipped = buf.Bytes()
	}
	return e
}

// write sends the entry, answering a matching If-None-Match with 304 and a
// client that accepts gzip with the compressed body.
func (e *entry) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", e.contentType)
	h.Set("ETag", e.etag)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "public, max-age=60")
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := e.body
	if e.gzipped != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = e.gzipped
	}
	h.Set("Content-Length", itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// acceptsGzip reports whether the client takes gzip (and has not refused it
// with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.TrimPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return q == params || strings.Trim(q, "0.") != ""
	}
	return false
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// get returns the cached entry for key, or nil, and the content version it
// checked against, which put takes back. A nil cache caches nothing.
func (c *pageCache) get(ctx context.Context, key string) (*entry, int64) {
	if c == nil {
		return nil, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.checked) > time.Second {
		v, err := c.version(ctx)
		if err != nil {
			return nil, 0
		}
		c.checked = time.Now()
		if v != c.current {
			c.current = v
			clear(c.entries)
		}
	}
	return c.entries[key], c.current
}

// put stores an entry rendered while the content version was version,
// unless the content has changed since; it empties the cache first when it
// is full.
func (c *pageCache) put(key string, version int64, e *entry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.current {
		return
	}
	if len(c.entries) >= c.maxEntries {
		clear(c.entries)
	}
	c.entries[key] = e
}
