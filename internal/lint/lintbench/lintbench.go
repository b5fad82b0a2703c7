// Package lintbench generates a synthetic repository of Airflow DAG files and
// plain Python modules, deterministic for a seed, for daglint's benchmarks
// and determinism tests.
package lintbench

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options configures Generate. Zero fields take the defaults.
type Options struct {
	// Files is the number of files to write (default 3000).
	Files int
	// DAGPercent is the share of DAG files using DockerOperator (default 40).
	DAGPercent int
	// Seed makes the corpus reproducible: the same seed gives the same bytes.
	Seed uint64
}

// Stats describes a generated corpus.
type Stats struct {
	Files    int
	DAGFiles int
	Bytes    int64
}

// Generate writes a corpus under dir (created if needed): DAG files under
// dags/<team>/ and plain modules under lib/<package>/.
func Generate(dir string, opts Options) (Stats, error) {
	if opts.Files <= 0 {
		opts.Files = 3000
	}
	if opts.DAGPercent <= 0 {
		opts.DAGPercent = 40
	}
	if opts.DAGPercent > 100 {
		opts.DAGPercent = 100
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x6461676c696e74))
	var st Stats
	for i := 0; i < opts.Files; i++ {
		var rel string
		var src []byte
		// Spread DAG files evenly: file i is a DAG when the running share
		// falls behind the target.
		if (st.DAGFiles)*100 < (i+1)*opts.DAGPercent {
			rel = filepath.Join("dags", pick(r, teams), fmt.Sprintf("dag_%05d.py", i))
			src = DAGFile(r, i)
			st.DAGFiles++
		} else {
			rel = filepath.Join("lib", pick(r, packages), fmt.Sprintf("mod_%05d.py", i))
			src = PlainModule(r, i)
		}
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return st, fmt.Errorf("creating corpus folder: %w", err)
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			return st, fmt.Errorf("writing corpus file: %w", err)
		}
		st.Files++
		st.Bytes += int64(len(src))
	}
	return st, nil
}

var (
	teams    = []string{"ingest", "finance", "ml", "reporting", "platform", "growth"}
	packages = []string{"utils", "transforms", "models", "clients", "io", "schemas"}
	words    = []string{"orders", "customers", "events", "invoices", "sessions", "clicks",
		"payments", "inventory", "shipments", "reviews", "metrics", "ledger"}
	registries = []string{"registry.gitlab.com/data", "ghcr.io/acme", "quay.io/acme",
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com", "harbor.internal:5000/etl", ""}
	tags     = []string{"1.4.2", "2024.06.01", "latest", "3.11-slim", "v0.9.0", ""}
	commands = []string{"python -m etl.run", "dbt run --select", "spark-submit job.py",
		"bash -c 'make load'", "python /app/main.py"}
)

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// DAGFile returns the source of one DAG file using DockerOperator: imports,
// constants, default_args, f-strings, environment dicts and several
// operators, some of which have findings.
func DAGFile(r *rand.Rand, i int) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	name := pick(r, words)
	w("\"\"\"Pipeline %d: loads %s into the warehouse.\"\"\"\n", i, name)
	w("from datetime import datetime, timedelta\n\n")
	switch r.IntN(3) {
	case 0:
		w("from airflow import DAG\nfrom airflow.providers.docker.operators.docker import DockerOperator\n")
	case 1:
		w("from airflow import DAG\nfrom airflow.providers.docker.operators.docker import DockerOperator as Docker\n")
		w("DockerOperator = Docker\n")
	default:
		w("from airflow import DAG\nfrom airflow.operators.docker_operator import DockerOperator\n")
	}
	w("from airflow.operators.empty import EmptyOperator\n\n")
	reg := pick(r, registries)
	img := fmt.Sprintf("%s-loader", name)
	if reg != "" {
		img = reg + "/" + img
	}
	tag := pick(r, tags[:len(tags)-1])
	w("REGISTRY_IMAGE = %q\n", img)
	w("VERSION = %q\n", tag)
	w("SCHEMA = %q\n", "raw_"+name)
	w("BUCKET = \"s3://lake-%s/%s\"\n\n", pick(r, teams), name)
	w("default_args = {\n    \"owner\": %q,\n    \"retries\": %d,\n    \"retry_delay\": timedelta(minutes=%d),\n",
		pick(r, teams), r.IntN(4), 1+r.IntN(30))
	if r.IntN(2) == 0 {
		w("    \"docker_conn_id\": \"registry_%s\",\n", pick(r, teams))
	}
	w("}\n\n")
	w("with DAG(\n    dag_id=\"%s_%d\",\n    start_date=datetime(2024, %d, %d),\n    schedule=\"@daily\",\n    default_args=default_args,\n    catchup=False,\n) as dag:\n",
		name, i, 1+r.IntN(12), 1+r.IntN(28))
	w("    start = EmptyOperator(task_id=\"start\")\n")
	ops := 2 + r.IntN(6)
	for k := 0; k < ops; k++ {
		step := pick(r, words)
		w("    t%d = DockerOperator(\n        task_id=\"%s_%d\",\n", k, step, k)
		switch r.IntN(4) {
		case 0:
			w("        image=f\"{REGISTRY_IMAGE}:{VERSION}\",\n")
		case 1:
			w("        image=REGISTRY_IMAGE + \":\" + VERSION,\n")
		case 2:
			w("        image=\"%s:%s\",\n", pick(r, registries)+"/"+step, pick(r, tags))
		default:
			w("        image=\"%s\",\n", step+"-job:1.0")
		}
		w("        command=%q,\n", pick(r, commands)+" "+step)
		if r.IntN(3) == 0 {
			w("        docker_conn_id=\"registry_%s\",\n", pick(r, teams))
		}
		w("        environment={\n            \"TARGET_SCHEMA\": SCHEMA,\n            \"RUN_DATE\": \"{{ ds }}\",\n            \"SOURCE\": f\"{BUCKET}/%s\",\n", step)
		if r.IntN(8) == 0 {
			w("            \"DB_PASSWORD\": \"changeme%d\",\n", r.IntN(1000))
		}
		w("        },\n")
		if r.IntN(5) == 0 {
			w("        force_pull=True,\n")
		}
		if r.IntN(10) == 0 {
			w("        network_mode=\"host\",\n")
		}
		w("        mount_tmp_dir=False,\n        auto_remove=\"success\",\n    )\n")
	}
	w("\n    start")
	for k := 0; k < ops; k++ {
		w(" >> t%d", k)
	}
	w("\n")
	return []byte(b.String())
}

// PlainModule returns the source of an ordinary Python module of similar
// size with nothing any daglint rule concerns. Like real code, most modules
// say key, token, auth and password in ordinary code (`key: str`,
// `row["key"]`, `self.token_url`, `auth_header = ...`, a password read from
// the environment), so the driver's byte-level prefilter lets them through
// and only their tokens show that no rule concerns them; module i with
// i%4 == 1 is a quiet one with none of those words, which the byte-level
// prefilter skips.
func PlainModule(r *rand.Rand, i int) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	name := pick(r, words)
	w("\"\"\"Helpers for %s records (module %d).\"\"\"\n", name, i)
	w("from __future__ import annotations\n\nimport json\nimport itertools\nimport os\nfrom dataclasses import dataclass, field\nfrom typing import Iterable, Iterator\n\n")
	w("BATCH_SIZE = %d\nFIELDS = (%q, %q, %q)\n\n", 100+r.IntN(900), "id", name+"_at", "amount")
	w("@dataclass\nclass %sRecord:\n    id: int\n    amount: float = 0.0\n    labels: list[str] = field(default_factory=list)\n", strings.ToUpper(name[:1])+name[1:])
	if i%4 != 1 {
		w("    key: str = %q\n", name+"_id")
	}
	w("\n    def to_json(self) -> str:\n        return json.dumps({\"id\": self.id, \"amount\": self.amount, \"labels\": self.labels})\n\n")
	if i%4 != 1 {
		vocabulary(w, r, name)
	}
	fns := 3 + r.IntN(6)
	for k := 0; k < fns; k++ {
		fn := fmt.Sprintf("%s_step_%d", pick(r, words), k)
		switch r.IntN(3) {
		case 0:
			w("def %s(rows: Iterable[dict]) -> Iterator[list[dict]]:\n    \"\"\"Yield rows in batches of BATCH_SIZE.\"\"\"\n", fn)
			w("    it = iter(rows)\n    while True:\n        chunk = list(itertools.islice(it, BATCH_SIZE))\n        if not chunk:\n            return\n        yield chunk\n\n\n")
		case 1:
			w("def %s(values: list[float], factor: float = %d.5) -> float:\n", fn, r.IntN(10))
			w("    total = 0.0\n    for idx, value in enumerate(values):\n        if idx %% %d == 0:\n            total += value * factor\n        else:\n            total -= value / (idx + 1)\n    return round(total, 2)\n\n\n", 2+r.IntN(5))
		default:
			w("def %s(record: dict) -> dict:\n    out = {k: record.get(k) for k in FIELDS}\n", fn)
			w("    out[\"label\"] = f\"{record.get('id', 0):08d}-%s\"\n    out[\"valid\"] = all(v is not None for v in out.values())\n    return out\n\n\n", name)
		}
	}
	return []byte(b.String())
}

// vocabulary writes the ordinary code that uses secret-like names without
// holding any secret: a client reading its token and password from the
// environment, dictionary keys, sort keys and an auth header built at run
// time.
func vocabulary(w func(string, ...any), r *rand.Rand, name string) {
	w("class %sClient:\n    \"\"\"Talks to the %s service; credentials come from the environment.\"\"\"\n\n", strings.ToUpper(name[:1])+name[1:], name)
	w("    def __init__(self, base_url: str, timeout: int = %d) -> None:\n", 5+r.IntN(55))
	w("        self.base_url = base_url.rstrip(\"/\")\n        self.token_url = self.base_url + \"/oauth/token\"\n        self.timeout = timeout\n")
	w("        self._token: str | None = None\n\n")
	w("    def auth_header(self) -> dict[str, str]:\n        token = self._token or os.environ.get(%q, \"\")\n", "SVC_"+strings.ToUpper(name)+"_TOKEN")
	w("        return {\"Authorization\": \"Bearer \" + token} if token else {}\n\n")
	w("    def login_payload(self, user: str) -> dict[str, str]:\n        password = os.environ[%q]\n", "SVC_"+strings.ToUpper(name)+"_PASSWORD")
	w("        return {\"username\": user, \"password\": password, \"grant_type\": \"password\"}\n\n\n")
	switch r.IntN(3) {
	case 0:
		w("def index_by_key(rows: Iterable[dict], key: str = \"key\") -> dict[str, dict]:\n    out = {}\n    for row in rows:\n        out[row[key]] = row\n    return out\n\n\n")
	case 1:
		w("def latest(rows: list[dict]) -> list[dict]:\n    return sorted(rows, key=lambda row: (row[\"key\"], row.get(%q, 0)), reverse=True)\n\n\n", name+"_at")
	default:
		w("def rename_keys(record: dict, mapping: dict[str, str]) -> dict:\n    return {mapping.get(key, key): value for key, value in record.items()}\n\n\n")
	}
}
