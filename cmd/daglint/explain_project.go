package main

// projectDoc is what `daglint explain project` prints; docs/project.md
// holds the same text (a test keeps them equal).
const projectDoc = `# Projects: configuration and imports across modules

Real DAG repositories keep images, tags, ` + "`" + `default_args` + "`" + ` and connection ids in
shared modules (` + "`" + `from include.images import ETL_IMAGE` + "`" + `). daglint reads those
modules the way Airflow imports them, so a value defined in another module of
the project is checked as if it were written in the DAG file.

## Which configuration a file uses

Each file uses the nearest ` + "`" + `.daglint.yaml` + "`" + ` (or ` + "`" + `daglint.yaml` + "`" + `, or a
` + "`" + `pyproject.toml` + "`" + ` with ` + "`" + `[tool.daglint]` + "`" + `) in its own folder or above it,
whatever folder daglint runs from; ` + "`" + `--config FILE` + "`" + ` forces one for every file
and ` + "`" + `--no-config` + "`" + ` none. ` + "`" + `daglint check --show-config PATH` + "`" + ` names the file
that applies to PATH.

## The project root

The project of a file is the folder of that configuration file; with none,
the git work tree holding the file, else the folder daglint runs from.

## Where modules are imported from

From the project root, its ` + "`" + `dags/` + "`" + `, ` + "`" + `plugins/` + "`" + ` and ` + "`" + `include/` + "`" + ` folders (those
that exist), and the folders listed under ` + "`" + `python-path:` + "`" + ` in the
configuration (relative to the configuration file):

` + "`" + `` + "`" + `` + "`" + `yaml
python-path: [airflow/dags, lib]
` + "`" + `` + "`" + `` + "`" + `

Modules are found as Python's path finder finds them: ` + "`" + `name.py` + "`" + `, packages
(` + "`" + `name/__init__.py` + "`" + `) and namespace packages (folders without ` + "`" + `__init__.py` + "`" + `,
merged across those folders); ` + "`" + `import a.b` + "`" + `, ` + "`" + `import a.b as m` + "`" + `,
` + "`" + `from a.b import c` + "`" + `, ` + "`" + `from . import c` + "`" + `, ` + "`" + `from ..x import c` + "`" + ` and
` + "`" + `from .x import *` + "`" + ` (which honours ` + "`" + `__all__` + "`" + ` and skips ` + "`" + `_private` + "`" + ` names). A
name that two of those folders provide differently is ambiguous and stays
unresolved. Nothing outside those folders is read: relative imports stop at
them, and symbolic links are passed over.

## What resolves

Module-level constants, dicts (` + "`" + `default_args` + "`" + `, ` + "`" + `**mapping` + "`" + `), f-strings,
concatenations, ` + "`" + `%` + "`" + ` and ` + "`" + `.format` + "`" + ` of imported names, through any chain of
re-exports. Anything ambiguous stays unresolved: a name bound twice
(reassigned, or set in ` + "`" + `try` + "`" + `/` + "`" + `except` + "`" + ` or both branches of an ` + "`" + `if` + "`" + `), a name
the imported module binds only inside an ` + "`" + `if` + "`" + `, ` + "`" + `try` + "`" + `, ` + "`" + `for` + "`" + ` or ` + "`" + `while` + "`" + `
(conditional on the environment), a dict changed in place
(` + "`" + `ARGS.update(...)` + "`" + `, also ` + "`" + `settings.ARGS["k"] = v` + "`" + ` in the importing file), a
value built at run time, a name two star imports could provide, a module that is missing, does
not parse (importing it raises) or lies beyond the resolution budget (24
nested names or operations per value; at most 4000 modules of at most
1 MiB each per run). Rules stay silent on
unresolved values.

## Operator subclasses and re-exports

A class of a project module that derives from an operator, directly or
through other project classes (` + "`" + `class AcmeDockerOperator(DockerOperator)` + "`" + ` in
` + "`" + `plugins/` + "`" + `), is that operator wherever a DAG file imports it: what its
` + "`" + `__init__` + "`" + ` passes to ` + "`" + `super().__init__(...)` + "`" + ` (images, ` + "`" + `privileged=True` + "`" + `,
` + "`" + `environment={...}` + "`" + `, mounts, ` + "`" + `docker_conn_id` + "`" + `) and the defaults of its own
parameters are arguments of every call, the call's keywords flow through
` + "`" + `**kwargs` + "`" + `, and the parameters the classes declare are known arguments. A name a
project module re-exports from Airflow (` + "`" + `from common.ops import
DockerOperator` + "`" + `, or ` + "`" + `ops.DockerOperator` + "`" + `, where ` + "`" + `common/ops.py` + "`" + ` imports it
from the provider) is the operator itself; a project class that merely has
an operator's name is not.

A DAG file that names no operator and only imports the project's
(` + "`" + `from operators.base import Runner` + "`" + `) is linted like any other: with a
module index, a file with an import of a project module (other than
` + "`" + `airflow` + "`" + ` itself) always passes the prefilter.

## What is reported

Findings are reported only in the files daglint lints, at the expression of
the linted file that refers to the imported value (` + "`" + `image=ETL_IMAGE` + "`" + `), so
` + "`" + `# noqa` + "`" + ` comments, fixes and fingerprints belong to that file; editing the
imported module keeps the fingerprint while the finding stays. The related
location points at the definition in the other module, with its own path
(text, JSON, GitHub annotations) and artifact URI (SARIF
` + "`" + `relatedLocations` + "`" + `). A value a subclass in another module writes is
reported at the call of the subclass (` + "`" + `AcmeDockerOperator(task_id="a")` + "`" + `),
once per rule and call site, with the value in ` + "`" + `plugins/` + "`" + ` as related
location. Modules read to resolve names are never reported on:
` + "`" + `daglint check dags/etl.py` + "`" + `, as pre-commit runs it on one changed file,
still sees ` + "`" + `include/` + "`" + `. A secret defined in an imported module is redacted in
every message about the linted file, as one written there would be; so is
one a subclass of another module holds.

## Cost

Only the modules a linted file imports are read, once per run, by whichever
parallel worker needs them first. The language server keeps one index per
project and re-reads a module only when it is saved or the editor reports it
changed on disk.
`
