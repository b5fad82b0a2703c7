package pyparse

import (
	"strings"
	"testing"
)

// cpythonErrors lists invalid sources with the first error CPython reports
// for them: its message and its line and 1-based character column. They
// were checked with CPython 3.11's compile(src, "x.py", "exec"); where
// CPython 3.12-3.14 word a message differently the newer wording is used
// (parameter defaults, f-string conversions).
var cpythonErrors = []struct {
	name, src string
	line, col int
	msg       string
}{
	{"print", "import os\nprint 'hello'\n", 2, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?"},
	{"exec", "x = 1\nexec 'code' in ns\n", 2, 1, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"},
	{"unexpected indent in block", "def f():\n    a = 1\n      b = 2\n", 3, 6, "unexpected indent"},
	{"unindent mismatch", "def f():\n    if x:\n        a = 1\n      b = 2\n", 4, 12, "unindent does not match any outer indentation level"},
	{"module statement indented", "x = 1\n  y = 2\n", 2, 2, "unexpected indent"},
	{"first statement indented", "  x = 1\n", 1, 2, "unexpected indent"},
	{"empty block at eof", "x = 1\ndef f():\n", 2, 9, "expected an indented block after function definition on line 2"},
	{"empty block before comment", "x = 1\nif x:\n    # only a comment\n", 3, 21, "expected an indented block after 'if' statement on line 2"},
	{"empty if block", "if x:\npass\n", 2, 1, "expected an indented block after 'if' statement on line 1"},
	{"empty class block", "class A:\nx = 1\n", 2, 1, "expected an indented block after class definition on line 1"},
	{"empty for block", "for x in y:\nz = 1\n", 2, 1, "expected an indented block after 'for' statement on line 1"},
	{"python 2 octal", "x = 1\nmode = 0777\n", 2, 8, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
	{"python 2 long", "x = 10L\n", 1, 6, "invalid decimal literal"},
	{"backticks", "x = 1\ny = `x`\n", 2, 5, "invalid syntax"},
	{"diamond operator", "if a <> b:\n    pass\n", 1, 6, "invalid syntax"},
	{"python 2 raise", "raise E, 'm'\n", 1, 8, "invalid syntax"},
	// 3.14's tokenizer names incompatible prefixes (3.11: "invalid syntax" at 2:7).
	{"ur prefix", "x = 1\ns = ur'x'\n", 2, 5, "'u' and 'r' prefixes are incompatible"},
	{"missing paren", "a = 1\nt = f(x=1\nb = 2\n", 2, 6, "'(' was never closed"},
	{"missing paren in block", "with D() as d:\n    a = B(t=1\n    b = D(image='x')\nc = 3\n", 2, 10, "'(' was never closed"},
	{"missing colon", "a = 1\nif x\n    b = 2\n", 2, 5, "expected ':'"},
	{"missing colon def", "def f(x)\n    return 1\n", 1, 9, "expected ':'"},
	{"missing colon class", "class A\n  pass\n", 1, 8, "expected ':'"},
	{"missing colon while", "while x\n  pass\n", 1, 8, "expected ':'"},
	{"stray token", "a = 1\nb = 2 )\n", 2, 7, "unmatched ')'"},
	{"unclosed string", "a = 1\nb = 'abc\n", 2, 5, "unterminated string literal (detected at line 2)"},
	{"jinja in dict", "x = {\n  'a': 1,\n  {% for x in y %}\n}\n", 3, 4, "invalid syntax"},
	{"at in keyword", "f(schedule_interval=@daily,\n)\n", 1, 21, "invalid syntax"},
	{"nothing after equals", "X = \n", 1, 5, "invalid syntax"},
	{"walrus statement", "x := 1\n", 1, 3, "invalid syntax"},
	{"tuple augmented", "(a, b) += 1\n", 1, 1, "'tuple' is an illegal expression for augmented assignment"},
	{"list augmented", "[a, b] += 1\n", 1, 1, "'list' is an illegal expression for augmented assignment"},
	{"call augmented", "f() += 1\n", 1, 1, "'function call' is an illegal expression for augmented assignment"},
	{"del call", "del f()\n", 1, 5, "cannot delete function call"},
	{"del literal", "del 1\n", 1, 5, "cannot delete literal"},
	{"positional after keyword", "f(a=1, 2)\n", 1, 9, "positional argument follows keyword argument"},
	{"positional after unpacking", "f(**k, 2)\n", 1, 9, "positional argument follows keyword argument unpacking"},
	{"iterable after keyword unpacking", "f(**k, *a)\n", 1, 3, "iterable argument unpacking follows keyword argument unpacking"},
	{"non-default after default", "def f(a=1, b): pass\n", 1, 12, "parameter without a default follows parameter with a default"},
	{"bare star", "def f(*): pass\n", 1, 7, "named arguments must follow bare *"},
	{"bare star then kwargs", "def f(*, **k): pass\n", 1, 7, "named arguments must follow bare *"},
	{"async as name", "async = 1\n", 1, 7, "invalid syntax"},
	{"bytes and str", "x = u'abc' b'def'\n", 1, 18, "cannot mix bytes and nonbytes literals"},
	{"number trailing underscore", "x = 1_\n", 1, 6, "invalid decimal literal"},
	// 3.12+ (PEP 701) points at the conversion name; 3.11 at the line end.
	{"fstring conversion", "x = f'{x!z}'\n", 1, 10, "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'"},
	// 3.12+ tokenizes f-strings: the closing quote inside the field is the error.
	{"fstring unclosed field", "x = f'{x'\n", 1, 9, "f-string: expecting '}'"},
	// CPython 3.12-3.14's wording (test_fstring, test_tstring): a field
	// with no expression names the token found instead, at that token; a
	// t-string's messages say t-string.
	{"fstring empty field", "x = f'{}'\n", 1, 8, "f-string: valid expression required before '}'"},
	{"fstring field of a spec", "x = f'{:2}'\n", 1, 8, "f-string: valid expression required before ':'"},
	{"fstring field unclosed spec", "x = f'{:'\n", 1, 8, "f-string: valid expression required before ':'"},
	{"fstring field after space", "x = f'{ :!}'\n", 1, 9, "f-string: valid expression required before ':'"},
	{"fstring field of a conversion", "x = f'{!r}'\n", 1, 8, "f-string: valid expression required before '!'"},
	{"fstring field of a debug", "x = f'{=}'\n", 1, 8, "f-string: valid expression required before '='"},
	{"tstring empty field", "x = t'{}'\n", 1, 8, "t-string: valid expression required before '}'"},
	{"tstring field of a spec", "x = t'{:x}'\n", 1, 8, "t-string: valid expression required before ':'"},
	{"tstring conversion", "x = t'{x!z}'\n", 1, 10, "t-string: invalid conversion character 'z': expected 's', 'r', or 'a'"},
	{"tstring unclosed field", "x = t'{x'\n", 1, 9, "t-string: expecting '}'"},
	{"call target", "f() = 1\n", 1, 1, "cannot assign to function call here. Maybe you meant '==' instead of '='?"},
	{"expression target", "a + 1 = 2\n", 1, 1, "cannot assign to expression here. Maybe you meant '==' instead of '='?"},
	{"yield target", "def g():\n    x = yield = 1\n", 2, 9, "assignment to yield expression not possible"},
	{"for call target", "for f() in x: pass\n", 1, 5, "cannot assign to function call"},
	{"with call target", "with a as f(): pass\n", 1, 11, "cannot assign to function call"},
	{"comprehension target", "[x for f() in y]\n", 1, 8, "cannot assign to function call"},
	{"duplicate parameter", "def f(a, a): pass\n", 1, 10, "duplicate argument 'a' in function definition"},
	{"duplicate lambda parameter", "g = lambda a, a: 1\n", 1, 15, "duplicate argument 'a' in function definition"},
	{"repeated keyword", "f(a=1, a=2)\n", 1, 8, "keyword argument repeated: a"},
	{"return outside", "return 1\n", 1, 1, "'return' outside function"},
	{"return in class", "class A:\n    return 1\n", 2, 5, "'return' outside function"},
	{"yield outside", "yield 1\n", 1, 1, "'yield' outside function"},
	{"await outside", "await x\n", 1, 1, "'await' outside function"},
	{"await in def", "def f():\n    await x\n", 2, 5, "'await' outside async function"},
	{"break outside", "break\n", 1, 1, "'break' outside loop"},
	{"continue outside", "continue\n", 1, 1, "'continue' not properly in loop"},
	{"break in def in loop", "for x in y:\n    def f():\n        break\n", 3, 9, "'break' outside loop"},
	{"async for outside", "def f():\n    async for x in y: pass\n", 2, 5, "'async for' outside async function"},
	{"async with outside", "async with a: pass\n", 1, 1, "'async with' outside async function"},
	{"nonlocal module", "nonlocal x\n", 1, 1, "nonlocal declaration not allowed at module level"},
	{"global after assign", "def f():\n  x = 1\n  global x\n", 3, 3, "name 'x' is assigned to before global declaration"},
	{"global after use", "def f():\n  print(x)\n  global x\n", 3, 3, "name 'x' is used prior to global declaration"},
	{"global parameter", "def f(x):\n  global x\n", 2, 3, "name 'x' is parameter and global"},
	{"import star in def", "def f():\n  from a import *\n", 2, 17, "import * only allowed at module level"},
	{"late future", "import a\nfrom __future__ import annotations\n", 2, 1, "from __future__ imports must occur at the beginning of the file"},
	{"debug assign", "__debug__ = 1\n", 1, 1, "cannot assign to __debug__"},
	{"two starred", "*a, *b = 1\n", 1, 1, "multiple starred expressions in assignment"},
	{"lone starred", "*a = 1\n", 1, 1, "starred assignment target must be in a list or tuple"},
	{"adjacent names", "x = a b\n", 1, 7, "invalid syntax"},
	{"forgot comma", "f(a b)\n", 1, 3, "invalid syntax. Perhaps you forgot a comma?"},
	{"forgot comma list", "x = [1 2]\n", 1, 6, "invalid syntax. Perhaps you forgot a comma?"},
	{"walrus subscript", "(x[0] := 1)\n", 1, 2, "cannot use assignment expressions with subscript"},
	{"walrus attribute", "(x.y := 1)\n", 1, 2, "cannot use assignment expressions with attribute"},
	{"equals in parens", "x = (1,\ny = 2\n)\n", 2, 1, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
	{"generator not sole argument", "f(x for x in y, 1)\n", 1, 3, "Generator expression must be parenthesized"},
	{"return value async generator", "async def f():\n  yield 1\n  return 2\n", 3, 3, "'return' with value in async generator"},
	{"keyword is expression", "f(a.b=1)\n", 1, 3, "expression cannot contain assignment, perhaps you meant \"==\"?"},
	{"keyword is literal", "f(1=2)\n", 1, 3, "expression cannot contain assignment, perhaps you meant \"==\"?"},
	{"keyword True", "f(True=2)\n", 1, 3, "cannot assign to True"},
	{"annotated tuple", "a, b: int\n", 1, 1, "only single target (not tuple) can be annotated"},
	{"annotated call", "f(): int\n", 1, 1, "illegal target for annotation"},
	{"else without if", "else:\n    pass\n", 1, 1, "invalid syntax"},
	{"try without except", "try:\n    pass\nx = 1\n", 3, 1, "expected 'except' or 'finally' block"},
	{"dict missing value", "x = {'a' 1}\n", 1, 6, "invalid syntax. Perhaps you forgot a comma?"},
	{"lambda default order", "g = lambda a=1, b: 0\n", 1, 17, "parameter without a default follows parameter with a default"},
	{"starred alone in parens", "x = (*a)\n", 1, 6, "cannot use starred expression here"},
	{"unclosed bracket eof", "x = [1, 2\n", 1, 5, "'[' was never closed"},
	{"mismatched bracket", "x = (1, 2]\n", 1, 10, "closing parenthesis ']' does not match opening parenthesis '('"},
	{"invalid character", "x = 1 € 2\n", 1, 7, "invalid character '€' (U+20AC)"},
	{"tab error", "if x:\n\ty = 1\n        z = 2\n", 3, 1, "inconsistent use of tabs and spaces in indentation"},
	{"too deep parens", "x = " + strings.Repeat("(", 201) + strings.Repeat(")", 201) + "\n", 1, 205, "too many nested parentheses"},
	{"deep indentation", deepBlocks(101), 101, 1, "too many levels of indentation"},
	{"dollar", "x = $\n", 1, 5, "invalid syntax"},
	{"question mark", "x = a ? b\n", 1, 7, "invalid syntax"},
	{"print no args but string", "print \"a\", x\n", 1, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?"},
	{"named arg after kwargs", "def f(**k, a): pass\n", 1, 12, "arguments cannot follow var-keyword argument"},
	{"star twice", "def f(*a, *b): pass\n", 1, 11, "* argument may appear only once"},
	{"default on star", "def f(*a=1): pass\n", 1, 9, "var-positional argument cannot have default value"},
	{"except star and except", "try:\n  pass\nexcept* A:\n  pass\nexcept B:\n  pass\n", 5, 1, "cannot have both 'except' and 'except*' on the same 'try'"},
	{"import trailing comma", "from a import b,\n", 1, 17, "trailing comma not allowed without surrounding parentheses"},
	// 3.8+: continue is allowed in finally.
	{"continue in finally ok", "for x in y:\n  try:\n    pass\n  finally:\n    continue\n", 0, 0, ""},
	{"set target", "{a, b} = 1\n", 1, 1, "cannot assign to set display here. Maybe you meant '==' instead of '='?"},
	{"dict target", "{} = 1\n", 1, 1, "cannot assign to dict literal here. Maybe you meant '==' instead of '='?"},
	{"none target", "None = 1\n", 1, 1, "cannot assign to None"},
	{"fstring target", "f'{x}' = 1\n", 1, 1, "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?"},
	{"comparison target", "a < b = 1\n", 1, 1, "cannot assign to comparison"},
	{"lambda target", "lambda: 1 = 1\n", 1, 1, "cannot assign to lambda"},
	{"conditional target", "a if b else c = 1\n", 1, 1, "cannot assign to conditional expression"},
	{"del tuple with call", "del a, f()\n", 1, 8, "cannot delete function call"},
	{"del starred", "del *a\n", 1, 5, "cannot delete starred"},
	{"ellipsis target", "... = 1\n", 1, 1, "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?"},
	{"yield in class", "class A:\n    yield 1\n", 2, 5, "'yield' outside function"},
	{"await in lambda", "async def f():\n    g = lambda: await x\n", 2, 17, "'await' outside async function"},
	{"unknown character name", "x = \"\\N{foo}\"\n", 1, 14, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name"},
	{"escape error after the concatenation", "x = \"\\N{foo}\" \"a\"\ny = 1\n", 1, 18, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name"},
	{"bad hex escape in bytes", "x = b\"\\xzz\"\n", 1, 12, "(value error) invalid \\x escape at position 0"},
	// 3.12+ reports it at the literal, 3.11 after it.
	{"non-ASCII bytes", "x = b\"\u00e9\"\n", 1, 5, "bytes can only contain ASCII literal characters"},
	// await in module genexp: valid for CPython 3.11
	{"await in module genexp", "(await x for x in y)\n", 0, 0, ""},
	// await in sync genexp: valid for CPython 3.11
	{"await in sync genexp", "def f():\n  return (await x for x in y)\n", 0, 0, ""},
	{"await in sync list comprehension", "def f():\n  return [await x for x in y]\n", 2, 10, "asynchronous comprehension outside of an asynchronous function"},
	{"await in sync comprehension condition", "def f():\n  return [x for x in y if await z]\n", 2, 10, "asynchronous comprehension outside of an asynchronous function"},
	// await in async comprehension: valid for CPython 3.11
	{"await in async comprehension", "async def f():\n  return [await x for x in y]\n", 0, 0, ""},
	{"await in first iterable", "def f():\n  return (x for x in await y)\n", 2, 22, "'await' outside async function"},
	// await in class genexp: valid for CPython 3.11
	{"await in class genexp", "class A:\n  x = (await a for a in b)\n", 0, 0, ""},
	{"future braces", "from __future__ import braces\n", 1, 1, "not a chance"},
	{"future unknown", "from __future__ import nope, annotations\n", 1, 1, "future feature nope is not defined"},
	{"future in block", "if x:\n  from __future__ import annotations\n", 2, 3, "from __future__ imports must occur at the beginning of the file"},
	{"future after second string", "'''doc'''\n'x'\nfrom __future__ import annotations\n", 3, 1, "from __future__ imports must occur at the beginning of the file"},
	// future after docstring and future: valid for CPython 3.11
	{"future after docstring and future", "'''doc'''\nfrom __future__ import division\nfrom __future__ import annotations\n", 0, 0, ""},
	{"slash first", "def f(/, a): pass\n", 1, 7, "at least one argument must precede /"},
	{"slash twice", "def f(a, /, b, /): pass\n", 1, 16, "/ may appear only once"},
	{"slash after star", "def f(a, *, b, /): pass\n", 1, 16, "/ must be ahead of *"},
	{"slash then star without comma", "lambda a=1,/*,b,c: None\n", 1, 13, "expected comma between / and *"},
	{"missing default", "def f(a, d=, c): pass\n", 1, 11, "expected default value expression"},
	{"debug attribute", "obj.__debug__ = 1\n", 1, 1, "cannot assign to __debug__"},
	{"debug walrus", "(__debug__ := 1)\n", 1, 2, "cannot assign to __debug__"},
	{"debug keyword", "f(__debug__=1)\n", 1, 1, "cannot assign to __debug__"},
	{"debug parameter", "def f(**__debug__): pass\n", 1, 1, "cannot assign to __debug__"},
	{"debug lambda parameter", "def f(*, x=lambda __debug__:0): pass\n", 1, 12, "cannot assign to __debug__"},
	{"debug delete", "del __debug__\n", 1, 5, "cannot delete __debug__"},
	{"underscore as target", "match x:\n  case 42 as _:\n    pass\n", 2, 14, "cannot use '_' as a target"},
	{"positional after keyword pattern", "match x:\n  case Foo(z=1, y=2, x):\n    pass\n", 2, 22, "positional patterns follow keyword patterns"},
	{"rest not last", "match x:\n  case {**rest, 'key': value}:\n    pass\n", 2, 17, "invalid syntax"},
	{"rest wildcard", "match x:\n  case {**_}:\n    pass\n", 2, 11, "invalid syntax"},
	{"nonlocal and global", "def f():\n    global x\n    nonlocal x\n", 2, 5, "name 'x' is nonlocal and global"},
	{"no binding for nonlocal", "def f():\n    nonlocal x\n", 2, 5, "no binding for nonlocal 'x' found"},
	// nonlocal bound later: valid for CPython 3.11
	{"nonlocal bound later", "def g():\n  def f():\n    nonlocal x\n  x = 1\n", 0, 0, ""},
	// nonlocal through class: valid for CPython 3.11
	{"nonlocal through class", "def g():\n  x = 1\n  class A:\n    def f(self):\n      nonlocal x\n", 0, 0, ""},
	{"generator base", "class C(x for x in L):\n    pass\n", 1, 11, "invalid syntax"},
	{"generator with trailing comma", "f(x for x in L,)\n", 1, 3, "Generator expression must be parenthesized"},
	{"starred slice", "A[*b:]\n", 1, 5, "invalid syntax"},
	{"global after subscript store", "def f():\n  x[0] = 1\n  global x\n", 3, 3, "name 'x' is used prior to global declaration"},
	// nonlocal bound by for: valid for CPython 3.11
	{"nonlocal bound by for", "def g():\n  for x in y: pass\n  def f():\n    nonlocal x\n", 0, 0, ""},
	{"nonlocal not bound by attribute store", "def g():\n  x.a = 1\n  def f():\n    nonlocal x\n", 4, 5, "no binding for nonlocal 'x' found"},
	// nonlocal bound by del: valid for CPython 3.11
	{"nonlocal bound by del", "def g():\n  def f():\n    nonlocal x\n  del x\n", 0, 0, ""},
	// nonlocal class cell: valid for CPython 3.11
	{"nonlocal class cell", "class A:\n  def f(self):\n    nonlocal __class__\n", 0, 0, ""},
	{"if with equals", "if x = 3:\n   pass\n", 1, 4, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
	{"while with attribute equals", "while x.a = 3:\n   pass\n", 1, 7, "cannot assign to attribute here. Maybe you meant '==' instead of '='?"},
	{"except without colon", "try:\n  pass\nexcept\n  pass\n", 3, 7, "expected ':'"},
	{"def without parentheses", "def f:\n    pass\n", 1, 6, "expected '('"},
	{"parenthesised with without colon", "with (blech as something)\n  pass\n", 1, 26, "expected ':'"},
	{"match without colon", "match x\n  case list():\n      pass\n", 1, 8, "expected ':'"},
	{"parenthesised parameters", "def f(x, (y, z), w):\n   pass\n", 1, 10, "Function parameters cannot be parenthesized"},
	{"parenthesised lambda parameters", "lambda (x, y, z), w: None\n", 1, 8, "Lambda expression parameters cannot be parenthesized"},
	{"var-positional default without value", "def foo(a,*b: int=,c):\n   pass\n", 1, 18, "var-positional argument cannot have default value"},
	{"starred dict value", "{1: *12+1}\n", 1, 5, "cannot use a starred expression in a dictionary value"},
	{"dict value missing", "{1:2, 3:4, 5:}\n", 1, 13, "expression expected after dictionary key and ':'"},
	{"comprehension target without parentheses", "[x,y for x,y in range(100)]\n", 1, 2, "did you forget parentheses around the comprehension target?"},
	{"ternary without else before colon", "if True:\n    print(\"Hello\"\n\nif 2:\n   print(123))\n", 4, 5, "invalid syntax"},
	{"ternary without else", "x = a if b\n", 1, 5, "expected 'else' after 'if' expression"},
	{"capture before cases", "match x:\n  case y:\n    pass\n  case 1:\n    pass\n", 2, 8, "name capture 'y' makes remaining patterns unreachable"},
	{"wildcard before cases", "match x:\n  case _:\n    pass\n  case 1:\n    pass\n", 2, 8, "wildcard makes remaining patterns unreachable"},
	// guarded capture before cases: valid for CPython 3.11
	{"guarded capture before cases", "match x:\n  case y if y:\n    pass\n  case 1:\n    pass\n", 0, 0, ""},
	{"capture in or-pattern", "match x:\n  case a | 1:\n    pass\n", 2, 8, "name capture 'a' makes remaining patterns unreachable"},
	{"duplicate capture", "match x:\n  case [a, a]:\n    pass\n", 2, 12, "multiple assignments to name 'a' in pattern"},
	{"alternatives bind different names", "match x:\n  case [a] | [b]:\n    pass\n", 2, 15, "alternative patterns bind different names"},
	// alternatives bind the same names: valid for CPython 3.11
	{"alternatives bind the same names", "match x:\n  case [a, 1] | [2, a]:\n    pass\n", 0, 0, ""},
	{"grouped capture before cases", "match x:\n  case (y):\n    pass\n  case 1:\n    pass\n", 2, 9, "name capture 'y' makes remaining patterns unreachable"},
	{"capture with as before cases", "match x:\n  case y as z:\n    pass\n  case 1:\n    pass\n", 2, 8, "name capture 'y' makes remaining patterns unreachable"},
	{"wildcard in or-pattern", "match x:\n  case _ | 1:\n    pass\n", 2, 8, "wildcard makes remaining patterns unreachable"},
	// capture last: valid for CPython 3.11
	{"capture last", "match x:\n  case 1:\n    pass\n  case y:\n    pass\n", 0, 0, ""},
	// walrus in element and condition: valid for CPython 3.11
	{"walrus in element and condition", "[(y := 1) for x in z if (y := 2)]\n", 0, 0, ""},
	{"walrus rebinds outer iteration variable", "[[(a := 1) for b in c] for a in d]\n", 1, 4, "assignment expression cannot rebind comprehension iteration variable 'a'"},
	{"walrus in nested iterable", "[x for x in (y for y in (z := w))]\n", 1, 26, "assignment expression cannot be used in a comprehension iterable expression"},
	{"walrus in first iterable", "[i for i in (j := [1])]\n", 1, 14, "assignment expression cannot be used in a comprehension iterable expression"},
	// walrus in comprehension in def: valid for CPython 3.11
	{"walrus in comprehension in def", "def f():\n  return [(y := 1) for x in z]\n", 0, 0, ""},
	{"walrus rebinds iteration variable", "[x for x in z if (x := 2)]\n", 1, 19, "assignment expression cannot rebind comprehension iteration variable 'x'"},
	// walrus in lambda in comprehension: valid for CPython 3.11
	{"walrus in lambda in comprehension", "[(lambda: (x := 1)) for x in y]\n", 0, 0, ""},
	{"walrus in second iterable", "[i for i in range(5) for j in (k := [1])]\n", 1, 32, "assignment expression cannot be used in a comprehension iterable expression"},
	{"walrus in class comprehension", "class A:\n  [(y := 1) for x in z]\n", 2, 5, "assignment expression within a comprehension cannot be used in a class body"},
	// walrus in class body: valid for CPython 3.11
	{"walrus in class body", "class A:\n  (y := 1)\n", 0, 0, ""},
	{"bad dedent after error", "x = a b\nif x:\n  a\n b\n", 1, 7, "invalid syntax"},
}

func TestCPythonErrors(t *testing.T) {
	for _, tt := range cpythonErrors {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("x.py", []byte(tt.src))
			if tt.msg == "" {
				if len(f.Errors) > 0 {
					t.Fatalf("unexpected error %q at %d", f.Errors[0].Msg, f.Errors[0].Start)
				}
				return
			}
			if len(f.Errors) == 0 {
				t.Fatalf("no error, want %q", tt.msg)
			}
			e := f.Errors[0]
			pos := f.Lines.Position(e.Start)
			if e.Msg != tt.msg || pos.Line != tt.line || pos.RuneColumn != tt.col {
				t.Errorf("got %q at %d:%d, want %q at %d:%d", e.Msg, pos.Line, pos.RuneColumn, tt.msg, tt.line, tt.col)
			}
			checkInvariants(t, f)
		})
	}
}

// TestMessagesHideLongNames checks that a message naming a long identifier
// (which could be a token pasted into the code) shows only its start.
func TestMessagesHideLongNames(t *testing.T) {
	secret := "ghp_" + strings.Repeat("a1B2", 9)
	for _, src := range []string{
		"f(" + secret + "=1, " + secret + "=2)\n",
		"def f(" + secret + ", " + secret + "): pass\n",
		"def f():\n    " + secret + " = 1\n    global " + secret + "\n",
		"from __future__ import " + secret + "\n",
		"x = f'{a!" + secret + "}'\n",
	} {
		f := Parse("x.py", []byte(src))
		if len(f.Errors) == 0 {
			t.Fatalf("no error for %q", src)
		}
		msg := f.Errors[0].Msg
		if strings.Contains(msg, secret[:8]) || !strings.Contains(msg, "ghp_... (40 characters)") {
			t.Errorf("message %q does not hide the name", msg)
		}
	}
}
