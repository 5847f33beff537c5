package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// pageCache keeps rendered pages while the site's content is unchanged. The
// content version is read from the database at most once a second, so that
// several server processes sharing one database see each other's changes
// within a second without a query per request. Reads take no lock.
type pageCache struct {
	version    func(context.Context) (int64, error)
	maxEntries int64

	gen     atomic.Pointer[generation]
	checked atomic.Int64 // UnixNano of the last version check
	checkMu sync.Mutex   // one version check at a time
}

// generation is the cache for one content version.
type generation struct {
	version int64
	entries sync.Map // key → *entry
	size    atomic.Int64
}

func newPageCache(version func(context.Context) (int64, error)) *pageCache {
	c := &pageCache{version: version, maxEntries: 4096}
	c.gen.Store(&generation{version: -1})
	return c
}

// entry is one rendered response with its compressed form and validator.
type entry struct {
	contentType []string
	body        []byte
	gzipped     []byte
	etag        []string
	length      []string
	gzLength    []string
	disposition []string
}

func newEntry(res result) *entry {
	sum := sha256.Sum256(res.body)
	e := &entry{
		contentType: []string{res.contentType},
		body:        res.body,
		etag:        []string{`"` + hex.EncodeToString(sum[:12]) + `"`},
		length:      []string{strconv.Itoa(len(res.body))},
	}
	if res.disposition != "" {
		e.disposition = []string{res.disposition}
	}
	if len(res.body) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(res.body)
		zw.Close()
		e.gzipped = buf.Bytes()
		e.gzLength = []string{strconv.Itoa(len(e.gzipped))}
	}
	return e
}

var (
	varyEncoding = []string{"Accept-Encoding"}
	pageCaching  = []string{"public, max-age=60"}
	gzipEncoding = []string{"gzip"}
)

// write sends the entry, answering a matching If-None-Match with 304 and a
// client that accepts gzip with the compressed body.
func (e *entry) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Content-Type"] = e.contentType
	h["Etag"] = e.etag
	h["Vary"] = varyEncoding
	h["Cache-Control"] = pageCaching
	if e.disposition != nil {
		h["Content-Disposition"] = e.disposition
	}
	if inm := r.Header["If-None-Match"]; len(inm) > 0 && strings.Contains(strings.Join(inm, ","), e.etag[0]) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, length := e.body, e.length
	if e.gzipped != nil && acceptsGzip(r) {
		h["Content-Encoding"] = gzipEncoding
		body, length = e.gzipped, e.gzLength
	}
	h["Content-Length"] = length
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// acceptsGzip reports whether the client takes gzip (and has not refused it
// with q=0).
func acceptsGzip(r *http.Request) bool {
	ae := r.Header["Accept-Encoding"]
	if len(ae) == 0 {
		return false
	}
	for _, part := range strings.Split(strings.Join(ae, ","), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.TrimPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return q == params || strings.Trim(q, "0.") != ""
	}
	return false
}

// get returns the cached entry for key, or nil, and the content version it
// checked against, which put takes back. A nil cache caches nothing.
func (c *pageCache) get(ctx context.Context, key string) (*entry, int64) {
	if c == nil {
		return nil, 0
	}
	now := time.Now().UnixNano()
	if now-c.checked.Load() > int64(time.Second) {
		c.refresh(ctx, now)
	}
	g := c.gen.Load()
	if e, ok := g.entries.Load(key); ok {
		return e.(*entry), g.version
	}
	return nil, g.version
}

// refresh reads the content version and starts a new generation when it has
// changed. Requests that find a check under way go on with the current one.
func (c *pageCache) refresh(ctx context.Context, now int64) {
	if !c.checkMu.TryLock() {
		return
	}
	defer c.checkMu.Unlock()
	if now-c.checked.Load() <= int64(time.Second) {
		return
	}
	v, err := c.version(ctx)
	if err != nil {
		return
	}
	c.checked.Store(now)
	if c.gen.Load().version != v {
		c.gen.Store(&generation{version: v})
	}
}

// recheck makes the next get read the content version, rather than up to
// a second later: this process has just changed the content (an office
// request that wrote), and the change shows at once on its own pages and
// files, not after the page cache's pause between checks.
func (c *pageCache) recheck() {
	if c == nil {
		return
	}
	c.checked.Store(0)
}

// put stores an entry rendered while the content version was version,
// unless the content has changed since. A full cache starts afresh.
func (c *pageCache) put(key string, version int64, e *entry) {
	if c == nil {
		return
	}
	g := c.gen.Load()
	if g.version != version {
		return
	}
	if g.size.Add(1) > c.maxEntries {
		c.gen.CompareAndSwap(g, &generation{version: version})
		return
	}
	g.entries.Store(key, e)
}
