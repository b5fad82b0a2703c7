package analysis

import (
	"fmt"
	"strings"
)

// Documentation renders the rule's documentation, as Markdown or as plain
// text (as staticcheck's Documentation.Format): the one renderer of
// `daglint explain`, docs/rules/ID.md, the language server's hover and
// SARIF's help, so every place shows the same sections under the same
// titles. The Markdown form is the rule's page.
func (r *Rule) Documentation(markdown bool) string {
	var b strings.Builder
	d := r.Doc
	if markdown {
		fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Name)
	} else {
		fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Name)
	}
	fmt.Fprintf(&b, "%s.\n\n", capitalise(d.Summary))
	item := "- "
	if !markdown {
		item = ""
	}
	fmt.Fprintf(&b, "%sDefault level: %s\n", item, r.Severity)
	fmt.Fprintf(&b, "%sSince: %s\n", item, d.Since)
	fmt.Fprintf(&b, "%sFix: %s\n", item, d.Fix)
	if opts := r.optionsLine(); opts != "" {
		fmt.Fprintf(&b, "%sOptions: %s\n", item, opts)
	}
	section := func(title, body string, code bool) {
		body = strings.TrimRight(body, "\n")
		if code && d.ExampleFile != "" && markdown {
			title += " (`" + d.ExampleFile + "`)"
		} else if code && d.ExampleFile != "" {
			title += " (" + d.ExampleFile + ")"
		}
		switch {
		case markdown && code:
			f := Fence(body)
			fmt.Fprintf(&b, "\n## %s\n\n%s%s\n%s\n%s\n", title, f, d.ExampleLanguage(), body, f)
		case markdown:
			fmt.Fprintf(&b, "\n## %s\n\n%s\n", title, strings.TrimSpace(body))
		case code:
			fmt.Fprintf(&b, "\n%s:\n\n%s\n", title, indent(body))
		default:
			fmt.Fprintf(&b, "\n%s:\n\n%s\n", title, strings.TrimSpace(body))
		}
	}
	section("What it does", d.What, false)
	section("Why is this bad", d.Why, false)
	section("Example", d.Example, true)
	section("Use instead", d.UseInstead, true)
	return b.String()
}

// optionsLine lists the configuration keys the rule reads: its options as
// "name (doc)", then the deployment settings of Doc.Options.
func (r *Rule) optionsLine() string {
	var parts []string
	for _, o := range r.Options {
		parts = append(parts, o.Name+" ("+o.Doc+")")
	}
	if r.Doc.Options != "" {
		parts = append(parts, r.Doc.Options)
	}
	return strings.Join(parts, "; ")
}

// Fence returns a Markdown code fence longer than any run of backticks in
// code.
func Fence(code string) string {
	longest, run := 0, 0
	for _, r := range code {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// indent indents every non-empty line of code by four spaces, as plain text
// sets code apart.
func indent(code string) string {
	lines := strings.Split(code, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
