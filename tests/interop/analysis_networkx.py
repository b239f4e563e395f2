#!/usr/bin/python3
"""Every measure signalkg writes into entities.graphml, recomputed with NetworkX on that file.

DESIGN.md §5 defines each measure as a NetworkX call; this test makes that call on the simple
undirected graph of entities.graphml (weights summed over edge kinds) and compares:
betweenness, closeness, PageRank and eigenvector within 1e-6; clustering and degrees exactly;
components and core numbers identical; Louvain modularity within 0.5 % of the best of NetworkX's
louvain_communities over seeds 0-4 at the same resolution.
"""
import json
import os
import sys
import tempfile

import networkx as nx
from networkx.algorithms import community as nx_community

from common import Checker, build, corpus_or_examples

binary, corpus = sys.argv[1], sys.argv[2]
corpus, shared = corpus_or_examples(corpus)
c = Checker()

with tempfile.TemporaryDirectory() as out:
    report = build(binary, [corpus], out, "--formats", "graphml,report")
    multi = nx.read_graphml(os.path.join(out, "entities.graphml"))

G = nx.Graph()
G.add_nodes_from(multi.nodes(data=True))
for a, b, data in multi.edges(data=True):
    if a == b:
        continue
    weight = G[a][b]["weight"] + data["weight"] if G.has_edge(a, b) else data["weight"]
    G.add_edge(a, b, weight=weight)
print(f"entity view: {G.number_of_nodes()} nodes, {G.number_of_edges()} simple edges")
least = (400, 500) if shared else (50, 100)  # nodes, edges
c.check(G.number_of_nodes() > least[0] and G.number_of_edges() > least[1], "graph too small to mean much")

ours = {name: {v: d[name] for v, d in G.nodes(data=True)}
        for name in ("degree", "weighted_degree", "betweenness", "closeness", "pagerank",
                     "eigenvector", "clustering", "component", "core", "community")}


def close(name, reference, tolerance):
    worst = max(abs(ours[name][v] - reference[v]) for v in G)
    print(f"{name}: max abs difference {worst:.2e}")
    c.check(worst <= tolerance, f"{name}: max difference {worst} > {tolerance}")


def exact(name, reference):
    wrong = [v for v in G if ours[name][v] != reference[v]]
    print(f"{name}: {len(wrong)} differences")
    c.check(not wrong, f"{name}: {len(wrong)} nodes differ, e.g. {wrong[:3]}")


exact("degree", dict(G.degree()))
close("weighted_degree", dict(G.degree(weight="weight")), 1e-9)
close("betweenness", nx.betweenness_centrality(G), 1e-6)
close("closeness", nx.closeness_centrality(G), 1e-6)
close("pagerank", nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000), 1e-6)
close("eigenvector", nx.eigenvector_centrality_numpy(G, weight="weight"), 1e-6)
exact("clustering", nx.clustering(G))
exact("core", nx.core_number(G))
c.check(abs(report["analysis"]["transitivity"] - nx.transitivity(G)) < 1e-12,
        f"transitivity {report['analysis']['transitivity']} != {nx.transitivity(G)}")

# Components: the same partition, numbered by size then smallest label.
components = sorted(nx.connected_components(G),
                    key=lambda comp: (-len(comp), min(G.nodes[v]["label"] for v in comp)))
expected = {v: i for i, comp in enumerate(components) for v in comp}
exact("component", expected)

resolution = report["analysis"]["resolution"]
parts = {}
for v, community in ours["community"].items():
    parts.setdefault(community, set()).add(v)
ours_q = nx_community.modularity(G, parts.values(), weight="weight", resolution=resolution)
c.check(abs(ours_q - report["analysis"]["modularity"]) < 1e-9,
        f"reported modularity {report['analysis']['modularity']} != recomputed {ours_q}")
best = max(nx_community.modularity(
    G, nx_community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed),
    weight="weight", resolution=resolution) for seed in range(5))
print(f"modularity: signalkg {ours_q:.6f}, NetworkX best of seeds 0-4 {best:.6f}")
# Both are Louvain, a greedy heuristic: each run ends in a local optimum, so ours must be as good
# as NetworkX's best within 0.5 % (it was above it on the graph before entity worthiness, 0.05 %
# below since), not above every seed.
c.check(ours_q >= best * 0.995, f"Louvain modularity {ours_q} more than 0.5 % below NetworkX {best}")

sys.exit(c.finish())
