// Package imageref parses container image references the way Docker does
// (exactly as github.com/distribution/reference, with its own scanner: see
// grammar.go) and answers the questions the
// image and registry rules ask: which registry a reference names, whether it
// is a bare Docker Hub name, whether its tag is mutable, whether a Docker
// connection's registry is the one the image is pulled from, and whether a
// name is a Docker Official Image.
package imageref

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/daglint/daglint/internal/lazyre"
)

// DockerHub is the canonical registry name of Docker Hub, the registry an
// image reference means when it names no registry host.
const DockerHub = "docker.io"

// Errors returned (wrapped, with details) by Parse; test them with errors.Is.
// Their text completes a sentence about the image, as in
// `image "https://x/y" has a URL scheme "https://" (...)`.
var (
	// ErrEmpty means the reference is empty or only whitespace.
	ErrEmpty = errors.New("is empty")
	// ErrWhitespace means the reference contains whitespace.
	ErrWhitespace = errors.New("contains whitespace")
	// ErrScheme means the reference starts with a URL scheme such as https://.
	ErrScheme = errors.New("has a URL scheme")
	// ErrUppercase means the repository path contains uppercase letters.
	ErrUppercase = errors.New("has uppercase letters in the repository path")
	// ErrBadTag means the tag is empty or not a valid tag.
	ErrBadTag = errors.New("has an invalid tag")
	// ErrBadDigest means the digest after '@' is malformed.
	ErrBadDigest = errors.New("has an invalid digest")
	// ErrImageID means the reference is a bare 64-hex image ID: it names a
	// local image, not something a registry can serve (see Parse).
	ErrImageID = errors.New("is an image ID, not a repository reference")
	// ErrUserInfo means the reference carries credentials before the host
	// (user:password@registry/...), which no Docker client accepts.
	ErrUserInfo = errors.New("has user info (credentials) before the registry host")
	// ErrBadHost means the first component is meant as a registry host (it
	// has a '.' or ':') but is no valid host name, such as one with '_'.
	ErrBadHost = errors.New("has a registry host that is not a valid host name")
	// ErrTooLong means the repository name exceeds Docker's 255 characters.
	ErrTooLong = errors.New("has a repository name longer than 255 characters")
	// ErrInvalid is any other violation of Docker's reference grammar.
	ErrInvalid = errors.New("is not a valid reference")
)

// Ref is a parsed, valid image reference.
type Ref struct {
	// Raw is the reference as written.
	Raw string
	// Registry is the registry host (with port), lowercased; "docker.io"
	// when the reference names none.
	Registry string
	// Path is the repository path inside the registry, "library/python"
	// for "python".
	Path string
	// Tag is the tag, empty when none is written.
	Tag string
	// Digest is the digest ("sha256:..."), empty when none is written.
	Digest string
	// ExplicitRegistry reports whether the reference names a registry host:
	// its first path component contains '.' or ':' or is "localhost".
	ExplicitRegistry bool
	// Familiar is the short form Docker shows (reference.FamiliarString).
	Familiar string
	// Normalized is the fully qualified form, with ":latest" added when the
	// reference has neither tag nor digest: "docker.io/library/python:latest".
	Normalized string
}

// schemePattern finds a leading URL scheme (read it with leadingScheme).
var schemePattern = lazyre.New(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// leadingScheme returns the URL scheme s starts with ("https://"), or "".
// A reference without "://" has none, and most have none: they cost no
// regular expression.
func leadingScheme(s string) string {
	if !strings.Contains(s, "://") {
		return ""
	}
	return schemePattern.FindString(s)
}

// Parse parses an image reference as Docker would resolve it for a pull.
//
// The registry is decided exactly as docker-py's auth.split_repo_name and
// distribution's normalisation decide it: the first '/'-separated component is
// a registry host when it contains '.' or ':' or is "localhost"; otherwise the
// reference is a Docker Hub name. distribution/reference additionally treats
// a first component with uppercase letters ("Acme/tool") as a host; Parse
// does not follow it there (docker-py sends such a name to Docker Hub, where
// it is invalid), and reports the uppercase path instead.
//
// A bare 64-hex string is an image ID. DockerOperator can run a local image
// by ID, but nothing can pull it, so Parse rejects it with ErrImageID; a
// caller that wants to accept IDs can test for that error.
//
// Errors wrap one of the Err* values above and quote the offending part.
//
// Results are cached (a bounded set of recent references): the image rules
// ask about the same images, and repositories repeat them across files.
func Parse(s string) (Ref, error) {
	if len(s) > maxCachedLen {
		return parse(s)
	}
	if r, ok := cache.Load(s); ok {
		c := r.(cached)
		return c.ref, c.err
	}
	// The cache outlives the caller's string, which may share bytes the
	// caller reuses: the key and the parts of the Ref are a copy's.
	s = strings.Clone(s)
	ref, err := parse(s)
	if cacheSize.Add(1) > maxCached {
		cache.Clear() // bounded memory: start over
		cacheSize.Store(1)
	}
	cache.Store(s, cached{ref, err})
	return ref, err
}

// cached is one Parse result.
type cached struct {
	ref Ref
	err error
}

// The Parse cache: at most maxCached references of at most maxCachedLen
// bytes each.
var (
	cache     sync.Map
	cacheSize atomic.Int64
)

const (
	maxCached    = 8192
	maxCachedLen = 512
)

func parse(s string) (Ref, error) {
	if strings.TrimSpace(s) == "" {
		return Ref{}, ErrEmpty
	}
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return Ref{}, fmt.Errorf("%w at byte %d", ErrWhitespace, i)
	}
	if hasUserInfo(s) {
		return Ref{}, fmt.Errorf("%w (put the login in a Docker connection and name the image without it)", ErrUserInfo)
	}
	if m := leadingScheme(s); m != "" {
		return Ref{}, fmt.Errorf("%w %q (name the registry host without a scheme)", ErrScheme, m)
	}
	if strings.Contains(s, "://") {
		return Ref{}, fmt.Errorf("%w %q (name the registry host without a scheme)", ErrScheme, "://")
	}
	// An image ID is 64 lowercase hex digits, bare or with its algorithm as
	// `docker images --no-trunc` prints it (Docker's grammar would read
	// "sha256:<hex>" as the repository sha256 with a tag).
	if isImageID(strings.TrimPrefix(s, "sha256:")) {
		return Ref{}, fmt.Errorf("%w (it names a local image that no registry serves)", ErrImageID)
	}

	name, tag, dgst, hasTag, hasDigest := split(s)
	if hasDigest {
		if err := validateDigest(dgst); err != nil {
			return Ref{}, fmt.Errorf("%w %q (%w)", ErrBadDigest, dgst, err)
		}
	}
	if hasTag && !isTag(tag) {
		return Ref{}, fmt.Errorf("%w %q (a tag is 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-')", ErrBadTag, tag)
	}
	explicit, repoPath := splitHost(name)
	if explicit {
		host, _, _ := strings.Cut(name, "/")
		if !isDomainAndPort(host, true) {
			return Ref{}, fmt.Errorf("%w (%q: letters, digits, '-' and '.' only, and an optional :port)", ErrBadHost, host)
		}
	}
	if repoPath != strings.ToLower(repoPath) {
		return Ref{}, fmt.Errorf("%w %q (repository names must be lowercase)", ErrUppercase, repoPath)
	}
	if name == "" || repoPath == "" {
		return Ref{}, fmt.Errorf("%w (no repository name)", ErrInvalid)
	}

	n, err := parseNormalized(s)
	if err != nil {
		return Ref{}, classify(err)
	}
	r := Ref{
		Raw:              s,
		Registry:         strings.ToLower(n.domain),
		Path:             n.path,
		Tag:              tag,
		Digest:           dgst,
		ExplicitRegistry: explicit,
		Familiar:         n.familiar().String(),
		Normalized:       n.tagNameOnly().String(),
	}
	return r, nil
}

// hasUserInfo reports whether s (after any URL scheme) has an '@' followed by
// a '/': credentials before a host ("user:pass@registry/app"). A digest's '@'
// comes after the last '/', and a digest holds no '/'.
func hasUserInfo(s string) bool {
	if m := leadingScheme(s); m != "" {
		s = s[len(m):]
	}
	at := strings.IndexByte(s, '@')
	return at >= 0 && strings.IndexByte(s[at:], '/') >= 0
}

// StripUserInfo returns s without a "user:password@" before its host (and
// true), or s itself when it has none.
func StripUserInfo(s string) (string, bool) {
	if !hasUserInfo(s) {
		return s, false
	}
	scheme := leadingScheme(s)
	rest := s[len(scheme):]
	at := strings.IndexByte(rest, '@')
	return scheme + rest[at+1:], true
}

// split cuts a reference into name, tag and digest. The digest follows the
// last '@'; the tag follows the last ':' that comes after the last '/' of
// the name part (a ':' before a '/' is a registry port).
func split(s string) (name, tag, dgst string, hasTag, hasDigest bool) {
	name = s
	if i := strings.LastIndexByte(name, '@'); i >= 0 {
		name, dgst, hasDigest = name[:i], name[i+1:], true
	}
	slash := strings.LastIndexByte(name, '/')
	if i := strings.LastIndexByte(name, ':'); i > slash {
		name, tag, hasTag = name[:i], name[i+1:], true
	}
	return name, tag, dgst, hasTag, hasDigest
}

// splitHost applies docker-py's split_repo_name rule to a name without tag or
// digest: it reports whether the first component is a registry host and
// returns the repository path that follows it (the whole name otherwise).
func splitHost(name string) (explicit bool, repoPath string) {
	first, rest, ok := strings.Cut(name, "/")
	if !ok {
		return false, name
	}
	if isHostComponent(first) {
		return true, rest
	}
	return false, name
}

// isHostComponent is Docker's test for "this first component is a registry".
func isHostComponent(c string) bool {
	return strings.ContainsAny(c, ".:") || c == "localhost"
}

// classify maps an error of parseNormalized to one of this package's. (The
// library's ErrTagInvalidFormat and ErrNameEmpty, which the mapping once
// named too, come only from functions Parse does not call.)
func classify(err error) error {
	switch err {
	case errNameContainsUppercase:
		return fmt.Errorf("%w (%w)", ErrUppercase, err)
	case errDigestInvalidFormat, errDigestInvalidLength, errDigestUnsupported:
		return fmt.Errorf("%w (%w)", ErrBadDigest, err)
	case errNameTooLong:
		return fmt.Errorf("%w (%w)", ErrTooLong, err)
	default:
		return fmt.Errorf("%w (%w)", ErrInvalid, err)
	}
}

// IsSingleName reports whether the reference is a bare one-component name
// such as "etl-runner:1.0": no registry host and no namespace, so Docker
// reads it as docker.io/library/<name>.
func (r Ref) IsSingleName() bool {
	if r.ExplicitRegistry || r.Registry != DockerHub {
		return false
	}
	name, _, _, _, _ := split(r.Raw)
	return !strings.Contains(name, "/") && strings.HasPrefix(r.Path, "library/")
}

// IsLoopback reports whether the registry host is a loopback address:
// "localhost", any 127.0.0.0/8 address or [::1], with or without a port.
func (r Ref) IsLoopback() bool {
	if !r.ExplicitRegistry {
		return false
	}
	return isLoopbackHost(r.Registry)
}

// isLoopbackHost tests a "host[:port]" string for a loopback host.
func isLoopbackHost(hostport string) bool {
	host, _ := splitHostPort(hostport)
	if host == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	return addr.Unmap().IsLoopback()
}

// MutableTag reports whether the reference can change under the same name:
// no digest, and no tag or the tag "latest".
func (r Ref) MutableTag() bool {
	return r.Digest == "" && (r.Tag == "" || r.Tag == "latest")
}

// IsOfficialImage reports whether the reference is a Docker Official Image
// on Docker Hub (docker.io/library/<name>, see the package function).
func (r Ref) IsOfficialImage() bool {
	if r.Registry != DockerHub {
		return false
	}
	name, ok := strings.CutPrefix(r.Path, "library/")
	return ok && officialImages()[name]
}
