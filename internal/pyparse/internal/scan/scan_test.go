package scan

import (
	"slices"
	"testing"
)

// tokenStreams pairs sources with their tokens as dump renders them; the
// streams follow CPython 3.12+'s tokenizer (PEP 701 for f-strings).
var tokenStreams = []struct{ src, want string }{
	{"if x:\n    y\n\n# c\n    z\nw",
		`if NAME:x : NEWLINE INDENT:"    " NAME:y NEWLINE NAME:z NEWLINE DEDENT NAME:w NEWLINE:"" EOF`},
	{"if x:\n  if y:\n    a\nb",
		`if NAME:x : NEWLINE INDENT:"  " if NAME:y : NEWLINE INDENT:"    " NAME:a NEWLINE DEDENT DEDENT NAME:b NEWLINE:"" EOF`},
	{"  # c\nx",
		`NAME:x NEWLINE:"" EOF`},
	{"x = (1,\n  # c\n  2)\n",
		`NAME:x = ( NUMBER:1 , NUMBER:2 ) NEWLINE EOF`},
	{"x = 1 \\\n  + 2\n",
		`NAME:x = NUMBER:1 + NUMBER:2 NEWLINE EOF`},
	{"\ufeffx\r\ny\rz\n",
		`NAME:x NEWLINE:"\r\n" NAME:y NEWLINE:"\r" NAME:z NEWLINE EOF`},
	{"x  # c",
		`NAME:x NEWLINE:"" EOF`},
	{"x\n   ",
		`NAME:x NEWLINE EOF`},
	{"\n\n",
		`EOF`},
	{"def f():\n\tif x:\n\t\treturn 1\n",
		`def NAME:f ( ) : NEWLINE INDENT:"\t" if NAME:x : NEWLINE INDENT:"\t\t" return NUMBER:1 NEWLINE DEDENT DEDENT EOF`},
	{"if x:\n\f    a\n",
		`if NAME:x : NEWLINE INDENT:"\f    " NAME:a NEWLINE DEDENT EOF`},
	{"\"abc\" 'd\\'e' '''a\n''b''' \"\"\"\"\"\" '' b'x' Rb\"y\" bR'z' u'q' U\"w\" br'1' rB'2'",
		`STRING:"abc" STRING:'d\'e' STRING:"'''a\n''b'''" STRING:"""""" STRING:'' STRING:b'x' STRING:Rb"y" STRING:bR'z' STRING:u'q' STRING:U"w" STRING:br'1' STRING:rB'2' NEWLINE:"" EOF`},
	// 3.14 reports prefixes that do not combine (3.11 saw a name and a string).
	{"ur'x' bu'x' fb'x' tb'x' ft'x' print",
		`STRING:ur'x' STRING:bu'x' FSTRING_START:fb' FSTRING_MIDDLE:x FSTRING_END:' FSTRING_START:tb' FSTRING_MIDDLE:x FSTRING_END:' FSTRING_START:ft' FSTRING_MIDDLE:x FSTRING_END:' NAME:print NEWLINE:"" EOF !'u' and 'r' prefixes are incompatible@1:1 !'u' and 'b' prefixes are incompatible@1:7 !'b' and 'f' prefixes are incompatible@1:13 !'b' and 't' prefixes are incompatible@1:19 !'f' and 't' prefixes are incompatible@1:25`},
	{"bb'x' rr'x' uu'x' Ub'x' bR'x' Rb'x' rt'x'",
		`NAME:bb STRING:'x' NAME:rr STRING:'x' NAME:uu STRING:'x' STRING:Ub'x' STRING:bR'x' STRING:Rb'x' FSTRING_START:rt' FSTRING_MIDDLE:x FSTRING_END:' NEWLINE:"" EOF !'u' and 'b' prefixes are incompatible@1:19`},
	{"f'a{b}c' F\"\" rf'\\{x}' fR'{x}' Rf\"a\" t'{x}' tr'{x}' RT'x'",
		`FSTRING_START:f' FSTRING_MIDDLE:a { NAME:b } FSTRING_MIDDLE:c FSTRING_END:' FSTRING_START:F" FSTRING_END:" FSTRING_START:rf' FSTRING_MIDDLE:\ { NAME:x } FSTRING_END:' FSTRING_START:fR' { NAME:x } FSTRING_END:' FSTRING_START:Rf" FSTRING_MIDDLE:a FSTRING_END:" FSTRING_START:t' { NAME:x } FSTRING_END:' FSTRING_START:tr' { NAME:x } FSTRING_END:' FSTRING_START:RT' FSTRING_MIDDLE:x FSTRING_END:' NEWLINE:"" EOF`},
	{"f'{x!r:>{width}}' f'{x!=y}' f'{x=}' f'{x = !r:^10}'",
		`FSTRING_START:f' { NAME:x ! NAME:r : FSTRING_MIDDLE:> { NAME:width } } FSTRING_END:' FSTRING_START:f' { NAME:x != NAME:y } FSTRING_END:' FSTRING_START:f' { NAME:x = } FSTRING_END:' FSTRING_START:f' { NAME:x = ! NAME:r : FSTRING_MIDDLE:^10 } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'{\"a\" if x else \"b\"}' f\"{d[\"k\"]}\"",
		`FSTRING_START:f' { STRING:"a" if NAME:x else STRING:"b" } FSTRING_END:' FSTRING_START:f" { NAME:d [ STRING:"k" ] } FSTRING_END:" NEWLINE:"" EOF`},
	{"f\"\"\"{x\n}\"\"\"",
		`FSTRING_START:f""" { NAME:x } FSTRING_END:""" NEWLINE:"" EOF`},
	{"f'{f\"{f'{x}'}\"}'",
		`FSTRING_START:f' { FSTRING_START:f" { FSTRING_START:f' { NAME:x } FSTRING_END:' } FSTRING_END:" } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'{x:{y}.{z}f}' f'{x:%H:%M}' f'{{}}' f'{x:{{}}' f'{lambda: 1}'",
		`FSTRING_START:f' { NAME:x : { NAME:y } FSTRING_MIDDLE:. { NAME:z } FSTRING_MIDDLE:f } FSTRING_END:' FSTRING_START:f' { NAME:x : FSTRING_MIDDLE:%H:%M } FSTRING_END:' FSTRING_START:f' FSTRING_MIDDLE:{{}} FSTRING_END:' FSTRING_START:f' { NAME:x : { { } } FSTRING_END:' FSTRING_START:f' { lambda : FSTRING_MIDDLE:" 1" } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'''{\nx # c\n}'''",
		`FSTRING_START:f''' { NAME:x } FSTRING_END:''' NEWLINE:"" EOF`},
	{"f'{a[1:2]}' f'{x:=10}' f'{(x:=10)}'",
		`FSTRING_START:f' { NAME:a [ NUMBER:1 : NUMBER:2 ] } FSTRING_END:' FSTRING_START:f' { NAME:x : FSTRING_MIDDLE:=10 } FSTRING_END:' FSTRING_START:f' { ( NAME:x := NUMBER:10 ) } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'\\N{DASH}{x}' rf'\\N{x}'",
		`FSTRING_START:f' FSTRING_MIDDLE:\N{DASH} { NAME:x } FSTRING_END:' FSTRING_START:rf' FSTRING_MIDDLE:\N { NAME:x } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'{x}}'",
		`FSTRING_START:f' { NAME:x } FSTRING_END:' NEWLINE:"" EOF !f-string: single '}' is not allowed@1:6`},
	{"f'{x'\n",
		`FSTRING_START:f' { NAME:x FSTRING_END:' NEWLINE EOF !f-string: expecting '}'@1:5`},
	{"f'abc\n",
		`FSTRING_START:f' FSTRING_MIDDLE:abc FSTRING_END:"" NEWLINE EOF !unterminated f-string literal (detected at line 1)@1:1`},
	{"f'''abc",
		`FSTRING_START:f''' FSTRING_MIDDLE:abc FSTRING_END:"" NEWLINE:"" EOF !unterminated triple-quoted f-string literal (detected at line 1)@1:1`},
	{"f'{'",
		`FSTRING_START:f' { FSTRING_END:' NEWLINE:"" EOF !f-string: expecting '}'@1:4`},
	{"f'{x:\n}'\n",
		`FSTRING_START:f' { NAME:x : } FSTRING_END:' NEWLINE EOF !f-string: newlines are not allowed in format specifiers for single quoted f-strings@1:6`},
	{"f'{a:{b:{c}}}'",
		`FSTRING_START:f' { NAME:a : { NAME:b : { NAME:c } } } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'{a:{b:{c:{d}}}}'",
		`FSTRING_START:f' { NAME:a : { NAME:b : { NAME:c : { NAME:d } } } } FSTRING_END:' NEWLINE:"" EOF !f-string: expressions nested too deeply@1:11`},
	{"f'''{\nx # c\n}'''",
		`FSTRING_START:f''' { NAME:x } FSTRING_END:''' NEWLINE:"" EOF`},
	{"if x:\n  \\\n    y\n",
		`if NAME:x : NEWLINE INDENT:"  \\n    " NAME:y NEWLINE DEDENT EOF`},
	{"x = 1; y = 2\n",
		`NAME:x = NUMBER:1 ; NAME:y = NUMBER:2 NEWLINE EOF`},
	{"@dec\ndef f(a, *, b=1, **k) -> int: ...\n",
		`@ NAME:dec NEWLINE def NAME:f ( NAME:a , * , NAME:b = NUMBER:1 , ** NAME:k ) -> NAME:int : ... NEWLINE EOF`},
	{"a[1:2, ::3] ~b ^c | d & e << 2 >> 3 // 4 % 5 @ m\n",
		`NAME:a [ NUMBER:1 : NUMBER:2 , : : NUMBER:3 ] ~ NAME:b ^ NAME:c | NAME:d & NAME:e << NUMBER:2 >> NUMBER:3 // NUMBER:4 % NUMBER:5 @ NAME:m NEWLINE EOF`},
	{"x += 1; x -= 1; x *= 1; x /= 1; x %= 1; x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1; x **= 1; x //= 1; x @= 1\n",
		`NAME:x += NUMBER:1 ; NAME:x -= NUMBER:1 ; NAME:x *= NUMBER:1 ; NAME:x /= NUMBER:1 ; NAME:x %= NUMBER:1 ; NAME:x &= NUMBER:1 ; NAME:x |= NUMBER:1 ; NAME:x ^= NUMBER:1 ; NAME:x <<= NUMBER:1 ; NAME:x >>= NUMBER:1 ; NAME:x **= NUMBER:1 ; NAME:x //= NUMBER:1 ; NAME:x @= NUMBER:1 NEWLINE EOF`},
	{"a < b > c <= d >= e == f != g\n",
		`NAME:a < NAME:b > NAME:c <= NAME:d >= NAME:e == NAME:f != NAME:g NEWLINE EOF`},
	{"match x:\n    case [1, *_]: pass\n",
		`NAME:match NAME:x : NEWLINE INDENT:"    " NAME:case [ NUMBER:1 , * NAME:_ ] : pass NEWLINE DEDENT EOF`},
	{"async def f(): await x\n",
		`async def NAME:f ( ) : await NAME:x NEWLINE EOF`},
	{"lambda: (yield)\n",
		`lambda : ( yield ) NEWLINE EOF`},
	{"x = [\n    1,  # one\n\n    2,\n]\n",
		`NAME:x = [ NUMBER:1 , NUMBER:2 , ] NEWLINE EOF`},
	{"if True:\n    pass\n    # trailing\n",
		`if True : NEWLINE INDENT:"    " pass NEWLINE DEDENT EOF`},
	{"'''a\n  b''' + x\n",
		`STRING:"'''a\n  b'''" + NAME:x NEWLINE EOF`},
	{"x = \"a\" \\\n    \"b\"\n",
		`NAME:x = STRING:"a" STRING:"b" NEWLINE EOF`},
	{"(x\n for x in y)",
		`( NAME:x for NAME:x in NAME:y ) NEWLINE:"" EOF`},
	{"f'{x:\\n}'",
		`FSTRING_START:f' { NAME:x : FSTRING_MIDDLE:\n } FSTRING_END:' NEWLINE:"" EOF`},
	{"f'{x!r}' f'{x!s:{y}}' f'{x=!r:^20}'",
		`FSTRING_START:f' { NAME:x ! NAME:r } FSTRING_END:' FSTRING_START:f' { NAME:x ! NAME:s : { NAME:y } } FSTRING_END:' FSTRING_START:f' { NAME:x = ! NAME:r : FSTRING_MIDDLE:^20 } FSTRING_END:' NEWLINE:"" EOF`},
	{"print(f\"{f'{\"x\"}'}\")",
		`NAME:print ( FSTRING_START:f" { FSTRING_START:f' { STRING:"x" } FSTRING_END:' } FSTRING_END:" ) NEWLINE:"" EOF`},
	{"t'{x}' TR'{y}' Rt\"\"\"{z}\"\"\"",
		`FSTRING_START:t' { NAME:x } FSTRING_END:' FSTRING_START:TR' { NAME:y } FSTRING_END:' FSTRING_START:Rt""" { NAME:z } FSTRING_END:""" NEWLINE:"" EOF`},
	// 3.14 names t-strings in its messages and says where an open field began.
	{"f'''{\nx'''",
		`FSTRING_START:f''' { NAME:x FSTRING_END:''' NEWLINE:"" EOF !f-string: expecting '}' to close '{' on line 1@2:2`},
	{"t'{x'\n",
		`FSTRING_START:t' { NAME:x FSTRING_END:' NEWLINE EOF !t-string: expecting '}'@1:5`},
	{"t'a}'",
		`FSTRING_START:t' FSTRING_MIDDLE:a FSTRING_END:' NEWLINE:"" EOF !t-string: single '}' is not allowed@1:4`},
	{"t'''abc",
		`FSTRING_START:t''' FSTRING_MIDDLE:abc FSTRING_END:"" NEWLINE:"" EOF !unterminated triple-quoted t-string literal (detected at line 1)@1:1`},
	{"t'abc\n",
		`FSTRING_START:t' FSTRING_MIDDLE:abc FSTRING_END:"" NEWLINE EOF !unterminated t-string literal (detected at line 1)@1:1`},
	{"t'{x:\n}'",
		`FSTRING_START:t' { NAME:x : } FSTRING_END:' NEWLINE:"" EOF !t-string: newlines are not allowed in format specifiers for single quoted t-strings@1:6`},
	{"f'''{x:\n}'''",
		`FSTRING_START:f''' { NAME:x : FSTRING_MIDDLE:"\n" } FSTRING_END:''' NEWLINE:"" EOF`},
	{"t'{a:{b:{c:{d}}}}'",
		`FSTRING_START:t' { NAME:a : { NAME:b : { NAME:c : { NAME:d } } } } FSTRING_END:' NEWLINE:"" EOF !t-string: expressions nested too deeply@1:11`},
	{"f'{x)}'",
		`FSTRING_START:f' { NAME:x ) FSTRING_END:' NEWLINE:"" EOF !f-string: unmatched ')'@1:5 !f-string: single '}' is not allowed@1:6`},
	{"t'{x)}'",
		`FSTRING_START:t' { NAME:x ) FSTRING_END:' NEWLINE:"" EOF !t-string: unmatched ')'@1:5 !t-string: single '}' is not allowed@1:6`},
	{"f'{\n}x'",
		`FSTRING_START:f' { } FSTRING_MIDDLE:x FSTRING_END:' NEWLINE:"" EOF`},
	{"f'''\n{\n'''",
		`FSTRING_START:f''' FSTRING_MIDDLE:"\n" { FSTRING_END:''' NEWLINE:"" EOF !f-string: expecting '}' to close '{' on line 2@3:1`},
}

func TestTokenStreams(t *testing.T) {
	for _, tc := range tokenStreams {
		if got := dump(tc.src); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestComments(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{"# a\nx = 1  # b\r\n#c", []string{"# a", "# b", "#c"}},
		{"f'''{\nx # c\n}''' # d\n", []string{"# c", "# d"}},
		{"x = [\n  1,  # one\n]\n", []string{"# one"}},
		{"s = '# no'\n", nil},
	} {
		var r Result
		Scan([]byte(tc.src), &r)
		var got []string
		for _, c := range r.Comments {
			got = append(got, tc.src[c[0]:c[1]])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: comments %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestKindPredicates(t *testing.T) {
	for k := Kind(0); k < NumKinds; k++ {
		name := k.String()
		if name == "" {
			t.Errorf("kind %d has no name", k)
		}
		if k.IsKeyword() != (k != Name && keyword([]byte(name)) == k) {
			t.Errorf("%s: IsKeyword %v disagrees with the keyword table", name, k.IsKeyword())
		}
	}
	if !LPar.IsOperator() || !Exclamation.IsOperator() || Name.IsOperator() || KwIf.IsOperator() {
		t.Error("IsOperator misclassifies")
	}
	for _, s := range []string{"match", "case", "type", "_"} {
		if !IsSoftKeyword([]byte(s)) || keyword([]byte(s)) != Name {
			t.Errorf("%s: not a soft keyword scanned as a Name", s)
		}
	}
	if IsSoftKeyword([]byte("if")) || IsSoftKeyword([]byte("matches")) {
		t.Error("IsSoftKeyword accepts a non-soft keyword")
	}
}
