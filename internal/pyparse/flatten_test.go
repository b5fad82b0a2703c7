package pyparse

import (
	"strings"
	"testing"
)

// TestFieldlessTypesExist guards fieldlessTypes against misspelt names:
// each must be a named node type of the grammar.
func TestFieldlessTypesExist(t *testing.T) {
	tb := tables()
	for _, name := range fieldlessTypes {
		found := false
		for id, n := range tb.names {
			if n == name && tb.fieldless[id] == 1 {
				found = true
			}
		}
		if !found {
			t.Errorf("fieldless type %q is not a named node type", name)
		}
	}
	for id, n := range tb.names {
		if tb.fieldless[id] == 1 && n == "block" {
			t.Errorf("block has the field alternative and must not be fieldless")
		}
	}
}

// TestFieldlessFlattenIsExact compares the flattened trees with and
// without the fieldless shortcut: every node, field included, must match.
func TestFieldlessFlattenIsExact(t *testing.T) {
	samples := []string{
		walkSample,
		string(dagLike(16 << 10)),
		"x = [a, (b, c), {d, e}, {'k': v, **w}, f(g, h=i, *j, **k), 'l' f'{m!r:>{n}}' \"o\"]\n",
		"a, b = c, d = e\nfor x, y in z: pass\nprint((1), (yield), *q)\n",
		"if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n",
		"match p:\n    case [a, *b] if a:\n        pass\n    case {'k': v, **r}:\n        pass\n",
		"with (open(a) as b, c):\n    d = lambda e, f=1: (e, f)\n",
		"a = f(x=1\nb = DockerOperator(image='y')\nc = 3\n)\n]\n}\nd = [\n",
		"print 'x'\nz = `1` + 0777\ndef f(\n",
		"X = [" + strings.Repeat("'x', ", 3000) + "]\n",
	}
	fast := NewParser()
	defer fast.Close()
	exact := NewParser()
	defer exact.Close()
	exact.fieldless = nil
	for i, s := range samples {
		src := []byte(s)
		a := append([]rawNode(nil), fast.parseRaw(src, 0, len(src))...)
		b := exact.parseRaw(src, 0, len(src))
		if len(a) != len(b) || len(a) == 0 {
			t.Fatalf("sample %d: %d nodes with the shortcut, %d without", i, len(a), len(b))
		}
		fields := 0
		for j := range a {
			if b[j].field != 0 {
				fields++
			}
			if a[j] != b[j] {
				t.Errorf("sample %d node %d (%s): %+v with the shortcut, %+v without",
					i, j, tables().nameOf(b[j].sym), a[j], b[j])
				break
			}
		}
		if i < 2 && fields == 0 {
			t.Errorf("sample %d has no fields at all: the comparison proves nothing", i)
		}
	}
}

// BenchmarkParseLongList measures a 1 MB list literal, where the field
// lookup of each element walks the hidden repetition nodes; "all fields"
// looks up every node's field, as before the fieldless shortcut.
func BenchmarkParseLongList(b *testing.B) {
	src := []byte("X = [" + strings.Repeat("'x', ", (1<<20)/5) + "]\n")
	for _, exact := range []bool{false, true} {
		name := "fieldless"
		if exact {
			name = "all fields"
		}
		b.Run(name, func(b *testing.B) {
			p := NewParser()
			defer p.Close()
			if exact {
				p.fieldless = nil
			}
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				p.Parse("list.py", src)
			}
		})
	}
}
