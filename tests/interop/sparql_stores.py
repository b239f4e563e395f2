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
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import rdflib

from common import Checker, build, corpus_or_examples, from_json, normal, oxigraph_answers, same_answers

binary, corpus, queries_dir, oxigraph_dir, ontology = sys.argv[1:6]
corpus, _ = corpus_or_examples(corpus)
oxigraph_dir = os.path.abspath(oxigraph_dir)
c = Checker()


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


with tempfile.TemporaryDirectory() as out:
    build(binary, [corpus], out, "--formats", "ttl,report")
    graph_file = os.path.join(out, "graph.ttl")
    queries = sorted(glob.glob(os.path.join(queries_dir, "*.rq")))
    c.check(len(queries) >= 8, f"only {len(queries)} example queries")
    for query_file in queries:
        used = set(re.findall(r"(?<![\w:/#])(\w+):\w", re.sub(r'"[^"]*"|<[^>]*>|#.*', "", open(query_file).read())))
        declared = set(re.findall(r"PREFIX\s+(\w+):", open(query_file).read(), re.I))
        c.check(used <= declared, f"{os.path.basename(query_file)}: prefixes used but not declared: {used - declared}")

    oxigraph = oxigraph_answers(oxigraph_dir, graph_file, queries, out, c)

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
                   "rdflib": from_rdflib(rdf.query(text))}
        if query_file in oxigraph:
            answers["oxigraph"] = from_json(oxigraph[query_file])
        reference = same_answers(name, text, answers, c)
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
