package connections

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/secrets"
	"github.com/daglint/daglint/internal/source"
	"github.com/daglint/daglint/internal/yamlline"
)

// maxAliasHops bounds how many YAML aliases are followed for one value.
const maxAliasHops = 8

// envPrefix starts the environment variables Airflow reads connections from.
const envPrefix = "AIRFLOW_CONN_"

// fields is one connection's attributes before they become a Connection,
// with the secret values it holds and where they are in the file.
type fields struct {
	Type, Host, Login, Port string
	portNum                 int
	hasPortNum              bool
	secrets                 []analysis.SecretValue
}

// entry is one connection read from a file, with its secret values (which
// LoadFile drops: only the rules of connections files see them).
type entry struct {
	*analysis.Connection
	secrets []analysis.SecretValue
}

func (f fields) connection(path string, id string, line int) (*entry, error) {
	// A host may carry user information (`https://ci:pw@registry`): the
	// password is never kept, so no message can print it.
	c := &analysis.Connection{ID: id, Type: normaliseType(f.Type), Host: secrets.Scrub(f.Host), Login: secrets.Scrub(f.Login), Line: line}
	switch {
	case f.hasPortNum:
		c.Port = f.portNum
	case strings.TrimSpace(f.Port) != "":
		p, err := strconv.Atoi(strings.TrimSpace(f.Port))
		if err != nil {
			return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: invalid port (want a number)", id)}
		}
		c.Port = p
	}
	if c.Port < 0 || c.Port > 65535 {
		return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: port %d out of range", id, c.Port)}
	}
	return &entry{Connection: c, secrets: f.secrets}, nil
}

// yamlFile is one YAML connections file being read.
type yamlFile struct {
	ix    *mappingIndex
	path  string
	data  []byte
	lines *source.Lines
	// seen holds the password nodes and extra mappings already read: an
	// alias repeats a node any number of times, its secrets count once.
	seen map[*yaml.Node]bool
}

// parseYAML reads the Astro CLI settings file or an `airflow connections
// export` YAML file.
func parseYAML(path string, data []byte) ([]*entry, error) {
	return parseYAMLWith(&mappingIndex{}, path, data)
}

// parseYAMLWith is parseYAML with the index its lookups go through.
func parseYAMLWith(ix *mappingIndex, path string, data []byte) ([]*entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, data, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Path: path, Line: root.Line, Msg: "expected a mapping of connections"}
	}
	y := &yamlFile{ix: ix, path: path, data: data, lines: source.NewLines(data), seen: map[*yaml.Node]bool{}}
	if af := ix.lookup(root, "airflow"); af != nil && af.Kind == yaml.MappingNode &&
		(ix.lookup(af, "connections") != nil || ix.lookup(af, "variables") != nil || ix.lookup(af, "pools") != nil) {
		return y.parseAstro(af)
	}
	var out []*entry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], resolve(root.Content[i+1])
		id := k.Value
		switch {
		case v.Kind == yaml.MappingNode:
			f, err := y.fields(v, "conn_type", "host", "login", "port", "password", "extra")
			if err != nil {
				return nil, err
			}
			c, err := f.connection(path, id, k.Line)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
			c, err := parseValue(path, id, v.Value, k.Line, y.valueMap(v))
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		default:
			return nil, &Error{Path: path, Line: v.Line, Msg: fmt.Sprintf("connection %q: expected a mapping of connection fields", id)}
		}
	}
	return out, nil
}

// parseAstro reads `airflow: connections:` entries; entries without a
// conn_id (the CLI's empty template) are skipped.
func (y *yamlFile) parseAstro(af *yaml.Node) ([]*entry, error) {
	path, ix := y.path, y.ix
	list := ix.lookup(af, "connections")
	if list == nil || (list.Kind == yaml.ScalarNode && list.ShortTag() == "!!null") {
		return nil, nil
	}
	if list.Kind != yaml.SequenceNode {
		return nil, &Error{Path: path, Line: list.Line, Msg: "airflow.connections: expected a list of connections"}
	}
	var out []*entry
	for _, item := range list.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			return nil, &Error{Path: path, Line: item.Line, Msg: "airflow.connections: expected a mapping of connection fields"}
		}
		idNode := ix.lookup(item, "conn_id")
		if idNode == nil || idNode.Kind != yaml.ScalarNode || idNode.ShortTag() == "!!null" || strings.TrimSpace(idNode.Value) == "" {
			continue
		}
		f, err := y.fields(item, "conn_type", "conn_host", "conn_login", "conn_port", "conn_password", "conn_extra")
		if err != nil {
			return nil, err
		}
		c, err := f.connection(path, idNode.Value, item.Line)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// valueMap is the map of a scalar node's value.
func (y *yamlFile) valueMap(n *yaml.Node) textMap { return yamlValueMap(y.data, y.lines, n) }

// fields reads the type, host, login and port fields (named by the
// format) from a mapping, and the secrets of its password and extra fields.
func (y *yamlFile) fields(m *yaml.Node, typeKey, hostKey, loginKey, portKey, passwordKey, extraKey string) (fields, error) {
	var f fields
	for _, kv := range []struct {
		key string
		dst *string
	}{{typeKey, &f.Type}, {hostKey, &f.Host}, {loginKey, &f.Login}, {portKey, &f.Port}} {
		v := y.ix.lookup(m, kv.key)
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return f, &Error{Path: y.path, Line: v.Line, Msg: fmt.Sprintf("%s: expected a single value", kv.key)}
		}
		if v.ShortTag() != "!!null" {
			*kv.dst = v.Value
		}
	}
	if v := y.ix.lookup(m, hostKey); v != nil && v.Kind == yaml.ScalarNode && !y.seen[v] {
		y.seen[v] = true
		f.secrets = append(f.secrets, hostSecrets(v.Value, hostKey, y.valueMap(v))...)
	}
	if v := y.ix.lookup(m, passwordKey); v != nil && v.Kind == yaml.ScalarNode && v.ShortTag() != "!!null" && !y.seen[v] {
		y.seen[v] = true
		s, e := y.valueMap(v).span(0, len(v.Value))
		f.secrets = append(f.secrets, analysis.SecretValue{Kind: analysis.SecretPassword, Field: passwordKey, Value: v.Value, Start: s, End: e})
	}
	if v := y.ix.lookup(m, extraKey); v != nil && !y.seen[v] {
		y.seen[v] = true
		f.secrets = append(f.secrets, y.extraSecrets(v, extraKey, 0)...)
	}
	return f, nil
}

// extraSecrets returns the values of the secret-like keys of an extra: a
// mapping, or a string holding a JSON object (as connections exports write
// it).
func (y *yamlFile) extraSecrets(v *yaml.Node, field string, depth int) []analysis.SecretValue {
	switch {
	case depth > maxAliasHops:
		return nil
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		return jsonExtraSecrets(v.Value, field, y.valueMap(v))
	case v.Kind != yaml.MappingNode:
		return nil
	}
	var out []analysis.SecretValue
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], resolve(v.Content[i+1])
		switch {
		case val.Kind == yaml.MappingNode && !y.seen[val]:
			y.seen[val] = true
			out = append(out, y.extraSecrets(val, field+"."+k.Value, depth+1)...)
		case val.Kind == yaml.ScalarNode && val.ShortTag() == "!!str" && secrets.IsSecretName(k.Value):
			s, e := y.valueMap(val).span(0, len(val.Value))
			out = append(out, analysis.SecretValue{Kind: analysis.SecretExtra, Field: field + "." + k.Value, Value: val.Value, Start: s, End: e})
		}
	}
	return out
}

// mappingIndex finds keys in YAML mappings. Aliases make one mapping the
// value of any number of entries (20,000 aliases to a 50,000-key mapping):
// each mapping is indexed once, so the work stays linear in the file's size
// however often aliases repeat it.
type mappingIndex struct {
	keys map[*yaml.Node]map[string]*yaml.Node
	// scanned counts the mapping entries indexed (for tests of growth).
	scanned int
}

// lookup returns the value of key in a YAML mapping (the first entry that
// has it), following aliases.
func (ix *mappingIndex) lookup(m *yaml.Node, key string) *yaml.Node {
	keys, ok := ix.keys[m]
	if !ok {
		keys = make(map[string]*yaml.Node, len(m.Content)/2)
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, dup := keys[m.Content[i].Value]; !dup {
				keys[m.Content[i].Value] = m.Content[i+1]
			}
		}
		ix.scanned += len(m.Content) / 2
		if ix.keys == nil {
			ix.keys = map[*yaml.Node]map[string]*yaml.Node{}
		}
		ix.keys[m] = keys
	}
	if v, ok := keys[key]; ok {
		return resolve(v)
	}
	return nil
}

// resolve follows YAML aliases a bounded number of times.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; i < maxAliasHops && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

// yamlError turns a yaml.v3 error ("yaml: line 3: ...") into an *Error.
func yamlError(path string, data []byte, err error) error {
	line, msg := yamlline.SplitIn(err, data)
	return &Error{Path: path, Line: line, Msg: "invalid YAML: " + msg, Err: err}
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// parseJSON reads `airflow connections export --file-format json`: an
// object of conn_id to fields (or to a URI string).
func parseJSON(path string, data []byte) ([]*entry, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	jsonErr := func(err error) error {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return &Error{Path: path, Line: lineAt(data, se.Offset), Msg: "invalid JSON: " + se.Error(), Err: err}
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return &Error{Path: path, Line: lineAt(data, int64(len(data))), Msg: "invalid JSON: unexpected end of input", Err: err}
		case errors.Is(err, errTooDeep):
			return &Error{Path: path, Line: lineAt(data, dec.InputOffset()), Msg: "invalid JSON: " + err.Error(), Err: err}
		}
		return &Error{Path: path, Line: lineAt(data, dec.InputOffset()), Msg: "invalid JSON", Err: err}
	}
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &Error{Path: path, Line: lineAt(data, dec.InputOffset()), Msg: "expected a JSON object of connections"}
	}
	whole := identMap(0, len(data))
	var out []*entry
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonErr(err)
		}
		id, _ := tok.(string)
		line := lineAt(data, dec.InputOffset())
		val, err := decodeJSON(dec, data, 0)
		if err != nil {
			return nil, jsonErr(err)
		}
		c, err := fromJSONValue(path, id, val, line, data, whole)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonErr(err)
	}
	return out, nil
}

// fromJSONValue builds a connection from a JSON value: an object of fields
// or a URI string. text is the JSON the value was read from and m maps it
// to the file.
func fromJSONValue(path, id string, val *jnode, line int, text []byte, m textMap) (*entry, error) {
	switch val.kind {
	case 's':
		return parseValue(path, id, val.str, line, val.strMap(text, m))
	case 'o':
		var f fields
		str := func(key string) (string, error) {
			v := val.get(key)
			switch {
			case v == nil || v.kind == 'z':
				return "", nil
			case v.kind == 's' || v.kind == 'n':
				return v.str, nil
			}
			return "", &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: %s: expected a string", id, key)}
		}
		var err error
		if f.Type, err = str("conn_type"); err != nil {
			return nil, err
		}
		if f.Host, err = str("host"); err != nil {
			return nil, err
		}
		if f.Login, err = str("login"); err != nil {
			return nil, err
		}
		if f.Port, err = str("port"); err != nil {
			return nil, err
		}
		if h := val.get("host"); h != nil && h.kind == 's' {
			f.secrets = append(f.secrets, hostSecrets(h.str, "host", h.strMap(text, m))...)
		}
		if pw := val.get("password"); pw != nil && pw.kind == 's' {
			s, e := pw.strMap(text, m).span(0, len(pw.str))
			f.secrets = append(f.secrets, analysis.SecretValue{Kind: analysis.SecretPassword, Field: "password", Value: pw.str, Start: s, End: e})
		}
		if ex := val.get("extra"); ex != nil {
			f.secrets = append(f.secrets, jsonNodeSecrets(ex, "extra", text, m, 0)...)
		}
		return f.connection(path, id, line)
	}
	return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: expected an object of connection fields", id)}
}

// jsonNodeSecrets returns the values of the secret-like keys of an extra
// given as a JSON value: an object, or a string holding one.
func jsonNodeSecrets(n *jnode, field string, text []byte, m textMap, depth int) []analysis.SecretValue {
	switch {
	case depth > maxAliasHops:
		return nil
	case n.kind == 's':
		return jsonExtraSecrets(n.str, field, n.strMap(text, m))
	case n.kind != 'o':
		return nil
	}
	var out []analysis.SecretValue
	for i, k := range n.keys {
		v := n.vals[i]
		switch {
		case v.kind == 'o':
			out = append(out, jsonNodeSecrets(v, field+"."+k.str, text, m, depth+1)...)
		case v.kind == 's' && secrets.IsSecretName(k.str):
			s, e := v.strMap(text, m).span(0, len(v.str))
			out = append(out, analysis.SecretValue{Kind: analysis.SecretExtra, Field: field + "." + k.str, Value: v.str, Start: s, End: e})
		}
	}
	return out
}

// jsonExtraSecrets reads an extra written as a JSON string (m maps it to
// the file); text that is no JSON object holds no keys.
func jsonExtraSecrets(extra, field string, m textMap) []analysis.SecretValue {
	lead := len(extra) - len(strings.TrimLeft(extra, " \t\r\n"))
	if !strings.HasPrefix(extra[lead:], "{") {
		return nil
	}
	text := []byte(extra)
	dec := json.NewDecoder(bytes.NewReader(text))
	n, err := decodeJSON(dec, text, 0)
	if err != nil {
		return nil
	}
	return jsonNodeSecrets(n, field, text, m, 1)
}

// parseValue reads an AIRFLOW_CONN_* style value: a JSON object or a URI.
// m maps the value to the file.
func parseValue(path, id, value string, line int, m textMap) (*entry, error) {
	lead := len(value) - len(strings.TrimLeft(value, " \t\r\n"))
	value = strings.TrimSpace(value)
	m = m.sub(lead, lead+len(value), true)
	if strings.HasPrefix(value, "{") {
		text := []byte(value)
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		v, err := decodeJSON(dec, text, 0)
		if err != nil {
			// The decoder's message may quote the value, which can hold a
			// password: report only that the JSON is malformed.
			return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: invalid JSON value", id)}
		}
		return fromJSONValue(path, id, v, line, text, m)
	}
	f, err := parseURI(value)
	if err != nil {
		return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: invalid connection URI: %s", id, err)}
	}
	for i := range f.secrets {
		f.secrets[i].Start, f.secrets[i].End = m.span(f.secrets[i].Start, f.secrets[i].End)
	}
	return f.connection(path, id, line)
}

// parseURI splits an Airflow connection URI the way Airflow does
// (urlsplit): scheme is the conn_type, then [login[:password]@]host[:port];
// a second "://" marks a host that carries its own protocol. Error messages
// never include the URI, which may hold a password. The password and the
// secret-like query parameters come back as secrets whose Start and End are
// offsets in uri.
func parseURI(uri string) (fields, error) {
	var f fields
	if n := strings.Count(uri, "://"); n == 0 {
		return f, errors.New(`missing "scheme://"`)
	} else if n > 2 {
		return f, errors.New(`too many "://"`)
	}
	scheme, rest, _ := strings.Cut(uri, "://")
	if !validScheme(scheme) {
		return f, errors.New("invalid scheme")
	}
	f.Type = scheme
	restAt := len(scheme) + 3
	protocol := ""
	if p, r, ok := strings.Cut(rest, "://"); ok {
		if strings.ContainsAny(p, "@:") {
			return f, errors.New("invalid host protocol")
		}
		protocol, rest = p, r
		restAt += len(p) + 3
	}
	netloc := rest
	if i := strings.IndexAny(netloc, "/?#"); i >= 0 {
		netloc = netloc[:i]
	}
	hostport := netloc
	if i := strings.LastIndex(netloc, "@"); i >= 0 {
		userinfo := netloc[:i]
		hostport = netloc[i+1:]
		login, pw, hasPw := strings.Cut(userinfo, ":")
		f.Login = unquote(login)
		if hasPw {
			at := restAt + len(login) + 1
			f.secrets = append(f.secrets, analysis.SecretValue{Kind: analysis.SecretURIPassword, Field: "URI user info", Value: unquote(pw), Start: at, End: at + len(pw)})
		}
	}
	if q := strings.IndexByte(rest, '?'); q >= 0 && q >= len(netloc) {
		f.secrets = append(f.secrets, querySecrets(rest[q+1:], restAt+q+1)...)
	}
	host, port := hostport, ""
	if strings.HasPrefix(hostport, "[") {
		end := strings.Index(hostport, "]")
		if end < 0 {
			return f, errors.New("unterminated IPv6 address")
		}
		host = hostport[1:end]
		if tail := hostport[end+1:]; tail != "" {
			if !strings.HasPrefix(tail, ":") {
				return f, errors.New("invalid host")
			}
			port = tail[1:]
		}
	} else if i := strings.LastIndex(hostport, ":"); i >= 0 {
		host, port = hostport[:i], hostport[i+1:]
	}
	if port != "" {
		p, err := strconv.Atoi(port)
		if err != nil || p < 0 || p > 65535 {
			return f, errors.New("invalid port")
		}
		f.portNum, f.hasPortNum = p, true
	}
	f.Host = unquote(strings.ToLower(host))
	if protocol != "" && f.Host != "" {
		f.Host = protocol + "://" + f.Host
	}
	return f, nil
}

// hostSecrets returns the password of a connection host's user
// information (`https://ci:pw@registry.example.com`, `ci:pw@quay.io`),
// which DockerHook passes on as part of the registry address; m maps the
// host to the file.
func hostSecrets(host, field string, m textMap) []analysis.SecretValue {
	at := 0
	if i := strings.Index(host, "://"); i >= 0 {
		at = i + 3
	}
	netloc := host[at:]
	if i := strings.IndexAny(netloc, "/?#"); i >= 0 {
		netloc = netloc[:i]
	}
	i := strings.LastIndex(netloc, "@")
	if i < 0 {
		return nil
	}
	login, pw, ok := strings.Cut(netloc[:i], ":")
	if !ok {
		return nil
	}
	start := at + len(login) + 1
	s, e := m.span(start, start+len(pw))
	return []analysis.SecretValue{{Kind: analysis.SecretURIPassword, Field: field + " user info", Value: unquote(pw), Start: s, End: e}}
}

// querySecrets returns the secret-like parameters of a connection URI's
// query (which Airflow reads into the extra), at offsets from base.
func querySecrets(query string, base int) []analysis.SecretValue {
	if i := strings.IndexByte(query, '#'); i >= 0 {
		query = query[:i]
	}
	var out []analysis.SecretValue
	at := 0
	for _, param := range strings.Split(query, "&") {
		k, v, ok := strings.Cut(param, "=")
		if key, err := url.QueryUnescape(k); ok && err == nil && secrets.IsSecretName(key) {
			val, err := url.QueryUnescape(v)
			if err != nil {
				val = v
			}
			s := base + at + len(k) + 1
			out = append(out, analysis.SecretValue{Kind: analysis.SecretExtra, Field: "extra." + key, Value: val, Start: s, End: s + len(v)})
		}
		at += len(param) + 1
	}
	return out
}

func validScheme(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}

// unquote percent-decodes s, leaving malformed escapes as written (as
// Python's urllib.parse.unquote does).
func unquote(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// parseEnvComments reads AIRFLOW_CONN_<ID>=<uri or JSON> lines. Blank
// lines and comments are skipped, "export " is allowed, values may be
// quoted (a quoted value may span lines). Other variables are ignored. It
// also returns the file's comments: whole lines starting with "#", and "#"
// text after a value (after blanks when the value is not quoted).
func parseEnvComments(path string, data []byte) ([]*entry, []Comment, error) {
	raw := strings.Split(string(data), "\n")
	starts := make([]int, len(raw))
	lines := make([]string, len(raw))
	for i, off := 0, 0; i < len(raw); i++ {
		starts[i], lines[i] = off, strings.TrimSuffix(raw[i], "\r")
		off += len(raw[i]) + 1
	}
	var out []*entry
	var comments []Comment
	comment := func(lineIdx, col int) {
		text := strings.TrimRight(lines[lineIdx][col:], " \t")
		comments = append(comments, Comment{Start: starts[lineIdx] + col, End: starts[lineIdx] + col + len(text), Text: text})
	}
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		text := lines[i]
		line := strings.TrimSpace(text)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			comment(i, strings.Index(text, "#"))
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, nil, &Error{Path: path, Line: lineNo, Msg: "expected NAME=value"}
		}
		key = strings.TrimSpace(key)
		value = strings.TrimSpace(value)
		// The value's offset in the line: after the first "=", past blanks.
		valueAt := strings.Index(text, "=") + 1
		for valueAt < len(text) && (text[valueAt] == ' ' || text[valueAt] == '\t') {
			valueAt++
		}
		var m textMap
		if q := firstQuote(value); q != 0 {
			body, next, ok := quotedValue(value[1:], lines[i+1:], q)
			if !ok {
				return nil, nil, &Error{Path: path, Line: lineNo, Msg: fmt.Sprintf("%s: unterminated quoted value", key)}
			}
			value = unescape(body, q)
			bodyAt := starts[i] + valueAt + 1
			if next == 0 && value == body {
				m = identMap(bodyAt, len(body))
			} else {
				m = textMap{start: bodyAt, end: starts[i+next] + closingQuote(lines[i+next], q)}
				if next == 0 {
					m.end = bodyAt + closingQuote(text[valueAt+1:], q)
				}
			}
			i += next
			last := lines[i]
			after := m.end - starts[i] + 1
			if after <= len(last) {
				if rest := strings.TrimLeft(last[after:], " \t"); strings.HasPrefix(rest, "#") {
					comment(i, len(last)-len(rest))
				}
			}
		} else {
			if j := strings.Index(value, " #"); j >= 0 {
				comment(i, valueAt+j+1)
				value = strings.TrimSpace(value[:j])
			}
			m = identMap(starts[i]+valueAt, len(value))
		}
		if !strings.HasPrefix(key, envPrefix) || len(key) == len(envPrefix) {
			continue
		}
		id := strings.ToLower(key[len(envPrefix):])
		c, err := parseValue(path, id, value, lineNo, m)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, c)
	}
	return out, comments, nil
}

func firstQuote(v string) byte {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		return v[0]
	}
	return 0
}

// quotedValue reads a quoted value that starts with first (the text after
// the opening quote) and may go on over the following lines: it returns the
// text up to the closing quote, how many more lines it took, and false when
// no quote closes it. Each byte is looked at once, so an unterminated quote
// costs linear time.
func quotedValue(first string, more []string, q byte) (string, int, bool) {
	if end := closingQuote(first, q); end >= 0 {
		return first[:end], 0, true
	}
	var b strings.Builder
	b.WriteString(first)
	for n, line := range more {
		b.WriteByte('\n')
		if end := closingQuote(line, q); end >= 0 {
			b.WriteString(line[:end])
			return b.String(), n + 1, true
		}
		b.WriteString(line)
	}
	return "", 0, false
}

// closingQuote finds the quote ending a value in one line; in double quotes
// a backslash escapes the next character (one at the end of the line
// escapes the line break, so the next line starts afresh).
func closingQuote(line string, q byte) int {
	for i := 0; i < len(line); i++ {
		if q == '"' && line[i] == '\\' {
			i++
			continue
		}
		if line[i] == q {
			return i
		}
	}
	return -1
}

// unescape resolves \" and \\ inside a double-quoted value.
func unescape(s string, q byte) string {
	if q != '"' || !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
