package analysis

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Validate runs at every start of the binary (main checks the registry
// before any command), so its two forms are tested by byte, not by regular
// expressions compiled for them at each start; validate_test.go compares
// them with the expressions `^DAG[0-9]{3}$` and
// `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`.

// isRuleID reports whether id is of the form DAGnnn.
func isRuleID(id string) bool {
	return len(id) == 6 && strings.HasPrefix(id, "DAG") && isDigit(id[3]) && isDigit(id[4]) && isDigit(id[5])
}

// isKebab reports whether name is kebab-case: lowercase ASCII words of
// letters and digits joined by single dashes, starting with a letter.
func isKebab(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if c == '-' && name[i-1] != '-' && i+1 < len(name) {
			continue
		}
		if !isDigit(c) && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Validate checks a rule list: unique well-formed IDs and names, a Run
// function, a default severity, a security severity exactly on security
// rules, a precision, every required doc section, and options that are
// complete and whose names each belong to one declaration.
func Validate(rules []*Rule) error {
	var errs []error
	options := map[string]*Option{}
	ids := map[string]bool{}
	names := map[string]bool{}
	unused := 0
	for i, r := range rules {
		if r == nil {
			errs = append(errs, fmt.Errorf("rule %d is nil", i))
			continue
		}
		if !isRuleID(r.ID) {
			errs = append(errs, fmt.Errorf("rule %d: ID %q is not of the form DAGnnn", i, r.ID))
		}
		if ids[r.ID] {
			errs = append(errs, fmt.Errorf("rule %s: duplicate ID", r.ID))
		}
		ids[r.ID] = true
		if !isKebab(r.Name) {
			errs = append(errs, fmt.Errorf("rule %s: name %q is not kebab-case", r.ID, r.Name))
		}
		if names[r.Name] {
			errs = append(errs, fmt.Errorf("rule %s: duplicate name %q", r.ID, r.Name))
		}
		names[r.Name] = true
		switch {
		case r.Run != nil && r.RunConnections != nil:
			errs = append(errs, fmt.Errorf("rule %s: both Run and RunConnections", r.ID))
		case r.RunConnections != nil && r.Doc.ExampleFile == "":
			errs = append(errs, fmt.Errorf("rule %s: a rule of connections files needs Doc.ExampleFile", r.ID))
		case r.RunConnections != nil:
		case r.Run == nil && !r.UnusedSuppressions:
			errs = append(errs, fmt.Errorf("rule %s: no Run function", r.ID))
		case r.Run != nil && r.UnusedSuppressions:
			errs = append(errs, fmt.Errorf("rule %s: the unused-suppressions rule is the driver's and has no Run", r.ID))
		case r.UnusedSuppressions:
			unused++
		}
		if r.Severity < Note || r.Severity > Error {
			errs = append(errs, fmt.Errorf("rule %s: no default severity", r.ID))
		}
		switch sec := r.IsSecurity(); {
		case sec && (r.SecuritySeverity < 0.1 || r.SecuritySeverity > 10):
			errs = append(errs, fmt.Errorf("rule %s: a security rule needs a SecuritySeverity from 0.1 to 10", r.ID))
		case !sec && r.SecuritySeverity != 0:
			errs = append(errs, fmt.Errorf("rule %s: SecuritySeverity set on a rule not tagged %q", r.ID, TagSecurity))
		}
		if !slices.Contains(Precisions, r.Precision) {
			errs = append(errs, fmt.Errorf("rule %s: Precision %q is not one of %s", r.ID, r.Precision, strings.Join(Precisions, ", ")))
		}
		d := r.Doc
		for _, f := range []struct{ name, val string }{
			{"Summary", d.Summary}, {"What", d.What}, {"Why", d.Why},
			{"Example", d.Example}, {"UseInstead", d.UseInstead}, {"Since", d.Since}, {"Fix", d.Fix},
		} {
			if strings.TrimSpace(f.val) == "" {
				errs = append(errs, fmt.Errorf("rule %s: Doc.%s is empty", r.ID, f.name))
			}
		}
		if s := d.Summary; s != "" && (strings.HasSuffix(s, ".") || strings.Contains(s, "\n")) {
			errs = append(errs, fmt.Errorf("rule %s: Doc.Summary must be one line without a final period", r.ID))
		}
		for _, o := range r.Options {
			errs = append(errs, validateOption(r.ID, o, options)...)
		}
		for _, w := range r.YieldsTo {
			if w == nil || w == r || w.Run == nil || !slices.Contains(rules, w) {
				errs = append(errs, fmt.Errorf("rule %s: YieldsTo needs other rules of the list that have a Run", r.ID))
				break
			}
		}
	}
	if unused > 1 {
		errs = append(errs, fmt.Errorf("%d rules are marked UnusedSuppressions, want at most one", unused))
	}
	return errors.Join(errs...)
}

// validateOption checks one option of rule id; seen maps the names met so
// far to their declarations.
func validateOption(id string, o *Option, seen map[string]*Option) []error {
	if o == nil {
		return []error{fmt.Errorf("rule %s: nil option", id)}
	}
	var errs []error
	if !isKebab(o.Name) {
		errs = append(errs, fmt.Errorf("rule %s: option name %q is not kebab-case", id, o.Name))
	}
	if prev, ok := seen[o.Name]; ok && prev != o {
		errs = append(errs, fmt.Errorf("rule %s: option %q is declared twice (share one *Option)", id, o.Name))
	}
	seen[o.Name] = o
	if strings.TrimSpace(o.Doc) == "" {
		errs = append(errs, fmt.Errorf("rule %s: option %q has no Doc", id, o.Name))
	}
	if o.Type.Decode == nil || o.Type.Show == nil {
		errs = append(errs, fmt.Errorf("rule %s: option %q needs Type.Decode and Type.Show", id, o.Name))
	}
	return errs
}
