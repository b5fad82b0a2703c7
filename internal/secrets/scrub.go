package secrets

import (
	"sort"
	"strings"
)

// Scrub returns text with every secret recognisable by its shape alone
// replaced by its Redact form: what FindTokens finds, and the password of
// any URL user information, whatever host follows
// (`https://user:pw@registry.example.com`, and without a scheme
// `user:pw@registry.example.com/app`), and the password of a registry login
// on a command line (`docker login -p pw`, `--password pw`). A password that
// only marks where one goes (`password`, `${PASS}`, `<pw>`, `{{ var }}`,
// `$PW`) is kept. Scrub
// applies to any text daglint prints about input it does not model, such as
// error messages.
func Scrub(text string) string {
	spans := scrubSpans(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s[0]])
		b.WriteString(Redact(text[s[0]:s[1]]))
		last = s[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// scrubSpans returns the sorted, disjoint byte ranges of text Scrub hides.
func scrubSpans(text string) [][2]int {
	var spans [][2]int
	for _, m := range FindTokens(text) {
		spans = append(spans, [2]int{m.Start, m.End})
	}
	if strings.IndexByte(text, '@') >= 0 {
		findUserinfoPasswords(text, func(start, end int) { spans = append(spans, [2]int{start, end}) })
	}
	if strings.Contains(text, "login") {
		findLoginPasswords(text, func(start, end int) { spans = append(spans, [2]int{start, end}) })
	}
	if len(spans) < 2 {
		return spans
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] < last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// findUserinfoPasswords reports the password of every `user:password@host`
// in text, with or without a scheme before it. Without one the host must
// look like a registry host (a dot or `localhost`, an optional port) and be
// followed by `/` or the end of a word, so `python:3.11@sha256:…` is not
// taken for user information.
func findUserinfoPasswords(text string, emit func(start, end int)) {
	for at := strings.IndexByte(text, '@'); at >= 0; {
		pwStart := at
		for pwStart > 0 && isPasswordByte(text[pwStart-1]) {
			pwStart--
		}
		colon := pwStart - 1
		if colon >= 0 && text[colon] == ':' && pwStart < at && !isStandInPassword(text[pwStart:at]) {
			userStart := colon
			for userStart > 0 && isUserByte(text[userStart-1]) {
				userStart--
			}
			schemed := userStart >= 3 && text[userStart-3:userStart] == "://"
			if schemed || userStart < colon && bareHostAt(text, at+1) {
				emit(pwStart, at)
			}
		}
		next := strings.IndexByte(text[at+1:], '@')
		if next < 0 {
			break
		}
		at += 1 + next
	}
}

// findLoginPasswords reports the password given on the command line of a
// registry login: after the word `login`, up to the end of the simple
// command (`;`, `&`, `|`, a newline, a parenthesis or a backquote), the value
// of `-p` / `--password` (`-p pw`, `-ppw`, `-p=pw`, `--password pw`,
// `--password=pw`), as docker, podman and helm take it, also with the words
// quoted as in an exec-form list. Stand-ins and values already in Redact
// form are left alone.
func findLoginPasswords(text string, emit func(start, end int)) {
	report := func(start, end int) {
		v := text[start:end]
		if strings.Contains(v, "…") || strings.ContainsAny(v[:1], "{$<%") || isStandInPassword(v) {
			return
		}
		emit(start, end)
	}
	login, wantValue := false, false
	for i := 0; i < len(text); {
		if strings.IndexByte(";&|()`\n\r", text[i]) >= 0 {
			login, wantValue = false, false
			i++
			continue
		}
		if !isCommandWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isCommandWordByte(text[j]) {
			j++
		}
		w := text[i:j]
		switch {
		case strings.Trim(w, ",[]") == "":
			// The punctuation of an exec-form list: ["docker", "login", ...].
		case wantValue:
			report(i, j)
			wantValue = false
		case w == "login":
			login = true
		case !login:
		case w == "-p" || w == "--password":
			wantValue = true
		case strings.HasPrefix(w, "--password="):
			report(i+len("--password="), j)
		case strings.HasPrefix(w, "-p=") && len(w) > 3:
			report(i+3, j)
		case strings.HasPrefix(w, "-p") && len(w) > 2 && w[2] != '-':
			report(i+2, j)
		}
		i = j
	}
}

// isCommandWordByte reports whether b may be part of a shell word as
// findLoginPasswords reads one: anything but white space, quotes and the
// bytes that end a simple command.
func isCommandWordByte(b byte) bool {
	return b > ' ' && b != 0x7f && strings.IndexByte("\"'`;&|()", b) < 0
}

// isPasswordByte reports whether b may be part of the password of user
// information as daglint finds it: anything but white space, quotes, a
// backslash, a backtick and the URL delimiters.
func isPasswordByte(b byte) bool {
	return b > ' ' && !strings.ContainsRune("\"'`\\/?#@:", rune(b)) && b != 0x7f
}

// isUserByte reports whether b may be part of a URL user name.
func isUserByte(b byte) bool {
	return isASCIILetter(b) || b >= '0' && b <= '9' || strings.IndexByte("._~%+-!$&*=,;", b) >= 0
}

// bareHostAt reports whether text at i starts a registry host (a dot in
// it, or `localhost`), an optional `:port`, and then `/` or the end of the
// word.
func bareHostAt(text string, i int) bool {
	j := i
	dot := false
	for j < len(text) && (isASCIILetter(text[j]) || text[j] >= '0' && text[j] <= '9' || text[j] == '-' || text[j] == '.') {
		dot = dot || text[j] == '.'
		j++
	}
	if j == i || !(dot || strings.EqualFold(text[i:j], "localhost")) {
		return false
	}
	if j < len(text) && text[j] == ':' {
		k := j + 1
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k == j+1 {
			return false
		}
		j = k
	}
	return j == len(text) || !isUserByte(text[j]) && text[j] != ':' && text[j] != '@'
}

// isStandInPassword reports whether a URL password only marks where one
// goes, so that showing it reveals nothing.
func isStandInPassword(p string) bool {
	return urlStandInPasswords[strings.ToLower(p)] || isOneRuneRepeated(p) ||
		wrapped(p, "<", ">") || wrapped(p, "${", "}") || wrapped(p, "{", "}") || wrapped(p, "%(", ")s") ||
		shellVarRE.MatchString(p) || hasJinja(p)
}
