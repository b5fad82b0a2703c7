package imageref

import (
	"errors"
	"fmt"
	"strings"
)

// This file is Docker's image reference grammar as distribution/reference
// v0.6.0 defines it, with its normalisation (ParseNormalizedNamed) and the
// digest validation of go-digest v1.0.0 that it applies, written as byte
// scanners. The libraries compile about a dozen regular expressions when a
// program starts, whether or not it parses an image; this costs nothing until
// it is called. The grammar (every part anchored, all classes ASCII):
//
//	reference      := name [ ":" tag ] [ "@" digest ]
//	name           := [ domain-and-port "/" ] remote-name
//	domain-and-port:= ( domain-name | "[" [a-fA-F0-9:]+ "]" ) [ ":" [0-9]+ ]
//	domain-name    := label ( "." label )*
//	label          := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//	remote-name    := path-component ( "/" path-component )*
//	path-component := [a-z0-9]+ ( separator [a-z0-9]+ )*
//	separator      := "." | "_" | "__" | "-"+
//	tag            := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//	digest         := algorithm ":" [0-9a-fA-F]{32,}
//	algorithm      := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
//
// Where the grammar is ambiguous the library's regular expressions prefer a
// domain: "a.b/c" is domain "a.b" and path "c" when "a.b" is a valid domain,
// and only otherwise (as for "a_b.c/d") the whole name is a path with no
// domain. The tests compare every function here with the libraries.

// The errors of the reference grammar, with the libraries' texts (they end
// up in DAG103 messages).
var (
	errReferenceInvalidFormat = errors.New("invalid reference format")
	errNameContainsUppercase  = errors.New("repository name must be lowercase")
	errNameTooLong            = fmt.Errorf("repository name must not be more than %v characters", maxNameLen)
	errDigestInvalidFormat    = errors.New("invalid checksum digest format")
	errDigestInvalidLength    = errors.New("invalid checksum digest length")
	errDigestUnsupported      = errors.New("unsupported digest algorithm")
)

// maxNameLen is the longest repository path (without domain) Docker accepts.
const maxNameLen = 255

// named is a parsed reference: domain and path as the library splits them
// (the domain is "" only for a name such as "a_b.c/d", which is a valid path
// but not a valid domain), and the tag and digest, "" when absent.
type named struct {
	domain, path, tag, digest string
}

// String is the reference written out, as the library's String methods do.
func (n named) String() string {
	s := n.path
	if n.domain != "" {
		s = n.domain + "/" + s
	}
	if n.tag != "" {
		s += ":" + n.tag
	}
	if n.digest != "" {
		s += "@" + n.digest
	}
	return s
}

// familiar is the short form Docker shows: no "docker.io/" and, for a
// one-component official image, no "library/".
func (n named) familiar() named {
	if n.domain == DockerHub {
		n.domain = ""
		if rest, ok := strings.CutPrefix(n.path, officialPrefix); ok && !strings.Contains(rest, "/") {
			n.path = rest
		}
	}
	return n
}

// tagNameOnly adds the tag "latest" to a reference with neither tag nor digest.
func (n named) tagNameOnly() named {
	if n.tag == "" && n.digest == "" {
		n.tag = "latest"
	}
	return n
}

// officialPrefix is the Docker Hub namespace of official images.
const officialPrefix = "library/"

// parseNormalized is distribution/reference's ParseNormalizedNamed: s is
// qualified with docker.io (and library/) where it names no registry, then
// parsed. The checks come in the library's order, so the same input fails
// with the same error.
func parseNormalized(s string) (named, error) {
	if isImageID(s) {
		return named{}, fmt.Errorf("invalid repository name (%s), cannot specify 64-byte hexadecimal strings", s)
	}
	domain, remainder := splitDockerDomain(s)
	remote, _, _ := strings.Cut(remainder, ":")
	if strings.ToLower(remote) != remote {
		return named{}, fmt.Errorf("invalid reference format: repository name (%s) must be lowercase", remote)
	}
	full := domain + "/" + remainder
	n, ok := matchReference(full)
	if !ok {
		if _, ok := matchReference(strings.ToLower(full)); ok {
			return named{}, errNameContainsUppercase
		}
		return named{}, errReferenceInvalidFormat
	}
	if len(n.path) > maxNameLen {
		return named{}, errNameTooLong
	}
	if n.digest != "" {
		if err := validateDigest(n.digest); err != nil {
			return named{}, err
		}
	}
	return n, nil
}

// splitDockerDomain splits off the registry the way the library normalises
// a name: the first component is a domain when it is "localhost", contains
// '.' or ':', or is not lowercase; "index.docker.io" becomes "docker.io";
// otherwise the domain is docker.io. A docker.io name of one component gets
// the library/ namespace.
func splitDockerDomain(s string) (domain, remainder string) {
	first, rest, ok := strings.Cut(s, "/")
	switch {
	case !ok:
		return DockerHub, officialPrefix + s
	case first == "localhost", strings.ContainsAny(first, ".:"), strings.ToLower(first) != first:
		domain, remainder = first, rest
		if first == "index.docker.io" {
			domain = DockerHub
		}
	default:
		domain, remainder = DockerHub, s
	}
	if domain == DockerHub && !strings.Contains(remainder, "/") {
		remainder = officialPrefix + remainder
	}
	return domain, remainder
}

// matchReference matches s against the whole reference grammar. The
// separators decide the parts: a digest follows the '@' (neither name nor
// tag has one), and a tag follows a ':' after the last '/' (a name has ':'
// only in its domain, which a '/' follows).
func matchReference(s string) (named, bool) {
	s, dgst, hasAt := strings.Cut(s, "@")
	if hasAt && !isDigestSyntax(dgst) {
		return named{}, false
	}
	n := named{digest: dgst}
	if c := strings.LastIndexByte(s, ':'); c > strings.LastIndexByte(s, '/') {
		s, n.tag = s[:c], s[c+1:]
		if !isTag(n.tag) {
			return named{}, false
		}
	}
	var ok bool
	n.domain, n.path, ok = splitName(s)
	return n, ok
}

// splitName splits a name into domain and path, preferring a domain.
func splitName(s string) (domain, path string, ok bool) {
	if first, rest, cut := strings.Cut(s, "/"); cut && isDomainAndPort(first, false) && isRemoteName(rest) {
		return first, rest, true
	}
	return "", s, isRemoteName(s)
}

// isDomainAndPort reports whether s is a registry host with optional port.
// v6Dots also allows '.' inside the brackets of an IPv6 address (as in
// "[::ffff:1.2.3.4]"), which Parse's own host check accepts and the library
// does not.
func isDomainAndPort(s string, v6Dots bool) bool {
	var port string
	hasPort := false
	if v6, ok := strings.CutPrefix(s, "["); ok {
		host, rest, closed := strings.Cut(v6, "]")
		if !closed || host == "" || !allBytes(host, func(c byte) bool { return isHex(c) || c == ':' || v6Dots && c == '.' }) {
			return false
		}
		if rest != "" {
			if port, hasPort = strings.CutPrefix(rest, ":"); !hasPort {
				return false
			}
		}
	} else {
		var host string
		host, port, hasPort = strings.Cut(s, ":")
		if !isDomainName(host) {
			return false
		}
	}
	return !hasPort || port != "" && allBytes(port, isDigit)
}

// isDomainName reports whether s is labels joined by '.', each of letters,
// digits and '-', not starting or ending with '-'.
func isDomainName(s string) bool {
	for {
		label, rest, more := strings.Cut(s, ".")
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' ||
			!allBytes(label, func(c byte) bool { return isAlnum(c) || c == '-' }) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// isRemoteName reports whether s is path components joined by '/'.
func isRemoteName(s string) bool {
	for {
		comp, rest, more := strings.Cut(s, "/")
		if !isPathComponent(comp) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// isPathComponent reports whether s is runs of [a-z0-9] joined by single
// separators: ".", "_", "__" or any number of '-'.
func isPathComponent(s string) bool {
	if s == "" || !isLowerAlnum(s[0]) || !isLowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); {
		if isLowerAlnum(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && !isLowerAlnum(s[j]) {
			j++
		}
		if sep := s[i:j]; sep != "." && sep != "_" && sep != "__" && strings.Trim(sep, "-") != "" {
			return false
		}
		i = j
	}
	return true
}

// isTag reports whether s is a valid tag: 1-128 letters, digits, '_', '.'
// or '-', not starting with '.' or '-'.
func isTag(s string) bool {
	return s != "" && len(s) <= 128 && isWord(s[0]) &&
		allBytes(s, func(c byte) bool { return isWord(c) || c == '.' || c == '-' })
}

// isDigestSyntax reports whether s has the reference grammar's digest form:
// an algorithm, ':' and at least 32 hex digits (of any case and length;
// validateDigest then checks them).
func isDigestSyntax(s string) bool {
	alg, hex, _ := strings.Cut(s, ":")
	return len(hex) >= 32 && allBytes(hex, isHex) &&
		isJoined(alg, isLetter, isAlnum)
}

// validateDigest is go-digest's Digest.Validate: sha256, sha384 and sha512
// with the exact number of lowercase hex digits are valid; any other
// algorithm written in go-digest's syntax is unsupported. (go-digest counts
// the three as supported only in a program that links crypto/sha256 and
// crypto/sha512, which daglint did through net/http; here they always are.)
func validateDigest(s string) error {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i+1 == len(s) {
		return errDigestInvalidFormat
	}
	alg, encoded := s[:i], s[i+1:]
	var size int
	switch alg {
	case "sha256":
		size = 64
	case "sha384":
		size = 96
	case "sha512":
		size = 128
	default:
		if !isJoined(alg, isLowerAlnum, isLowerAlnum) ||
			!allBytes(encoded, func(c byte) bool { return isAlnum(c) || c == '=' || c == '_' || c == '-' }) {
			return errDigestInvalidFormat
		}
		return errDigestUnsupported
	}
	if len(encoded) != size {
		return errDigestInvalidLength
	}
	if !allBytes(encoded, isLowerHex) {
		return errDigestInvalidFormat
	}
	return nil
}

// isJoined reports whether s is non-empty components joined by single
// '-', '_', '+' or '.', each starting with a byte first accepts and going
// on with bytes rest accepts (a digest algorithm's shape).
func isJoined(s string, first, rest func(byte) bool) bool {
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case start && !first(c):
			return false
		case start:
			start = false
		case c == '-' || c == '_' || c == '+' || c == '.':
			start = true
		case !rest(c):
			return false
		}
	}
	return !start
}

// isImageID reports whether s is 64 lowercase hex digits.
func isImageID(s string) bool {
	return len(s) == 64 && allBytes(s, isLowerHex)
}

// allBytes reports whether every byte of s satisfies ok (true for "").
func allBytes(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isLetter(c byte) bool     { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool      { return isLetter(c) || isDigit(c) }
func isLowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || isDigit(c) }
func isWord(c byte) bool       { return isAlnum(c) || c == '_' }
func isLowerHex(c byte) bool   { return isDigit(c) || 'a' <= c && c <= 'f' }
func isHex(c byte) bool        { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
