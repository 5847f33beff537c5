package cli

import (
	"strings"
	"testing"
)

// commandPaths lists every command a person can run: each command, and
// for those with subcommands (doc, xliff) each subcommand instead.
func commandPaths() [][]string {
	subs := map[string][]string{"doc": {"convert", "diff"}, "edition": {"build", "list"}, "events": {"export"}, "token": {"create", "list", "revoke"}, "user": {"add", "passwd", "list"}, "video": {"attach", "list", "withdraw"}, "xliff": {"export", "import"}}
	var out [][]string
	for _, c := range commands() {
		if s, ok := subs[c.name]; ok {
			for _, sub := range s {
				out = append(out, []string{c.name, sub})
			}
			continue
		}
		out = append(out, []string{c.name})
	}
	return out
}

// TestBadFlagEveryCommand checks, for every command and subcommand, that
// an unknown flag is one line naming it, followed by the hint to run that
// very command's -h, with exit status 2; and that -h shows the command's
// own usage with status 0.
func TestBadFlagEveryCommand(t *testing.T) {
	for _, path := range commandPaths() {
		name := strings.Join(path, " ")
		t.Run(name, func(t *testing.T) {
			code, out, stderr := runCLI(t, nil, append(path, "--no-such-flag")...)
			want := "tandem " + name + ": flag provided but not defined: -no-such-flag\nRun 'tandem " + name + " -h' for help.\n"
			if code != 2 || stderr != want || out != "" {
				t.Errorf("bad flag: exit %d, stdout %q, stderr\n%s\nwant exit 2 and\n%s", code, out, stderr, want)
			}
			code, _, stderr = runCLI(t, nil, append(path, "-h")...)
			if code != 0 || !strings.HasPrefix(stderr, "Usage: tandem "+name) || strings.Contains(stderr, "flag provided") {
				t.Errorf("-h: exit %d, stderr %q, want the usage of %s", code, stderr, name)
			}
		})
	}
}

// TestSubcommandUsageHint checks that a usage error found after the flags
// (a missing file) also sends the user to the subcommand's own -h.
func TestSubcommandUsageHint(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"doc", "convert"}, "tandem doc convert: want one FILE\nRun 'tandem doc convert -h' for help.\n"},
		{[]string{"doc", "diff", "a.md"}, "tandem doc diff: want OLD and NEW\nRun 'tandem doc diff -h' for help.\n"},
		{[]string{"xliff", "import"}, "tandem xliff import: want SOURCE and TRANSLATED.xlf\nRun 'tandem xliff import -h' for help.\n"},
		{[]string{"xliff", "export", "--from", "zh"}, "tandem xliff export: --from and --to are required\nRun 'tandem xliff export -h' for help.\n"},
		{[]string{"doc"}, "tandem doc: want 'convert' or 'diff'\nRun 'tandem doc -h' for help.\n"},
		{[]string{"xliff", "frobnicate"}, "tandem xliff: unknown subcommand \"frobnicate\" (want 'export' or 'import')\nRun 'tandem xliff -h' for help.\n"},
	} {
		code, _, stderr := runCLI(t, nil, tc.args...)
		if code != 2 || stderr != tc.want {
			t.Errorf("tandem %s: exit %d, stderr\n%s\nwant exit 2 and\n%s", strings.Join(tc.args, " "), code, stderr, tc.want)
		}
	}
}

// TestJobFlagsHelp checks the -h of serve and worker: each job flag shows
// a placeholder that names its value (Go's flag package takes the first
// `quoted` word of a usage text for it) and the environment variable that
// sets it; and a variable that cannot be read is a usage error, not a
// quiet default.
func TestJobFlagsHelp(t *testing.T) {
	for _, cmd := range []string{"serve", "worker"} {
		_, _, stderr := runCLI(t, nil, cmd, "-h")
		for _, want := range []string{
			"  -workers number\n", "(env TANDEM_WORKERS)",
			"  -job-backoff duration\n", "(env TANDEM_JOB_BACKOFF)",
			"  -job-rescue-after duration\n", "(env TANDEM_JOB_RESCUE_AFTER)",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s -h lacks %q:\n%s", cmd, want, stderr)
			}
		}
		if strings.Contains(stderr, "tandem worker\n") || strings.Contains(stderr, "`") {
			t.Errorf("%s -h shows a stray placeholder or backquote:\n%s", cmd, stderr)
		}
		// A flag's duration that is not positive is refused as the
		// variable's is, naming the flag, and so is a size of 0.
		for _, args := range [][]string{
			{"--upload-abandon-after", "-1h"}, {"--upload-abandon-after", "0"},
			{"--job-backoff", "0s"}, {"--job-rescue-after", "-5m"},
		} {
			code, _, stderr := runCLI(t, nil, append([]string{cmd, "--data", t.TempDir()}, args...)...)
			if code != 2 || !strings.Contains(stderr, ": "+args[0][1:]+" ") || !strings.Contains(stderr, "want a positive duration") {
				t.Errorf("%s %v: exit %d, %q; want a usage error naming the flag", cmd, args, code, stderr)
			}
		}
		if cmd == "serve" {
			code, _, stderr := runCLI(t, nil, cmd, "--data", t.TempDir(), "--upload-max-size", "0")
			if code != 2 || !strings.Contains(stderr, "-upload-max-size \"0\": want a positive size") {
				t.Errorf("serve --upload-max-size 0: exit %d, %q", code, stderr)
			}
		}
		for _, env := range []map[string]string{{"TANDEM_WORKERS": "many"}, {"TANDEM_JOB_BACKOFF": "10"}, {"TANDEM_JOB_RESCUE_AFTER": "-1h"}} {
			code, _, stderr := runCLI(t, env, cmd, "--data", t.TempDir())
			for k := range env {
				if code != 2 || !strings.Contains(stderr, k) {
					t.Errorf("%s with %v: exit %d, %q; want a usage error naming %s", cmd, env, code, stderr, k)
				}
			}
		}
	}
}
