//go:build devtools

// Command gendocs writes docs/rules from the rules' in-code documentation.
// It is run by `go generate ./internal/rules` (build tag devtools keeps it
// out of `go install ./...`, which pre-commit runs):
//
//	go run -tags devtools ./gendocs -dir ../../docs/rules
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/rules/gendocs/render"
)

func main() {
	dir := flag.String("dir", "../../docs/rules", "folder to write the rule pages into")
	flag.Parse()
	if err := analysis.Validate(rules.All); err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: invalid rule registry: %v\n", err)
		os.Exit(1)
	}
	changed, err := render.Write(*dir, rules.All)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
	for _, name := range changed {
		fmt.Printf("gendocs: updated %s\n", name)
	}
}
