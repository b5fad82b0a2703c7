// Package lazyre compiles a package's regular expressions on first use
// instead of at start-up. A package-level regexp.MustCompile runs in the
// package's initialisation, before main, on one core, for every command
// and whether or not the run needs the expression; together they were a
// measurable part of a `daglint check`'s wall time.
package lazyre

import (
	"regexp"
	"slices"
	"sync"
)

// last is the Regexp made most recently; each links to the one made before
// it, so that a test of a binary's packages can compile them all (Exprs): a
// typo in one would otherwise only show the first time a run needs it. A
// list through the values themselves costs New no allocation of its own.
var (
	mu   sync.Mutex
	last *Regexp
)

// Regexp is a regular expression compiled the first time Get is called.
// New makes one allocation, this struct: a package's expressions cost its
// initialisation next to nothing.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
	prev *Regexp // made just before this one
}

// New returns expr compiled on first use. Get panics then, as
// regexp.MustCompile would at start-up, if expr does not compile.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	mu.Lock()
	r.prev, last = last, r
	mu.Unlock()
	return r
}

// Get returns the compiled expression, compiling it on the first call.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(r.compile)
	if r.re == nil {
		// The first call's compilation panicked (and Once counts it as
		// done): every call panics the same way.
		return regexp.MustCompile(r.expr)
	}
	return r.re
}

func (r *Regexp) compile() { r.re = regexp.MustCompile(r.expr) }

// MatchString reports whether s contains a match of the expression.
func (r *Regexp) MatchString(s string) bool { return r.Get().MatchString(s) }

// FindString returns the leftmost match in s, or "".
func (r *Regexp) FindString(s string) string { return r.Get().FindString(s) }

// FindStringSubmatch returns the leftmost match in s and its submatches, or nil.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.Get().FindStringSubmatch(s) }

// Exprs returns the expressions of every Regexp made so far by the
// packages of the running binary, in the order they were made.
func Exprs() []string {
	mu.Lock()
	defer mu.Unlock()
	var exprs []string
	for r := last; r != nil; r = r.prev {
		exprs = append(exprs, r.expr)
	}
	slices.Reverse(exprs)
	return exprs
}
