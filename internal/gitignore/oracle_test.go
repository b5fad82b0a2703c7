package gitignore

import (
	"strings"
	"testing"

	gogit "github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// oraclePatterns are lines of ignore files, the tricky ones included.
var oraclePatterns = []string{
	"a", "b", "a/b", "/a", "/a/b", "a/", "/a/", "a/b/", "!a", "!a/", "!/a", "!a/b",
	"**", "**/", "/**", "**/a", "**/a/", "a/**", "a/**/", "a/**/b", "a/**/b/", "**/a/**",
	"**/a/b", "a/**/**/b", "**/**", "a**", "a/b**", "**a/b", "a/**b", "x/**/",
	"*", "*/", "/*", "*.py", "*.py/", "/*.py", "a/*.py", "a*b", "a*b/", "a*b*c", "*a*", "**.py",
	"?", "a?", "?/b", "a?c", "???", "[a-c]", "[!a]", "[^a]", "[a-c]/", "[abc]d", "[]]",
	"[]a]", "[a-]", "[-a]", "[", "a[", "a]", "[a", `[\]]`, `[\-a]`, "[é]", "[^é]",
	`\#a`, `\!a`, `a\ `, `a\ \ `, `a\  `, "a ", "a  ", " a", "a\t", `\a`, `a\`, `\*`,
	`a\*b`, `\?`, `\[a]`, "a//b", "a/", "a//", "//a", "/", "!", "!!a", "#a", "é", "*é",
	"?é", "a/./b", "../a", ".", "..", ".git", "*.pyc", "__pycache__/", "build/", "/build",
	"dags/**/*.py", "**/test_*.py", "docs/*.md", "foo/**/bar/*.txt", "[0-9]*", "*[0-9]",
	"*?", "*??", "*a?", "**/*", "*/*", "a/*/b", "*/b/", "**/b/**/", "**//a",
}

// oraclePaths are paths (slash-separated) to match.
var oraclePaths = []string{
	"a", "b", "c", "ab", "abc", "acb", "a b", "a ", "a  ", "a\t", " a", "#a", "!a", `\a`,
	"a/b", "a/c", "b/a", "a/b/c", "a/c/b", "a/x/b", "a/x/y/b", "x/a", "x/a/b", "x/y/a",
	"a/a", "a/a/a", "b/b", "a/b/b", "x", "x/y", "x/y/z", "d", "]", "[", "-", "-a", "é",
	"aé", "éa", "\xff", "a\xff", "x.py", "a.py", "dags/x.py", "dags/a/b/x.py", "dags/a",
	"test_x.py", "src/test_x.py", "docs/a.md", "docs/a/b.md", "foo/bar/x.txt",
	"foo/a/bar/x.txt", "foo/bar", "1", "a1", "1a", "build", "x/build", "__pycache__",
	"x/__pycache__/y.pyc", "*", "?", "a*b", "axxb", "axbxc", "abc/d", "ad", "bd", "dd",
	".git", "a.pyc", "x/y/a/b/c", "a/x/b/y", "bb/a", "a**", "ab**", ".", "..",
}

var oracleDomains = [][]string{nil, {"a"}, {"x"}, {"a", "b"}, {"x", "y"}}

func split(path string) []string { return strings.Split(path, "/") }

func TestMatchOracle(t *testing.T) {
	n := 0
	for _, domain := range oracleDomains {
		for _, line := range oraclePatterns {
			mine := ParsePattern(line, domain)
			theirs := gogit.ParsePattern(line, domain)
			for _, path := range oraclePaths {
				for _, isDir := range []bool{false, true} {
					p := split(path)
					got, want := mine.Match(p, isDir), theirs.Match(p, isDir)
					if int(got) != int(want) {
						t.Errorf("pattern %q domain %q: Match(%q, %v) = %d, go-git %d", line, domain, path, isDir, got, want)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d pattern matches compared", n)
}

// TestMatcherOracle compares whole matchers, patterns of several files
// with "!" lines among them, with go-git's.
func TestMatcherOracle(t *testing.T) {
	files := [][]string{
		{"*.py", "!keep.py", "build/", "!build/keep/"},
		{"a/", "!a/b", "a/b/c"},
		{"**/a", "!x/a", "/b", "!b/**"},
		{"*", "!*/", "!*.py"},
		{"!a", "a", "!a/b/"},
	}
	for _, lines := range files {
		for _, domain := range oracleDomains {
			var mine []Pattern
			var theirs []gogit.Pattern
			for _, l := range lines {
				mine = append(mine, ParsePattern(l, domain))
				theirs = append(theirs, gogit.ParsePattern(l, domain))
			}
			m, g := NewMatcher(mine), gogit.NewMatcher(theirs)
			for _, path := range append(oraclePaths, "keep.py", "build/keep", "build/keep/x.py", "build/x.py", "x/keep.py") {
				for _, isDir := range []bool{false, true} {
					p := split(path)
					if got, want := m.Match(p, isDir), g.Match(p, isDir); got != want {
						t.Errorf("patterns %q domain %q: Match(%q, %v) = %v, go-git %v", lines, domain, path, isDir, got, want)
					}
				}
			}
		}
	}
}

// TestDomainCopied checks that the pattern keeps its own copy of domain.
func TestDomainCopied(t *testing.T) {
	domain := []string{"a"}
	p := ParsePattern("b", domain)
	domain[0] = "x"
	if got := p.Match([]string{"a", "b"}, false); got != Exclude {
		t.Errorf("Match = %d after the caller's domain changed, want Exclude", got)
	}
}

// FuzzMatcherOracle compares one pattern, in one of a few domains, with
// go-git's on one path, as a file and as a folder.
func FuzzMatcherOracle(f *testing.F) {
	for i, line := range oraclePatterns {
		f.Add(line, oraclePaths[i%len(oraclePaths)], uint8(i))
	}
	f.Fuzz(func(t *testing.T, line, path string, d uint8) {
		domain := oracleDomains[int(d)%len(oracleDomains)]
		p := split(path)
		mine := ParsePattern(line, domain)
		theirs := gogit.ParsePattern(line, domain)
		for _, isDir := range []bool{false, true} {
			if got, want := mine.Match(p, isDir), theirs.Match(p, isDir); int(got) != int(want) {
				t.Fatalf("pattern %q domain %q: Match(%q, %v) = %d, go-git %d", line, domain, path, isDir, got, want)
			}
			m := NewMatcher([]Pattern{ParsePattern("*", nil), mine})
			g := gogit.NewMatcher([]gogit.Pattern{gogit.ParsePattern("*", nil), theirs})
			if got, want := m.Match(p, isDir), g.Match(p, isDir); got != want {
				t.Fatalf("matcher [* %q] domain %q: Match(%q, %v) = %v, go-git %v", line, domain, path, isDir, got, want)
			}
		}
	})
}

// TestQuirks pins go-git's behaviours that differ from git's own, which
// the walk has always had (docs/architecture.md lists them).
func TestQuirks(t *testing.T) {
	for _, tt := range []struct {
		line, path string
		want       Result
	}{
		{"[!a]", "!", Exclude}, // filepath.Match: "!" is a class member...
		{"[!a]", "b", NoMatch},
		{"[^a]", "b", Exclude}, // ...and "^" negates
		{"a/**", "a", Exclude}, // git: only what is inside a
		{"a/**/b", "a/b/x/b", Exclude},
		{"a/b", "a/b/c", Exclude}, // a folder's contents
		{`a\ `, "a ", Exclude},
		{"a  ", "a", Exclude},
		{"a**", "abc", Exclude}, // no "/": "**" is a star
		{"x/a**", "x/abc", NoMatch},
	} {
		if got := ParsePattern(tt.line, nil).Match(split(tt.path), false); got != tt.want {
			t.Errorf("%q.Match(%q) = %d, want %d", tt.line, tt.path, got, tt.want)
		}
	}
}

var benchLines = []string{"*.pyc", "__pycache__/", "/build", "dist/", "*.egg-info/", "**/tmp/*.py", "!keep.py", "docs/_build/", ".venv", "[Bb]in/"}

var benchPaths = [][]string{{"dags", "etl", "load.py"}, {"build", "x.py"}, {"a", "b", "tmp", "c.py"}, {"src", "keep.py"}, {"x.pyc"}}

func BenchmarkMatcher(b *testing.B) {
	var ps []Pattern
	for _, l := range benchLines {
		ps = append(ps, ParsePattern(l, nil))
	}
	m := NewMatcher(ps)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range benchPaths {
			m.Match(p, false)
		}
	}
}

func BenchmarkMatcherGoGit(b *testing.B) {
	var ps []gogit.Pattern
	for _, l := range benchLines {
		ps = append(ps, gogit.ParsePattern(l, nil))
	}
	m := gogit.NewMatcher(ps)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range benchPaths {
			m.Match(p, false)
		}
	}
}
