// Package typst compiles Typst documents to PDF with Typst 0.14.2, held by
// a long-lived Node child process (tools/typst/server.js, which loads npm's
// @myriaddreamin/typst-ts-node-compiler 0.7.0 installed there by
// scripts/setup.sh). Keeping one compiler warm lets a book whose chapters
// are separate source files be rebuilt in a fraction of its first build
// after a one-sentence edit: Typst's memoised layout reuses every chapter
// whose source did not change.
//
// A Compiler serialises its callers: one request is in the child at a
// time. If the child dies, the next request starts a new one and gives it
// every source and file again before going on.
package typst

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Config says where the compiler and its fonts are.
type Config struct {
	// Dir is the folder holding server.js and its node_modules
	// (tools/typst in the repository).
	Dir string
	// Node is the Node.js program; "node" on PATH when empty.
	Node string
	// FontPaths are the folders whose fonts Typst may use, besides its
	// own; DefaultFontPaths when nil. Documents should name their font
	// families, with fallback off, so that other fonts of the host never
	// show (see internal/typeset).
	FontPaths []string
}

// DefaultFontPaths are the folders of Debian's fonts-noto-core,
// fonts-noto-cjk and fonts-arphic-ukai (a Kaiti for Chinese emphasis).
var DefaultFontPaths = []string{
	"/usr/share/fonts/truetype/noto",
	"/usr/share/fonts/opentype/noto",
	"/usr/share/fonts/truetype/arphic",
}

// ErrNotInstalled is returned by New when the npm package is not in
// Dir/node_modules or Node.js is missing: run scripts/setup.sh demo.
var ErrNotInstalled = errors.New("typst: the Typst compiler (npm @myriaddreamin/typst-ts-node-compiler in tools/typst) or Node.js is not installed; run scripts/setup.sh demo")

// FindDir returns the folder holding the Typst compiler's server.js: the
// one TANDEM_TYPST_DIR names when it is set; else tools/typst of the
// repository that holds the working directory or one of its parents (as
// tests and `make demo` run); else tools/typst beside the program or above
// it (bin/tandem finds ../tools/typst), so that a command run from another
// folder finds it too. The error says what to set when none is found.
func FindDir() (string, error) {
	if d := os.Getenv("TANDEM_TYPST_DIR"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "server.js")); err != nil {
			return "", fmt.Errorf("typst: TANDEM_TYPST_DIR=%s holds no server.js: set it to the tools/typst folder of tandem's checkout", d)
		}
		return d, nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		starts = append(starts, filepath.Dir(exe))
	}
	for _, start := range starts {
		if d := dirAbove(start); d != "" {
			return d, nil
		}
	}
	return "", fmt.Errorf("typst: no tools/typst/server.js above %s: set TANDEM_TYPST_DIR to the tools/typst folder of tandem's checkout (where scripts/setup.sh installed the compiler)", strings.Join(starts, " nor above "))
}

// dirAbove returns tools/typst in start or the nearest of its parents
// that has tools/typst/server.js, or "".
func dirAbove(start string) string {
	for d := start; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "tools", "typst", "server.js")); err == nil {
			return filepath.Join(d, "tools", "typst")
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Compiler is one Typst compiler in a Node child process. Its methods may
// be called from several goroutines; they run one at a time.
type Compiler struct {
	cfg Config

	mu      sync.Mutex
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *tailBuffer
	sources map[string]string // path → source, as the child has them
	files   map[string][]byte // path → bytes of mapped files
}

// New checks that Node and the npm package are installed and returns a
// compiler; the child process starts on the first request. It returns
// ErrNotInstalled when either is missing.
func New(cfg Config) (*Compiler, error) {
	if cfg.Node == "" {
		cfg.Node = "node"
	}
	if cfg.FontPaths == nil {
		cfg.FontPaths = DefaultFontPaths
	}
	if _, err := exec.LookPath(cfg.Node); err != nil {
		return nil, ErrNotInstalled
	}
	pkg := filepath.Join(cfg.Dir, "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "package.json")
	if _, err := os.Stat(pkg); err != nil {
		return nil, ErrNotInstalled
	}
	if _, err := os.Stat(filepath.Join(cfg.Dir, "server.js")); err != nil {
		return nil, ErrNotInstalled
	}
	return &Compiler{cfg: cfg, sources: map[string]string{}, files: map[string][]byte{}}, nil
}

// Diagnostic is one message of the Typst compiler about a source file.
type Diagnostic struct {
	// Severity is "error" or "warning".
	Severity string `json:"severity"`
	// Path is the source file's path as it was added ("/ch1.typ"), empty
	// when the message is about no file.
	Path string `json:"path"`
	// Line and Column count from 1; 0 when unknown.
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func (d Diagnostic) String() string {
	if d.Path == "" {
		return d.Message
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.Path, d.Line, d.Column, d.Message)
}

// Error is a failed compilation or export: Typst's messages, errors first.
type Error struct {
	// Diagnostics are the compiler's messages; for an export error (a
	// PDF/UA check) there may be none, and Message says what failed.
	Diagnostics []Diagnostic
	Message     string
}

func (e *Error) Error() string {
	var parts []string
	for _, d := range e.Diagnostics {
		if d.Severity == "error" {
			parts = append(parts, d.String())
		}
	}
	if len(parts) == 0 && e.Message != "" {
		parts = append(parts, e.Message)
	}
	return "typst: " + strings.Join(parts, "; ")
}

// Standard is the PDF standard a PDF is exported to.
type Standard string

const (
	// UA1 is PDF/UA-1, a tagged PDF for accessibility: the document
	// needs a title and every language marked.
	UA1 Standard = "ua-1"
	// A2a is PDF/A-2a, for archives, tagged.
	A2a Standard = "a-2a"
	// Plain is PDF 1.7, tagged unless Untagged is set.
	Plain Standard = ""
)

// Query asks which elements a selector matches once the document is laid
// out: Typst's `query`, e.g. "<ch1>" or "metadata"; Field picks one field
// of each match.
type Query struct {
	Selector string `json:"selector"`
	Field    string `json:"field,omitempty"`
}

// Build is what to make of a compiled document.
type Build struct {
	// Main is the path of the main source file ("/main.typ").
	Main string
	// PDF asks for the PDF; when false only the queries are answered.
	PDF bool
	// Standard is the PDF standard; UA1 is the default a caller should
	// pass for books.
	Standard Standard
	// Untagged leaves out the structure tree (only with Plain).
	Untagged bool
	// Queries are answered on the laid-out document.
	Queries []Query
	// EvictAfter, when above 0, has the compiler drop what it memoised
	// that was not used in the last EvictAfter builds, as Evict does, once
	// it has answered: the caller has the result without waiting for it,
	// and the next request waits until it is done.
	EvictAfter int
}

// Result is a compiled document.
type Result struct {
	// Pages is the number of pages.
	Pages int
	// PDF is the PDF's bytes, nil when Build.PDF was false.
	PDF []byte
	// Queries holds each query's answer as JSON (an array of the matched
	// elements, or of their Field), in the order of Build.Queries.
	Queries []json.RawMessage
}

// SetSource makes text the content of the Typst source file path (an
// absolute path in the compiler's own file system, "/ch1.typ"). A source
// that has not changed is not sent again.
//
// Typst 0.14.2 takes in a changed source by diffing it with the old one
// (Source.replace), and that diff can keep a byte of the old text when the
// two differ in a multi-byte character whose trailing bytes agree; callers
// that rebuild after edits should write sources in ASCII, with non-ASCII
// text as string escapes (see internal/typeset).
func (c *Compiler) SetSource(path, text string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.sources[path]; ok && old == text && c.cmd != nil {
		return nil
	}
	c.sources[path] = text
	_, _, err := c.call(map[string]any{"op": "source", "path": path}, text)
	return err
}

// SetFile makes data the content of the file path (an image, a data file
// that sources read).
func (c *Compiler) SetFile(path string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.files[path]; ok && string(old) == string(data) && c.cmd != nil {
		return nil
	}
	c.files[path] = data
	_, _, err := c.call(map[string]any{"op": "file", "path": path}, string(data))
	return err
}

// Remove takes the file path, source or other, out of the compiler.
func (c *Compiler) Remove(path string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.sources[path]; !ok {
		if _, ok := c.files[path]; !ok {
			return nil
		}
	}
	delete(c.sources, path)
	delete(c.files, path)
	_, _, err := c.call(map[string]any{"op": "remove", "path": path}, "")
	return err
}

// Compile compiles b.Main with the sources set so far. A Typst error is
// returned as *Error with each message's file, line and column.
func (c *Compiler) Compile(b Build) (*Result, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	req := map[string]any{"op": "build", "main": b.Main, "queries": b.Queries, "evict": max(b.EvictAfter, 0)}
	if b.Queries == nil {
		req["queries"] = []Query{}
	}
	if b.PDF {
		req["pdf"] = map[string]any{"standard": string(b.Standard), "tags": !b.Untagged}
	}
	ans, body, err := c.call(req, "")
	if err != nil {
		return nil, err
	}
	var out struct {
		Pages   int               `json:"pages"`
		Queries []json.RawMessage `json:"queries"`
	}
	if err := json.Unmarshal(ans, &out); err != nil {
		return nil, fmt.Errorf("typst: read answer: %w", err)
	}
	r := &Result{Pages: out.Pages, Queries: out.Queries}
	if b.PDF {
		r.PDF = body
	}
	return r, nil
}

// Evict drops what Typst memoised that was not used in the last maxAge
// builds (0: everything), so that a long-lived compiler's memory does not
// grow with each build. Call it after each build with a small maxAge
// (Typst's own tools use 10 to 30).
func (c *Compiler) Evict(maxAge int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, _, err := c.call(map[string]any{"op": "evict", "maxAge": maxAge}, "")
	return err
}

// Memory returns the resident set size of the child process in bytes.
func (c *Compiler) Memory() (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ans, _, err := c.call(map[string]any{"op": "stats"}, "")
	if err != nil {
		return 0, err
	}
	var s struct {
		RSS int64 `json:"rss"`
	}
	err = json.Unmarshal(ans, &s)
	return s.RSS, err
}

// Close ends the child process.
func (c *Compiler) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	return nil
}

// call sends one request, starting the child first if it is not running;
// if the child has died (the request cannot be written or its answer
// read), it starts a new one, gives it the sources again and tries once
// more. It returns the answer's header and body.
func (c *Compiler) call(req map[string]any, body string) (json.RawMessage, []byte, error) {
	for attempt := 0; ; attempt++ {
		if c.cmd == nil {
			if err := c.start(); err != nil {
				return nil, nil, err
			}
		}
		ans, out, err := c.roundTrip(req, body)
		if err == nil {
			return c.answer(ans, out)
		}
		c.stop()
		if attempt == 1 {
			return nil, nil, fmt.Errorf("typst: compiler process: %w (%s)", err, c.stderr.String())
		}
	}
}

// answer turns a header that says ok=false into an error.
func (c *Compiler) answer(ans, body []byte) (json.RawMessage, []byte, error) {
	var st struct {
		OK          bool         `json:"ok"`
		Error       string       `json:"error"`
		Diagnostics []Diagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal(ans, &st); err != nil {
		return nil, nil, fmt.Errorf("typst: read answer: %w", err)
	}
	if !st.OK {
		sort.SliceStable(st.Diagnostics, func(i, j int) bool {
			return st.Diagnostics[i].Severity == "error" && st.Diagnostics[j].Severity != "error"
		})
		return nil, nil, &Error{Diagnostics: st.Diagnostics, Message: st.Error}
	}
	return ans, body, nil
}

func (c *Compiler) start() error {
	cmd := exec.Command(c.cfg.Node, filepath.Join(c.cfg.Dir, "server.js"))
	cmd.Dir = c.cfg.Dir
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	c.stderr = &tailBuffer{max: 4096}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("typst: start %s: %w", c.cfg.Node, err)
	}
	c.cmd, c.stdin, c.stdout = cmd, in, bufio.NewReaderSize(out, 1<<20)
	fail := func(err error) error {
		c.stop()
		return fmt.Errorf("typst: start compiler: %w", err)
	}
	ans, b, err := c.roundTrip(map[string]any{"op": "start", "fontPaths": c.cfg.FontPaths, "workspace": "/"}, "")
	if err != nil {
		return fail(err)
	}
	if _, _, err := c.answer(ans, b); err != nil {
		return fail(err)
	}
	for _, p := range sortedKeys(c.sources) {
		if ans, b, err = c.roundTrip(map[string]any{"op": "source", "path": p}, c.sources[p]); err != nil {
			return fail(err)
		}
		if _, _, err := c.answer(ans, b); err != nil {
			return fail(err)
		}
	}
	for _, p := range sortedKeys(c.files) {
		if ans, b, err = c.roundTrip(map[string]any{"op": "file", "path": p}, string(c.files[p])); err != nil {
			return fail(err)
		}
		if _, _, err := c.answer(ans, b); err != nil {
			return fail(err)
		}
	}
	return nil
}

func (c *Compiler) stop() {
	if c.cmd == nil {
		return
	}
	c.stdin.Close()
	if c.cmd.Process != nil {
		c.cmd.Process.Kill()
	}
	c.cmd.Wait()
	c.cmd = nil
}

// roundTrip writes one frame and reads one: a 4-byte big-endian length
// and a JSON header, then a 4-byte big-endian length and a body. The body,
// a source of a whole chapter or more, is written from the string itself,
// never copied.
func (c *Compiler) roundTrip(req map[string]any, body string) ([]byte, []byte, error) {
	h, err := json.Marshal(req)
	if err != nil {
		return nil, nil, err
	}
	frame := make([]byte, 0, 8+len(h))
	frame = binary.BigEndian.AppendUint32(frame, uint32(len(h)))
	frame = append(frame, h...)
	frame = binary.BigEndian.AppendUint32(frame, uint32(len(body)))
	if _, err := c.stdin.Write(frame); err != nil {
		return nil, nil, err
	}
	if _, err := io.WriteString(c.stdin, body); err != nil {
		return nil, nil, err
	}
	ans, err := readChunk(c.stdout)
	if err != nil {
		return nil, nil, err
	}
	out, err := readChunk(c.stdout)
	if err != nil {
		return nil, nil, err
	}
	return ans, out, nil
}

func readChunk(r io.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	b := make([]byte, binary.BigEndian.Uint32(n[:]))
	_, err := io.ReadFull(r, b)
	return b, err
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// tailBuffer keeps the last max bytes written to it: the end of the
// child's stderr, for the error when it dies.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}
