package scan

import (
	"testing"
	"unicode/utf8"
)

// decodeCases pairs string literals with CPython's value (bytes as one
// character per byte) or its error message, recorded with CPython 3.11.
var decodeCases = []struct{ src, want, err string }{
	{"\"abc\"", "abc", ""},
	{"'a\\'b'", "a'b", ""},
	{"\"\\n\\t\\\\\\a\\b\\f\\v\\r\\\"\\'\"", "\n\t\\\u0007\b\f\u000b\r\"'", ""},
	{"\"\\0\\7\\101\\1011\\400\\777\"", "\u0000\u0007AA1Āǿ", ""},
	{"b\"\\0\\101\\377\\400\"", "\u0000Aÿ\u0000", ""},
	{"\"\\x41\\x4a\\x4A\"", "AJJ", ""},
	{"b\"\\x41\\xff\"", "Aÿ", ""},
	{"\"\\u00e9\\u20AC\"", "é€", ""},
	{"\"\\U0001F600\"", "😀", ""},
	{"\"\\N{EM DASH}\\N{em dash}\\N{LATIN SMALL LETTER A}\"", "——a", ""},
	{"\"\\N{LINE FEED}\\N{LF}\\N{BEL}\\N{BYTE ORDER MARK}\\N{NBSP}\"", "\n\n\u0007\ufeff\u00a0", ""},
	{"\"\\N{HANGUL SYLLABLE GA}\\N{HANGUL SYLLABLE GAG}\\N{HANGUL SYLLABLE A}\"", "가각아", ""},
	{"\"\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{CJK UNIFIED IDEOGRAPH-20000}\"", "一𠀀", ""},
	{"\"\\N{CJK COMPATIBILITY IDEOGRAPH-F900}\"", "豈", ""},
	{"\"\\d\\8\\9\\ \\q\"", "\\d\\8\\9\\ \\q", ""},
	{"b\"\\u1234\\N{DASH}\\U00012345\"", "\\u1234\\N{DASH}\\U00012345", ""},
	{"r\"\\n\\x\\N{foo}\"", "\\n\\x\\N{foo}", ""},
	{"rb\"\\x\\\\\"", "\\x\\\\", ""},
	{"R\"\\\"\"", "\\\"", ""},
	{"u\"\\u0041\"", "A", ""},
	{"u\"a\\\nb\"", "ab", ""},
	{"r\"a\\\nb\"", "a\\\nb", ""},
	{"\"\"\"a\r\nb\rc\"\"\"", "a\nb\nc", ""},
	{"\"a\\\r\nb\"", "ab", ""},
	{"r\"\"\"a\r\nb\"\"\"", "a\nb", ""},
	{"\"é\\é\"", "é\\é", ""},
	{"\"\\é\"", "\\é", ""},
	{"\"\"\"x\ny\"\"\"", "x\ny", ""},
	{"'''a''b'''", "a''b", ""},
	{"\"\"", "", ""},
	{"''''''", "", ""},
	{"\"\\x4\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape"},
	{"\"ab\\x4g\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape"},
	{"\"é\\x4\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape"},
	{"\"\\u12\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape"},
	{"\"\\U1234567\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-8: truncated \\UXXXXXXXX escape"},
	{"\"\\U00110000\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character"},
	{"\"\\N{foo}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name"},
	{"\"\\N{DASH\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: malformed \\N character escape"},
	{"\"\\N\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape"},
	{"\"\\Nx\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape"},
	{"\"\\N{}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape"},
	{"\"é\\N{foo}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-16: unknown Unicode character name"},
	{"\"\\N{éa}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-14: unknown Unicode character name"},
	{"\"\\N{é\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-12: malformed \\N character escape"},
	{"b\"\\x4\"", "", "(value error) invalid \\x escape at position 0"},
	{"b\"ab\\x\"", "", "(value error) invalid \\x escape at position 2"},
	{"b\"é\"", "", "bytes can only contain ASCII literal characters"},
	{"rb\"é\"", "", "bytes can only contain ASCII literal characters"},
	{"\"\"\"\\n\\x4\"\"\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape"},
	{"\"a\\\n\\x4\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 3-5: truncated \\xXX escape"},
	{"\"\"\"a\r\n\\x4\"\"\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape"},
	{"\"\\N{hangul syllable ga}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-21: unknown Unicode character name"},
	{"\"\\N{CJK UNIFIED IDEOGRAPH-4e00}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown Unicode character name"},
	{"\"\\N{CJK UNIFIED IDEOGRAPH-F900}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown Unicode character name"},
	{"\"\\N{hangul syllable ı}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown Unicode character name"},
	{"\"\\N{em dashı}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-20: unknown Unicode character name"},
	{"\"\\N{HANGUL SYLLABLE GAX}\"", "", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-22: unknown Unicode character name"},
}

func latin1(b string) string {
	r := make([]rune, len(b))
	for i := 0; i < len(b); i++ {
		r[i] = rune(b[i])
	}
	return string(r)
}

func TestDecodeString(t *testing.T) {
	for _, tc := range decodeCases {
		var r Result
		Scan([]byte(tc.src), &r)
		if len(r.Errors) > 0 {
			if r.Errors[0].Msg != tc.err {
				t.Errorf("%q: scan error %q, want %q", tc.src, r.Errors[0].Msg, tc.err)
			}
			continue
		}
		if r.Tokens[0].Kind != String {
			t.Fatalf("%q: first token %v", tc.src, r.Tokens[0].Kind)
		}
		val, isBytes, err := DecodeString([]byte(tc.src), r.Tokens[0])
		if isBytes {
			val = latin1(val)
		}
		gotErr := ""
		if err != nil {
			gotErr = err.Msg
		}
		if gotErr != tc.err || val != tc.want && utf8.ValidString(tc.want) {
			t.Errorf("%q: got %q, %q; want %q, %q", tc.src, val, gotErr, tc.want, tc.err)
		}
	}
}

// fstringDecodeCases are f-strings without fields, with CPython's value or
// error. CPython 3.12+ ends an FSTRING_MIDDLE token after a doubled brace
// and after \N{...}, and counts error positions within each token.
var fstringDecodeCases = []struct{ src, want, err string }{
	{`f"a{{\x4"`, "", `(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape`},
	{`f"\x4"`, "", `(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape`},
	{`f"é\x4"`, "", `(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \xXX escape`},
	{`f"a{{b}}c\n"`, "a{b}c\n", ""},
	{`rf"\{{x}}\n"`, `\{x}\n`, ""},
	{`f"\N{EM DASH}{{"`, "—{", ""},
	// 3.11 counts on from the \N{...} (11-13); 3.12+ starts a new token.
	{`f"\N{EM DASH}\x4"`, "", `(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape`},
	{`f"\{{"`, `\{`, ""},
	{`f"\d"`, `\d`, ""},
	{`f"a}}\N{foo}"`, "", `(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name`},
	{"f\"\"\"a\r\nb\"\"\"", "a\nb", ""},
	{`t"x\ty"`, "x\ty", ""},
}

func TestDecodeFStringMiddle(t *testing.T) {
	for _, tc := range fstringDecodeCases {
		src := []byte(tc.src)
		var r Result
		Scan(src, &r)
		if len(r.Errors) > 0 {
			t.Fatalf("%q: %v", tc.src, r.Errors)
		}
		p, _, _ := SplitString(src[r.Tokens[0].Start:r.Tokens[0].End])
		val, gotErr := "", ""
		for _, tok := range r.Tokens {
			if tok.Kind != FStringMiddle {
				continue
			}
			v, err := DecodeFStringMiddle(src, tok, p&PrefixRaw != 0)
			if err != nil {
				gotErr = err.Msg
				break
			}
			val += v
		}
		if gotErr != tc.err || gotErr == "" && val != tc.want {
			t.Errorf("%q: got %q, %q; want %q, %q", tc.src, val, gotErr, tc.want, tc.err)
		}
	}
}

func TestSplitString(t *testing.T) {
	for _, tc := range []struct {
		tok  string
		p    Prefix
		q    int
		body string
	}{
		{`"abc"`, 0, 1, "abc"},
		{`Rb'x'`, PrefixRaw | PrefixBytes, 1, "x"},
		{`u"""a"b"""`, PrefixUnicode, 3, `a"b`},
		{`""`, 0, 1, ""},
		{`''''''`, 0, 3, ""},
		{`f"`, PrefixF, 1, ""},
		{`tR'''`, PrefixT | PrefixRaw, 3, ""},
	} {
		p, q, body := SplitString([]byte(tc.tok))
		if p != tc.p || q != tc.q || string(body) != tc.body {
			t.Errorf("%s: got %v %d %q, want %v %d %q", tc.tok, p, q, body, tc.p, tc.q, tc.body)
		}
	}
}
