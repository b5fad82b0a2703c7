package ruletest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/pyparse"
)

// RunProject checks each fixture project in the folders matching pattern
// (a filepath.Glob). A fixture project is a small Airflow project: a
// dags/ folder of DAG files with `# want` comments, the modules they
// import (include/, plugins/, the project root, python-path folders) and
// optionally a .daglint.yaml, whose select, python-path, airflow-version,
// registry and connections settings apply (without connections:, an
// airflow_settings.yaml next to it is read). Every file under dags/ is linted with the
// project's module index and must report exactly what it expects; the
// other modules are only read to resolve imports, as a run on dags/
// would, so a `# want` in one of them is a mistake in the fixture.
func RunProject(t *testing.T, pattern string, all []*analysis.Rule) {
	t.Helper()
	eachFixture(t, pattern, func(dir string) ([]string, error) { return CheckProject(dir, all) })
}

// CheckProject lints one fixture project (see RunProject) and returns its
// problems.
func CheckProject(dir string, all []*analysis.Rule) ([]string, error) {
	opts, err := projectOptions(dir, all)
	if err != nil {
		return nil, err
	}
	var problems []string
	var files int
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f := pyparse.Parse(path, src)
		wants, err := ParseWants(f)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if !strings.HasPrefix(filepath.ToSlash(rel), "dags/") {
			if len(wants) > 0 {
				problems = append(problems, fmt.Sprintf("%s: a want comment outside dags/ (modules there are not linted)", path))
			}
			return nil
		}
		files++
		res := lint.Source(path, src, *opts)
		if res.Err != nil {
			return res.Err
		}
		problems = append(problems, Compare(f, res.Diagnostics, wants)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if files == 0 {
		return nil, fmt.Errorf("%s: no DAG file under dags/", dir)
	}
	sort.Strings(problems)
	return problems, nil
}

// projectOptions builds the lint options of a fixture project from its
// configuration (the defaults without one).
func projectOptions(dir string, all []*analysis.Rule) (*lint.Options, error) {
	known := knownIDs(all)
	cfg := config.Default(dir, all)
	if p := filepath.Join(dir, config.FileName); fileExists(p) {
		var err error
		if cfg, err = config.Load(p, all); err != nil {
			return nil, err
		}
	}
	conns, err := connections.Load(cfg.ConnectionSources(dir))
	if err != nil {
		return nil, err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	opts := &lint.Options{Settings: cfg.Settings(conns), KnownRules: known, Modules: project.New(dir, cwd, cfg.PythonPath)}
	for _, r := range all {
		if r.Secret {
			opts.SecretRules = append(opts.SecretRules, r)
		}
		if cfg.Enabled(r.ID) {
			opts.Rules = append(opts.Rules, r)
		}
	}
	return opts, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
