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
	fmt.Fprintln(env.Stdout, versionLine(linkedStamp(), bi, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH))
	return nil
}

// linkedStamp returns what the linker was told about this build.
func linkedStamp() buildStamp {
	return buildStamp{Version: Version, Revision: Revision, Modified: Modified == "true"}
}

// toolVersion returns this build's version as `tandem version` prints it
// after the program's name, without Go's version and platform (see
// buildVersion): "v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified)". The files
// tandem writes name their creator with it: a TMX's creationtoolversion, a
// DOCX's Application, the programme calendar's PRODID.
func toolVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(linkedStamp(), bi)
}

// versionLine describes a build in one line: "tandem", its version (see
// buildVersion), and the Go version and platform:
//
//	tandem v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified) go1.26.8 linux/amd64
func versionLine(linked buildStamp, bi *debug.BuildInfo, goVersion, platform string) string {
	return "tandem " + buildVersion(linked, bi) + " " + goVersion + " " + platform
}

// buildVersion describes a build's version: the version (set by the
// linker, or the module version from the build info: "v1.2.0" when
// installed with go install, "(devel)" when built from a checkout), then
// the first 12 digits of the VCS revision with "(modified)" when the
// checkout had uncommitted changes (recorded by go build in a git checkout
// with -buildvcs, or set by the linker).
func buildVersion(linked buildStamp, bi *debug.BuildInfo) string {
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
	if revision != "" {
		v += " " + revision
		if modified {
			v += " (modified)"
		}
	}
	return v
}

// buildStamp is what the linker was told about the build.
type buildStamp struct {
	Version, Revision string
	Modified          bool
}
