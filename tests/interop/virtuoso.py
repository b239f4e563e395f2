#!/usr/bin/python3
"""signalkg's graph in a real SPARQL server (issue 23): Virtuoso 7 (Debian), started here on
127.0.0.1 with a temporary database and stopped by its process id.

For the example reports and the shared corpus (when there): OUT/virtuoso/load.sh loads the build
into a named graph of its own and reports as many triples as `rapper` counts in graph.nt and
ontology.ttl together (repeats once); every example query gives, through `signalkg query
--endpoint`, byte for byte the JSON of `signalkg query OUT` (numbers too: Virtuoso's rounded
doubles are read again in full) and Oxigraph's rows; the queries Rasqal cannot run
(examples/queries/endpoint: a property path, an OPTIONAL) give Oxigraph's rows; ASK gives true
or false (Virtuoso answers it as a row) and a CONSTRUCT the in-process triples. And the errors:
a malformed query exits 2 with Virtuoso's message, a query over the time limit 5, an endpoint
that is not there 6, load.sh from a folder outside DirsAllowed 1.

Usage: virtuoso.py SIGNALKG CORPUS QUERIES_DIR OXIGRAPH_DIR"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from common import Checker, corpus_or_examples, from_json, oxigraph_answers, same_answers, EXAMPLES
from virtuoso_server import Virtuoso

binary, corpus, queries_dir, oxigraph_dir = sys.argv[1:5]
if not shutil.which("virtuoso-t") or not shutil.which("isql-vt"):
    print("SKIPPED: needs Virtuoso (virtuoso-t, isql-vt; scripts/setup.sh installs "
          "virtuoso-opensource-7)")
    sys.exit(0)
c = Checker()


def rapper_count(out):
    """Distinct triples of graph.nt and ontology.ttl together, as rapper reads them."""
    lines = set()
    for syntax, name in (("ntriples", "graph.nt"), ("turtle", "ontology.ttl")):
        run = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples",
                              os.path.join(out, name)], capture_output=True, text=True, check=True)
        lines.update(line for line in run.stdout.splitlines() if line.strip())
    return len(lines)


def query(*args):
    return subprocess.run([binary, "query", *args], capture_output=True, text=True)


corpora = [("examples", EXAMPLES)]
shared, has_shared = corpus_or_examples(corpus)
if has_shared:
    corpora.append(("shared", shared))
queries = sorted(glob.glob(os.path.join(queries_dir, "*.rq")))
endpoint_queries = sorted(glob.glob(os.path.join(queries_dir, "endpoint", "*.rq")))
c.check(len(queries) >= 8 and len(endpoint_queries) >= 2,
        f"{len(queries)} example queries, {len(endpoint_queries)} for endpoints")

with tempfile.TemporaryDirectory() as tmp:
    tmp = os.path.realpath(tmp)
    builds = os.path.join(tmp, "builds")
    os.makedirs(builds)
    server = Virtuoso(os.path.join(tmp, "server"), builds)
    try:
        for name, reports in corpora:
            out = os.path.join(builds, name)
            build = subprocess.run([binary, "build", reports, "-o", out, "-q", "-f", "virtuoso,ttl"],
                                   capture_output=True, text=True)
            if not c.check(build.returncode == 0, f"{name}: build: {build.stderr}"):
                continue
            graph = f"https://example.org/signalkg-test/{name}"
            started = time.time()
            load = subprocess.run([os.path.join(out, "virtuoso", "load.sh"), "--graph", graph,
                                   "--port", f"127.0.0.1:{server.sql_port}"],
                                  capture_output=True, text=True)
            seconds = time.time() - started
            expected = rapper_count(out)
            c.check(load.returncode == 0 and f": {expected} triples" in load.stdout,
                    f"{name}: load.sh gave {load.returncode}: {load.stdout}{load.stderr} "
                    f"(rapper: {expected})")
            print(f"{name}: load.sh {seconds:.2f} s: {load.stdout.strip()} (rapper: {expected})")
            again = subprocess.run([os.path.join(out, "virtuoso", "load.sh"), "--graph", graph,
                                    "--port", f"127.0.0.1:{server.sql_port}"],
                                   capture_output=True, text=True)
            c.check(again.returncode == 0 and f": {expected} triples" in again.stdout,
                    f"{name}: a second load.sh did not replace the graph: {again.stdout}")

            oxigraph = oxigraph_answers(oxigraph_dir, os.path.join(out, "graph.ttl"),
                                        queries + endpoint_queries, tmp, c)
            for query_file in queries + endpoint_queries:
                label = f"{name}/{os.path.basename(query_file)}"
                text = open(query_file, encoding="utf-8").read()
                remote = query("--endpoint", server.url, graph, query_file, "--format", "json")
                if not c.check(remote.returncode == 0, f"{label}: --endpoint: {remote.stderr}"):
                    continue
                answers = {"virtuoso": from_json(json.loads(remote.stdout))}
                if query_file in queries:  # Rasqal runs these: the same bytes
                    local = query(out, query_file, "--format", "json")
                    c.check(local.returncode == 0 and local.stdout == remote.stdout,
                            f"{label}: --endpoint and the in-process engine differ")
                    answers["signalkg"] = from_json(json.loads(local.stdout))
                if query_file in oxigraph:
                    answers["oxigraph"] = from_json(oxigraph[query_file])
                rows = same_answers(label, text, answers, c)
                print(f"{label}: {len(rows)} rows, {' = '.join(answers)}")

        graph = "https://example.org/signalkg-test/examples"
        for ask, answer in (("ASK { ?s a sk:Signal }", "true"), ("ASK { ?s a sk:Nothing }", "false")):
            asked = query("--endpoint", server.url, graph, ask, "--format", "csv")
            c.check(asked.returncode == 0 and asked.stdout.strip() == answer,
                    f"{ask}: {asked.stdout!r} {asked.stderr!r}")
        construct = "CONSTRUCT { ?e sk:pagerank ?p } WHERE { ?e rdfs:label \"AI\" ; sk:pagerank ?p }"
        remote = query("--endpoint", server.url, graph, construct, "--format", "nt")
        local = query(os.path.join(builds, "examples"), construct, "--format", "nt")
        c.check(remote.returncode == 0 and remote.stdout == local.stdout and "0.16" in local.stdout,
                f"CONSTRUCT: {remote.stdout!r} != {local.stdout!r}")
        bad = query("--endpoint", server.url, graph, "SELECT ?x\nWHERE { ?x a sk:Signal .")
        c.check(bad.returncode == 2 and "HTTP 400" in bad.stderr and "syntax error" in bad.stderr,
                f"malformed query: exit {bad.returncode}, {bad.stderr!r}")
        slow = query("--endpoint", server.url, graph, "--timeout", "1",
                     "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        c.check(slow.returncode == 5 and "no answer after 1 s" in slow.stderr,
                f"a slow query: exit {slow.returncode}, {slow.stderr!r}")
        # Not under DirsAllowed, nor under /tmp (which Virtuoso lets its loader read anyway).
        place = next(p for p in (os.path.expanduser("~"), os.getcwd(), "/var/tmp")
                     if os.access(p, os.W_OK) and not os.path.realpath(p).startswith("/tmp"))
        with tempfile.TemporaryDirectory(dir=place) as elsewhere:
            subprocess.run([binary, "build", EXAMPLES, "-o", elsewhere, "-q", "-f", "virtuoso"],
                           check=True, capture_output=True)
            refused = subprocess.run([os.path.join(elsewhere, "virtuoso", "load.sh"), "--port",
                                      f"127.0.0.1:{server.sql_port}"], capture_output=True,
                                     text=True)
            c.check(refused.returncode == 1 and "DirsAllowed" in refused.stderr,
                    f"load.sh outside DirsAllowed: exit {refused.returncode}, "
                    f"{refused.stdout!r} {refused.stderr!r}")
    finally:
        server.stop()
    c.check(server.process.poll() is not None, "the server is still running")
    gone = query("--endpoint", server.url, "ASK { ?s ?p ?o }")
    c.check(gone.returncode == 6 and "127.0.0.1" in gone.stderr,
            f"an endpoint that is not there: exit {gone.returncode}, {gone.stderr!r}")

sys.exit(c.finish())
