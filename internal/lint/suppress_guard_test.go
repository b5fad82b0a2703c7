package lint

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// TestNoqaGuardFolds checks the claim mayHoldNoqa rests on: under the
// case folding of (?i), the only runes equivalent to n, o, q and a are
// their ASCII cases.
func TestNoqaGuardFolds(t *testing.T) {
	for _, c := range "noqa" {
		for r := unicode.SimpleFold(c); r != c; r = unicode.SimpleFold(r) {
			if r != unicode.ToUpper(c) {
				t.Errorf("%q folds to %q, which mayHoldNoqa does not look for", c, r)
			}
		}
	}
}

// TestDirectiveGuards compares noqaMatches and daglintMatches with the
// expressions run on every text: the guards skip only texts that cannot
// match.
func TestDirectiveGuards(t *testing.T) {
	texts := []string{
		"", "#", "# noqa", "#noqa", "# NOQA: DAG101", "# NoQa:DAG101, E501", "# no qa", "# noq",
		"#\tnoqa : x", "# nOqA", "# see noqa below", "noqa", "# daglint: ignore[DAG101]",
		"# daglint:ignore-file[DAG101, DAG102]", "# daglint ignore[DAG101]", "# DAGLINT: ignore[x]",
		"# daglint: ignore[]", "#daglint:  ignore[DAG1] # noqa", "# ǹoqa", "# noqa\u212a",
		"# ｎｏｑａ", "# daglint:ignore", "x # noqa: DAG101 # daglint: ignore[DAG102]",
	}
	// Every case spelling of both words, and each cut short by one byte.
	for m := 0; m < 16; m++ {
		w := []byte("noqa")
		for i := range w {
			if m&(1<<i) != 0 {
				w[i] -= 'a' - 'A'
			}
		}
		texts = append(texts, "# "+string(w), "# "+string(w)+": DAG101", "# "+string(w[:3]))
	}
	for _, dir := range []string{"daglint:", "daglint", "aglint:"} {
		texts = append(texts, "# "+dir+" ignore[DAG101]", "# "+dir+"ignore-file[DAG1]")
	}
	for _, text := range texts {
		if got, want := noqaMatches(text), noqaRE().FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("noqaMatches(%q) = %v, want %v", text, got, want)
		}
		if got, want := daglintMatches(text), daglintRE().FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("daglintMatches(%q) = %v, want %v", text, got, want)
		}
		if want := strings.Contains(strings.ToLower(text), "noqa"); mayHoldNoqa(text) != want {
			t.Errorf("mayHoldNoqa(%q) = %v, want %v", text, !want, want)
		}
	}
}
