package airflow

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

var allKinds = []OperatorKind{DockerOperator, DockerSwarmOperator, TaskDocker, KubernetesPodOperator}

func TestEmbeddedParamsDecode(t *testing.T) {
	tables, err := buildParamTables(airflowParamsJSON)
	if err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	for _, kind := range allKinds {
		for _, v := range airflowVersions {
			if n := len(tables.valid[kind][v]); n < 50 {
				t.Errorf("%v on %s: only %d keywords", kind, v, n)
			}
		}
		if len(tables.templated[kind]) == 0 {
			t.Errorf("%v: no template fields", kind)
		}
	}
	for _, bad := range []string{`{`, `{}`, `{"base_operator": {"1.10": ["a"], "2": ["a"], "3": ["a"]}}`} {
		if _, err := buildParamTables([]byte(bad)); err == nil {
			t.Errorf("buildParamTables(%s): want error", bad)
		}
	}
}

func TestOperatorKindString(t *testing.T) {
	want := map[OperatorKind]string{
		DockerOperator: "DockerOperator", DockerSwarmOperator: "DockerSwarmOperator",
		TaskDocker: "@task.docker", KubernetesPodOperator: "KubernetesPodOperator",
		UnknownOperator: "UnknownOperator(0)", OperatorKind(42): "UnknownOperator(42)",
	}
	for k, s := range want {
		if got := k.String(); got != s {
			t.Errorf("String() = %q, want %q", got, s)
		}
	}
}

func TestNormalizeVersion(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"1.10", "1.10", true}, {"1.10.15", "1.10", true}, {"2", "2", true}, {"2.9", "2", true},
		{"2.11.0", "2", true}, {" 3 ", "3", true}, {"3", "3", true}, {"3.0.2", "3", true},
		{"1", "", false}, {"1.9", "", false}, {"4", "", false}, {"", "", false}, {"20", "", false}, {"latest", "", false},
		// Once two functions with different rules: the configuration's
		// rejected what this one accepted. Now both take numbers only.
		{"2.x", "", false}, {"3.", "", false}, {"2..1", "", false}, {"+2", "", false}, {"1.010", "", false},
		{"1.10.x", "", false}, {"02", "", false}, {"2.-1", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeVersion(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeVersion(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// splitVersion is NormalizeVersion as it read versions before its fast
// path and in-place parts: split on every dot, then look at the parts.
func splitVersion(v string) (string, bool) {
	parts := strings.Split(strings.TrimSpace(v), ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
	}
	switch {
	case parts[0] == "1" && len(parts) >= 2 && parts[1] == "10":
		return Airflow1, true
	case parts[0] == Airflow2, parts[0] == Airflow3:
		return parts[0], true
	}
	return "", false
}

// TestNormalizeVersionMatchesSplit: the fast path for a normal version and
// the parts read in place give what splitting on every dot gives, on the
// listed versions and 50,000 generated strings over digits, dots, spaces
// and a letter.
func TestNormalizeVersionMatchesSplit(t *testing.T) {
	inputs := []string{Airflow1, Airflow2, Airflow3, "", ".", "..", " ", "1.10", "1.10.", "1.1", "1.100", "2 ", " 1.10 ",
		"3.0", "2.", ".2", "1.10.0.0", "10", "1..10", "\t2\n", "3\u00a0"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = "0123..  x"[r.IntN(9)]
		}
		inputs = append(inputs, string(b))
	}
	matched := 0
	for _, v := range inputs {
		got, ok := NormalizeVersion(v)
		want, wantOK := splitVersion(v)
		if got != want || ok != wantOK {
			t.Fatalf("NormalizeVersion(%q) = %q, %v; splitting gives %q, %v", v, got, ok, want, wantOK)
		}
		if ok {
			matched++
		}
	}
	if matched < 500 {
		t.Errorf("only %d inputs were versions: the generated strings test little", matched)
	}
}

// kwargCase pairs a keyword with whether kind accepts it on each version.
type kwargCase struct {
	kind                OperatorKind
	name                string
	on110, onAf2, onAf3 bool
}

func TestValidKwargs(t *testing.T) {
	var tests []kwargCase
	docker := []OperatorKind{DockerOperator, DockerSwarmOperator, TaskDocker}
	for _, k := range docker {
		tests = append(tests,
			kwargCase{k, "image", true, true, true},
			kwargCase{k, "docker_conn_id", true, true, true},
			kwargCase{k, "task_id", true, true, true},
			kwargCase{k, "environment", true, true, true},
			kwargCase{k, "private_environment", true, true, true}, // 1.10 through the backport provider
			kwargCase{k, "retries", true, true, true},
			kwargCase{k, "default_args", true, true, true},
			kwargCase{k, "force_pull", true, true, true},
			kwargCase{k, "sla", true, true, true}, // kept (warns only) in Airflow 3
			kwargCase{k, "labels", false, true, true},
			kwargCase{k, "skip_on_exit_code", false, true, true},
			kwargCase{k, "skip_exit_code", false, true, false}, // providers 3.5-3.14, Airflow 2 only
			kwargCase{k, "retry_policy", false, false, true},
			kwargCase{k, "auth_config", false, false, false},
			kwargCase{k, "imagee", false, false, false},
			kwargCase{k, "docker_con_id", false, false, false},
			kwargCase{k, "namespace", false, false, false},
			kwargCase{k, "", false, false, false},
		)
	}
	for _, k := range []OperatorKind{DockerOperator, DockerSwarmOperator} {
		tests = append(tests,
			kwargCase{k, "mounts", false, true, true}, // provider 2.0.0+, which needs Airflow 2
			kwargCase{k, "volumes", true, false, false},
			kwargCase{k, "xcom_push", true, false, false},
			kwargCase{k, "task_concurrency", true, true, false},
			kwargCase{k, "schedule_interval", true, false, false},
			kwargCase{k, "command", true, true, true},
			kwargCase{k, "retrieve_output", false, true, true},
		)
	}
	tests = append(tests,
		// @task.docker: no decorator on 1.10, so it gets the Airflow 2 set.
		kwargCase{TaskDocker, "mounts", true, true, true},
		kwargCase{TaskDocker, "volumes", false, false, false},
		kwargCase{TaskDocker, "use_dill", true, true, false},
		kwargCase{TaskDocker, "serializer", true, true, true},
		kwargCase{TaskDocker, "python_command", true, true, true},
		kwargCase{TaskDocker, "expect_airflow", true, true, true},
		kwargCase{TaskDocker, "multiple_outputs", true, true, true},
		kwargCase{TaskDocker, "task_concurrency", true, true, false},
		// The decorator passes these itself: "got multiple values".
		kwargCase{TaskDocker, "command", false, false, false},
		kwargCase{TaskDocker, "retrieve_output", false, false, false},
		kwargCase{TaskDocker, "retrieve_output_path", false, false, false},
		kwargCase{TaskDocker, "op_args", false, false, false},
		kwargCase{TaskDocker, "op_kwargs", false, false, false},

		kwargCase{DockerSwarmOperator, "enable_logging", true, true, true},
		kwargCase{DockerSwarmOperator, "service_prefix", false, true, true},
		kwargCase{DockerSwarmOperator, "configs", false, true, true},
		kwargCase{DockerOperator, "enable_logging", false, false, false},
		kwargCase{DockerOperator, "service_prefix", false, false, false},

		kwargCase{KubernetesPodOperator, "image", true, true, true},
		kwargCase{KubernetesPodOperator, "namespace", true, true, true},
		kwargCase{KubernetesPodOperator, "cmds", true, true, true},
		kwargCase{KubernetesPodOperator, "env_vars", true, true, true},
		kwargCase{KubernetesPodOperator, "image_pull_secrets", true, true, true},
		kwargCase{KubernetesPodOperator, "kubernetes_conn_id", true, true, true},
		kwargCase{KubernetesPodOperator, "task_id", true, true, true},
		kwargCase{KubernetesPodOperator, "retries", true, true, true},
		kwargCase{KubernetesPodOperator, "default_args", true, true, true},
		kwargCase{KubernetesPodOperator, "volumes", true, true, true},
		kwargCase{KubernetesPodOperator, "task_concurrency", true, true, false},
		kwargCase{KubernetesPodOperator, "docker_conn_id", false, false, false},
		kwargCase{KubernetesPodOperator, "environment", false, false, false},
		kwargCase{KubernetesPodOperator, "private_environment", false, false, false},
		kwargCase{KubernetesPodOperator, "mounts", false, false, false},
		kwargCase{KubernetesPodOperator, "auth_config", false, false, false},
		kwargCase{KubernetesPodOperator, "namspace", false, false, false},
	)
	for _, tt := range tests {
		if tt.kind == TaskDocker {
			// No @task.docker on 1.10: it gets the Airflow 2 set.
			tt.on110 = tt.onAf2
		}
		for v, want := range map[string]bool{Airflow1: tt.on110, Airflow2: tt.onAf2, Airflow3: tt.onAf3} {
			if got := ValidKwargs(tt.kind, v)[tt.name]; got != want {
				t.Errorf("ValidKwargs(%v, %q)[%q] = %v, want %v", tt.kind, v, tt.name, got, want)
			}
			if got := IsValidKwarg(tt.kind, v, tt.name); got != want {
				t.Errorf("IsValidKwarg(%v, %q, %q) = %v, want %v", tt.kind, v, tt.name, got, want)
			}
		}
		// An unknown version accepts what any version accepts.
		if got, want := IsValidKwarg(tt.kind, "9", tt.name), tt.on110 || tt.onAf2 || tt.onAf3; got != want {
			t.Errorf("IsValidKwarg(%v, \"9\", %q) = %v, want %v", tt.kind, tt.name, got, want)
		}
	}
}

func TestValidKwargsUnknownKindAndCopy(t *testing.T) {
	if got := ValidKwargs(UnknownOperator, "2"); got != nil {
		t.Errorf("ValidKwargs(UnknownOperator) = %d names, want nil", len(got))
	}
	if !IsValidKwarg(UnknownOperator, "2", "anything") {
		t.Error("IsValidKwarg(UnknownOperator) = false, want true (never report what cannot be checked)")
	}
	m := ValidKwargs(DockerOperator, "2")
	m["auth_config"] = true
	delete(m, "image")
	if IsValidKwarg(DockerOperator, "2", "auth_config") || !IsValidKwarg(DockerOperator, "2", "image") {
		t.Error("mutating the returned map changed the shared table")
	}
}

// rawLinterSets decodes the data's own precomputed sets for cross-checks.
func rawLinterSets(t *testing.T) (linter map[string][]string, accepted map[string]json.RawMessage) {
	t.Helper()
	var doc struct {
		LinterSets map[string]json.RawMessage `json:"linter_sets"`
		TaskDocker struct {
			Accepted map[string]json.RawMessage `json:"accepted_kwargs_current"`
		} `json:"task_docker"`
	}
	if err := json.Unmarshal(airflowParamsJSON, &doc); err != nil {
		t.Fatal(err)
	}
	linter = map[string][]string{}
	for k, raw := range doc.LinterSets {
		var l []string
		if json.Unmarshal(raw, &l) == nil {
			linter[k] = l
		}
	}
	return linter, doc.TaskDocker.Accepted
}

func sameNames(t *testing.T, what string, got map[string]bool, want []string) {
	t.Helper()
	w := map[string]bool{}
	for _, n := range want {
		w[n] = true
		if !got[n] {
			t.Errorf("%s: missing %q", what, n)
		}
	}
	for n := range got {
		if !w[n] {
			t.Errorf("%s: unexpected %q", what, n)
		}
	}
}

func TestValidKwargsAgreeWithDataLinterSets(t *testing.T) {
	linter, accepted := rawLinterSets(t)
	sameNames(t, "DockerOperator on 3 vs docker_operator_valid_kwargs_provider4_airflow3",
		ValidKwargs(DockerOperator, "3"), linter["docker_operator_valid_kwargs_provider4_airflow3"])
	var td3 []string
	if err := json.Unmarshal(accepted["airflow_3_union_with_provider_4"], &td3); err != nil {
		t.Fatal(err)
	}
	sameNames(t, "@task.docker on 3 vs airflow_3_union_with_provider_4", ValidKwargs(TaskDocker, "3"), td3)

	// Airflow 2 is a superset of the provider-4 list (older providers add names).
	af2 := ValidKwargs(DockerOperator, "2")
	for _, n := range linter["docker_operator_valid_kwargs_provider4_airflow2"] {
		if !af2[n] {
			t.Errorf("DockerOperator on 2: missing %q from the provider 4 set", n)
		}
	}
	// Every version's set stays inside the data's any-version unions.
	union := map[OperatorKind]string{
		DockerOperator:      "docker_operator_valid_kwargs_any_version",
		DockerSwarmOperator: "docker_swarm_operator_valid_kwargs_any_version",
		TaskDocker:          "task_docker_valid_kwargs_any_version",
	}
	for kind, key := range union {
		any := map[string]bool{}
		for _, n := range linter[key] {
			any[n] = true
		}
		for _, v := range airflowVersions {
			for n := range ValidKwargs(kind, v) {
				if !any[n] {
					t.Errorf("%v on %s accepts %q, which %s does not list", kind, v, n, key)
				}
			}
		}
	}
}

func TestTemplateFields(t *testing.T) {
	tests := []struct {
		kind OperatorKind
		in   []string
		out  []string
	}{
		{DockerOperator,
			[]string{"image", "command", "environment", "env_file", "container_name", "mounts", "docker_conn_id"},
			[]string{"private_environment", "docker_url", "network_mode", "tls_client_key", "user", "auth_config", "op_args"}},
		{DockerSwarmOperator,
			[]string{"image", "command", "environment", "env_file", "container_name", "mounts", "docker_conn_id"},
			[]string{"private_environment", "docker_url", "network_mode", "configs"}},
		{TaskDocker,
			[]string{"image", "environment", "env_file", "container_name", "mounts", "op_args", "op_kwargs", "docker_conn_id"},
			[]string{"private_environment", "docker_url", "network_mode"}},
		{KubernetesPodOperator,
			[]string{"image", "name", "cmds", "arguments", "env_vars", "namespace", "labels", "annotations",
				"config_file", "pod_template_file", "volumes", "volume_mounts", "kubernetes_conn_id", "node_selector"},
			[]string{"image_pull_secrets", "secrets", "in_cluster", "service_account_name", "environment", "docker_conn_id"}},
	}
	for _, tt := range tests {
		fields := TemplateFields(tt.kind)
		for _, n := range tt.in {
			if !fields[n] || !IsTemplatedInAnyVersion(tt.kind, n) {
				t.Errorf("%v: %q should be a template field", tt.kind, n)
			}
		}
		for _, n := range tt.out {
			if fields[n] || IsTemplatedInAnyVersion(tt.kind, n) {
				t.Errorf("%v: %q should not be a template field", tt.kind, n)
			}
		}
	}
	if TemplateFields(UnknownOperator) != nil || !IsTemplatedInAnyVersion(UnknownOperator, "x") {
		t.Error("unknown kind: want nil fields and 'templated' (never report)")
	}
	f := TemplateFields(DockerOperator)
	delete(f, "image")
	if !IsTemplatedInAnyVersion(DockerOperator, "image") {
		t.Error("mutating the returned map changed the shared table")
	}
}

func TestRemoved(t *testing.T) {
	tests := []struct {
		kind     OperatorKind
		version  string
		name     string
		contains string // "" means no hint expected
	}{
		{DockerOperator, "2", "auth_config", "docker_conn_id"},
		{DockerOperator, "1.10", "auth_config", "docker_conn_id"},
		{TaskDocker, "3", "auth_config", "docker_conn_id"},
		{DockerSwarmOperator, "3", "auth_config", "docker_conn_id"},
		{DockerOperator, "2", "volumes", "mounts"},
		{DockerOperator, "3", "volumes", "mounts"},
		{TaskDocker, "2", "volumes", "mounts"},
		{DockerOperator, "1.10", "volumes", ""}, // valid there
		{KubernetesPodOperator, "3", "volumes", ""},
		{DockerOperator, "3", "skip_exit_code", "skip_on_exit_code"},
		{DockerOperator, "2", "skip_exit_code", ""}, // providers 3.5-3.14 run on Airflow 2
		{DockerOperator, "3", "task_concurrency", "max_active_tis_per_dag"},
		{KubernetesPodOperator, "3", "task_concurrency", "max_active_tis_per_dag"},
		{DockerOperator, "2", "task_concurrency", ""},
		{TaskDocker, "3", "use_dill", "serializer"},
		{TaskDocker, "2", "use_dill", ""},
		{DockerOperator, "2", "xcom_push", "do_xcom_push"},
		{DockerOperator, "1.10", "xcom_push", ""},
		{DockerOperator, "3", "schedule_interval", "DAG"},
		{DockerOperator, "2", "imagee", ""},
		{DockerOperator, "2", "image", ""},
		{KubernetesPodOperator, "2", "auth_config", ""},
		{DockerOperator, "banana", "auth_config", ""},
	}
	for _, tt := range tests {
		hint, ok := Removed(tt.kind, tt.version, tt.name)
		if tt.contains == "" {
			if ok {
				t.Errorf("Removed(%v, %q, %q) = %q, want none", tt.kind, tt.version, tt.name, hint)
			}
			continue
		}
		if !ok || !strings.Contains(hint, tt.contains) {
			t.Errorf("Removed(%v, %q, %q) = %q, %v; want a hint mentioning %q", tt.kind, tt.version, tt.name, hint, ok, tt.contains)
		}
		if strings.HasSuffix(hint, ".") || hint != strings.ToLower(hint[:1])+hint[1:] {
			t.Errorf("hint %q: want lowercase start, no final period", hint)
		}
	}
}

// TestRemovedFactsInData checks each removal against the embedded release
// lists, so the hints cannot drift from the data.
func TestRemovedFactsInData(t *testing.T) {
	var doc paramsDoc
	if err := json.Unmarshal(airflowParamsJSON, &doc); err != nil {
		t.Fatal(err)
	}
	has := func(l []string, n string) bool {
		for _, x := range l {
			if x == n {
				return true
			}
		}
		return false
	}
	do := doc.DockerOperator
	for release, names := range do.PerRelease {
		major, err := releaseMajor(release)
		if err != nil {
			t.Fatal(err)
		}
		if got := has(names, "volumes"); got != (major < 2) {
			t.Errorf("provider %s: volumes present = %v", release, got)
		}
		if major >= 4 && has(names, "skip_exit_code") {
			t.Errorf("provider %s still has skip_exit_code", release)
		}
		if has(names, "auth_config") {
			t.Errorf("provider %s has auth_config", release)
		}
	}
	if has(do.AllVersionsUnion, "auth_config") || !has(do.V110.Params, "volumes") || !has(do.V110.Params, "xcom_push") {
		t.Error("data disagrees with the auth_config / volumes / xcom_push facts")
	}
	if has(doc.BaseOperator["3"], "task_concurrency") || !has(doc.BaseOperator["2"], "task_concurrency") {
		t.Error("data disagrees with the task_concurrency fact")
	}
	if has(doc.TaskDocker.Own.Current, "use_dill") {
		t.Error("data disagrees with the use_dill fact")
	}
}

func TestRenamedKwarg(t *testing.T) {
	tests := []struct {
		kind          OperatorKind
		version, name string
		want          string
	}{
		{DockerOperator, "3", "skip_exit_code", "skip_on_exit_code"},
		{DockerOperator, "3", "task_concurrency", "max_active_tis_per_dag"},
		{DockerOperator, "2", "xcom_push", "do_xcom_push"},
		{DockerOperator, "2", "volumes", ""},
		{DockerOperator, "2", "auth_config", ""},
		{DockerOperator, "2", "skip_exit_code", ""},
		{DockerOperator, "2", "task_concurrency", ""},
	}
	for _, tt := range tests {
		got, ok := RenamedKwarg(tt.kind, tt.version, tt.name)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("RenamedKwarg(%v, %q, %q) = %q, %v; want %q", tt.kind, tt.version, tt.name, got, ok, tt.want)
		}
	}
}

func TestClosestKwarg(t *testing.T) {
	tests := []struct {
		kind          OperatorKind
		version, name string
		want          string // "" means no suggestion
	}{
		{DockerOperator, "2", "docker_con_id", "docker_conn_id"},
		{DockerOperator, "3", "enviroment", "environment"},
		{DockerOperator, "2", "imagee", "image"},
		{DockerOperator, "2", "Docker_Conn_ID", "docker_conn_id"},
		{DockerOperator, "2", "dockerconnid", "docker_conn_id"},
		{DockerOperator, "2", "force-pull", "force_pull"},
		{DockerOperator, "2", "privat_environment", "private_environment"},
		{DockerOperator, "2", "mem_limt", "mem_limit"},
		{DockerOperator, "2", "comamnd", "command"},
		{DockerOperator, "3", "retires", "retries"},
		{DockerOperator, "3", "mount", "mounts"},
		{DockerOperator, "1.10", "volume", "volumes"},
		{TaskDocker, "3", "serialiser", "serializer"},
		{KubernetesPodOperator, "2", "namspace", "namespace"},
		{KubernetesPodOperator, "2", "env_var", "env_vars"},
		{DockerOperator, "9", "docker_con_id", "docker_conn_id"},
		// No suggestion: valid names, unrelated names, too far, too long.
		{DockerOperator, "2", "image", ""},
		{DockerOperator, "2", "auth_config", ""},
		{DockerOperator, "2", "foo", ""},
		{DockerOperator, "2", "img", ""},
		{DockerOperator, "2", "registry_password", ""},
		{DockerOperator, "2", "", ""},
		{DockerOperator, "2", strings.Repeat("image", 20), ""},
		{KubernetesPodOperator, "2", "docker_conn_id", ""},
		{UnknownOperator, "2", "imagee", ""},
	}
	for _, tt := range tests {
		got, ok := ClosestKwarg(tt.kind, tt.version, tt.name)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ClosestKwarg(%v, %q, %q) = %q, %v; want %q", tt.kind, tt.version, tt.name, got, ok, tt.want)
		}
		if ok && !IsValidKwarg(tt.kind, tt.version, got) {
			t.Errorf("ClosestKwarg suggested %q, which is not valid", got)
		}
	}
}

// TestSwarmIgnoredData checks the DockerSwarmOperator ignored-argument data
// against the parameter lists: each name is a DockerOperator parameter that
// DockerSwarmOperator accepts, and none is one it uses.
func TestSwarmIgnoredData(t *testing.T) {
	for _, name := range []string{"private_environment", "env_file", "network_mode", "privileged", "cap_add", "port_bindings", "container_name"} {
		if ign, _ := SwarmIgnored(name); !ign {
			t.Errorf("%s is not in the ignored list (verified in the provider source)", name)
		}
	}
	for _, name := range []string{"image", "command", "environment", "mounts", "user", "tty", "mem_limit", "auto_remove",
		"docker_url", "docker_conn_id", "tls_ca_cert", "tmp_dir", "retrieve_output", "secrets", "networks", "args", "task_id"} {
		if ign, _ := SwarmIgnored(name); ign {
			t.Errorf("%s is used by DockerSwarmOperator but listed as ignored", name)
		}
	}
	for _, lost := range []string{"private_environment", "env_file"} {
		if _, sl := SwarmIgnored(lost); !sl {
			t.Errorf("%s drops container variables but is not marked secrets_lost", lost)
		}
	}
	if _, sl := SwarmIgnored("network_mode"); sl {
		t.Error("network_mode marked secrets_lost")
	}
	for n := range paramData().swarmIgnored {
		for _, v := range []string{Airflow2, Airflow3} {
			if !IsValidKwarg(DockerSwarmOperator, v, n) || !IsValidKwarg(DockerOperator, v, n) {
				t.Errorf("ignored %q is not an accepted DockerOperator/DockerSwarmOperator argument on Airflow %s", n, v)
			}
		}
	}
}

// TestDockerMountReleasesRecorded: the docker provider releases that
// changed how mounts are read (4.5.6 dict entries, 4.5.9 conversion after
// rendering) are in the data with their parameter lists, template fields
// and a note naming the pull request each comes from.
func TestDockerMountReleasesRecorded(t *testing.T) {
	var doc struct {
		DockerOperator struct {
			Current struct {
				Params         []string `json:"params"`
				TemplateFields []string `json:"template_fields"`
			} `json:"current"`
			PerRelease       map[string][]string `json:"per_provider_release"`
			PerReleaseFields map[string][]string `json:"per_provider_release_template_fields"`
			Notes            map[string]string   `json:"per_provider_release_notes"`
		} `json:"docker_operator"`
	}
	if err := json.Unmarshal(airflowParamsJSON, &doc); err != nil {
		t.Fatal(err)
	}
	do := doc.DockerOperator
	for release, pr := range map[string]string{"4.5.6": "#66553", "4.5.9": "#70342"} {
		if got := do.PerRelease[release]; !slices.Equal(got, do.Current.Params) {
			t.Errorf("%s: parameters %v, want the current 47", release, got)
		}
		if got := do.PerReleaseFields[release]; !slices.Contains(got, "mounts") || !slices.Equal(got, do.Current.TemplateFields) {
			t.Errorf("%s: template fields %v", release, got)
		}
		if !strings.Contains(do.Notes[release], pr) {
			t.Errorf("%s: note %q does not cite %s", release, do.Notes[release], pr)
		}
	}
}

// TestValidKwargLookups checks the lookups that copy nothing against the
// copying ones: ValidKwarg against IsValidKwarg, IsValidKwargCore110
// against ValidKwargsCore110, for every kind and version.
func TestValidKwargLookups(t *testing.T) {
	kinds := []OperatorKind{DockerOperator, DockerSwarmOperator, KubernetesPodOperator, TaskDocker, OperatorKind(99)}
	names := []string{"", "nope", "auth_config", "volumes"}
	for _, k := range kinds {
		for n := range ValidKwargs(k, "") {
			names = append(names, n)
		}
	}
	if len(names) < 50 {
		t.Fatalf("only %d names", len(names))
	}
	for _, k := range kinds {
		core := ValidKwargsCore110(k)
		for _, v := range []string{"1.10", "2", "3", "9", ""} {
			valid := ValidKwarg(k, v)
			for _, n := range names {
				if got, want := valid(n), IsValidKwarg(k, v, n); got != want {
					t.Errorf("ValidKwarg(%v, %q)(%q) = %v, IsValidKwarg %v", k, v, n, got, want)
				}
			}
		}
		for _, n := range names {
			got, known := IsValidKwargCore110(k, n)
			if known != (core != nil) || got != core[n] {
				t.Errorf("IsValidKwargCore110(%v, %q) = %v, %v; ValidKwargsCore110 has %v (list %v)", k, n, got, known, core[n], core != nil)
			}
		}
	}
}

// TestValidKwargAllocatesNothing: rules ask IsValidKwarg about every
// argument of every call; on a known version and on an unknown one (the
// union of all versions) the answer builds nothing.
func TestValidKwargAllocatesNothing(t *testing.T) {
	for _, version := range []string{"2.9.1", "", "latest"} {
		allocs := testing.AllocsPerRun(20, func() {
			IsValidKwarg(DockerOperator, version, "image")
			IsValidKwarg(KubernetesPodOperator, version, "no_such_param")
			NormalizeVersion(version)
		})
		if allocs != 0 {
			t.Errorf("version %q: %v allocations per round, want 0", version, allocs)
		}
	}
	if !IsValidKwarg(DockerOperator, "", "private_environment") || IsValidKwarg(DockerOperator, "", "no_such_param") {
		t.Error("an unknown version does not take the names of every version, and only them")
	}
}
