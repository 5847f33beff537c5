package cli

import (
	"context"
	"strings"
	"testing"
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
	if code != 0 || !strings.HasPrefix(stdout, "tandem ") {
		t.Errorf("version: exit %d, %q", code, stdout)
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
	if code != 0 || !strings.Contains(stdout, "demo forum loaded") {
		t.Fatalf("demo: exit %d, %q %q", code, stdout, stderr)
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
		{[]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--base-url", "not a url"}, nil, "base URL"},
		{[]string{"migrate"}, map[string]string{"TANDEM_DATABASE": "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, "open postgres"},
	} {
		code, _, stderr := runCLI(t, c.env, c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 2 {
			t.Errorf("%v: exit %d, %q; want one clear line about %q", c.args, code, stderr, c.want)
		}
	}
}
