#!/usr/bin/python3
"""Virtuoso against signalkg's in-process engine on a generated corpus (issue 23): the time to
load the build (OUT/virtuoso/load.sh, bulk loader) against `signalkg query`'s load, and each
example query's time through `signalkg query --endpoint` against in-process.

    bench/virtuoso.py [SIZE]     (default 10000; the corpus is made by bench/gen.py if absent)

Virtuoso runs on loopback with a temporary database and 1.3 GB of buffers (170,000 pages, its
recommendation for a machine of 2 GB free), and is stopped by its process id at the end."""
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "interop"))
from virtuoso_server import Virtuoso  # noqa: E402

size = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
binary = os.path.join(ROOT, "build", "cli", "signalkg")
corpus = os.path.join(ROOT, "build", "corpora", str(size))
if not os.path.isdir(corpus):
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench", "gen.py"), str(size), corpus],
                   check=True)
queries = sorted(glob.glob(os.path.join(ROOT, "examples", "queries", "*.rq")))
store_queries = sorted(glob.glob(os.path.join(ROOT, "examples", "queries", "endpoint", "*.rq")))


def timings(stderr):
    """{name: seconds} from `signalkg query --timings`."""
    found = {}
    for line in stderr.splitlines():
        m = re.match(r"\s+(\S+)(?: \((\d+) (?:rows|triples)\))? ([\d.]+) s$", line)
        if m:
            found[os.path.basename(m.group(1))] = (float(m.group(3)), m.group(2))
    return found


with tempfile.TemporaryDirectory(dir=os.path.join(ROOT, "build")) as tmp:
    out = os.path.join(tmp, "out")
    subprocess.run([binary, "build", corpus, "-o", out, "-q", "-f", "virtuoso"], check=True)
    triples = int(subprocess.run(["wc", "-l", os.path.join(out, "graph.nt")], capture_output=True,
                                 text=True).stdout.split()[0])
    print(f"{size} reports, graph.nt: {triples} triples, {os.path.getsize(os.path.join(out, 'graph.nt')) / 1e6:.0f} MB")
    server = Virtuoso(os.path.join(tmp, "server"), out, buffers=170000)
    try:
        started = time.time()
        load = subprocess.run([os.path.join(out, "virtuoso", "load.sh"), "--port",
                               f"127.0.0.1:{server.sql_port}"], capture_output=True, text=True)
        print(f"Virtuoso load.sh: {time.time() - started:.1f} s: {load.stdout.strip()}{load.stderr.strip()}")
        graph = "https://w3id.org/signalkg/id/graph"
        remote = subprocess.run([binary, "query", "--endpoint", server.url, graph, *queries,
                                 *store_queries, "--timings", "--format", "json", "--timeout", "0"],
                                capture_output=True, text=True)
        local = subprocess.run([binary, "query", out, *queries, "--timings", "--format", "json",
                                "--timeout", "0"], capture_output=True, text=True)
    finally:
        server.stop()
    r, l = timings(remote.stderr), timings(local.stderr)
    print(f"signalkg query load: {l.get('load', (0, 0))[0]:.1f} s")
    print(f"{'query':34} {'rows':>7} {'Virtuoso':>9} {'in-process':>11}")
    for q in queries + store_queries:
        name = os.path.basename(q)
        rv, rows = r.get(name, (float('nan'), '?'))
        lv = l[name][0] if name in l else None
        print(f"{name:34} {rows:>7} {rv:>8.3f}s {'' if lv is None else f'{lv:.3f}s':>11}")
    if remote.returncode or local.returncode:
        print(remote.stderr[-1000:], local.stderr[-1000:])
