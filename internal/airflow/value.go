package airflow

import (
	"strconv"
	"strings"

	"github.com/daglint/daglint/internal/jinja"
	"github.com/daglint/daglint/internal/pyparse"
)

// Kind classifies a resolved value. It is a byte, so that it and Partial
// share a word of Value (which every Arg and Entry holds).
type Kind uint8

// Value kinds. Unknown means "built from something daglint cannot see":
// rules that need the value stay silent on it.
const (
	Unknown    Kind = iota
	String          // a string constant (Str)
	Templated       // a string containing Jinja ({{ ... }} or {% ... %}); Str holds it
	Const           // True, False, None, a number (Str holds the text)
	Dict            // a mapping with Entries
	List            // a list, tuple or set with Elems
	EnvRead         // os.environ[...] / os.getenv(...) / os.environ.get(...); Name holds the variable
	SecretRead      // Variable.get(...), a connection's password ...; Name describes the source
	FileRead        // read from a file at parse time (configparser, json.load(open()), dotenv ...); Read holds the read
)

// Value is what an expression evaluates to as far as daglint can tell.
// Every Arg and Entry holds one, so it is kept small: what strings and
// constants, most values, do not need sits behind extra.
type Value struct {
	Kind Kind
	// Partial is set on a Dict or List some of whose items are unknown
	// (`**unknown`, an unresolved key): absent keys may still be present.
	Partial bool
	Str     string
	// Expr is the expression the value was computed from, after following
	// names to their definitions.
	Expr pyparse.Expr
	// Def is the definition the value reached the use through (the value of
	// `IMAGE = "..."` for `image=IMAGE`), zero when there was no name.
	Def pyparse.Range
	// extra is nil on most values; it is never changed once set, so that
	// copies of a value may share it.
	extra *valueExtra
}

// valueExtra holds what Entries, Elems, Name, Read, Path and Origin
// return.
type valueExtra struct {
	entries []*Entry
	elems   []Value
	name    string
	read    pyparse.Range
	path    []string
	origin  *Origin
}

// readValue returns a value of kind (EnvRead, SecretRead, FileRead) read as
// x says.
func readValue(kind Kind, e pyparse.Expr, x valueExtra) Value {
	return Value{Kind: kind, Expr: e, extra: &x}
}

// dictValue returns the Dict value of entries computed from e.
func dictValue(e pyparse.Expr, entries []*Entry, partial bool) Value {
	v := Value{Kind: Dict, Partial: partial, Expr: e}
	if entries != nil {
		v.extra = &valueExtra{entries: entries}
	}
	return v
}

// listValue returns the List value of elems computed from e.
func listValue(e pyparse.Expr, elems []Value, partial bool) Value {
	v := Value{Kind: List, Partial: partial, Expr: e}
	if elems != nil {
		v.extra = &valueExtra{elems: elems}
	}
	return v
}

// Entries returns the entries of a Dict value, in order; later keys
// override earlier ones.
func (v Value) Entries() []*Entry {
	if v.extra == nil {
		return nil
	}
	return v.extra.entries
}

// Elems returns the elements of a List value.
func (v Value) Elems() []Value {
	if v.extra == nil {
		return nil
	}
	return v.extra.elems
}

// Name returns the environment variable of an EnvRead value or a
// description of the secret source of a SecretRead one ("" otherwise).
func (v Value) Name() string {
	if v.extra == nil {
		return ""
	}
	return v.extra.name
}

// Read returns the file read a FileRead value came from (zero otherwise).
func (v Value) Read() pyparse.Range {
	if v.extra == nil {
		return pyparse.Range{}
	}
	return v.extra.read
}

// Path returns the access path of a FileRead or SecretRead value: the
// constant keys it was read under, the last access first, a call's in
// argument order (`cfg["docker"]["token"]` is [token docker],
// `cfg.get("db", "password")` [db password], `settings.token` [token],
// `Variable.get("db_password")` [db_password]). Keys daglint cannot
// resolve are left out, except a Variable's own key, which is always the
// innermost ("" when unresolved); at most maxPath are kept.
func (v Value) Path() []string {
	if v.extra == nil {
		return nil
	}
	return v.extra.path
}

// Origin returns, for a value imported from another module of the
// project, where it is defined there (see relocate); nil otherwise.
func (v Value) Origin() *Origin {
	if v.extra == nil {
		return nil
	}
	return v.extra.origin
}

// under returns the FileRead or SecretRead value read from v under keys
// (an attribute, subscript or getter call e): v's source with keys added
// to its path.
func (v Value) under(e pyparse.Expr, keys ...string) Value {
	return readValue(v.Kind, e, valueExtra{name: v.Name(), read: v.Read(), path: withKeys(v.Path(), keys...)})
}

// Entry is one key of a resolved mapping.
type Entry struct {
	Key      string
	KeyRange pyparse.Range // the key literal or keyword name
	Item     pyparse.Range // the whole `key: value` / `key=value`
	// ValueExpr is the value expression as written in the mapping.
	ValueExpr pyparse.Expr
	Value     Value
}

// IsString reports whether v is a known string without Jinja.
func (v Value) IsString() bool { return v.Kind == String }

// IsTrue reports whether v is the constant True.
func (v Value) IsTrue() bool { return v.Kind == Const && v.Str == "True" }

// Get returns the entry for key in a Dict value (the last one wins).
func (v Value) Get(key string) *Entry {
	entries := v.Entries()
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Key == key {
			return entries[i]
		}
	}
	return nil
}

// HasJinja reports whether s contains a Jinja expression or statement
// (jinja.Has: an opening marker with its closing one after it).
func HasJinja(s string) bool { return jinja.Has(s) }

func strValue(s string, e pyparse.Expr) Value {
	if HasJinja(s) {
		return Value{Kind: Templated, Str: s, Expr: e}
	}
	return Value{Kind: String, Str: s, Expr: e}
}

// maxResolveDepth bounds how many names and operations one resolution follows.
const maxResolveDepth = 24

// maxResolveSteps bounds the expressions one resolver evaluates in all:
// names are not memoised, so `A1 = [A0, A0, ...]; A2 = [A1, A1, ...]`
// would otherwise cost exponential time in a file of a few lines.
const maxResolveSteps = 20000

// maxTextLen bounds a resolved string; longer ones are unresolved, so that
// repeated concatenation through names cannot exhaust memory.
const maxTextLen = 64 << 10

// resolver evaluates expressions in a scope.
type resolver struct {
	m      *Model
	home   *Model // the model resolution started in, when m is an imported module
	scope  *Scope
	shadow map[string]bool
	depth  int
	steps  int
}

// Resolve evaluates e as seen from scope (nil means the module scope).
func (m *Model) Resolve(e pyparse.Expr, scope *Scope) Value {
	if scope == nil {
		scope = m.module
	}
	r := &resolver{m: m, scope: scope}
	return r.eval(e)
}

func (r *resolver) eval(e pyparse.Expr) Value {
	if e == nil {
		return Value{}
	}
	r.steps++
	if r.depth > maxResolveDepth || r.steps > maxResolveSteps {
		return Value{Expr: e}
	}
	// No defer: a panic abandons the resolver with the file's lint, so the
	// depth need not be restored on that path, and eval runs for every
	// expression a rule or the model resolves.
	r.depth++
	v := r.evalNode(e)
	r.depth--
	return v
}

// evalNode is eval of one expression, within the bounds eval checked.
func (r *resolver) evalNode(e pyparse.Expr) Value {
	switch x := e.(type) {
	case *pyparse.Str:
		return r.evalStr(x)
	case *pyparse.Num:
		return Value{Kind: Const, Str: x.Text, Expr: e}
	case *pyparse.Const:
		return Value{Kind: Const, Str: x.Value, Expr: e}
	case *pyparse.Name:
		b, at, ok := r.scope.lookupAt(x.ID, r.shadow)
		if v, handled := r.crossModule(x, b, at, ok); handled {
			return v
		}
		if !ok || b.value == nil {
			return Value{Expr: e}
		}
		if b.kind == bindWithAs {
			return r.evalWithAs(b.value)
		}
		v := r.eval(b.value)
		if v.Def == (pyparse.Range{}) {
			v.Def = b.value.Span()
		}
		if (v.Kind == Dict || v.Kind == List) && r.m.mutated[x.ID] {
			v.Partial = true // changed in place somewhere: more keys may be there
		}
		return v
	case *pyparse.Dict:
		return r.evalDict(x)
	case *pyparse.Seq:
		// maxElems bounds the elements evaluated: a huge literal list would
		// otherwise cost a Value each. The rest leave the list partial.
		const maxElems = 1000
		var elems []Value
		elts, partial := x.Elts, false
		if len(elts) > maxElems {
			elts = elts[:maxElems]
			partial = true
		}
		for i, el := range elts {
			if _, ok := el.(*pyparse.Starred); ok {
				partial = true
				continue
			}
			if elems == nil {
				elems = make([]Value, 0, len(elts)-i)
			}
			elems = append(elems, r.eval(el))
		}
		return listValue(e, elems, partial)
	case *pyparse.BinOp:
		return r.evalBinOp(x)
	case *pyparse.Call:
		return r.evalCall(x)
	case *pyparse.Subscript:
		return r.evalSubscript(x)
	case *pyparse.Attribute:
		if v, ok := r.importedAttr(x); ok {
			return v
		}
		// obj.password of a connection, obj.attr of a file read
		base := r.eval(x.Value)
		switch {
		case base.Kind == FileRead || base.Kind == SecretRead:
			return base.under(e, x.Attr)
		case x.Attr == "password" && r.isConnectionLookup(x.Value):
			return readValue(SecretRead, e, valueExtra{name: "connection password"})
		}
		return Value{Expr: e}
	case *pyparse.NamedExpr:
		return r.eval(x.Value)
	}
	return Value{Expr: e}
}

func (r *resolver) evalStr(s *pyparse.Str) Value {
	if s.Bytes {
		return Value{Expr: s}
	}
	if v, ok := s.Value(); ok {
		return strValue(v, s)
	}
	// The fields are evaluated first, so that the text is then written
	// once into a buffer of its size (most f-strings have a few fields).
	var buf [4]string
	fields, n := buf[:0], 0
	for _, p := range s.Parts {
		if p.Expr == nil {
			n += len(p.Lit)
			continue
		}
		if p.Conversion != "" || p.FormatSpec != "" {
			return Value{Expr: s}
		}
		v := r.eval(p.Expr)
		switch v.Kind {
		case String, Templated, Const:
		default:
			return Value{Expr: s}
		}
		if n += len(v.Str); n > maxTextLen {
			return Value{Expr: s}
		}
		fields = append(fields, v.Str)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range s.Parts {
		if p.Expr == nil {
			b.WriteString(p.Lit)
			continue
		}
		b.WriteString(fields[0])
		fields = fields[1:]
	}
	return strValue(b.String(), s)
}

// mapping is a Dict value being built.
type mapping struct {
	entries []*Entry
	partial bool
}

// spread adds the entries of a `**sub` (or dict(sub)); an unknown sub
// makes the mapping partial.
func (m *mapping) spread(sub Value) {
	if sub.Kind != Dict {
		m.partial = true
		return
	}
	m.entries = append(m.entries, sub.Entries()...)
	m.partial = m.partial || sub.Partial
}

func (r *resolver) evalDict(d *pyparse.Dict) Value {
	var m mapping
	var block []Entry // the entries, allocated together
	for i, it := range d.Items {
		if it.Key == nil {
			m.spread(r.eval(it.Value))
			continue
		}
		k := r.eval(it.Key)
		if k.Kind != String && k.Kind != Templated {
			m.partial = true
			continue
		}
		if len(block) == 0 {
			block = make([]Entry, len(d.Items)-i)
		}
		e := &block[0]
		block = block[1:]
		*e = Entry{Key: k.Str, KeyRange: it.Key.Span(), Item: it.Range, ValueExpr: it.Value, Value: r.eval(it.Value)}
		if m.entries == nil {
			m.entries = make([]*Entry, 0, len(d.Items)-i)
		}
		m.entries = append(m.entries, e)
	}
	return dictValue(d, m.entries, m.partial)
}

func (r *resolver) evalBinOp(x *pyparse.BinOp) Value {
	switch x.Op {
	case "+":
		l, rt := r.eval(x.Left), r.eval(x.Right)
		if isText(l) && isText(rt) && len(l.Str)+len(rt.Str) <= maxTextLen {
			return strValue(l.Str+rt.Str, x)
		}
		if l.Kind == List && rt.Kind == List {
			return listValue(x, append(append([]Value{}, l.Elems()...), rt.Elems()...), l.Partial || rt.Partial)
		}
	case "|":
		l, rt := r.eval(x.Left), r.eval(x.Right)
		if l.Kind == Dict && rt.Kind == Dict {
			return dictValue(x, append(append([]*Entry{}, l.Entries()...), rt.Entries()...), l.Partial || rt.Partial)
		}
	case "%":
		l := r.eval(x.Left)
		if !isText(l) {
			return Value{Expr: x}
		}
		if s, ok := percentFormat(l.Str, r.eval(x.Right)); ok {
			return strValue(s, x)
		}
	}
	return Value{Expr: x}
}

func isText(v Value) bool { return v.Kind == String || v.Kind == Templated }

// percentFormat applies printf-style formatting with %s, %d, %r, %i and
// %(name)s conversions of known values; anything else gives up.
func percentFormat(format string, arg Value) (string, bool) {
	var args []Value
	named := arg.Kind == Dict
	switch arg.Kind {
	case List:
		if arg.Partial {
			return "", false
		}
		args = arg.Elems()
	case Dict:
	default:
		args = []Value{arg}
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			return "", false
		}
		if format[i] == '%' {
			b.WriteByte('%')
			continue
		}
		var v Value
		if format[i] == '(' {
			end := strings.IndexByte(format[i:], ')')
			if end < 0 || !named {
				return "", false
			}
			e := arg.Get(format[i+1 : i+end])
			if e == nil {
				return "", false
			}
			v = e.Value
			i += end + 1
		} else {
			if named || next >= len(args) {
				return "", false
			}
			v = args[next]
			next++
		}
		if i >= len(format) || !strings.ContainsRune("sdri", rune(format[i])) {
			return "", false
		}
		switch v.Kind {
		case String, Templated, Const:
			if b.Len()+len(v.Str) > maxTextLen {
				return "", false
			}
			b.WriteString(v.Str)
		default:
			return "", false
		}
	}
	if !named && next != len(args) {
		return "", false
	}
	return b.String(), true
}

// strFormat applies str.format with positional and keyword arguments of
// known values; fields with a format spec or conversion give up.
func strFormat(format string, args []Value, kwargs map[string]Value) (string, bool) {
	var b strings.Builder
	auto := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '{' && i+1 < len(format) && format[i+1] == '{':
			b.WriteByte('{')
			i++
			continue
		case c == '}' && i+1 < len(format) && format[i+1] == '}':
			b.WriteByte('}')
			i++
			continue
		case c != '{':
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(format[i:], '}')
		if end < 0 {
			return "", false
		}
		field := format[i+1 : i+end]
		i += end
		if strings.ContainsAny(field, ":!.[") {
			return "", false
		}
		var v Value
		var ok bool
		switch {
		case field == "":
			if auto < len(args) {
				v, ok = args[auto], true
			}
			auto++
		case field[0] >= '0' && field[0] <= '9':
			n, err := strconv.Atoi(field)
			if err == nil && n < len(args) {
				v, ok = args[n], true
			}
		default:
			v, ok = kwargs[field]
		}
		if !ok || (v.Kind != String && v.Kind != Templated && v.Kind != Const) || b.Len()+len(v.Str) > maxTextLen {
			return "", false
		}
		b.WriteString(v.Str)
	}
	return b.String(), true
}

func (r *resolver) evalSubscript(x *pyparse.Subscript) Value {
	base := r.eval(x.Value)
	switch base.Kind {
	case Dict:
		k := r.eval(x.Index)
		if k.Kind == String {
			if e := base.Get(k.Str); e != nil {
				return e.Value
			}
		}
	case FileRead, SecretRead:
		return base.under(x, r.constKeys([]pyparse.Expr{x.Index}, nil)...)
	}
	if name, ok := r.osEnvironSubscript(x); ok {
		return readValue(EnvRead, x, valueExtra{name: name})
	}
	return Value{Expr: x}
}

// osEnvironSubscript recognises os.environ["NAME"].
func (r *resolver) osEnvironSubscript(x *pyparse.Subscript) (string, bool) {
	if q := r.m.imports.qualName(x.Value); q != "os.environ" {
		return "", false
	}
	k := r.eval(x.Index)
	return k.Str, k.Kind == String
}

func (r *resolver) evalCall(c *pyparse.Call) Value {
	q := r.m.imports.qualName(c.Func)
	switch q {
	case "os.getenv", "os.environ.get", "os.environ.setdefault":
		if len(c.Args) > 0 {
			if k := r.eval(c.Args[0]); k.Kind == String {
				return readValue(EnvRead, c, valueExtra{name: k.Str})
			}
		}
		return Value{Expr: c}
	case "open", "io.open", "dotenv.dotenv_values", "dotenv.main.dotenv_values":
		return readValue(FileRead, c, valueExtra{read: c.Range})
	case "docker.types.Mount", "docker.types.services.Mount":
		return r.evalMount(c)
	case "json.load", "yaml.load", "yaml.safe_load", "yaml.full_load", "tomllib.load", "toml.load", "json.loads", "yaml.unsafe_load":
		if len(c.Args) > 0 {
			if a := r.eval(c.Args[0]); a.Kind == FileRead {
				return readValue(FileRead, c, valueExtra{read: a.Read()})
			}
		}
		return Value{Expr: c}
	}
	if at, ok := c.Func.(*pyparse.Attribute); ok && at.Attr == "get" && classify(r.m.imports.qualName(at.Value)) == symVariable {
		name := "" // the Variable's key, kept even when unresolved: it is the innermost key of the path
		if len(c.Args) > 0 {
			if k := r.eval(c.Args[0]); k.Kind == String {
				name = k.Str
			}
		}
		return readValue(SecretRead, c, valueExtra{name: "Airflow Variable", path: []string{name}})
	}
	if isBuiltinCall(c, "open") {
		return readValue(FileRead, c, valueExtra{read: c.Range})
	}
	if isBuiltinCall(c, "dict") {
		return r.evalDictCall(c)
	}
	// Method calls on known values.
	if at, ok := c.Func.(*pyparse.Attribute); ok {
		switch at.Attr {
		case "format":
			base := r.eval(at.Value)
			if !isText(base) {
				return Value{Expr: c}
			}
			var args []Value
			for _, a := range c.Args {
				args = append(args, r.eval(a))
			}
			kw := map[string]Value{}
			for _, k := range c.Keywords {
				if k.Name == "" {
					return Value{Expr: c}
				}
				kw[k.Name] = r.eval(k.Value)
			}
			if s, ok := strFormat(base.Str, args, kw); ok {
				return strValue(s, c)
			}
			return Value{Expr: c}
		case "get", "getint", "getboolean", "getfloat", "read", "read_text", "readline", "readlines", "strip", "rstrip", "lstrip":
			base := r.eval(at.Value)
			switch base.Kind {
			case FileRead, SecretRead:
				return base.under(c, r.constKeys(c.Args, c.Keywords)...)
			case Dict:
				if at.Attr == "get" && len(c.Args) > 0 {
					if k := r.eval(c.Args[0]); k.Kind == String {
						if e := base.Get(k.Str); e != nil {
							return e.Value
						}
					}
				}
			case String:
				if strings.HasSuffix(at.Attr, "strip") && len(c.Args) == 0 {
					return strValue(strings.TrimSpace(base.Str), c)
				}
			}
		case "upper", "lower":
			base := r.eval(at.Value)
			if base.Kind == String && len(c.Args) == 0 {
				if at.Attr == "upper" {
					return strValue(strings.ToUpper(base.Str), c)
				}
				return strValue(strings.ToLower(base.Str), c)
			}
		case "join":
			sep := r.eval(at.Value)
			if sep.Kind == String && len(c.Args) == 1 {
				l := r.eval(c.Args[0])
				if l.Kind == List && !l.Partial {
					parts := make([]string, 0, len(l.Elems()))
					for _, el := range l.Elems() {
						if !isText(el) {
							return Value{Expr: c}
						}
						parts = append(parts, el.Str)
					}
					return strValue(strings.Join(parts, sep.Str), c)
				}
			}
		}
	}
	if r.isConfigParser(c) {
		return readValue(FileRead, c, valueExtra{read: r.m.configRead(c)})
	}
	return Value{Expr: c}
}

// maxPath bounds Value.Path's length.
const maxPath = 16

// withKeys returns the path of a value read under keys from a value with
// path base: keys first (the last access), then base; a longer path than
// maxPath keeps its first maxPath-1 keys and the innermost one.
func withKeys(base []string, keys ...string) []string {
	if len(keys) == 0 {
		return base
	}
	out := append(keys, base...)
	if len(out) > maxPath {
		out = append(out[:maxPath-1], out[len(out)-1])
	}
	return out
}

// constKeys returns the string constants among a read's arguments and its
// option= and key= keywords (ConfigParser.get's names), in that order.
func (r *resolver) constKeys(args []pyparse.Expr, kws []*pyparse.Keyword) []string {
	var out []string
	add := func(e pyparse.Expr) {
		if v := r.eval(e); v.Kind == String {
			out = append(out, v.Str)
		}
	}
	for _, a := range args {
		add(a)
	}
	for _, kw := range kws {
		if kw.Name == "option" || kw.Name == "key" {
			add(kw.Value)
		}
	}
	return out
}

// isBuiltinCall reports whether c calls the builtin name (not rebound in the file).
func isBuiltinCall(c *pyparse.Call, name string) bool {
	n, ok := c.Func.(*pyparse.Name)
	return ok && n.ID == name
}

func (r *resolver) evalDictCall(c *pyparse.Call) Value {
	var m mapping
	for _, a := range c.Args {
		m.spread(r.eval(a))
	}
	for _, k := range c.Keywords {
		if k.Name == "" {
			m.spread(r.eval(k.Value))
			continue
		}
		m.entries = append(m.entries, &Entry{Key: k.Name, KeyRange: k.NameRange, Item: k.Range, ValueExpr: k.Value, Value: r.eval(k.Value)})
	}
	return dictValue(c, m.entries, m.partial)
}

// mountFields are docker-py's Mount(target, source, type, ...) parameters
// in order, and the keys of the dict a Mount is (Mount subclasses dict).
var mountFields = [...]struct{ param, key string }{{"target", "Target"}, {"source", "Source"}, {"type", "Type"}}

// evalMount evaluates docker.types.Mount(...) as the dict it is: its
// target, source and type (the keys DAG402 reads), Partial since the other
// fields are not followed. A call with *args or **kwargs stays unknown.
func (r *resolver) evalMount(c *pyparse.Call) Value {
	var entries []*Entry
	for _, a := range c.Args {
		if _, ok := a.(*pyparse.Starred); ok {
			return Value{Expr: c}
		}
	}
	for i, f := range mountFields {
		var e pyparse.Expr
		at := pyparse.Range{}
		if kw := c.Keyword(f.param); kw != nil {
			e, at = kw.Value, kw.NameRange
		} else if i < len(c.Args) {
			e, at = c.Args[i], c.Args[i].Span()
		}
		if e == nil {
			continue
		}
		entries = append(entries, &Entry{Key: f.key, KeyRange: at, Item: e.Span(), ValueExpr: e, Value: r.eval(e)})
	}
	for _, k := range c.Keywords {
		if k.Name == "" {
			return Value{Expr: c}
		}
	}
	return dictValue(c, entries, true)
}

// evalWithAs evaluates the target of `with EXPR as name`: a file handle when
// EXPR opens a file.
func (r *resolver) evalWithAs(e pyparse.Expr) Value {
	v := r.eval(e)
	if v.Kind == FileRead {
		return v
	}
	return Value{Expr: e}
}

// isConfigParser reports whether c is a ConfigParser() construction.
func (r *resolver) isConfigParser(c *pyparse.Call) bool {
	switch r.m.imports.qualName(c.Func) {
	case "configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser", "ConfigParser.ConfigParser", "ConfigParser.SafeConfigParser":
		return true
	}
	return false
}

// isConnectionLookup reports whether e is BaseHook.get_connection(...) or a
// Connection lookup.
func (r *resolver) isConnectionLookup(e pyparse.Expr) bool {
	if n, ok := e.(*pyparse.Name); ok {
		b, ok := r.scope.lookup(n.ID, r.shadow)
		if !ok || b.value == nil {
			return false
		}
		e = b.value
	}
	c, ok := e.(*pyparse.Call)
	if !ok {
		return false
	}
	at, ok := c.Func.(*pyparse.Attribute)
	if !ok {
		return false
	}
	switch at.Attr {
	case "get_connection", "get_connection_from_secrets":
		return classify(r.m.imports.qualName(at.Value)) == symBaseHook || r.m.imports.qualName(at.Value) != ""
	}
	return false
}

// configRead returns the range of the `parser.read(...)` call that fills the
// ConfigParser built by c, or c itself when none is found. The file is
// indexed once, on first use.
func (m *Model) configRead(c *pyparse.Call) pyparse.Range {
	m.readsOnce.Do(m.indexReads) // once, also when the module index shares the Model between goroutines
	if r, ok := m.reads.byName[m.reads.assignedTo[c]]; ok {
		return r
	}
	return c.Range
}

// readIndex maps calls assigned to a single name, and names to their first
// `name.read...(...)` call.
type readIndex struct {
	assignedTo map[*pyparse.Call]string
	byName     map[string]pyparse.Range
}

func (m *Model) indexReads() {
	m.reads = &readIndex{assignedTo: map[*pyparse.Call]string{}, byName: map[string]pyparse.Range{}}
	ix := m.File.Index()
	for _, s := range ix.Stmts {
		if n, ok := s.(*pyparse.Assign); ok {
			if c, ok := n.Value.(*pyparse.Call); ok && len(n.Targets) == 1 {
				if nm, ok := n.Targets[0].(*pyparse.Name); ok {
					m.reads.assignedTo[c] = nm.ID
				}
			}
		}
	}
	for _, n := range ix.Calls {
		if at, ok := n.Func.(*pyparse.Attribute); ok && strings.HasPrefix(at.Attr, "read") {
			if nm, ok := at.Value.(*pyparse.Name); ok {
				if _, seen := m.reads.byName[nm.ID]; !seen {
					m.reads.byName[nm.ID] = n.Range
				}
			}
		}
	}
}
