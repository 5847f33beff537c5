// Package cli holds tandem's subcommands. Each subcommand is a function with
// its own flag set; Main picks one by name.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Env is what a subcommand gets from the process: its streams and a way to
// read the environment, so that tests can run commands without touching the
// real process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// A command is one subcommand of tandem.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists every subcommand; each one's run function lives in a file
// of its own in this package.
func commands() []command {
	cs := []command{
		{"align", "link the sentences of a translation to its original", runAlign},
		{"demo", "load the demo forum into the data folder", runDemo},
		{"doc", "convert and compare manuscripts", runDoc},
		{"edition", "build and list the editions of the Collected Works", runEdition},
		{"events", "export the event log as JSON Lines", runEvents},
		{"migrate", "apply database migrations", runMigrate},
		{"qa", "check the translations in an XLIFF file", runQA},
		{"segment", "split text into sentences", runSegment},
		{"serve", "serve the public forum site", runServe},
		{"token", "create API tokens for programs that upload", runToken},
		{"user", "add accounts, set passwords and list accounts", runUser},
		{"version", "print the version", runVersion},
		{"video", "attach, list and withdraw the videos of programme items", runVideo},
		{"worker", "work background jobs (mail, videos) without serving the site", runWorker},
		{"xliff", "export documents to XLIFF for CAT tools and import translations", runXLIFF},
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	return cs
}

// errUsage marks an error that is about the command line itself; Main prints
// it with a hint and exits with status 2.
var errUsage = errors.New("usage")

// subcommandError is an error of a subcommand of a command ("doc
// convert"), so that Main's hint for a usage error names the subcommand,
// whose -h tells its flags.
type subcommandError struct {
	name string
	err  error
}

func (e *subcommandError) Error() string { return e.err.Error() }
func (e *subcommandError) Unwrap() error { return e.err }

// inSubcommand marks err as coming from the subcommand name ("doc
// convert"); nil stays nil.
func inSubcommand(name string, err error) error {
	if err == nil {
		return nil
	}
	return &subcommandError{name: name, err: err}
}

// Main runs tandem with the given arguments and returns the exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
	return env.main(ctx, args)
}

func (env *Env) main(ctx context.Context, args []string) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "-v") {
		args = append([]string{"version"}, args[1:]...)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		env.usage()
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			name := c.name
			var sub *subcommandError
			if errors.As(err, &sub) {
				name = sub.name
			}
			msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
			fmt.Fprintf(env.Stderr, "tandem %s: %s\nRun 'tandem %s -h' for help.\n", name, msg, name)
			return 2
		default:
			fmt.Fprintf(env.Stderr, "tandem %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "tandem: unknown command %q\n", args[0])
	env.usage()
	return 2
}

func (env *Env) usage() {
	var b strings.Builder
	b.WriteString("tandem convenes a forum of several partners and publishes what it produced in every partner's language.\n\nUsage: tandem COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'tandem COMMAND -h' for the flags of a command, 'tandem --version' for the version.\n")
	io.WriteString(env.Stderr, b.String())
}

// newFlags returns a flag set that returns errors instead of exiting and
// prints nothing itself: a bad flag is reported once, by Main, with a hint
// to run -h, and -h prints the usage (see parseFlags) on the command's
// stderr.
func (env *Env) newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("tandem "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: tandem %s\n\n", synopsis)
		fs.SetOutput(env.Stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses flags, which every command takes before or after its
// positional arguments ("doc convert FILE --to markdown"); "--" ends the
// flags. A flag error becomes a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// parseFlags parses args with fs, showing the usage only for -h: the flag
// package would show it after every error too.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
