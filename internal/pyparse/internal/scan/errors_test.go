package scan

import (
	"strconv"
	"strings"
	"testing"
)

// cpythonErrors pairs sources with what CPython's compile() says about them
// (class: message@lineno:offset), recorded with CPython 3.11, whose
// tokenizer messages outside f-strings are those of 3.12+. An empty want
// means the source compiles; "invalid syntax" and "unexpected indent" are
// the parser's errors, so the tokenizer must report nothing for them.
var cpythonErrors = []struct{ src, want string }{
	{"  \\ x\n", "SyntaxError: unexpected character after line continuation character@1:4"},
	{"x = 1\n  \\ x\n", "SyntaxError: unexpected character after line continuation character@2:4"},
	{"if x:\n    \\\n  y\n", ""},
	{"x = 1 \\", "SyntaxError: unexpected EOF while parsing@1:8"},
	{"x = 1 \\\n", "SyntaxError: unexpected EOF while parsing@1:8"},
	{"a\\ b", "SyntaxError: unexpected character after line continuation character@1:3"},
	{"x = 1 \\ # c\n", "SyntaxError: unexpected character after line continuation character@1:8"},
	{"if x:\n        a\n    b\n", "IndentationError: unindent does not match any outer indentation level@3:6"},
	{"if x:\n\ta\n        b\n", "TabError: inconsistent use of tabs and spaces in indentation@3:1"},
	{"if x:\n        a\n\tb\n", "TabError: inconsistent use of tabs and spaces in indentation@3:1"},
	{"if x:\n  \ta\n\t  b\n", "TabError: inconsistent use of tabs and spaces in indentation@3:1"},
	{"if x:\n\ta\n\tb\n", ""},
	{"(]", "SyntaxError: closing parenthesis ']' does not match opening parenthesis '('@1:2"},
	{"(\n]", "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1@2:1"},
	{"[1, 2)", "SyntaxError: closing parenthesis ')' does not match opening parenthesis '['@1:6"},
	{"{\n\n(}", "SyntaxError: closing parenthesis '}' does not match opening parenthesis '('@3:2"},
	{")", "SyntaxError: unmatched ')'@1:1"},
	{"x = 1)", "SyntaxError: unmatched ')'@1:6"},
	{"]", "SyntaxError: unmatched ']'@1:1"},
	{"}", "SyntaxError: unmatched '}'@1:1"},
	{"\"abc\n", "SyntaxError: unterminated string literal (detected at line 1)@1:1"},
	// 3.13+ adds a hint when the line's last quote was escaped.
	{"x = \"abc\\\"\n", "SyntaxError: unterminated string literal (detected at line 1); perhaps you escaped the end quote?@1:5"},
	{"'''abc\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 1)@1:1"},
	{"'''abc\ndef", "SyntaxError: unterminated triple-quoted string literal (detected at line 2)@1:1"},
	{"'''abc\n\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 2)@1:1"},
	{"x = '\\\nabc\nd'", "SyntaxError: unterminated string literal (detected at line 2)@1:5"},
	{"b'abc", "SyntaxError: unterminated string literal (detected at line 1)@1:1"},
	{"rb'abc\\'", "SyntaxError: unterminated string literal (detected at line 1); perhaps you escaped the end quote?@1:1"},
	{"u'''\n\n\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 3)@1:1"},
	{"x = (1,\n", "SyntaxError: '(' was never closed@1:5"},
	{"x = [1, (2,\n3", "SyntaxError: '(' was never closed@1:9"},
	{"x = {\n", "SyntaxError: '{' was never closed@1:5"},
	{"foo(\n  a,\n", "SyntaxError: '(' was never closed@1:4"},
	{"1__0", "SyntaxError: invalid decimal literal@1:2"},
	{"1_", "SyntaxError: invalid decimal literal@1:2"},
	{"1e5_", "SyntaxError: invalid decimal literal@1:4"},
	{"0x1_", "SyntaxError: invalid hexadecimal literal@1:4"},
	{"x = 1_000_000\n", ""},
	{"1e1__0", "SyntaxError: invalid decimal literal@1:4"},
	{"0b_1", ""},
	{"0o_7", ""},
	{"0_0", ""},
	{"0__0", "SyntaxError: invalid decimal literal@1:2"},
	{"10L", "SyntaxError: invalid decimal literal@1:2"},
	{"1a", "SyntaxError: invalid decimal literal@1:1"},
	{"0x", "SyntaxError: invalid hexadecimal literal@1:2"},
	{"0o8", "SyntaxError: invalid digit '8' in octal literal@1:3"},
	{"0b2", "SyntaxError: invalid digit '2' in binary literal@1:3"},
	{"017", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers@1:1"},
	{"1e", "SyntaxError: invalid decimal literal@1:1"},
	{"1e+", "SyntaxError: invalid decimal literal@1:3"},
	{"1e-x", "SyntaxError: invalid decimal literal@1:3"},
	{"1.e5", ""},
	{"1jx", "SyntaxError: invalid imaginary literal@1:2"},
	{"0x1g", "SyntaxError: invalid hexadecimal literal@1:3"},
	{"0o", "SyntaxError: invalid octal literal@1:2"},
	{"0o1_", "SyntaxError: invalid octal literal@1:4"},
	{"0o19", "SyntaxError: invalid digit '9' in octal literal@1:4"},
	{"0b", "SyntaxError: invalid binary literal@1:2"},
	{"0b1_", "SyntaxError: invalid binary literal@1:4"},
	{"0b102", "SyntaxError: invalid digit '2' in binary literal@1:5"},
	{"0_", "SyntaxError: invalid decimal literal@1:2"},
	{"00_", "SyntaxError: invalid decimal literal@1:3"},
	{"0777.5", ""},
	{"0777e1", ""},
	{"0777j", ""},
	{"1_000_", "SyntaxError: invalid decimal literal@1:6"},
	{"1.5_", "SyntaxError: invalid decimal literal@1:4"},
	{"1.5e1_0_", "SyntaxError: invalid decimal literal@1:8"},
	{"1_.5", "SyntaxError: invalid decimal literal@1:2"},
	{"1._5", "SyntaxError: invalid decimal literal@1:2"},
	{"0xf_", "SyntaxError: invalid hexadecimal literal@1:4"},
	{"0x_", "SyntaxError: invalid hexadecimal literal@1:3"},
	{"0_7", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers@1:1"},
	{"09", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers@1:1"},
	{"00009", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers@1:1"},
	{"1.2.3", "SyntaxError: invalid syntax@1:4"},
	{"1.a", "SyntaxError: invalid decimal literal@1:2"},
	{"1jj", "SyntaxError: invalid imaginary literal@1:2"},
	{"1e5j", ""},
	{"0x1e+1", ""},
	{"1else 2", "SyntaxError: invalid syntax@1:2"},
	{"1in x", ""},
	{"1or 2", ""},
	{"0x1for x in y", ""},
	{"1if x else 2", ""},
	{"1_if x else 2", "SyntaxError: invalid decimal literal@1:2"},
	{"0b1and 1", ""},
	{"1not in x", ""},
	{"1isnot x", "SyntaxError: invalid syntax@1:2"},
	{"0o7or 1", ""},
	{"1.5for x in y", "SyntaxError: invalid syntax@1:4"},
	{"x = \u20ac", "SyntaxError: invalid character '\u20ac' (U+20AC)@1:5"},
	{"x = a\u20ac", "SyntaxError: invalid character '\u20ac' (U+20AC)@1:6"},
	{"x = \u0001", "SyntaxError: invalid non-printable character U+0001@1:5"},
	{"x = \u200b", "SyntaxError: invalid non-printable character U+200B@1:5"},
	{"x = $", "SyntaxError: invalid syntax@1:5"},
	{"x = ?", "SyntaxError: invalid syntax@1:5"},
	{"x = `", "SyntaxError: invalid syntax@1:5"},
	{"x = \u007f", "SyntaxError: invalid non-printable character U+007F@1:5"},
	{"\u00e9t\u00e9 = 1", ""},
	{"x\u00b7 = 1", ""},
	{"\u00b7x = 1", "SyntaxError: invalid character '\u00b7' (U+00B7)@1:1"},
	{"x = 1\u00a0", "SyntaxError: invalid non-printable character U+00A0@1:6"},
	{"\u2160 = 1", ""},
	{"\u2118 = 1", ""},
	{"a\u0300 = 1", ""},
	{"\u0300a = 1", "SyntaxError: invalid character '\u0300' (U+0300)@1:1"},
	{"\u037a = 1", "SyntaxError: invalid character '\u037a' (U+037A)@1:1"},
	{"x\u037a = 1", "SyntaxError: invalid character '\u037a' (U+037A)@1:2"},
	{"x = 1\n  y = 2\n", "IndentationError: unexpected indent@2:2"},
	{"\tif x:\n\t\ty\n        z\n", "IndentationError: unexpected indent@1:1"},
	{"if x:\n\f    a\n", ""},
	{"if x:\n    a\n\f  b\n", "IndentationError: unindent does not match any outer indentation level@3:5"},
	{"x = '''\na\n", "SyntaxError: unterminated triple-quoted string literal (detected at line 2)@1:5"},
	{"\\\n", "SyntaxError: unexpected EOF while parsing@1:2"},
	{"x\\\n", "SyntaxError: unexpected EOF while parsing@1:3"},
	{"  \\\n  x", "IndentationError: unexpected indent@2:2"},
	{"x\n\\\n", "SyntaxError: unexpected EOF while parsing@2:2"},
	{"x = 1\r\ny = 2\rz = $\n", "SyntaxError: invalid syntax@3:5"},
	{"\ufeffx = 1\n\"abc\n", "SyntaxError: unterminated string literal (detected at line 2)@2:1"},
}

func firstError(src string) string {
	var r Result
	Scan([]byte(src), &r)
	if len(r.Errors) == 0 {
		return ""
	}
	e := r.Errors[0]
	l, c := lineCol(src, int(e.Start))
	return e.Class + ": " + e.Msg + "@" + strconv.Itoa(l) + ":" + strconv.Itoa(c)
}

func TestCPythonErrors(t *testing.T) {
	for _, tc := range cpythonErrors {
		want := tc.want
		got := firstError(tc.src)
		if strings.Contains(want, ": invalid syntax@") || strings.Contains(want, ": unexpected indent@") {
			// The parser's error: the tokenizer has none up to its line.
			wantLine := want[strings.LastIndexByte(want, '@')+1 : strings.LastIndexByte(want, ':')]
			if got == "" || lineOf(got) > atoi(wantLine) {
				continue
			}
			want = "nothing up to line " + wantLine
		}
		if got != want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, want)
		}
	}
}

func lineOf(e string) int {
	e = e[strings.LastIndexByte(e, '@')+1:]
	return atoi(e[:strings.IndexByte(e, ':')])
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// deepIfs is n nested if statements, each indented one more space, and a
// pass inside the innermost when body is set.
func deepIfs(n int, body bool) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	if body {
		b.WriteString(strings.Repeat(" ", n) + "pass\n")
	}
	return b.String()
}

// TestCPythonLimits checks the nesting limits, recorded like cpythonErrors.
func TestCPythonLimits(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{strings.Repeat("(", 200), "SyntaxError: '(' was never closed@1:200"},
		{strings.Repeat("(", 201), "SyntaxError: too many nested parentheses@1:201"},
		{strings.Repeat("[", 199) + strings.Repeat("]", 199), ""},
		{"x = " + strings.Repeat("(", 200) + strings.Repeat(")", 200), ""},
		{deepIfs(99, true), ""},
		{deepIfs(101, false), "IndentationError: too many levels of indentation@101:1"},
	} {
		if got := firstError(tc.src); got != tc.want {
			t.Errorf("%.40q...:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// TestCPythonByteErrors covers sources that are not valid UTF-8 text,
// recorded like cpythonErrors (message only: CPython counts the offset in
// replacement characters).
func TestCPythonByteErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"x = ab\xffc\n", "(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"},
		{"x = ab\xc3(\n", "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"},
		{"x = \xe2\x82\n", "(unicode error) 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
		{"x = \xed\xa0\x80\n", "(unicode error) 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"},
		{"x = a\xf0\x9f\n", "(unicode error) 'utf-8' codec can't decode bytes in position 1-2: unexpected end of data"},
		{"x = \xc0\x80\n", "(unicode error) 'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"},
		{"x = \xe9t\xe9\n", "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: invalid continuation byte"},
		{"# \xff\nx = 1\n", ""},
		{"x\x00y\n", "source code string cannot contain null bytes"},
		{"x = 1\n\"a\x00\n", "source code string cannot contain null bytes"},
	} {
		var r Result
		Scan([]byte(tc.src), &r)
		got := ""
		if len(r.Errors) > 0 {
			got = r.Errors[0].Msg
		}
		if got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// TestOneErrorPerBackslash checks that a stray backslash in the indentation
// is reported once, though both the indentation and the token scan see it.
func TestOneErrorPerBackslash(t *testing.T) {
	var r Result
	Scan([]byte("x = 1\n  \\ x\n"), &r)
	if len(r.Errors) != 1 {
		t.Errorf("errors %v, want one", r.Errors)
	}
}
