package cli

import (
	"bytes"
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// runCLI runs tandem with args and returns its exit status and output.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut lockedBuffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	code := e.main(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	code, _, stderr := runCLI(t, nil)
	if code != 2 || !strings.Contains(stderr, "serve") || !strings.Contains(stderr, "demo") {
		t.Errorf("no arguments: exit %d, usage %q", code, stderr)
	}
	code, _, stderr = runCLI(t, nil, "frobnicate")
	if code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, stderr)
	}
	for _, cmd := range []string{"serve", "migrate", "demo", "version"} {
		code, _, stderr := runCLI(t, nil, cmd, "-h")
		if code != 0 || !strings.Contains(stderr, "Usage: tandem "+cmd) {
			t.Errorf("%s -h: exit %d, %q", cmd, code, stderr)
		}
		code, _, stderr = runCLI(t, nil, cmd, "--no-such-flag")
		if code != 2 || !strings.Contains(stderr, "no-such-flag") {
			t.Errorf("%s with a bad flag: exit %d, %q", cmd, code, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI(t, nil, "version")
	want := "tandem (devel) " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	if code != 0 || stdout != want {
		t.Errorf("version: exit %d, %q, want %q", code, stdout, want)
	}
	for _, flag := range []string{"--version", "-version", "-v"} {
		code, out, errOut := runCLI(t, nil, flag)
		if code != 0 || out != stdout || errOut != "" {
			t.Errorf("tandem %s: exit %d, %q %q, want what version prints", flag, code, out, errOut)
		}
	}
	if code, _, errOut := runCLI(t, nil, "version", "now"); code != 2 || !strings.Contains(errOut, "no arguments") {
		t.Errorf("version with an argument: exit %d, %q", code, errOut)
	}
}

func TestVersionLine(t *testing.T) {
	vcs := func(module string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/tandemforum/tandem", Version: module}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
	const other = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432"
	for _, c := range []struct {
		linked buildStamp
		bi     *debug.BuildInfo
		want   string
	}{
		{buildStamp{}, vcs("(devel)", "vcs", "git", "vcs.revision", rev, "vcs.modified", "true"), "tandem (devel) 1a2b3c4d5e6f (modified) go1.26.8 linux/amd64"},
		{buildStamp{}, vcs("(devel)", "vcs.revision", rev, "vcs.modified", "false"), "tandem (devel) 1a2b3c4d5e6f go1.26.8 linux/amd64"},
		{buildStamp{Version: "v0.3.0-4-g1a2b3c4-dirty", Revision: other, Modified: true}, vcs("(devel)", "vcs.revision", rev, "vcs.modified", "false"),
			"tandem v0.3.0-4-g1a2b3c4-dirty 1a2b3c4d5e6f go1.26.8 linux/amd64"},
		// A worktree, or -buildvcs=false: what make build linked in.
		{buildStamp{Version: "1a2b3c4-dirty", Revision: rev, Modified: true}, vcs("(devel)"), "tandem 1a2b3c4-dirty 1a2b3c4d5e6f (modified) go1.26.8 linux/amd64"},
		{buildStamp{Version: "v0.3.0", Revision: rev}, nil, "tandem v0.3.0 1a2b3c4d5e6f go1.26.8 linux/amd64"},
		{buildStamp{}, vcs("v1.2.0"), "tandem v1.2.0 go1.26.8 linux/amd64"},
		{buildStamp{}, vcs("(devel)"), "tandem (devel) go1.26.8 linux/amd64"},
		{buildStamp{}, vcs(""), "tandem (devel) go1.26.8 linux/amd64"},
		{buildStamp{}, nil, "tandem (devel) go1.26.8 linux/amd64"},
		{buildStamp{}, vcs("(devel)", "vcs.revision", "abc"), "tandem (devel) abc go1.26.8 linux/amd64"},
	} {
		if got := versionLine(c.linked, c.bi, "go1.26.8", "linux/amd64"); got != c.want {
			t.Errorf("versionLine(%+v, %v) = %q, want %q", c.linked, c.bi, got, c.want)
		}
	}
}

// TestBuiltBinaryKnowsItsRevision builds tandem with make build, as a user
// would, and checks that the binary names the checkout's revision.
func TestBuiltBinaryKnowsItsRevision(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short")
	}
	for _, tool := range []string{"git", "make", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("build test skipped: no %s on PATH", tool)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("build test skipped: %s is not a git checkout", root)
	}
	bin := filepath.Join(t.TempDir(), "tandem")
	build := exec.Command("make", "-s", "build", "BIN="+bin)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	line := string(out)
	describe, _ := exec.Command("git", "-C", root, "describe", "--tags", "--always", "--dirty").Output()
	if !strings.HasPrefix(line, "tandem "+strings.TrimSpace(string(describe))+" "+string(head[:12])) || !strings.Contains(line, runtime.Version()) {
		t.Errorf("tandem --version printed %q; want git describe (%s), the revision %s and %s", line, strings.TrimSpace(string(describe)), head[:12], runtime.Version())
	}
	status, _ := exec.Command("git", "-C", root, "status", "--porcelain").Output()
	if modified := len(strings.TrimSpace(string(status))) > 0; modified != strings.Contains(line, "(modified)") {
		t.Errorf("tandem --version printed %q for a checkout with changes: %v", line, modified)
	}

	// A TMX the binary writes names the version it prints.
	version := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "tandem "), " "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	dir := t.TempDir()
	zh := writeLangFile(t, dir, "zh.txt", "论坛开幕。\n")
	ru := writeLangFile(t, dir, "ru.txt", "Форум открылся.\n")
	tmx := filepath.Join(dir, "out.tmx")
	if out, err := exec.Command(bin, "align", "--from", "zh", "--to", "ru", "--tmx", tmx, zh, ru).CombinedOutput(); err != nil {
		t.Fatalf("tandem align: %v\n%s", err, out)
	}
	b, err := os.ReadFile(tmx)
	if err != nil {
		t.Fatal(err)
	}
	if want := `creationtool="tandem" creationtoolversion="` + html.EscapeString(version) + `"`; !strings.Contains(string(b), want) {
		t.Errorf("the TMX tandem align wrote lacks %s:\n%.300s", want, b)
	}
}

func TestMigrateAndDemoTwice(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"TANDEM_DATA": data}
	code, stdout, stderr := runCLI(t, env, "migrate")
	if code != 0 || !strings.Contains(stdout, "applied 0001_forum_site.sql") {
		t.Fatalf("migrate: exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "migrate")
	if code != 0 || !strings.Contains(stdout, "up to date") {
		t.Errorf("second migrate: exit %d, %q", code, stdout)
	}
	code, stdout, stderr = runCLI(t, env, "demo")
	if why := typstMissing(); why != "" {
		// Without Typst the demo cannot build its editions' PDFs, and
		// says what to install.
		if code != 1 || !strings.Contains(stderr, "need Node.js and Typst") || !strings.Contains(stderr, "scripts/setup.sh demo") {
			t.Errorf("demo without Typst: exit %d, %q", code, stderr)
		}
		t.Skipf("%s (scripts/setup.sh demo installs Typst in tools/typst): the loaded demo not checked", why)
	}
	if code != 0 || !strings.Contains(stdout, "demo forum loaded") {
		t.Fatalf("demo: exit %d, %q %q", code, stdout, stderr)
	}
	// The editions are listed, the English one scheduled and said to be
	// embargoed.
	if !regexp.MustCompile(`treaty-20-vol-1-zh-ru +zh\+ru +released +2021-06-01 10:00 CST\n`).MatchString(stdout) ||
		!regexp.MustCompile(`treaty-20-vol-1-en +en +scheduled +20\d\d-`).MatchString(stdout) || !strings.Contains(stdout, "embargoed") {
		t.Errorf("demo prints no editions:\n%s", stdout)
	}
	// The two video addresses have their illustrative videos, ready, or,
	// without ffmpeg or espeak-ng, the demo says why they have none.
	if (demo.VideoTools{}).Available() == nil {
		_, list, _ := runCLI(t, env, "video", "list")
		if !strings.Contains(stdout, "The 2 video addresses have illustrative videos") || strings.Count(list, "\tready\t") != 2 {
			t.Errorf("demo with ffmpeg and espeak-ng: video list\n%s\nafter\n%s", list, stdout)
		}
	} else if !strings.Contains(stdout, "The two video addresses have no video: the demo's videos need ffmpeg and espeak-ng (scripts/setup.sh demo installs them)") {
		t.Errorf("demo without ffmpeg or espeak-ng does not say why it has no videos:\n%s", stdout)
	}
	// The files of a released edition, and of a scheduled one, are
	// given as the hosts approved them; neither is built again nor
	// changes its state.
	for _, slug := range []string{"treaty-20-vol-1-zh", "treaty-20-vol-1-en"} {
		out := filepath.Join(t.TempDir(), slug+".epub")
		code, got, stderr := runCLI(t, env, "edition", "build", "--format", "epub", "-o", out, slug)
		data, err := os.ReadFile(out)
		if code != 0 || !strings.HasSuffix(got, "\treused\n") || err != nil || !bytes.HasPrefix(data, []byte("PK")) || !strings.Contains(stderr, "not built again") {
			t.Errorf("edition build of %s: exit %d, %q, %q, %d bytes, %v", slug, code, got, stderr, len(data), err)
		}
	}
	if _, list, _ := runCLI(t, env, "edition", "list"); !strings.Contains(list, "treaty-20-vol-1-zh\tzh\treleased\t") || !strings.Contains(list, "treaty-20-vol-1-en\ten\tscheduled\t") {
		t.Errorf("after the builds, edition list says\n%s", list)
	}
	// The made password is printed once, with every account.
	m := regexp.MustCompile(`the password (\S+)\n`).FindStringSubmatch(stdout)
	if m == nil || !strings.Contains(stdout, "organiser@riac.example") || !strings.Contains(stdout, "admin@tandem.example") {
		t.Fatalf("demo prints no password or accounts:\n%s", stdout)
	}
	code, stdout, stderr = runCLI(t, env, "user", "list")
	if code != 0 || !strings.Contains(stdout, "organiser@cass.example\t陈静\tcass:organiser\t-") {
		t.Errorf("user list after demo: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, env, "demo")
	if code != 1 || !strings.Contains(stderr, "already loaded") {
		t.Errorf("second demo: exit %d, %q", code, stderr)
	}
}

func TestBadConfiguration(t *testing.T) {
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"migrate", "--database", "mysql://x"}, nil, "want a postgres:// URL"},
		{[]string{"serve", "--addr", "no-port", "--data", t.TempDir()}, nil, "-addr"},
		{[]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--workers", "-1"}, nil, "-workers -1"},
		{[]string{"worker", "--data", t.TempDir(), "--workers", "-1"}, nil, "-workers -1"},
		{[]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--base-url", "not a url"}, nil, "base URL"},
		{[]string{"migrate"}, map[string]string{"TANDEM_DATABASE": "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, "open postgres"},
	} {
		code, _, stderr := runCLI(t, c.env, c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 2 {
			t.Errorf("%v: exit %d, %q; want one clear line about %q", c.args, code, stderr, c.want)
		}
	}
}

// TestFlagsAfterArguments checks that every command takes its flags before
// or after its file arguments, and that "--" ends the flags.
func TestFlagsAfterArguments(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "paper.md")
	if err := os.WriteFile(md, []byte("# Заголовок\n\nТекст.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dash := filepath.Join(dir, "--to")
	if err := os.WriteFile(dash, []byte("Текст.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"doc", "convert", "--to", "markdown", "--lang", "ru", md}, "# Заголовок"},
		{[]string{"doc", "convert", md, "--to", "markdown", "--lang", "ru"}, "# Заголовок"},
		{[]string{"doc", "convert", md, "--lang=ru", "--to=json"}, `"lang": "ru"`},
		{[]string{"segment", md, "--lang", "ru"}, "Текст."},
		{[]string{"segment", "--lang", "ru", "--", dash}, "Текст."},
	} {
		code, out, errOut := runTandem(c.args...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("tandem %q: exit %d, stderr %q, stdout %.200q; want %q", c.args, code, errOut, out, c.want)
		}
	}
}

// dataFolder makes a fresh data folder and a migrated database on dialect
// ("sqlite" in the folder, or "postgres": an empty schema of its own),
// with the job queue's tables when jobs is true. It returns the folder,
// the --database value the commands take ("" for SQLite) and the open
// database, closed when the test ends.
func dataFolder(t *testing.T, dialect string, withJobs bool) (data, dsn string, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	data = t.TempDir()
	if dialect == "postgres" {
		dsn = storetest.PostgresURL(t)
	}
	db, err := store.Open(ctx, dsn, data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if withJobs {
		if err := jobs.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	return data, dsn, db
}
