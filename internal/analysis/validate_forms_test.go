package analysis

import (
	"regexp"
	"testing"
)

// TestFormsMatchTheirExpressions compares isRuleID and isKebab with the
// regular expressions they stand for on every string of up to five bytes
// over an alphabet that crosses each boundary, and on longer cases.
func TestFormsMatchTheirExpressions(t *testing.T) {
	idRE := regexp.MustCompile(`^DAG[0-9]{3}$`)
	kebabRE := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	check := func(s string) {
		if got, want := isRuleID(s), idRE.MatchString(s); got != want {
			t.Errorf("isRuleID(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := isKebab(s), kebabRE.MatchString(s); got != want {
			t.Errorf("isKebab(%q) = %v, the expression says %v", s, got, want)
		}
	}
	alphabet := []string{"a", "z", "0", "9", "-", "A", "_", "`", "{", "/", ":", "\xc3\xa9"}
	var walk func(prefix string, n int)
	walk = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			walk(prefix+c, n-1)
		}
	}
	walk("", 5)
	for _, s := range []string{
		"DAG101", "DAG000", "DAG999", "DAG10", "DAG1011", "dag101", "DAG10a", "DAG/01", "DAG:01", "DAB101", " DAG101", "DAG101\n",
		"image-unqualified", "image--unqualified", "image-unqualified-", "-image", "image-1", "image1-2-3", "Image", "image_tag",
		"unused-suppression", "x", "a-b-c-d-e-f", "a-b-c-d-e-", "allowed-registries", "airflow-version",
	} {
		check(s)
	}
	for _, d := range []string{"/", ":", "0", "9"} {
		for _, e := range []string{"/", ":", "0", "9"} {
			for _, f := range []string{"/", ":", "0", "9"} {
				check("DAG" + d + e + f)
			}
		}
	}
}
