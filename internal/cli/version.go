package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version, Revision and Modified are set at build time with -ldflags
// "-X …/cli.Version=…": make build sets them from git (`git describe --tags
// --always --dirty`, the commit hash, and "true" when the checkout has
// uncommitted changes). The toolchain's own record of the revision, which
// go build makes in a git checkout with -buildvcs, wins over them; it is
// missing in a git worktree, whose .git is a file the go command does not
// look into, and wherever -buildvcs is off. Without any of them the module
// version is shown.
var (
	Version  = ""
	Revision = ""
	Modified = ""
)

func runVersion(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("version", "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: version takes no arguments, got %q", errUsage, fs.Arg(0))
	}
	bi, _ := debug.ReadBuildInfo()
	linked := buildStamp{Version: Version, Revision: Revision, Modified: Modified == "true"}
	fmt.Fprintln(env.Stdout, versionLine(linked, bi, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH))
	return nil
}

// versionLine describes a build in one line: "tandem", the version (set by
// the linker, or the module version from the build info: "v1.2.0" when
// installed with go install, "(devel)" when built from a checkout), the
// first 12 digits of the VCS revision with "(modified)" when the checkout
// had uncommitted changes (recorded by go build in a git checkout with
// -buildvcs), and the Go version and platform:
//
//	tandem v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified) go1.26.8 linux/amd64
func versionLine(linked buildStamp, bi *debug.BuildInfo, goVersion, platform string) string {
	v := linked.Version
	if v == "" && bi != nil {
		v = bi.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	revision, modified := linked.Revision, linked.Modified
	if bi != nil {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				revision, modified = s.Value, false
			}
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.modified" {
				modified = s.Value == "true"
			}
		}
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	line := "tandem " + v
	if revision != "" {
		line += " " + revision
		if modified {
			line += " (modified)"
		}
	}
	return line + " " + goVersion + " " + platform
}

// buildStamp is what the linker was told about the build.
type buildStamp struct {
	Version, Revision string
	Modified          bool
}
