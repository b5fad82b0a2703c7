// Package jinja answers the one question daglint asks of Airflow's template
// engine: does a string hold a template that Airflow would render?
package jinja

import "strings"

// Has reports whether s holds a Jinja expression (`{{ ... }}`) or statement
// (`{% ... %}`): an opening marker with its closing marker after it. A lone
// `{{` or `{%` is text, not a template (a password may contain one).
func Has(s string) bool {
	if strings.IndexByte(s, '{') < 0 {
		return false // most strings: one byte search instead of two substring searches
	}
	if i := strings.Index(s, "{{"); i >= 0 && strings.Contains(s[i+2:], "}}") {
		return true
	}
	if i := strings.Index(s, "{%"); i >= 0 && strings.Contains(s[i+2:], "%}") {
		return true
	}
	return false
}
