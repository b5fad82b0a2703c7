package main

import (
	"regexp"
	"testing"

	"github.com/daglint/daglint/internal/lazyre"
)

// Every expression that compiles on first use compiles: a typo would
// otherwise show only when a run first needs it.
func TestLazyExpressionsCompile(t *testing.T) {
	exprs := lazyre.Exprs()
	if len(exprs) < 10 {
		t.Fatalf("only %d lazily compiled expressions registered; the linked packages make more", len(exprs))
	}
	for _, e := range exprs {
		if _, err := regexp.Compile(e); err != nil {
			t.Errorf("%q: %v", e, err)
		}
	}
}
