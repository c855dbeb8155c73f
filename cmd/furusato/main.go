// Command furusato builds bilingual promotional sites from Markdown.
//
//	furusato build [flags]   build the site into public/
//	furusato serve [flags]   preview the site with live reload
//	furusato check [flags]   report what visitors would trip over
//	furusato deploy [flags]  publish to object storage behind a CDN
//	furusato new SECTION/NAME  start a new page, as a draft in every language
//	furusato init DIR        start a new site from the built-in example
//	furusato translated FILE mark a translation as up to date with its source
//	furusato version         print the version
//
// Run furusato help or furusato build -help for the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // site timezones work on machines without zone files (Windows)

	"github.com/furusato/furusato/internal/diag"
)

// retryWait is the first pause before a deploy tries an upload again.
const retryWait = 500 * time.Millisecond

// sameSignal is how soon after the first a second interrupt is taken as
// the same one, sent twice, rather than a request to kill at once.
const sameSignal = 500 * time.Millisecond

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the site has problems, or the build failed
	exitUsage = 2 // the command line is wrong
)

// usageError is a mistake on the command line, in a command (cmd) or
// before one.
type usageError struct{ msg, cmd string }

func (e *usageError) Error() string { return e.msg }

// memoryLimit is the soft limit on the heap unless GOMEMLIMIT says
// otherwise: a site of 100,000 pages stays under 2 GB (1.92 GB at its
// peak), at some cost in speed (1,700 MiB: 1.81 GB, 6 % slower); smaller
// sites never reach it.
const memoryLimit = 1800 << 20

// gcPercent is how much the heap may grow between collections unless GOGC
// says otherwise: a build makes much short-lived garbage (template
// values), and collecting it half as often as Go's default of 100 saves a
// twentieth of a build's time for a third more memory (10,000 pages:
// about 390 MB instead of 310 MB; the limit above still holds).
const gcPercent = 150

func main() {
	os.Exit(runProcess(os.Args[1:]))
}

// runProcess is main but for the exit: the tests run it as the furusato
// command, in a process of its own, to stop it with a signal.
func runProcess(args []string) int {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// Ctrl+C or SIGTERM stops the command, which leaves everything as it
	// was within a second; once it is stopping, a second Ctrl+C kills it
	// at once. Not one that comes with the first: GNU timeout (a CI job's
	// limit) sends its signal to the command and again to its process
	// group, and a killed build leaves its folder beside the output.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, func() { time.AfterFunc(sameSignal, stop) })
	return exitCode(run(ctx, args, os.Stdout, os.Stderr), os.Stderr)
}

// exitCode prints err and returns the exit code for it.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "furusato: %s\nRun '%s' for usage.\n", ue.msg, strings.TrimSpace("furusato help "+ue.cmd))
		return exitUsage
	case errors.Is(err, errInterrupted):
		fmt.Fprintf(stderr, "furusato: %v\n", err)
		return exitError
	}
	errs := diag.All(err)
	for _, e := range errs {
		if e.Pos.File == "" {
			fmt.Fprint(stderr, "furusato: ")
		}
		fmt.Fprintln(stderr, e.Error())
	}
	if len(errs) > 1 {
		fmt.Fprintf(stderr, "furusato: %d problems; nothing was written\n", len(errs))
	} else if len(errs) == 1 && errs[0].Pos.File != "" {
		fmt.Fprintln(stderr, "furusato: 1 problem; nothing was written")
	}
	return exitError
}

const usage = `furusato builds bilingual promotional sites from Markdown.

Usage:
  furusato build [-s SITE_DIR] [-o OUT_DIR] [--drafts] [--future] [--date YYYY-MM-DD] [--base-url URL] [--no-minify] [--precompress] [-q]
  furusato serve [-s SITE_DIR] [--addr 127.0.0.1:1313] [--network] [--drafts] [--future] [--date YYYY-MM-DD] [--no-editor] [--editor-addr 127.0.0.1:0]
  furusato check [-s SITE_DIR] [--strict] [--format text|json]
  furusato deploy --target URL [-s SITE_DIR] [--dry-run] [--verify] [--delete] [--max-deletes N] [--force]
  furusato new [-s SITE_DIR] [--bundle] SECTION/NAME
  furusato init DIR
  furusato translated [-s SITE_DIR] [-q] FILE... | --untracked
  furusato version
  furusato help [COMMAND]

Commands:
  build     build the site in SITE_DIR (default .) into OUT_DIR (default SITE_DIR/public)
  serve     serve the site on 127.0.0.1 with live reload, rebuilding on every change
  check     build the site in memory and report broken links, missing images and alt text,
            links to drafts, and translations missing or behind their source
  deploy    check the site, then upload what changed to a bucket (s3://, gs://, azblob://, file://)
  new       write a new page in every language, as a draft, with its section's fields from site.yaml
  init      write the built-in example site (Kitami City) into DIR, to start a new site
  translated  mark translations as up to date with the page they translate, so that
            check can tell when that page changes
  version   print furusato's version

Run 'furusato help build' for the flags of a command.
`

// run is the whole command: main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &usageError{"no command given", ""}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "deploy":
		return runDeploy(ctx, rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "init":
		return runInit(rest, stdout, stderr)
	case "translated":
		return runTranslated(ctx, rest, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "furusato", version())
		return nil
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run(ctx, []string{rest[0], "-help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return nil
	}
	return &usageError{fmt.Sprintf("unknown command %q", cmd), ""}
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// errInterrupted is the error of a command stopped by Ctrl+C.
var errInterrupted = errors.New("interrupted; nothing was written")

// newFlags returns a flag set whose help, when asked for, goes to stdout.
func newFlags(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(io.Discard) // a mistake is reported once, by exitCode
	fl.Usage = func() {
		fmt.Fprintf(stdout, "Usage: furusato %s\n\n", synopsis)
		fl.SetOutput(stdout)
		fl.PrintDefaults()
		fl.SetOutput(io.Discard)
	}
	return fl
}

// parseFlags parses args: -help prints the command's usage, and a mistake
// is a usage error.
func parseFlags(fl *flag.FlagSet, args []string) error {
	usage := fl.Usage
	fl.Usage = func() {} // the flag package calls it for mistakes too
	err := fl.Parse(args)
	fl.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage()
		return err
	case err != nil:
		return &usageError{err.Error(), fl.Name()}
	}
	return nil
}
