#!/usr/bin/python3
"""Every example query, run by signalkg, by rdflib and by Oxigraph on the same graph.ttl.

Result sets are compared as multisets, or in order where the query has ORDER BY; every query
must return at least one row. Literals compare by value: numbers numerically (engines write
4.5 and 4.50 differently), everything else by its text.

Where the stores disagreed: Rasqal 0.9.33 (under librdf) orders rows wrongly; in
themes-per-year.rq a 2023 row came between 2022 rows, and strings were not in code point order
("agentic AI" before "AI"). SPARQL 1.1 §15.1 orders simple literals by code point
(fn:compare), which is what rdflib and Oxigraph do, so they are right; signalkg now sorts an
outermost ORDER BY of plain variables itself (query/sparql.cpp), and the three agree.

Also checked: a malformed query prints the parser's message with its line and exits with 2; a
missing graph file says so and exits with 2.
"""
import collections
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile

import rdflib

from common import Checker, build, corpus_or_examples

binary, corpus, queries_dir, oxigraph_dir, ontology = sys.argv[1:6]
corpus, _ = corpus_or_examples(corpus)
oxigraph_dir = os.path.abspath(oxigraph_dir)
c = Checker()
NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger"}
XSD = "http://www.w3.org/2001/XMLSchema#"

# Every example query declares its own prefixes, so that it runs as written in any store (the
# prefixes signalkg predeclares are not given to Oxigraph and rdflib).
prefixes = ""


def normal(kind, value, datatype):
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


def from_rdflib(result):
    variables = [str(v) for v in result.vars]
    rows = []
    for binding in result:
        row = []
        for term in binding:
            if term is None:
                row.append(None)
            elif isinstance(term, rdflib.URIRef):
                row.append(("iri", str(term)))
            elif isinstance(term, rdflib.BNode):
                row.append(("bnode", str(term)))
            else:
                row.append(normal("literal", str(term), str(term.datatype) if term.datatype else None))
        rows.append(tuple(row))
    return variables, rows


def ordered(query):
    return re.search(r"\bORDER\s+BY\b", query, re.I) is not None


with tempfile.TemporaryDirectory() as out:
    build(binary, [corpus], out, "--formats", "ttl,report")
    graph_file = os.path.join(out, "graph.ttl")
    queries = sorted(glob.glob(os.path.join(queries_dir, "*.rq")))
    c.check(len(queries) >= 8, f"only {len(queries)} example queries")
    for query_file in queries:
        used = set(re.findall(r"(?<![\w:/#])(\w+):\w", re.sub(r'"[^"]*"|<[^>]*>|#.*', "", open(query_file).read())))
        declared = set(re.findall(r"PREFIX\s+(\w+):", open(query_file).read(), re.I))
        c.check(used <= declared, f"{os.path.basename(query_file)}: prefixes used but not declared: {used - declared}")

    with open(os.path.join(out, "prefixes.rq"), "w", encoding="utf-8") as f:
        f.write(prefixes)
    oxigraph_run = subprocess.run(["node", os.path.join(os.path.dirname(__file__), "oxigraph_query.js"),
                                   oxigraph_dir, graph_file, os.path.join(out, "prefixes.rq"), *queries],
                                  capture_output=True, text=True)
    c.check(oxigraph_run.returncode == 0, f"oxigraph: {oxigraph_run.stderr[-2000:]}")
    oxigraph = json.loads(oxigraph_run.stdout) if oxigraph_run.returncode == 0 else {}

    rdf = rdflib.Graph()
    rdf.parse(graph_file, format="turtle")

    for query_file in queries:
        name = os.path.basename(query_file)
        text = open(query_file, encoding="utf-8").read()
        ours_run = subprocess.run([binary, "query", graph_file, query_file, "--format", "json"],
                                  capture_output=True, text=True)
        if not c.check(ours_run.returncode == 0, f"{name}: signalkg failed: {ours_run.stderr}"):
            continue
        answers = {"signalkg": from_json(json.loads(ours_run.stdout)),
                   "rdflib": from_rdflib(rdf.query(prefixes + text))}
        if query_file in oxigraph:
            answers["oxigraph"] = from_json(oxigraph[query_file])
        variables, reference = answers["oxigraph"] if "oxigraph" in answers else answers["rdflib"]
        c.check(len(reference) > 0, f"{name}: no rows")
        for engine, (vars_, rows) in answers.items():
            c.check(vars_ == variables, f"{name}: {engine} variables {vars_} != {variables}")
            same = rows == reference if ordered(text) else collections.Counter(rows) == collections.Counter(reference)
            if not same:
                first = next((i for i, (a, b) in enumerate(zip(rows, reference)) if a != b), min(len(rows), len(reference)))
                c.failures.append(f"{name}: {engine} differs from the reference ({len(rows)} vs {len(reference)} rows; "
                                  f"first difference at row {first}: {rows[first:first + 1]} vs {reference[first:first + 1]})")
        print(f"{name}: {len(reference)} rows, {' = '.join(answers)}")

    bad = subprocess.run([binary, "query", graph_file, "SELECT ?x\nWHERE { ?x a sk:Signal ."],
                         capture_output=True, text=True)
    c.check(bad.returncode == 2, f"malformed query: exit code {bad.returncode}")
    c.check("line 2" in bad.stderr and "syntax error" in bad.stderr, f"malformed query message: {bad.stderr!r}")
    missing = subprocess.run([binary, "query", os.path.join(out, "missing.ttl"), "ASK { ?s ?p ?o }"],
                             capture_output=True, text=True)
    c.check(missing.returncode == 2 and "missing.ttl: no such file" in missing.stderr,
            f"missing graph: exit {missing.returncode}, {missing.stderr!r}")

sys.exit(c.finish())
