#!/usr/bin/python3
"""Neo4j import files and graph.json, checked with real parsers.

Neo4j cannot run here, so every CSV in OUT/neo4j is read with Python's csv module (RFC 4180)
and checked against the neo4j-admin header format: ids unique per id space, every :START_ID and
:END_ID resolves, values parse as their declared types; commas, quotes and newlines round-trip.
graph.json is loaded with networkx.node_link_graph and must have signalkg's node and edge counts.
"""
import csv
import datetime
import glob
import json
import os
import re
import sys
import tempfile

import networkx as nx

from common import Checker, build, corpus_or_examples

binary, corpus = sys.argv[1], sys.argv[2]
corpus, _ = corpus_or_examples(corpus)
c = Checker()
csv.field_size_limit(1 << 30)
HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_\[\]]+)(?:\((?P<space>[^)]*)\))?)?$")
PARSERS = {
    "int": int, "long": int, "float": float, "double": float,
    "boolean": lambda v: {"true": True, "false": False}[v],
    "date": datetime.date.fromisoformat, "string[]": lambda v: v.split(";"), "string": str,
}


def check_neo4j(folder, report):
    ids, relationships, node_count, rel_count = {}, [], 0, 0
    files = sorted(glob.glob(os.path.join(folder, "*.csv")))
    rows_by_file = {}
    for path in files:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        name = os.path.basename(path)
        header, body = rows[0], rows[1:]
        rows_by_file[name] = (header, body)
        columns = []
        for h in header:
            m = HEADER.match(h)
            c.check(m is not None, f"{name}: bad header field {h!r}")
            columns.append((m.group("name"), m.group("type") or "string", m.group("space")))
        for number, row in enumerate(body, start=2):
            c.check(len(row) == len(header), f"{name}:{number}: {len(row)} fields, header has {len(header)}")
            for (col, kind, space), value in zip(columns, row):
                if kind == "ID":
                    key = (space, value)
                    c.check(key not in ids, f"{name}:{number}: duplicate id {value!r} in space {space}")
                    ids[key] = name
                elif kind in ("START_ID", "END_ID"):
                    relationships.append((name, number, space, value))
                elif kind in ("LABEL", "TYPE"):
                    c.check(value != "", f"{name}:{number}: empty {kind}")
                elif value != "":
                    try:
                        PARSERS[kind](value)
                    except Exception:
                        c.failures.append(f"{name}:{number}: {col} = {value[:40]!r} is not a {kind}")
        if name.startswith("node_"):
            node_count += len(body)
        else:
            rel_count += len(body)
    for name, number, space, value in relationships:
        c.check((space, value) in ids, f"{name}:{number}: {value!r} not found in id space {space}")
    full, entities = report["full_view"], report["entity_view"]
    c.check(node_count == full["nodes"], f"neo4j nodes {node_count} != {full['nodes']}")
    c.check(rel_count == full["edges"] + entities["edges"],
            f"neo4j relationships {rel_count} != {full['edges']} + {entities['edges']}")
    script = open(os.path.join(folder, "import.sh"), encoding="utf-8").read()
    cypher = open(os.path.join(folder, "load.cypher"), encoding="utf-8").read()
    c.check(script.startswith("#!/bin/sh") and "neo4j-admin database import full" in script, "import.sh command")
    for path in files:
        name = os.path.basename(path)
        flag = "--nodes=" if name.startswith("node_") else "--relationships="
        c.check(flag + name in script, f"import.sh does not import {name}")
        c.check(f"'file:///{name}'" in cypher, f"load.cypher does not load {name}")
    statements = [line for line in cypher.splitlines() if line and not line.startswith("//")]
    first_load = next(i for i, line in enumerate(statements) if line.startswith("LOAD CSV"))
    last_constraint = max(i for i, line in enumerate(statements) if line.startswith("CREATE CONSTRAINT"))
    c.check(last_constraint < first_load, "constraints come first")
    return rows_by_file


def check_json(out, report):
    with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
        data = json.load(f)
    full = nx.node_link_graph(data)
    c.check((full.number_of_nodes(), full.number_of_edges()) ==
            (report["full_view"]["nodes"], report["full_view"]["edges"]),
            f"graph.json full view {full.number_of_nodes()}/{full.number_of_edges()} != {report['full_view']}")
    view = nx.node_link_graph(data["entity_view"])
    c.check((view.number_of_nodes(), view.number_of_edges()) ==
            (report["entity_view"]["nodes"], report["entity_view"]["edges"]),
            f"graph.json entity view {view.number_of_nodes()}/{view.number_of_edges()}")
    return full, view


with tempfile.TemporaryDirectory() as out:
    report = build(binary, [corpus], out)
    check_neo4j(os.path.join(out, "neo4j"), report)
    full, view = check_json(out, report)
    print(f"corpus: {full.number_of_nodes()} nodes, {full.number_of_edges()} edges in graph.json and neo4j/")

HOSTILE = ['say "hello", twice', "comma, inside", "back\\slash", "emoji \U0001F600", "x" * 5000]
SUMMARY = 'line one, with "quotes"\nline two\n\n"quoted paragraph", end'
with tempfile.TemporaryDirectory() as tmp:
    reports = os.path.join(tmp, "reports")
    os.mkdir(reports)
    with open(os.path.join(reports, "hostile.md"), "w", encoding="utf-8") as f:
        f.write("# __Hostile, \"title\"__, (from page [20240101](https://x.org/p).)\n\n## Keywords\n\n"
                + "".join(f"* {k}\n" for k in HOSTILE) + f"\n## Summary\n\n{SUMMARY}\n\n## Signals\n\n"
                "| name | description | relevancy |\n|:--|:--|--:|\n"
                f"| Everything | {' ; '.join(HOSTILE)} | 3 |\n")
    out = os.path.join(tmp, "out")
    report = build(binary, [reports], out)
    rows = check_neo4j(os.path.join(out, "neo4j"), report)
    header, body = rows["node_Entity.csv"]
    labels = {row[header.index("label")] for row in body}
    c.check(labels == set(HOSTILE), f"entity labels did not round-trip: {labels ^ set(HOSTILE)}")
    header, body = rows["node_Article.csv"]
    c.check([row[header.index("summary")] for row in body] == [SUMMARY],
            "summary with commas, quotes and newlines did not round-trip")
    c.check([row[header.index("label")] for row in body] == ['Hostile, "title"'], "title did not round-trip")
    full, view = check_json(out, report)
    c.check({d["label"] for _, d in view.nodes(data=True)} == set(HOSTILE), "graph.json entity labels")

sys.exit(c.finish())
