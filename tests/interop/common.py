"""Helpers shared by the interoperability tests (run with Debian's /usr/bin/python3)."""
import collections
import json
import math
import os
import re
import subprocess
import sys

import networkx as nx
from networkx.readwrite import gexf as nx_gexf

# NetworkX 2.8 knows GEXF up to 1.2draft; 1.3 differs for its reader only in the namespace and
# the version number, so register it the way NetworkX registers its own versions.
nx_gexf.GEXF.versions["1.3"] = {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
}


def read_gexf(path):
    return nx.read_gexf(path, version="1.3")


class Checker:
    def __init__(self):
        self.failures = []

    def check(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition

    def finish(self):
        for failure in self.failures[:50]:
            print("FAIL:", failure)
        print(f"{len(self.failures)} failure(s)")
        return 1 if self.failures else 0


def build(binary, inputs, out, *extra):
    run = subprocess.run([binary, "build", *inputs, "-o", out, "--quiet", *extra],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"signalkg build exited {run.returncode}: {run.stderr}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        return json.load(f)


def skip_without(path, what="the shared corpus"):
    """Ends the test as skipped when `path` is absent, as ../shared is in a user's clone: ctest
    counts a test whose output has this line as skipped (SKIP_REGULAR_EXPRESSION)."""
    if not os.path.exists(path):
        print(f"SKIPPED: needs {what} at {path}")
        sys.exit(0)


EXAMPLES = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                         "examples", "reports"))


def corpus_or_examples(path):
    """The shared corpus at `path` and True, or, in a user's clone that has none, the example
    reports and False: the same checks on a smaller corpus (size thresholds follow the flag)."""
    if os.path.exists(path):
        return path, True
    print(f"no shared corpus at {path}: checking the example reports ({EXAMPLES}) instead")
    return EXAMPLES, False



# ---- Comparing SPARQL answers of several engines (sparql_stores.py, virtuoso.py) ----

NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def normal(kind, value, datatype):
    """A term as engines must agree on it: numbers by value (to 9 significant digits: engines
    write 4.5 and 4.50 differently), everything else by its text."""
    if kind is None:
        return None
    if kind in ("uri", "iri"):
        return ("iri", value)
    if datatype and datatype.startswith(XSD) and datatype[len(XSD):] in NUMERIC:
        number = float(value)
        return ("number", round(number, 9 - int(math.floor(math.log10(abs(number)))) if number else 0))
    return ("literal", value)


def from_json(results):
    variables = results["head"]["vars"]
    rows = []
    for binding in results["results"]["bindings"]:
        row = []
        for v in variables:
            term = binding.get(v)
            row.append(normal(term["type"], term["value"], term.get("datatype")) if term else None)
        rows.append(tuple(row))
    return variables, rows


def ordered(query):
    return re.search(r"\bORDER\s+BY\b", query, re.I) is not None


def oxigraph_answers(oxigraph_dir, graph_file, queries, tmp, checker):
    """{query file: SPARQL results JSON} from Oxigraph (npm) over graph_file (Turtle)."""
    with open(os.path.join(tmp, "prefixes.rq"), "w", encoding="utf-8") as f:
        f.write("")  # every example query declares its own prefixes
    run = subprocess.run(["node", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                               "oxigraph_query.js"),
                          os.path.abspath(oxigraph_dir), graph_file,
                          os.path.join(tmp, "prefixes.rq"), *queries],
                         capture_output=True, text=True)
    checker.check(run.returncode == 0, f"oxigraph: {run.stderr[-2000:]}")
    return json.loads(run.stdout) if run.returncode == 0 else {}


def same_answers(name, text, answers, checker):
    """Checks that every engine's (variables, rows) equal the reference's (Oxigraph's when
    there, else the first), in order when the query orders; returns the reference rows."""
    variables, reference = answers["oxigraph"] if "oxigraph" in answers else next(iter(answers.values()))
    checker.check(len(reference) > 0, f"{name}: no rows")
    for engine, (vars_, rows) in answers.items():
        checker.check(vars_ == variables, f"{name}: {engine} variables {vars_} != {variables}")
        same = rows == reference if ordered(text) else collections.Counter(rows) == collections.Counter(reference)
        if not same:
            first = next((i for i, (a, b) in enumerate(zip(rows, reference)) if a != b),
                         min(len(rows), len(reference)))
            checker.failures.append(
                f"{name}: {engine} differs from the reference ({len(rows)} vs {len(reference)} rows; "
                f"first difference at row {first}: {rows[first:first + 1]} vs {reference[first:first + 1]})")
    return reference
