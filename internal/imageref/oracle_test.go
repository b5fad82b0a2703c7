package imageref

import (
	// go-digest counts sha256, sha384 and sha512 as available only when the
	// program links their hashes. The binary always did when it used the
	// library, and grammar.go takes them as available, so the oracle must
	// link them too.
	_ "crypto/sha256"
	_ "crypto/sha512"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/distribution/reference"
	"github.com/opencontainers/go-digest"
)

// The scanner in grammar.go replaced distribution/reference and go-digest in
// the binary (their package init compiled regular expressions at every
// start); the libraries stay as the oracle it is compared with here.

// outcome is a parse result in comparable form.
type outcome struct {
	domain, path, tag, digest, familiar, normalized string
	// err is the error as Parse reports it ("" when none): the class it
	// maps to and the underlying text, which DAG103 messages quote.
	err string
}

// fromLibrary is what distribution/reference says about s.
func fromLibrary(s string) outcome {
	n, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return outcome{err: fmt.Sprintf("%v (%v)", libraryClass(err), err)}
	}
	o := outcome{domain: reference.Domain(n), path: reference.Path(n),
		familiar: reference.FamiliarString(n), normalized: reference.TagNameOnly(n).String()}
	if t, ok := n.(reference.Tagged); ok {
		o.tag = t.Tag()
	}
	if d, ok := n.(reference.Digested); ok {
		o.digest = d.Digest().String()
	}
	return o
}

// libraryClass is the mapping Parse applied to the library's errors.
func libraryClass(err error) error {
	switch {
	case errors.Is(err, reference.ErrNameContainsUppercase):
		return ErrUppercase
	case errors.Is(err, reference.ErrTagInvalidFormat):
		return ErrBadTag
	case errors.Is(err, reference.ErrDigestInvalidFormat),
		errors.Is(err, digest.ErrDigestInvalidFormat),
		errors.Is(err, digest.ErrDigestInvalidLength),
		errors.Is(err, digest.ErrDigestUnsupported):
		return ErrBadDigest
	case errors.Is(err, reference.ErrNameTooLong):
		return ErrTooLong
	case errors.Is(err, reference.ErrNameEmpty):
		return ErrEmpty
	default:
		return ErrInvalid
	}
}

// fromScanner is what grammar.go says about s.
func fromScanner(s string) outcome {
	n, err := parseNormalized(s)
	if err != nil {
		return outcome{err: classify(err).Error()}
	}
	return outcome{n.domain, n.path, n.tag, n.digest, n.familiar().String(), n.tagNameOnly().String(), ""}
}

// The expressions Parse used before the scanner, and the libraries'
// grammar pieces anchored.
var (
	oldTag     = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	oldImageID = regexp.MustCompile(`^(sha256:)?[a-f0-9]{64}$`)
	oldHost    = regexp.MustCompile(`^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$`)
	libDomain  = anchor(reference.DomainRegexp)
	libTag     = anchor(reference.TagRegexp)
	libDigest  = anchor(reference.DigestRegexp)
	libName    = anchor(reference.NameRegexp)
)

func anchor(re *regexp.Regexp) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + re.String() + `)$`)
}

// digestErrors pairs go-digest's errors with grammar.go's.
var digestErrors = map[error]error{
	digest.ErrDigestInvalidFormat: errDigestInvalidFormat,
	digest.ErrDigestInvalidLength: errDigestInvalidLength,
	digest.ErrDigestUnsupported:   errDigestUnsupported,
}

// compare checks every scanner function against its oracle on s and on
// the parts of s each function is applied to in Parse.
func compare(t *testing.T, s string) {
	t.Helper()
	want := fromLibrary(s)
	if got := fromScanner(s); got != want {
		t.Fatalf("%q: scanner %+v, library %+v", s, got, want)
	}
	// What Parse accepts, the library accepts and reads the same way.
	if r, err := parse(s); err == nil {
		if want.err != "" || r.Registry != strings.ToLower(want.domain) || r.Path != want.path || r.Tag != want.tag ||
			r.Digest != want.digest || r.Familiar != want.familiar || r.Normalized != want.normalized {
			t.Fatalf("Parse(%q) = %+v, library %+v", s, r, want)
		}
	}
	_, afterAt, _ := strings.Cut(s, "@")
	name, _, _, _, _ := split(s)
	first, _, _ := strings.Cut(name, "/")
	tag := s[strings.LastIndexByte(s, ':')+1:]
	parts := []string{s, afterAt, s[strings.LastIndexByte(s, '@')+1:], name, first, tag}
	for i, part := range parts {
		if !slices.Contains(parts[:i], part) {
			compareParts(t, part)
		}
	}
}

func compareParts(t *testing.T, s string) {
	t.Helper()
	_, want := digest.Parse(s)
	if want != nil {
		want = digestErrors[want]
	}
	if got := validateDigest(s); got != want {
		t.Fatalf("validateDigest(%q) = %v, go-digest %v", s, got, want)
	}
	checks := []struct {
		name string
		got  bool
		re   *regexp.Regexp
	}{
		{"isTag", isTag(s), oldTag},
		{"isTag", isTag(s), libTag},
		{"isImageID", isImageID(strings.TrimPrefix(s, "sha256:")), oldImageID},
		{"isDomainAndPort(v6Dots)", isDomainAndPort(s, true), oldHost},
		{"isDomainAndPort", isDomainAndPort(s, false), libDomain},
		{"isDigestSyntax", isDigestSyntax(s), libDigest},
	}
	for _, c := range checks {
		if want := c.re.MatchString(s); c.got != want {
			t.Fatalf("%s(%q) = %v, /%s/ says %v", c.name, s, c.got, c.re, want)
		}
	}
	if _, _, got := splitName(s); got != libName.MatchString(s) {
		t.Fatalf("splitName(%q) ok = %v, library's name grammar disagrees", s, got)
	}
	h, p, err := net.SplitHostPort(s)
	if gh, gp, ok := cutHostPort(s); ok != (err == nil) || gh != h || gp != p {
		t.Fatalf("cutHostPort(%q) = %q, %q, %v; net: %q, %q, %v", s, gh, gp, ok, h, p, err)
	}
}

// trickyRefs are references near the edges of the grammar.
var trickyRefs = []string{
	"", "python", "python:3.11", "Python", "python:", "python@", ":", "@", "/", "//", ":latest", "@sha256:" + hex64,
	"localhost", "localhost/x", "localhost:5000/x:1", "LocalHost/x", "localhost:/x", "localhost:5000", "localhost/X",
	"[::1]:5000/x", "[::1]/x", "[::1]", "[::1]:/x", "[::1]:5000a/x", "[::ffff:1.2.3.4]/x", "[]:5000/x", "[::1/x", "[::1]]/x",
	"[[::1]]/x", "[::1]:5000:6/x", "[::G]/x", "host:5000:6/x", "a:1:2",
	"reg.io/x", "reg.io:5000/x", "reg.io:/x", "reg.io:50a0/x", "reg.io:5000", "reg.io/x:5000/y", "reg.io/-x", "reg.io/x-",
	"Reg.IO/x", "Reg/x", "REG/x", "reg.io/X", "reg.io/x:TAG", "-reg.io/x", "reg-.io/x", "reg..io/x", ".reg.io/x", "reg.io./x",
	"my_registry.example.com/app:1.0", "a_b.c/d", "a__b.c/d", "a_b:5000/d", "a.b_/d", "a._b/d",
	"docker.io/python", "docker.io/library/python", "docker.io/library/a/b", "index.docker.io/python", "index.docker.io/a/b",
	"Docker.io/python", "library/python", "library/a/b", "docker.io", "docker.io/", "index.docker.io/library/x",
	"a__b", "a___b", "a..b", "a.b", "a_b", "a-b", "a--b", "a---b", "a-.b", "a.-b", "a_-b", "a-_b", "a._b", "a/b/c/d", "a//b",
	"x:a/b", "x:.hidden", "x:-x", "x:_x", "x:a.b-c_D", "x:" + strings.Repeat("a", 128), "x:" + strings.Repeat("a", 129),
	"x:1:2", "x::1", "x@sha256:" + hex64 + "@y",
	strings.Repeat("a", 247), strings.Repeat("a", 248), "a/" + strings.Repeat("b", 253), "a/" + strings.Repeat("b", 254),
	"reg.io/" + strings.Repeat("a", 255), "reg.io/" + strings.Repeat("a", 256), strings.Repeat("a", 300) + ":1",
	hex64, "sha256:" + hex64, hex64 + ":1", strings.ToUpper(hex64), hex64[:63], hex64 + "0", "reg.io/" + hex64,
	"x@sha256:" + hex64, "x@sha256:" + hex64[:63], "x@sha256:" + hex64 + "0", "x@sha256:" + strings.ToUpper(hex64),
	"x@sha384:" + hex64 + hex64[:32], "x@sha384:" + hex64, "x@sha512:" + hex64 + hex64, "x@sha512:" + hex64 + hex64[:63],
	"x@SHA256:" + hex64, "x@md5:" + hex64[:32], "x@md5:" + hex64[:31], "x@MD5:" + hex64, "x@sha256+b64:" + hex64,
	"x@sha256.x:" + hex64, "x@sha256..x:" + hex64, "x@1sha:" + hex64, "x@sha-:" + hex64, "x@sha256:" + hex64[:32] + "g",
	"x@sha256:", "x@:" + hex64, "x@sha256", "x@sha256:short", "x:1@sha256:" + hex64, "x:1@sha512:" + hex64 + hex64,
	"reg.io/x@sha256:" + hex64, "x@sha256:" + hex64 + ":1", "x@sha256:=" + hex64,
	"ünïcode", "reg.io/ü", "x:ü", "K/x", "\u212a/x", "İ/x", "x\xff", "\xff/x", "reg.io/x\x00", "a b", "x:1 ",
	"user:pass@reg.io/x", "https://reg.io/x", "reg.io/x/", "reg.io//x",
}

// fixtureStrings are the quoted strings of every fixture under testdata:
// each image reference written there, and much more.
func fixtureStrings(t *testing.T) []string {
	quoted := regexp.MustCompile(`"([^"\n]*)"|'([^'\n]*)'`)
	var out []string
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		for _, m := range quoted.FindAllStringSubmatch(string(b), -1) {
			out = append(out, m[1]+m[2])
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestScannerMatchesLibraryOnFixtures(t *testing.T) {
	strs := fixtureStrings(t)
	valid := 0
	for _, s := range strs {
		compare(t, s)
		if _, err := parseNormalized(s); err == nil {
			valid++
		}
	}
	// The fixtures hold hundreds of image references: the walk found them.
	if valid < 100 {
		t.Fatalf("only %d of %d fixture strings are valid references", valid, len(strs))
	}
}

func TestScannerMatchesLibraryOnTrickyCases(t *testing.T) {
	for _, s := range trickyRefs {
		compare(t, s)
	}
}

// mutationBytes are the bytes mutations insert: every class the grammar
// tells apart.
const mutationBytes = "aZ09_.-+:/@[]=\xc3 "

func TestScannerMatchesLibraryOnMutations(t *testing.T) {
	for _, s := range trickyRefs {
		// Every one-byte edit; of a long reference only those near its ends
		// and separators, which the random edits below reach.
		for i := 0; i <= len(s); i++ {
			if len(s) > 40 && i > 8 && i < len(s)-8 && !strings.ContainsAny(s[i-1:i+1], ":@/") {
				continue
			}
			if i < len(s) {
				compare(t, s[:i]+s[i+1:])
			}
			for j := 0; j < len(mutationBytes); j++ {
				b := mutationBytes[j : j+1]
				compare(t, s[:i]+b+s[i:])
				if i < len(s) {
					compare(t, s[:i]+b+s[i+1:])
				}
			}
		}
	}
	// Several random edits at once, on the fixtures' strings too.
	seeds := append(fixtureStrings(t), trickyRefs...)
	rng := rand.New(rand.NewPCG(9, 103))
	for range 10000 {
		s := []byte(seeds[rng.IntN(len(seeds))])
		for range 1 + rng.IntN(4) {
			i := rng.IntN(len(s) + 1)
			b := mutationBytes[rng.IntN(len(mutationBytes))]
			switch {
			case rng.IntN(3) == 0 && i < len(s):
				s = append(s[:i], s[i+1:]...)
			case rng.IntN(2) == 0 && i < len(s):
				s[i] = b
			default:
				s = append(s[:i], append([]byte{b}, s[i:]...)...)
			}
		}
		compare(t, string(s))
	}
}

func FuzzImageRef(f *testing.F) {
	for _, s := range trickyRefs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compare(t, s)
	})
}
