#!/usr/bin/python3
"""GraphML, GEXF and DOT from the real binary, read back by NetworkX, igraph, xmllint, Graphviz.

1. On the shared corpus: node and edge counts of graph.graphml and entities.graphml in NetworkX
   and igraph, and of entities.gexf in NetworkX, equal signalkg's own (report.json);
   entities.gexf validates against the GEXF 1.3 RelaxNG schema; `dot -Tsvg entities.dot` prints
   nothing on stderr.
2. On a corpus of hostile labels: every label reads back equal in every format's peer tool.
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx

from common import Checker, build, read_gexf, skip_without

binary, corpus, schema = sys.argv[1], sys.argv[2], sys.argv[3]
skip_without(corpus)
skip_without(schema, "the GEXF 1.3 schema of ../shared/schemas")
c = Checker()


def counts_match(out, report):
    full, entities = report["full_view"], report["entity_view"]
    for name, view in (("graph.graphml", full), ("entities.graphml", entities)):
        path = os.path.join(out, name)
        g = nx.read_graphml(path)
        c.check((g.number_of_nodes(), g.number_of_edges()) == (view["nodes"], view["edges"]),
                f"networkx {name}: {g.number_of_nodes()}/{g.number_of_edges()} != {view}")
        h = ig.Graph.Read_GraphML(path)
        c.check((h.vcount(), h.ecount()) == (view["nodes"], view["edges"]),
                f"igraph {name}: {h.vcount()}/{h.ecount()} != {view}")
    g = read_gexf(os.path.join(out, "entities.gexf"))
    c.check((g.number_of_nodes(), g.number_of_edges()) == (entities["nodes"], entities["edges"]),
            f"networkx entities.gexf: {g.number_of_nodes()}/{g.number_of_edges()}")
    lint = subprocess.run(["xmllint", "--noout", "--relaxng", schema, os.path.join(out, "entities.gexf")],
                          capture_output=True, text=True)
    c.check(lint.returncode == 0, f"GEXF 1.3 RelaxNG: {lint.stderr[-2000:]}")
    dot = subprocess.run(["dot", "-Tsvg", os.path.join(out, "entities.dot")], capture_output=True, text=True)
    c.check(dot.returncode == 0 and dot.stderr == "", f"dot -Tsvg: rc {dot.returncode}, stderr {dot.stderr!r}")
    return dot.stdout


def svg_node_labels(svg):
    """Node label texts as Graphviz drew them (one <text> per line)."""
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = []
    for g in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") == "node":
            labels.append("\n".join(t.text or "" for t in g.findall("s:text", ns)))
    return labels


# 1. The shared corpus.
with tempfile.TemporaryDirectory() as out:
    report = build(binary, [corpus], out)
    c.check(report["entity_view"]["edges"] > 500, f"entity view too small: {report['entity_view']}")
    counts_match(out, report)
    print("corpus:", report["full_view"]["nodes"], "nodes,", report["entity_view"]["edges"], "entity edges")

# 2. Hostile labels.
HOSTILE = [
    'say "hello"', "back\\slash \\N \\G", "<b>bold</b>", "fish & chips", "tab\there",
    "{braces}", "a -- b -> c", "node", "edge", "graph", "subgraph strict digraph",
    "emoji \U0001F600 caf\u00e9", "semi; colon", "apostrophe's", "x" * 5000,
]
SUMMARY = "first line\nsecond line with <xml> & \"quotes\"\n\ttabbed"
with tempfile.TemporaryDirectory() as tmp:
    reports = os.path.join(tmp, "reports")
    os.mkdir(reports)
    keywords = "".join(f"* {k}\n" for k in HOSTILE)
    description = " ; ".join(HOSTILE)
    with open(os.path.join(reports, "hostile.md"), "w", encoding="utf-8") as f:
        f.write(f"# __Hostile {HOSTILE[0]}__, (from page [20240101](https://x.org/p).)\n\n"
                f"## Keywords\n\n{keywords}\n## Summary\n\n{SUMMARY}\n\n## Signals\n\n"
                "| name | description | relevancy |\n|:--|:--|--:|\n"
                f"| Everything at once | {description} | 3 |\n")
    out = os.path.join(tmp, "out")
    report = build(binary, [reports], out, "--top", "100")
    svg = counts_match(out, report)
    expected = set(HOSTILE)

    g = nx.read_graphml(os.path.join(out, "entities.graphml"))
    c.check({d["label"] for _, d in g.nodes(data=True)} == expected, "networkx entities.graphml labels")
    h = ig.Graph.Read_GraphML(os.path.join(out, "entities.graphml"))
    c.check(set(h.vs["label"]) == expected, "igraph entities.graphml labels")
    c.check(h.ecount() == len(HOSTILE) * (len(HOSTILE) - 1) // 2, f"entity edges: {h.ecount()}")

    full = nx.read_graphml(os.path.join(out, "graph.graphml"))
    entity_labels = {d["label"] for _, d in full.nodes(data=True) if d["kind"] == "Entity"}
    c.check(entity_labels == expected, "networkx graph.graphml entity labels")
    summaries = [d.get("summary") for _, d in full.nodes(data=True) if d["kind"] == "Article"]
    c.check(summaries == [SUMMARY.strip()], f"summary with newlines: {summaries!r}")
    hf = ig.Graph.Read_GraphML(os.path.join(out, "graph.graphml"))
    c.check([s for s in hf.vs["summary"] if s] == [SUMMARY.strip()], "igraph summary")

    gx = read_gexf(os.path.join(out, "entities.gexf"))
    c.check({d["label"] for _, d in gx.nodes(data=True)} == expected, "networkx entities.gexf labels")

    drawn = svg_node_labels(svg)
    c.check(set(drawn) == expected, f"Graphviz labels: {sorted(set(drawn) ^ expected)!r:.500}")

sys.exit(c.finish())
