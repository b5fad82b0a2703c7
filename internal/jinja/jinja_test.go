package jinja

import "testing"

// TestHas pins the one definition. It was written twice: the model took
// any "{{" or "{%" as a template, the secrets placeholders wanted the
// closing marker too; the closing marker is now required everywhere, so
// "pa{{ss" is a literal (a password, an invalid image) for every rule.
func TestHas(t *testing.T) {
	for s, want := range map[string]bool{
		"{{ ds }}": true, "{{ds}}": true, "a {{ var.value.x }} b": true, "{% if x %}y{% endif %}": true,
		"{{}}": true, "x{%%}": true,
		"": false, "plain": false, "pa{{ss": false, "pa{%ss": false, "}} {{": false, "%} {%": false,
		"{ {x} }": false, "{#comment#}": false,
	} {
		if got := Has(s); got != want {
			t.Errorf("Has(%q) = %v, want %v", s, got, want)
		}
	}
}
