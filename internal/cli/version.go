package cli

import (
	"context"
	"fmt"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X …/cli.Version=…"; without it
// the module version or VCS revision recorded by the Go toolchain is shown.
var Version = ""

func runVersion(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("version", "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	v := Version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += " " + s.Value[:12]
				}
			}
		}
	}
	fmt.Fprintf(env.Stdout, "tandem %s\n", v)
	return nil
}
