// Package lazyre compiles a package's regular expressions on first use
// instead of at start-up. A package-level regexp.MustCompile runs in the
// package's initialisation, before main, on one core, for every command
// and whether or not the run needs the expression; together they were a
// measurable part of a `daglint check`'s wall time.
package lazyre

import (
	"regexp"
	"sync"
)

// registered are the expressions of every Regexp made so far, so that a test
// of a binary's packages can compile them all (Exprs): a typo in one would
// otherwise only show the first time a run needs it.
var (
	mu         sync.Mutex
	registered []string
)

// Regexp is a regular expression compiled the first time Get is called.
type Regexp struct {
	get func() *regexp.Regexp
}

// New returns expr compiled on first use. Get panics then, as
// regexp.MustCompile would at start-up, if expr does not compile.
func New(expr string) *Regexp {
	mu.Lock()
	registered = append(registered, expr)
	mu.Unlock()
	return &Regexp{get: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// Get returns the compiled expression, compiling it on the first call.
func (r *Regexp) Get() *regexp.Regexp { return r.get() }

// MatchString reports whether s contains a match of the expression.
func (r *Regexp) MatchString(s string) bool { return r.get().MatchString(s) }

// FindString returns the leftmost match in s, or "".
func (r *Regexp) FindString(s string) string { return r.get().FindString(s) }

// FindStringSubmatch returns the leftmost match in s and its submatches, or nil.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.get().FindStringSubmatch(s) }

// Exprs returns the expressions of every Regexp made so far by the
// packages of the running binary, in the order they were made.
func Exprs() []string {
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), registered...)
}
