package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/daglint/daglint/internal/config"
)

// parseFlags parses args with fs as a ruff user expects: -h and --help print
// the usage on standard output (and return flag.ErrHelp, which callers turn
// into exit 0); a mistake is one line on standard error, with a
// did-you-mean for an unknown flag, instead of the whole flag list.
func parseFlags(fs *flag.FlagSet, args []string, synopsis string, stdout, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if err == nil {
		return nil
	}
	if errors.Is(err, flag.ErrHelp) {
		printUsage(fs, synopsis, stdout)
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		msg = "unknown flag " + flagName(name)
		if c := config.Closest(name, names); c != "" {
			msg += "; did you mean " + flagName(c) + "?"
		}
	}
	fmt.Fprintf(stderr, "daglint: %s\nRun \"daglint %s --help\" for the flags.\n", msg, fs.Name())
	return err
}

// flagsExit is the exit code of a command whose flags parseFlags refused:
// 0 when help was asked for, else a usage error.
func flagsExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// flagName writes a flag as the usage does: -q for one letter, --name else.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func printUsage(fs *flag.FlagSet, synopsis string, w io.Writer) {
	fmt.Fprintf(w, "Usage: daglint %s\n", synopsis)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// helpRequested reports whether args ask a flagless subcommand for help.
func helpRequested(args []string) bool {
	return len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help")
}
