#!/usr/bin/python3
"""The same build as `signalkg build`, written plainly in Python with NetworkX and rdflib.

    /usr/bin/python3 bench/baseline.py CORPUS OUT

What a competent data scientist would write with Debian's python3-networkx and python3-rdflib:
parse every markdown report, merge nodes by normalized label, link statements to entities by
looking up word n-grams in a dictionary, project the entity view (pairs within one report's
row), compute the same measures with NetworkX (betweenness from 500 sampled sources, as
NetworkX users do on large graphs; no closeness, which alone would take NetworkX minutes: both
favour the baseline) and write Turtle, N-Triples, RDF/XML, GraphML, GEXF and
node-link JSON. bench/run.sh times it on the same corpus as signalkg and prints the ratio.
Prints the wall time of each stage on stderr.
"""
import glob
import json
import os
import re
import sys
import time

import networkx as nx
from networkx.algorithms import community
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

corpus, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
SK = Namespace("https://w3id.org/signalkg/ontology#")
BASE = "https://w3id.org/signalkg/id/"
STOP = set("a an and are as at be but by can do for from has have he her his i if in into is it "
           "its may more new no not of on one or our she so than that the their them there they "
           "this to two up us was we were what when which will with would you your".split())
KINDS = {"signals": "Signal", "concerns": "Concern", "behaviors": "Behavior",
         "technologies": "Technology", "issues": "Issue"}
clock = time.perf_counter()


def stage(name):
    global clock
    now = time.perf_counter()
    print(f"  {name:40} {now - clock:8.3f} s", file=sys.stderr)
    clock = now


def norm(text):
    return " ".join(text.replace("\u2019", "'").lower().split())


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse(path):
    report = {"id": os.path.splitext(os.path.basename(path))[0], "keywords": [], "themes": [],
              "statements": [], "title": "", "date": ""}
    section, header = None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# ") and not report["title"]:
                m = re.match(r"# __(.*?)__.*?\[(\d{8})?[^\]]*\]", line)
                report["title"] = m.group(1) if m else line[2:]
                if m and m.group(2):
                    d = m.group(2)
                    report["date"] = f"{d[:4]}-{d[4:6]}-{d[6:]}"
            elif line.startswith("## "):
                section, header = line[3:].strip().lower(), None
            elif section in ("keywords", "themes") and line.startswith(("* ", "- ")):
                report[section].append(line[2:].strip())
            elif section in KINDS and line.strip().startswith("|"):
                row = cells(line)
                if header is None:
                    header = [norm(h).replace("-", " ") for h in row]
                elif not set(line.strip()) <= set("|-: "):
                    values = dict(zip(header, row))
                    name = next((values[h] for h in ("name", "signal", "concern", "behavior",
                                                     "technology", "issue") if values.get(h)), "")
                    description = values.get("description", "")
                    relevancy = values.get("relevancy", "")
                    report["statements"].append({
                        "kind": KINDS[section], "name": name or " ".join(description.split()[:6]),
                        "description": description, "change": values.get("change", ""),
                        "outlook": values.get("10 year", values.get("10y horizon", "")),
                        "force": values.get("driving force", ""),
                        "relevancy": int(relevancy) if relevancy.isdigit() else None})
    return report


reports = [parse(p) for p in sorted(glob.glob(os.path.join(corpus, "**", "*.md"), recursive=True))]
stage(f"read + parse ({len(reports)} reports)")

# The full view: nodes keyed by (kind, normalized label).
G = nx.MultiDiGraph()


def node(kind, label):
    key = (kind, norm(label))
    if key not in G:
        G.add_node(key, kind=kind, label=label)
    return key


for r in reports:
    article = ("Article", r["id"])
    G.add_node(article, kind="Article", label=r["title"], date=r["date"])
    for k in r["keywords"]:
        G.add_edge(article, node("Entity", k), kind="mentions")
    for t in r["themes"]:
        G.add_edge(article, node("Theme", t), kind="hasTheme")
    for i, s in enumerate(r["statements"]):
        st = node(s["kind"], s["name"])
        G.add_edge(article, st, kind="reports", row=i, description=s["description"],
                   relevancy=s["relevancy"])
        if s["force"]:
            G.add_edge(st, node("DrivingForce", s["force"]), kind="drivenBy", article=r["id"])
stage("graph: assemble")

# Entity linking: word n-grams (up to the longest entity) looked up in a dictionary.
entities = {n for n, d in G.nodes(data=True) if d["kind"] == "Entity"}
dictionary = {key[1]: key for key in entities if key[1] not in STOP and len(key[1]) >= 2}
longest = max((len(k.split()) for k in dictionary), default=1)


def linked(text):
    words = re.findall(r"\w+", text.lower())
    found = set()
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            key = dictionary.get(" ".join(words[i:i + n]))
            if key:
                found.add(key)
    return found


observation_entities = {}
for r in reports:
    for i, s in enumerate(r["statements"]):
        ents = linked(s["name"]) | linked(s["description"]) | linked(s["change"]) | linked(s["outlook"])
        observation_entities[(r["id"], i)] = ents
        st = (s["kind"], norm(s["name"]))
        for e in ents:
            if not G.has_edge(st, e):
                G.add_edge(st, e, kind="about")
        if s["force"]:
            force = ("DrivingForce", norm(s["force"]))
            for e in linked(s["force"]):
                if not G.has_edge(force, e):
                    G.add_edge(force, e, kind="about")
stage("graph: entity linking")

# The entity view: pairs within one report's row, weights summed.
E = nx.Graph()
E.add_nodes_from((e, {"label": G.nodes[e]["label"]}) for e in entities)
for r in reports:
    for i, s in enumerate(r["statements"]):
        if s["kind"] not in ("Signal", "Concern"):
            continue
        ents = sorted(observation_entities[(r["id"], i)])
        weight = s["relevancy"] or 1
        for a in range(len(ents)):
            for b in range(a + 1, len(ents)):
                if E.has_edge(ents[a], ents[b]):
                    E[ents[a]][ents[b]]["weight"] += weight
                    E[ents[a]][ents[b]]["count"] += 1
                else:
                    E.add_edge(ents[a], ents[b], weight=weight, count=1)
stage("entity view")

measures = {
    "degree": dict(E.degree()),
    "weighted_degree": dict(E.degree(weight="weight")),
    "betweenness": nx.betweenness_centrality(E, k=min(500, len(E)), seed=1),
    "pagerank": nx.pagerank(E, weight="weight"),
    "eigenvector": nx.eigenvector_centrality_numpy(E, weight="weight"),
    "clustering": nx.clustering(E),
    "core": nx.core_number(E),
}
parts = community.louvain_communities(E, weight="weight", seed=0)
measures["community"] = {n: c for c, part in enumerate(parts) for n in part}
for name, values in measures.items():
    nx.set_node_attributes(E, values, name)
stage("analysis")

# RDF with rdflib, then every file.
rdf = Graph()
rdf.bind("sk", SK)


def iri(key):
    return URIRef(BASE + key[0].lower() + "/" + re.sub(r"[^\w.-]", "_", key[1]))


for key, data in G.nodes(data=True):
    subject = iri(key)
    rdf.add((subject, RDF.type, SK[key[0]]))
    rdf.add((subject, RDFS.label, Literal(data["label"])))
    if data.get("date"):
        rdf.add((subject, DCTERMS.date, Literal(data["date"], datatype=XSD.date)))
    if key in E:
        for name in ("pagerank", "betweenness", "community"):
            rdf.add((subject, SK[name], Literal(E.nodes[key][name])))
for a, b, data in G.edges(data=True):
    rdf.add((iri(a), SK[data["kind"]], iri(b)))
    if data.get("description"):
        observation = URIRef(f"{iri(b)}/{a[1]}/{data['row']}")
        rdf.add((observation, SK.description, Literal(data["description"])))
        rdf.add((observation, SK.observedIn, iri(a)))
stage(f"rdf graph ({len(rdf)} triples)")
rdf.serialize(os.path.join(out, "graph.ttl"), format="turtle")
stage("write graph.ttl")
rdf.serialize(os.path.join(out, "graph.nt"), format="nt", encoding="utf-8")
stage("write graph.nt")
rdf.serialize(os.path.join(out, "graph.rdf"), format="xml")
stage("write graph.rdf")

flat = nx.DiGraph()
for key, data in G.nodes(data=True):
    flat.add_node(str(key), **{k: v for k, v in data.items() if v is not None})
for a, b, data in G.edges(data=True):
    flat.add_edge(str(a), str(b), kind=data["kind"])
nx.write_graphml(flat, os.path.join(out, "graph.graphml"))
stage("write graph.graphml")
view = nx.relabel_nodes(E, {n: n[1] for n in E})
nx.write_graphml(view, os.path.join(out, "entities.graphml"))
stage("write entities.graphml")
nx.write_gexf(view, os.path.join(out, "entities.gexf"))
stage("write entities.gexf")
with open(os.path.join(out, "graph.json"), "w") as f:
    json.dump({"graph": nx.node_link_data(flat), "entity_view": nx.node_link_data(view)}, f)
stage("write graph.json")
