package rules

import "github.com/daglint/daglint/internal/analysis"

// The precedence between rules (RULES.md "Precedence"), declared once here:
// a loser lists its winners in Rule.YieldsTo and asks Pass.Claimed about
// the location of what it is about to judge; a location where a winner
// reports is the winner's alone, whether the winner is enabled or not.
//
//   - one image, one reference finding: DAG103 over every other image rule
//     (DAG101, DAG102, DAG104, DAG105) and over DAG203, at the image value;
//   - one entry, one credential finding: DAG201 over DAG204, at the dict key;
//   - one literal, one secret finding: DAG301 over DAG302, at the literal;
//   - one registry mismatch, one finding: DAG101 over DAG205, at the image
//     value that names no registry host.
//
// The image rules also need a valid reference to judge anything (the images
// fact's Err), so for them DAG103's entry is a guarantee more than a guard.
var (
	yieldToInvalidReference    = []*analysis.Rule{ImageInvalidReference}
	yieldToRegistryCredentials = []*analysis.Rule{RegistryCredentialsInEnvironment}
	yieldToHardcodedToken      = []*analysis.Rule{HardcodedToken}
	yieldToImageUnqualified    = []*analysis.Rule{ImageUnqualified}
)
