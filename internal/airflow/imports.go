package airflow

import (
	"strings"

	"github.com/daglint/daglint/internal/pyparse"
)

// imports maps local names to the dotted names they were imported as.
type imports struct {
	alias map[string]string // local name -> qualified name ("DockerOperator" -> "airflow.providers.docker.operators.docker.DockerOperator")
	star  []string          // modules star-imported from
	// relative are the file's relative imports (of the user's own modules,
	// which the module index may resolve): level and module as written.
	relative []importRef
}

// collectImports gathers every import in the file, at any depth: DAG files
// import inside functions too, and a name imported twice for different things
// is rare enough that the last one wins. Imports are statements, so the
// file's index lists them all, in source order.
//
// The qualified names of `from m import x` are written into one buffer,
// sized by a first pass, instead of one string each: a DAG file imports a
// dozen names, and each would otherwise be an allocation of its own.
func collectImports(f *pyparse.File) *imports {
	stmts := f.Index().Stmts
	names, size := 0, 0
	for _, s := range stmts {
		switch n := s.(type) {
		case *pyparse.Import:
			names += len(n.Names)
		case *pyparse.ImportFrom:
			names += len(n.Names)
			for _, a := range n.Names {
				size += len(n.Module) + 1 + len(a.Name)
			}
		}
	}
	im := &imports{alias: make(map[string]string, names)}
	var buf strings.Builder // String's results stay valid as it grows: written bytes never change
	buf.Grow(size)
	qual := func(module, name string) string {
		at := buf.Len()
		buf.WriteString(module)
		buf.WriteByte('.')
		buf.WriteString(name)
		return buf.String()[at:]
	}
	for _, s := range stmts {
		switch n := s.(type) {
		case *pyparse.Import:
			for _, a := range n.Names {
				if a.AsName != "" {
					im.alias[a.AsName] = a.Name
				} else {
					head, _, _ := strings.Cut(a.Name, ".")
					im.alias[head] = head
				}
			}
		case *pyparse.ImportFrom:
			if n.Level > 0 {
				im.relative = append(im.relative, importRef{level: n.Level, module: n.Module})
				continue // relative imports name the user's own modules
			}
			for _, a := range n.Names {
				switch {
				case a.Name == "*":
					im.star = append(im.star, n.Module)
				case a.AsName != "":
					im.alias[a.AsName] = qual(n.Module, a.Name)
				default:
					im.alias[a.Name] = qual(n.Module, a.Name)
				}
			}
		}
	}
	return im
}

// knownStarNames are the names a star import from an Airflow module can bring
// in that daglint cares about.
var knownStarNames = map[string]bool{
	"DockerOperator": true, "DockerSwarmOperator": true, "KubernetesPodOperator": true,
	"DAG": true, "dag": true, "task": true, "TaskGroup": true, "task_group": true,
	"Variable": true, "BaseHook": true, "docker_task": true,
}

// qualName returns the dotted name an expression refers to through imports,
// or "" when it is not a (possibly dotted) imported name.
func (im *imports) qualName(e pyparse.Expr) string {
	var parts []string
	for {
		switch x := e.(type) {
		case *pyparse.Attribute:
			parts = append(parts, x.Attr)
			e = x.Value
			continue
		case *pyparse.Name:
			q, ok := im.alias[x.ID]
			if !ok {
				if !knownStarNames[x.ID] {
					return ""
				}
				for _, m := range im.star {
					if strings.HasPrefix(m, "airflow") {
						q, ok = m+"."+x.ID, true
					}
				}
				if !ok {
					return ""
				}
			}
			for i := len(parts) - 1; i >= 0; i-- {
				q += "." + parts[i]
			}
			return q
		}
		return ""
	}
}

// symbol is what daglint recognises a qualified name as.
type symbol int

const (
	symNone symbol = iota
	symDockerOperator
	symDockerSwarmOperator
	symKubernetesPodOperator
	symTaskDocker // @task.docker / docker_task
	symDAG
	symDAGDecorator
	symTaskGroup
	symTaskGroupDecorator
	symVariable
	symBaseHook
)

// fromAirflow reports whether any name of the file can stand for something
// of Airflow: an import (or star import) of a module whose path starts with
// "airflow". Without one, qualName never starts with "airflow." and classify
// knows no name of the file, so no call is an operator (keep in step with
// classify and operatorKind).
func (im *imports) fromAirflow() bool {
	for _, q := range im.alias {
		if strings.HasPrefix(q, "airflow") {
			return true
		}
	}
	for _, m := range im.star {
		if strings.HasPrefix(m, "airflow") {
			return true
		}
	}
	return false
}

// classify recognises Airflow names by their last components under any
// `airflow.` module, so that provider paths, Airflow 1.10 contrib paths,
// deprecated shims and Airflow 3 `airflow.sdk` paths all count.
func classify(q string) symbol {
	if !strings.HasPrefix(q, "airflow.") {
		return symNone
	}
	last := q[strings.LastIndexByte(q, '.')+1:]
	switch last {
	case "DockerOperator":
		return symDockerOperator
	case "DockerSwarmOperator":
		return symDockerSwarmOperator
	case "KubernetesPodOperator":
		return symKubernetesPodOperator
	case "docker_task":
		return symTaskDocker
	case "docker":
		if strings.HasSuffix(q, ".task.docker") {
			return symTaskDocker
		}
	case "DAG":
		return symDAG
	case "dag":
		if !strings.Contains(q, ".operators.") {
			return symDAGDecorator
		}
	case "TaskGroup":
		return symTaskGroup
	case "task_group":
		return symTaskGroupDecorator
	case "Variable":
		return symVariable
	case "BaseHook", "Connection":
		return symBaseHook
	}
	return symNone
}
