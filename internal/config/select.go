package config

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// matchesRule reports whether selector (ALL, a rule ID or an ID prefix)
// covers ruleID.
func matchesRule(selector, ruleID string) bool {
	return selector == "ALL" || strings.HasPrefix(ruleID, selector)
}

// specificity ranks selectors: ALL is the least specific, then longer
// prefixes are more specific; a full ID is the most specific.
func specificity(selector string) int {
	if selector == "ALL" {
		return 0
	}
	return len(selector)
}

// best returns the specificity of the most specific selector covering
// ruleID, or -1 when none does.
func best(selectors []string, ruleID string) int {
	b := -1
	for _, s := range selectors {
		if matchesRule(s, ruleID) && specificity(s) > b {
			b = specificity(s)
		}
	}
	return b
}

// Enabled reports whether ruleID runs. As in ruff, the most specific
// selector covering the rule decides: ALL < "DAG" < "DAG1" < "DAG10" <
// "DAG101". Select and ExtendSelect enable, Ignore disables, and when an
// enabling and a disabling selector are equally specific the ignore wins.
// So select [DAG1] with ignore [DAG101] runs DAG102 but not DAG101, and
// select [DAG101] with ignore [DAG1] runs DAG101 alone of the DAG1xx rules.
// A rule no selector covers does not run. The command line's
// --extend-select and --ignore (see ApplyCLI) are a layer over that answer.
func (c *Config) Enabled(ruleID string) bool {
	on := layerEnabled(c.Select, c.ExtendSelect, c.Ignore, ruleID)
	s, i := best(c.cliExtend, ruleID), best(c.cliIgnore, ruleID)
	if s < 0 && i < 0 {
		return on
	}
	return s > i
}

// layerEnabled judges one layer of selectors by specificity.
func layerEnabled(sel, ext, ign []string, ruleID string) bool {
	s := max(best(sel, ruleID), best(ext, ruleID))
	if s < 0 {
		return false
	}
	return s > best(ign, ruleID)
}

// IgnoredFor reports whether a per-file-ignores entry turns ruleID off for
// the file at relPath (relative to Dir; an absolute path under Dir is made
// relative). A pattern matches the slash path; a pattern without "/" also
// matches the file's base name, so "conftest.py" covers it in every folder.
func (c *Config) IgnoredFor(relPath, ruleID string) bool {
	rel := cleanRel(c.Dir, relPath)
	for _, pfi := range c.PerFileIgnores {
		if !matchGlob(pfi.Pattern, rel) {
			continue
		}
		for _, r := range pfi.Rules {
			if matchesRule(r, ruleID) {
				return true
			}
		}
	}
	return false
}

// Excluded reports whether the file or folder at relPath (relative to Dir)
// is excluded by exclude or extend-exclude. A pattern that matches a folder
// excludes everything under it, and a pattern without "/" matches any single
// path component ("vendor" skips every folder named vendor).
func (c *Config) Excluded(relPath string) bool {
	return c.ExcludedBelow("", relPath)
}

// ExcludedBelow is Excluded for a path found while walking root, a folder
// named on the command line (relative to Dir or absolute; "" for none):
// root and its ancestors are not matched, only the components below it, so
// naming an excluded folder lints it as naming an excluded file does, while
// exclusions inside it still apply.
func (c *Config) ExcludedBelow(root, relPath string) bool {
	if len(c.Exclude) == 0 {
		return false
	}
	rel := cleanRel(c.Dir, relPath)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return false
	}
	stop := "."
	if root != "" {
		stop = cleanRel(c.Dir, root)
	}
	for p := rel; p != "." && p != "/" && p != "" && p != stop; p = path.Dir(p) {
		for _, pat := range c.Exclude {
			if matchGlob(pat, p) {
				return true
			}
		}
	}
	return false
}

// matchGlob matches a doublestar pattern against a clean slash path, and a
// pattern without "/" against its base name as well.
func matchGlob(pattern, rel string) bool {
	if ok, _ := doublestar.Match(pattern, rel); ok {
		return true
	}
	if !strings.Contains(pattern, "/") {
		ok, _ := doublestar.Match(pattern, path.Base(rel))
		return ok
	}
	return false
}

// ApplyCLI layers the command line's --select, --extend-select and --ignore
// over the file, as ruff does: a non-empty selectIDs starts afresh, replacing
// the file's select, extend-select and ignore, so --select DAG404 runs DAG404
// even when the file ignores it; otherwise extendSelect and ignore form a
// layer judged by specificity on its own and applied over the file's choice,
// so --extend-select re-enables a rule the file ignores. IDs are checked
// against the rule IDs given to Load or Discover; on an unknown one the
// receiver is left unchanged.
func (c *Config) ApplyCLI(selectIDs, extendSelect, ignore []string) error {
	for _, list := range [][]string{selectIDs, extendSelect, ignore} {
		for _, id := range list {
			if msg := checkRuleID(id, c.known); msg != "" {
				return &CLIError{Msg: msg}
			}
		}
	}
	if len(selectIDs) > 0 {
		c.Select = append([]string(nil), selectIDs...)
		c.ExtendSelect = append([]string(nil), extendSelect...)
		c.Ignore = append([]string(nil), ignore...)
		c.cliExtend, c.cliIgnore = nil, nil
		return nil
	}
	c.cliExtend = append(c.cliExtend, extendSelect...)
	c.cliIgnore = append(c.cliIgnore, ignore...)
	return nil
}

// CLIError is an invalid rule selector given on the command line.
type CLIError struct {
	Msg string
}

// Error returns the message.
func (e *CLIError) Error() string { return e.Msg }
