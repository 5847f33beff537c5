package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/typeset"
	"github.com/tandemforum/tandem/internal/typst"
)

// runPDF is the PDF part: tandem's typesetter building the book cold, in a
// process of its own (this program run with -typeset-once) with its Node
// child, against Typst alone (typst-alone.js, the same npm compiler in a
// bare Node process) compiling the very sources the typesetter generates,
// written out as a project; wall time and peak resident memory of each
// process tree, the median of runs of each, taken in turns. Then the warm
// rebuild after a one-sentence edit in one chapter, in this process.
func runPDF(path, typstDir string, runs int, keep string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	b, err := readNovel(string(src))
	if err != nil {
		return err
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "editionload-pdf")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	project := filepath.Join(dir, "project")
	srcs, media, err := typeset.New(nil, cat).Files(b)
	if err != nil {
		return err
	}
	size := 0
	for p, s := range srcs {
		size += len(s)
		if err := writeFile(filepath.Join(project, p), []byte(s)); err != nil {
			return err
		}
	}
	for p, data := range media {
		if err := writeFile(filepath.Join(project, p), data); err != nil {
			return err
		}
	}
	fmt.Printf("pdf_sources %d files %d bytes\n", len(srcs), size)

	self, err := os.Executable()
	if err != nil {
		return err
	}
	alone := filepath.Join(filepath.Dir(self), "typst-alone.js")
	if _, err := os.Stat(alone); err != nil {
		// Run from the source tree (go run): the script is beside this file.
		alone = filepath.Join("bench", "editionload", "typst-alone.js")
	}
	tandemPDF := filepath.Join(dir, "tandem.pdf")
	alonePDF := filepath.Join(dir, "typst.pdf")
	var tw, aw, tc, ac []time.Duration
	var tm, am []int64
	for range runs {
		t, m, cpu, err := measure(exec.Command(self, "-part", "typeset-once", "-text", path, "-typst", typstDir, "-o", tandemPDF))
		if err != nil {
			return fmt.Errorf("tandem build: %w", err)
		}
		tw, tm, tc = append(tw, t), append(tm, m), append(tc, cpu)
		args := append([]string{alone, typstDir, project, alonePDF}, typst.DefaultFontPaths...)
		t, m, cpu, err = measure(exec.Command("node", args...))
		if err != nil {
			return fmt.Errorf("typst alone: %w", err)
		}
		aw, am, ac = append(aw, t), append(am, m), append(ac, cpu)
	}
	a, err := os.ReadFile(tandemPDF)
	if err != nil {
		return err
	}
	c, err := os.ReadFile(alonePDF)
	if err != nil {
		return err
	}
	same := "identical"
	if !bytes.Equal(a, c) {
		same = "differing"
	}
	fmt.Printf("tandem_pdf %.1f ms, %.1f MB peak, %.1f ms CPU (%d bytes)\n", ms(median(tw)), mb(medianInt(tm)), ms(median(tc)), len(a))
	fmt.Printf("typst_pdf %.1f ms, %.1f MB peak, %.1f ms CPU (%d bytes, %s PDFs)\n", ms(median(aw)), mb(medianInt(am)), ms(median(ac)), len(c), same)
	fmt.Printf("pdf_time_ratio %.2f x\n", float64(median(tw))/float64(median(aw)))
	fmt.Printf("pdf_memory_ratio %.2f x\n", float64(medianInt(tm))/float64(medianInt(am)))
	if keep != "" {
		if err := os.WriteFile(keep, a, 0o644); err != nil {
			return err
		}
	}

	// The rebuild: a warm typesetter rebuilds the book after one sentence
	// changed in one chapter, a different chapter each time.
	comp, err := typst.New(typst.Config{Dir: typstDir})
	if err != nil {
		return err
	}
	defer comp.Close()
	ts := typeset.New(comp, cat)
	out, err := ts.Build(b, typeset.Options{})
	if err != nil {
		return err
	}
	pages := out.Pages
	var re, rc []time.Duration
	for i := range runs {
		edit(b, i)
		cpu := treeCPU()
		t := time.Now()
		out, err := ts.Build(b, typeset.Options{})
		if err != nil {
			return err
		}
		re, rc = append(re, time.Since(t)), append(rc, treeCPU()-cpu)
		if len(out.Changed) != 1 {
			return fmt.Errorf("rebuild after an edit in one chapter laid out %v again", out.Changed)
		}
	}
	fmt.Printf("pdf_pages %d pages\n", pages)
	fmt.Printf("pdf_rebuild %.1f ms (%.0f ms CPU)\n", ms(median(re)), ms(median(rc)))
	return nil
}

// typesetOnce builds the book's PDF with a new typesetter and compiler,
// writes it to out and ends the compiler: the cold build runPDF measures.
func typesetOnce(path, typstDir, out string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	b, err := readNovel(string(src))
	if err != nil {
		return err
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	c, err := typst.New(typst.Config{Dir: typstDir})
	if err != nil {
		return err
	}
	defer c.Close()
	o, err := typeset.New(c, cat).Build(b, typeset.Options{})
	if err != nil {
		return err
	}
	return os.WriteFile(out, o.PDF, 0o644)
}

// edit adds a sentence at the end of a paragraph in the middle of one
// chapter, the i-th edit's chapter.
func edit(b *book.Book, i int) {
	c := &b.Chapters[(i*17+5)%len(b.Chapters)]
	d := c.Text["ru"]
	bl := &d.Blocks[len(d.Blocks)/2]
	bl.Inlines = append(bl.Inlines, doc.Inline{Type: doc.Text, Text: " Правка номер " + strconv.Itoa(i+1) + "."})
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// measure runs cmd to its end and returns its wall time, the peak of the
// resident memory of its process tree (cmd's process and every
// descendant, summed), sampled from /proc every 5 ms, in bytes, and the
// CPU time (user and system) of the tree.
func measure(cmd *exec.Cmd) (time.Duration, int64, time.Duration, error) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			wall := time.Since(start)
			if err != nil {
				return 0, 0, 0, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
			}
			// The process's rusage counts the children it waited for.
			return wall, peak, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
		case <-tick.C:
			peak = max(peak, treeRSS(cmd.Process.Pid))
		}
	}
}

// treeRSS returns the resident memory of process pid and its descendants
// in bytes, from /proc/PID/stat (parent) and /proc/PID/statm (resident
// pages).
func treeRSS(root int) int64 {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	parent := map[int]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// The command in parentheses may hold spaces; fields follow the last ")".
		f := strings.Fields(string(st[bytes.LastIndexByte(st, ')')+1:]))
		if len(f) > 1 {
			parent[pid], _ = strconv.Atoi(f[1])
		}
	}
	in := func(pid int) bool {
		for p := pid; p > 1; p = parent[p] {
			if p == root {
				return true
			}
		}
		return false
	}
	page := int64(os.Getpagesize())
	var sum int64
	for pid := range parent {
		if !in(pid) {
			continue
		}
		m, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(m)); len(f) > 1 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			sum += n * page
		}
	}
	return sum
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

func medianInt(ns []int64) int64 {
	ds := make([]time.Duration, len(ns))
	for i, n := range ns {
		ds[i] = time.Duration(n)
	}
	return int64(median(ds))
}

// treeCPU returns the CPU time (user and system) this process and its
// children (the Node compiler) have used so far: the process's own rusage
// and the children's /proc/PID/stat, in clock ticks of 10 ms.
func treeCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	total := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	me := os.Getpid()
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		st, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil || bytes.LastIndexByte(st, ')') < 0 {
			continue
		}
		f := strings.Fields(string(st[bytes.LastIndexByte(st, ')')+1:]))
		if len(f) < 13 {
			continue
		}
		if pp, _ := strconv.Atoi(f[1]); pp == me {
			u, _ := strconv.Atoi(f[11])
			s, _ := strconv.Atoi(f[12])
			total += time.Duration(u+s) * 10 * time.Millisecond
		}
	}
	return total
}
