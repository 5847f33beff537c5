// Package omegat runs OmegaT, the desktop translation tool (the Debian
// package omegat), in console mode on files tandem wrote, so that tests
// can check that a desktop CAT user's tool reads tandem's XLIFF and TMX and
// that tandem reads back what it writes.
//
// A run makes a fresh OmegaT project (source, target, tm/auto, glossary,
// dictionary and omegat folders and an omegat.project file), puts the
// source files and memories in it, translates with
// --mode=console-translate (OmegaT fills each segment it finds in a
// memory, exact matches only) and returns the target files and the number
// of segments OmegaT loaded, from its project_stats.txt. OmegaT exits 0
// even when it loaded nothing, so callers check Total.
package omegat

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrNotInstalled is returned when no omegat program is on PATH.
var ErrNotInstalled = errors.New("omegat is not installed (Debian package omegat; scripts/setup.sh test installs it)")

// Project is what one console run translates.
type Project struct {
	// Source and Target are the languages as OmegaT names them, BCP 47
	// with a region ("zh-CN", "ru-RU").
	Source, Target string
	// Files are the source files by name ("essay.xlf") and content.
	Files map[string][]byte
	// Memories are TMX files by name, put in tm/auto, whose exact matches
	// OmegaT inserts.
	Memories map[string][]byte
	// Timeout bounds the run; 0 is three minutes (OmegaT starts a JVM and
	// takes 10–30 s on two cores).
	Timeout time.Duration
}

// Result is what a run left.
type Result struct {
	// Target are the translated files by the names of their sources.
	Target map[string][]byte
	// Total is the number of segments OmegaT loaded from the sources.
	Total int
	// Log is OmegaT's console output, for a failing test to show.
	Log string
}

// Installed reports whether omegat is on PATH.
func Installed() bool {
	_, err := exec.LookPath("omegat")
	return err == nil
}

// Translate runs OmegaT on p in a project under dir (which it fills; a
// test's TempDir) and returns its target files. It returns ErrNotInstalled
// without omegat, and an error with OmegaT's output when it fails or
// writes no statistics.
func Translate(ctx context.Context, dir string, p Project) (*Result, error) {
	bin, err := exec.LookPath("omegat")
	if err != nil {
		return nil, ErrNotInstalled
	}
	proj := filepath.Join(dir, "project")
	for _, sub := range []string{"source", "target", "tm/auto", "glossary", "dictionary", "omegat"} {
		if err := os.MkdirAll(filepath.Join(proj, sub), 0o755); err != nil {
			return nil, err
		}
	}
	settings := strings.NewReplacer("SRC", p.Source, "TGT", p.Target).Replace(projectFile)
	if err := os.WriteFile(filepath.Join(proj, "omegat.project"), []byte(settings), 0o644); err != nil {
		return nil, err
	}
	for name, data := range p.Files {
		if err := os.WriteFile(filepath.Join(proj, "source", filepath.Base(name)), data, 0o644); err != nil {
			return nil, err
		}
	}
	for name, data := range p.Memories {
		if err := os.WriteFile(filepath.Join(proj, "tm", "auto", filepath.Base(name)), data, 0o644); err != nil {
			return nil, err
		}
	}
	timeout := p.Timeout
	if timeout == 0 {
		timeout = 3 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "--mode=console-translate", "--no-team", "--disable-project-locking", proj)
	cmd.Env = append(os.Environ(), "HOME="+home, "JAVA_TOOL_OPTIONS=-Djava.awt.headless=true")
	out, err := cmd.CombinedOutput()
	res := &Result{Target: map[string][]byte{}, Log: string(out)}
	if err != nil {
		return res, fmt.Errorf("omegat: %w\n%s", err, out)
	}
	stats, err := os.ReadFile(filepath.Join(proj, "omegat", "project_stats.txt"))
	if err != nil {
		return res, fmt.Errorf("omegat wrote no statistics: %w\n%s", err, out)
	}
	m := totalLine.FindSubmatch(stats)
	if m == nil {
		return res, fmt.Errorf("no Total line in OmegaT's statistics:\n%s", stats)
	}
	res.Total, _ = strconv.Atoi(string(m[1]))
	for name := range p.Files {
		data, err := os.ReadFile(filepath.Join(proj, "target", filepath.Base(name)))
		if err != nil {
			return res, fmt.Errorf("omegat wrote no target for %s: %w\n%s", name, err, out)
		}
		res.Target[name] = data
	}
	return res, nil
}

var totalLine = regexp.MustCompile(`(?m)^Total:\s+(\d+)`)

// projectFile is an OmegaT project's settings: default folders, sentence
// segmentation, tags kept. SRC and TGT stand for the languages.
const projectFile = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>SRC</source_lang>
    <target_lang>TGT</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`
