package scan

import (
	"strconv"
	"strings"
)

// dump renders src's tokens as "KIND:text" (text only where it is not the
// kind's own spelling) and its errors as "!msg@line:col".
func dump(src string) string {
	var r Result
	Scan([]byte(src), &r)
	var b strings.Builder
	for i, t := range r.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		text := src[t.Start:t.End]
		switch {
		case t.Kind.IsOperator() || t.Kind.IsKeyword():
			b.WriteString(t.Kind.String())
		case t.Kind == EOF || t.Kind == Dedent || (t.Kind == Newline && text == "\n"):
			b.WriteString(t.Kind.String())
		default:
			b.WriteString(t.Kind.String() + ":" + quoteIfNeeded(text))
		}
	}
	for _, e := range r.Errors {
		l, c := lineCol(src, int(e.Start))
		b.WriteString(" !" + e.Msg + "@" + strconv.Itoa(l) + ":" + strconv.Itoa(c))
	}
	return b.String()
}

func quoteIfNeeded(s string) string {
	if strings.ContainsAny(s, " \n\r\t\f") || s == "" {
		return strconvQuote(s)
	}
	return s
}

func strconvQuote(s string) string {
	r := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`, "\f", `\f`)
	return `"` + r.Replace(s) + `"`
}

// lineCol is CPython's lineno and 1-based offset (in code points) of pos.
func lineCol(src string, pos int) (int, int) {
	line, ls := 1, 0
	if strings.HasPrefix(src, "\ufeff") && pos >= 3 {
		ls = 3
	}
	for i := 0; i < pos && i < len(src); i++ {
		if src[i] == '\n' || src[i] == '\r' && (i+1 >= len(src) || src[i+1] != '\n') {
			line++
			ls = i + 1
		}
	}
	return line, len([]rune(src[ls:min(pos, len(src))])) + 1
}
