#!/usr/bin/python3
"""Times signalkg's analysis against igraph and NetworkX on the same GraphML files.

    /usr/bin/python3 bench/analysis.py [--sizes corpus,20000,100000] [--build build]

Sizes: `corpus` is the entity view of ../shared/corpus built by signalkg; a number N is a
seeded Barabasi-Albert graph of N nodes and 10 N edges with integer weights 1-5 (the shape of an
entity view: a few hubs, a long tail). Every tool reads the same GraphML. Per size it prints
seconds per measure and the ratio tool / signalkg. Exact betweenness is timed where igraph can
finish it in a few minutes; NetworkX betweenness is timed with k=500 samples, as reference only,
and not at all beyond 50k nodes.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import igraph as ig
import networkx as nx
from networkx.algorithms import community as nx_community

parser = argparse.ArgumentParser()
parser.add_argument("--sizes", default="corpus,20000,100000")
parser.add_argument("--build", default="build")
parser.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
args = parser.parse_args()
signalkg = os.path.join(args.build, "cli", "signalkg")
bench = os.path.join(args.build, "bench", "analysis_bench")


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def make_graph(size, folder):
    path = os.path.join(folder, f"graph-{size}.graphml")
    if size == "corpus":
        subprocess.run([signalkg, "build", args.corpus, "-o", folder, "-q", "--formats", "graphml"],
                       check=True, stderr=subprocess.DEVNULL)
        os.replace(os.path.join(folder, "entities.graphml"), path)
        return path
    n = int(size)
    g = ig.Graph.Barabasi(n, 10, directed=False)
    g.simplify()
    rng = random.Random(42)
    g.es["weight"] = [float(rng.randint(1, 5)) for _ in range(g.ecount())]
    g.vs["label"] = [f"entity {i}" for i in range(n)]
    g.write_graphml(path)
    return path


def run_signalkg(path, jobs, samples):
    command = [bench, path, str(jobs)] + ([str(samples)] if samples else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_igraph(path, exact_betweenness):
    t = {}
    t["read"], g = timed(lambda: ig.Graph.Read_GraphML(path))
    g.to_undirected()
    g.simplify(combine_edges={"weight": "sum"})
    if exact_betweenness:
        t["betweenness"], _ = timed(lambda: g.betweenness(directed=False))
        t["closeness"], _ = timed(lambda: g.closeness())
    t["pagerank"], _ = timed(lambda: g.pagerank(weights="weight"))
    t["eigenvector"], _ = timed(lambda: g.eigenvector_centrality(weights="weight"))
    t["clustering"], _ = timed(lambda: g.transitivity_local_undirected(mode="zero"))
    t["components"], _ = timed(lambda: g.connected_components())
    t["core"], _ = timed(lambda: g.coreness())
    t["louvain"], parts = timed(lambda: g.community_multilevel(weights="weight"))
    t["modularity"] = g.modularity(parts, weights="weight")
    return t


def run_networkx(path, large):
    t = {}
    t["read"], multi = timed(lambda: nx.read_graphml(path))
    g = nx.Graph()
    for a, b, d in multi.edges(data=True):
        if a != b:
            g.add_edge(a, b, weight=g[a][b]["weight"] + d["weight"] if g.has_edge(a, b) else d["weight"])
    g.add_nodes_from(multi)
    if not large:  # k=500 on a million edges takes NetworkX most of an hour
        t["betweenness (k=500)"], _ = timed(
            lambda: nx.betweenness_centrality(g, k=min(500, len(g)), seed=1))
    t["pagerank"], _ = timed(lambda: nx.pagerank(g, weight="weight"))
    if not large:
        t["clustering"], _ = timed(lambda: nx.clustering(g))
    t["louvain"], parts = timed(lambda: nx_community.louvain_communities(g, weight="weight", seed=0))
    t["modularity"] = nx_community.modularity(g, parts, weight="weight")
    return t


print(f"machine: {os.cpu_count()} cores; {subprocess.run(['uname', '-srm'], capture_output=True, text=True).stdout.strip()}")
with tempfile.TemporaryDirectory() as folder:
    for size in args.sizes.split(","):
        path = make_graph(size, folder)
        large = size != "corpus" and int(size) > 50000
        # Exact betweenness (all vertices as sources) up to 50k nodes, to compare with igraph.
        samples = 0 if large else 10 ** 9
        one = run_signalkg(path, 1, samples)
        two = run_signalkg(path, 2, samples)
        print(f"\n== {size}: {one['nodes']} nodes, {one['edges']} edges; signalkg betweenness from "
              f"{one['betweenness_sources']} sources ({'exact' if one['betweenness_sources'] == one['nodes'] else 'sampled'})")
        exact = one["betweenness_sources"] == one["nodes"]
        igraph_t = run_igraph(path, exact_betweenness=exact)
        networkx_t = run_networkx(path, large)
        rows = [("betweenness+closeness", ["betweenness", "closeness"], []),
                ("pagerank", ["pagerank"], ["pagerank"]),
                ("eigenvector", ["eigenvector"], []),
                ("clustering", ["clustering"], ["clustering"]),
                ("components", ["components"], []),
                ("core", ["core"], []),
                ("louvain", ["louvain"], ["louvain"])]
        print(f"{'measure':24} {'signalkg -j1':>12} {'-j2':>8} {'igraph':>9} {'ratio':>7} {'NetworkX':>9} {'ratio':>7}")
        for name, igraph_keys, nx_keys in rows:
            ours1, ours2 = one[name], two[name]
            theirs = sum(igraph_t[k] for k in igraph_keys if k in igraph_t) if all(k in igraph_t for k in igraph_keys) else None
            theirs_nx = sum(networkx_t[k] for k in nx_keys) if nx_keys and all(k in networkx_t for k in nx_keys) else None
            def ratio(x, base):
                return f"{x / max(base, 1e-4):7.1f}" if x is not None else "      -"
            print(f"{name:24} {ours1:12.3f} {ours2:8.3f} {theirs if theirs is not None else float('nan'):9.3f} "
                  f"{ratio(theirs, ours2)} {theirs_nx if theirs_nx is not None else float('nan'):9.3f} {ratio(theirs_nx, ours2)}")
        if "betweenness (k=500)" in networkx_t:
            print(f"{'NetworkX betweenness k=500':24} {'':12} {'':8} {'':9} {'':7} "
                  f"{networkx_t['betweenness (k=500)']:9.3f}")
        print(f"modularity: signalkg {one['modularity']:.4f}, igraph {igraph_t['modularity']:.4f}, "
              f"NetworkX {networkx_t['modularity']:.4f}")
        sys.stdout.flush()
