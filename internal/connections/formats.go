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
	"github.com/daglint/daglint/internal/yamlline"
)

// maxAliasHops bounds how many YAML aliases are followed for one value.
const maxAliasHops = 8

// envPrefix starts the environment variables Airflow reads connections from.
const envPrefix = "AIRFLOW_CONN_"

// fields is one connection's attributes before they become a Connection.
// The password is deliberately absent: it is never read into memory we keep.
type fields struct {
	Type, Host, Login, Port string
	portNum                 int
	hasPortNum              bool
}

func (f fields) connection(path string, id string, line int) (*analysis.Connection, error) {
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
	return c, nil
}

// parseYAML reads the Astro CLI settings file or an `airflow connections
// export` YAML file.
func parseYAML(path string, data []byte) ([]*analysis.Connection, error) {
	return parseYAMLWith(&mappingIndex{}, path, data)
}

// parseYAMLWith is parseYAML with the index its lookups go through.
func parseYAMLWith(ix *mappingIndex, path string, data []byte) ([]*analysis.Connection, error) {
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
	if af := ix.lookup(root, "airflow"); af != nil && af.Kind == yaml.MappingNode &&
		(ix.lookup(af, "connections") != nil || ix.lookup(af, "variables") != nil || ix.lookup(af, "pools") != nil) {
		return parseAstro(ix, path, af)
	}
	var out []*analysis.Connection
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], resolve(root.Content[i+1])
		id := k.Value
		switch {
		case v.Kind == yaml.MappingNode:
			f, err := ix.fields(path, v, "conn_type", "host", "login", "port")
			if err != nil {
				return nil, err
			}
			c, err := f.connection(path, id, k.Line)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
			c, err := parseValue(path, id, v.Value, k.Line)
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
func parseAstro(ix *mappingIndex, path string, af *yaml.Node) ([]*analysis.Connection, error) {
	list := ix.lookup(af, "connections")
	if list == nil || (list.Kind == yaml.ScalarNode && list.ShortTag() == "!!null") {
		return nil, nil
	}
	if list.Kind != yaml.SequenceNode {
		return nil, &Error{Path: path, Line: list.Line, Msg: "airflow.connections: expected a list of connections"}
	}
	var out []*analysis.Connection
	for _, item := range list.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			return nil, &Error{Path: path, Line: item.Line, Msg: "airflow.connections: expected a mapping of connection fields"}
		}
		idNode := ix.lookup(item, "conn_id")
		if idNode == nil || idNode.Kind != yaml.ScalarNode || idNode.ShortTag() == "!!null" || strings.TrimSpace(idNode.Value) == "" {
			continue
		}
		f, err := ix.fields(path, item, "conn_type", "conn_host", "conn_login", "conn_port")
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

// fields reads the type, host, login and port fields (named by the
// format) from a mapping. Other fields, the password among them, are skipped.
func (ix *mappingIndex) fields(path string, m *yaml.Node, typeKey, hostKey, loginKey, portKey string) (fields, error) {
	var f fields
	for _, kv := range []struct {
		key string
		dst *string
	}{{typeKey, &f.Type}, {hostKey, &f.Host}, {loginKey, &f.Login}, {portKey, &f.Port}} {
		v := ix.lookup(m, kv.key)
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return f, &Error{Path: path, Line: v.Line, Msg: fmt.Sprintf("%s: expected a single value", kv.key)}
		}
		if v.ShortTag() != "!!null" {
			*kv.dst = v.Value
		}
	}
	return f, nil
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
func parseJSON(path string, data []byte) ([]*analysis.Connection, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	jsonErr := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &Error{Path: path, Line: lineAt(data, se.Offset), Msg: "invalid JSON: " + se.Error(), Err: err}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return &Error{Path: path, Line: lineAt(data, int64(len(data))), Msg: "invalid JSON: unexpected end of input", Err: err}
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
	var out []*analysis.Connection
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonErr(err)
		}
		id, _ := tok.(string)
		line := lineAt(data, dec.InputOffset())
		var val any
		if err := dec.Decode(&val); err != nil {
			return nil, jsonErr(err)
		}
		c, err := fromJSONValue(path, id, val, line)
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

// fromJSONValue builds a connection from a decoded JSON value: an object of
// fields or a URI string.
func fromJSONValue(path, id string, val any, line int) (*analysis.Connection, error) {
	switch v := val.(type) {
	case string:
		return parseValue(path, id, v, line)
	case map[string]any:
		var f fields
		str := func(key string) (string, error) {
			switch x := v[key].(type) {
			case nil:
				return "", nil
			case string:
				return x, nil
			case json.Number:
				return x.String(), nil
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
		return f.connection(path, id, line)
	}
	return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: expected an object of connection fields", id)}
}

// parseValue reads an AIRFLOW_CONN_* style value: a JSON object or a URI.
func parseValue(path, id, value string, line int) (*analysis.Connection, error) {
	value = strings.TrimSpace(value)
	if strings.HasPrefix(value, "{") {
		dec := json.NewDecoder(strings.NewReader(value))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			// The decoder's message may quote the value, which can hold a
			// password: report only that the JSON is malformed.
			return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: invalid JSON value", id)}
		}
		return fromJSONValue(path, id, v, line)
	}
	f, err := parseURI(value)
	if err != nil {
		return nil, &Error{Path: path, Line: line, Msg: fmt.Sprintf("connection %q: invalid connection URI: %s", id, err)}
	}
	return f.connection(path, id, line)
}

// parseURI splits an Airflow connection URI the way Airflow does
// (urlsplit): scheme is the conn_type, then [login[:password]@]host[:port];
// a second "://" marks a host that carries its own protocol. Error messages
// never include the URI, which may hold a password.
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
	protocol := ""
	if p, r, ok := strings.Cut(rest, "://"); ok {
		if strings.ContainsAny(p, "@:") {
			return f, errors.New("invalid host protocol")
		}
		protocol, rest = p, r
	}
	netloc := rest
	if i := strings.IndexAny(netloc, "/?#"); i >= 0 {
		netloc = netloc[:i]
	}
	hostport := netloc
	if i := strings.LastIndex(netloc, "@"); i >= 0 {
		userinfo := netloc[:i]
		hostport = netloc[i+1:]
		login, _, _ := strings.Cut(userinfo, ":")
		f.Login = unquote(login)
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

// parseEnv reads AIRFLOW_CONN_<ID>=<uri or JSON> lines. Blank lines and
// comments are skipped, "export " is allowed, values may be quoted (a
// quoted value may span lines). Other variables are ignored.
func parseEnv(path string, data []byte) ([]*analysis.Connection, error) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var out []*analysis.Connection
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, &Error{Path: path, Line: lineNo, Msg: "expected NAME=value"}
		}
		key = strings.TrimSpace(key)
		value = strings.TrimSpace(value)
		if q := firstQuote(value); q != 0 {
			body, next, ok := quotedValue(value[1:], lines[i+1:], q)
			if !ok {
				return nil, &Error{Path: path, Line: lineNo, Msg: fmt.Sprintf("%s: unterminated quoted value", key)}
			}
			value, i = unescape(body, q), i+next
		} else if j := strings.Index(value, " #"); j >= 0 {
			value = strings.TrimSpace(value[:j])
		}
		if !strings.HasPrefix(key, envPrefix) || len(key) == len(envPrefix) {
			continue
		}
		id := strings.ToLower(key[len(envPrefix):])
		c, err := parseValue(path, id, value, lineNo)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
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
