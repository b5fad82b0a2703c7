package airflow

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/daglint/daglint/internal/pyparse"
)

// kpoFamilyTables holds, per provider class, every parameter it and the
// provider classes between it and KubernetesPodOperator add.
type kpoFamilyTables struct {
	params map[string]nameSet
	task   nameSet
}

// kpoFamilyData returns the tables, built once from generatedKPOFamily:
// what buildKPOFamily derives from the embedded JSON, written out as Go
// (kpo_gen.go, which a test checks against the JSON), so that the first
// file naming an operator does not pay for decoding it (about 0.5 ms).
var kpoFamilyData = sync.OnceValue(func() *kpoFamilyTables { return generatedKPOFamily().tables() })

// kpoFamilyLists is kpoFamilyTables with each set as its sorted names: the
// form kpo_gen.go gives the tables in.
type kpoFamilyLists struct {
	params map[string][]string
	task   []string
}

// tables makes the sets of the lists.
func (l kpoFamilyLists) tables() *kpoFamilyTables {
	t := &kpoFamilyTables{params: make(map[string]nameSet, len(l.params)), task: make(nameSet, len(l.task)).add(l.task)}
	for name, params := range l.params {
		t.params[name] = make(nameSet, len(params)).add(params)
	}
	return t
}

// kpoFamilyClass reports whether the qualified name is a provider subclass
// of KubernetesPodOperator (GKEStartPodOperator, EksPodOperator,
// KubernetesJobOperator ...) under an airflow module, and returns its class name.
func kpoFamilyClass(q string) (string, bool) {
	if !strings.HasPrefix(q, "airflow.") {
		return "", false
	}
	last := q[strings.LastIndexByte(q, '.')+1:]
	_, ok := kpoFamilyData().params[last]
	return last, ok
}

// isTaskKubernetes reports whether the qualified name is the
// @task.kubernetes decorator (or the provider's kubernetes_task).
func isTaskKubernetes(q string) bool {
	return strings.HasPrefix(q, "airflow.") && (strings.HasSuffix(q, ".task.kubernetes") || strings.HasSuffix(q, ".kubernetes_task"))
}

// taskKubernetesParams are the keywords @task.kubernetes accepts besides
// KubernetesPodOperator's: its own and DecoratedOperator's. Built once; the
// calls share it and never write it.
var taskKubernetesParams = sync.OnceValue(func() nameSet {
	return nameSet{}.add(setNames(kpoFamilyData().task), paramData().decoratedParams)
})

// podImage is a container image in an `executor_config` pod override: the
// KubernetesExecutor (or CeleryKubernetesExecutor) starts the task in a pod
// built from it.
type podImage struct {
	// Container is the k8s.V1Container(...) call.
	Container *pyparse.Call
	// Image is the resolved image keyword, located at its value.
	Image *Arg
	// PullPolicy is the container's image_pull_policy, nil when not given.
	PullPolicy *Arg
}

// podOverrideImages returns the images of the containers of the
// `"pod_override"` entry of an executor_config value, when it is written as
// k8s.V1Pod(spec=k8s.V1PodSpec(containers=[k8s.V1Container(image=...)])) in
// the file (through names too).
func (m *Model) podOverrideImages(cfg Value, r *resolver) []podImage {
	if cfg.Kind != Dict {
		return nil
	}
	e := cfg.Get("pod_override")
	if e == nil {
		return nil
	}
	specCall := r.keywordCall(r.callOf(e.ValueExpr, "V1Pod"), "spec", "V1PodSpec")
	if specCall == nil {
		return nil
	}
	var out []podImage
	for _, field := range []string{"containers", "init_containers"} {
		kw := specCall.Keyword(field)
		if kw == nil {
			continue
		}
		list := r.eval(kw.Value)
		if list.Kind != List {
			continue
		}
		for _, el := range list.Elems() {
			c := r.callOf(el.Expr, "V1Container")
			if c == nil {
				continue
			}
			img := c.Keyword("image")
			if img == nil {
				continue
			}
			v := r.eval(img.Value)
			if v.Kind == String && v.Str == "" {
				// Airflow merges the override into the worker's pod and
				// keeps the base image for a falsy one (pod_generator's
				// merge_objects): an empty image is no reference.
				continue
			}
			pi := podImage{Container: c, Image: &Arg{Name: "image", Value: v, Expr: img.Value, KeyRange: img.NameRange, Source: FromCall}}
			if pp := c.Keyword("image_pull_policy"); pp != nil {
				pi.PullPolicy = &Arg{Name: "image_pull_policy", Value: r.eval(pp.Value), Expr: pp.Value, KeyRange: pp.NameRange, Source: FromCall}
			}
			out = append(out, pi)
		}
	}
	return out
}

// keywordCall returns the call of class given as keyword kw of c, or nil.
func (r *resolver) keywordCall(c *pyparse.Call, kw, class string) *pyparse.Call {
	if c == nil {
		return nil
	}
	k := c.Keyword(kw)
	if k == nil {
		return nil
	}
	return r.callOf(k.Value, class)
}

// callOf returns the call e is (directly or through a module-level name)
// when its callee is named class (k8s.V1Pod, models.V1Pod, V1Pod).
func (r *resolver) callOf(e pyparse.Expr, class string) *pyparse.Call {
	for hops := 0; hops < 4 && e != nil; hops++ {
		switch x := e.(type) {
		case *pyparse.Call:
			// only the Kubernetes client's models (k8s.V1Pod, V1Pod ...)
			q := r.m.imports.qualName(x.Func)
			if strings.HasPrefix(q, "kubernetes.") && strings.HasSuffix(q, "."+class) {
				return x
			}
			return nil
		case *pyparse.Name:
			b, ok := r.scope.lookup(x.ID, r.shadow)
			if !ok || b.kind != bindAssign {
				return nil
			}
			e = b.value
		default:
			return nil
		}
	}
	return nil
}

// podOverrides adds an OpCall for each container image of the
// executor_config pod override of a call site (any operator or @task
// decorator). A container shared by several calls is added once.
func (b *builder) podOverrides(s callSite) {
	kw := s.call.Keyword("executor_config")
	if kw == nil {
		return
	}
	r := &resolver{m: b.m, scope: s.scope, shadow: s.shadow}
	for _, pi := range b.m.podOverrideImages(r.eval(kw.Value), r) {
		if b.podSeen[pi.Container] {
			continue
		}
		if b.podSeen == nil {
			b.podSeen = map[*pyparse.Call]bool{}
		}
		b.podSeen[pi.Container] = true
		op := &OpCall{
			Kind:        KubernetesPodOperator,
			Class:       "executor_config pod_override",
			Callee:      pi.Container.Func.Span(),
			CalleeText:  b.m.File.Text(pi.Container.Func.Span()),
			PodOverride: pi.Container,
			Scope:       s.scope,
			Args:        map[string]*Arg{"image": pi.Image},
		}
		if pi.PullPolicy != nil {
			op.Args["image_pull_policy"] = pi.PullPolicy
		}
		b.m.Calls = append(b.m.Calls, op)
	}
}
