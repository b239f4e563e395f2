#!/usr/bin/python3
"""The same build on 1, 2 and 4 MPI ranks (issue 22), the graph partitioned over the ranks from
reading to writing: per rank its share, read time, peak RSS and bytes sent and received; the
root's time per stage; and whether the output files are the single-process build's (the same
files, the entity-view files byte for byte: tests/distributed/same_graph.py; the full view's
16 GB are compared as graphs by the tests, on 2,000 reports).
Then per rank and stage (read + assemble, link, entity view) its share of the graph, seconds and
peak RSS, and bytes sent (build/tests/partition_check --measure).

    /usr/bin/python3 bench/mpi.py [SIZE] [RANKS...]      (default: 100000 1 2 4)

The corpus is build/corpora/SIZE (made by bench/gen.py when missing). Ranks run on this machine
with --oversubscribe: on 2 cores, time is not the point; memory per rank is.
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
signalkg = root / "build/cli/signalkg"
size = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
ranks_list = [int(r) for r in sys.argv[2:]] or [1, 2, 4]
corpus = root / f"build/corpora/{size}"
if not corpus.is_dir():
    subprocess.run(["/usr/bin/python3", root / "bench/gen.py", str(size), corpus], check=True)
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
STAGES = ("read + assemble", "link (partitioned", "entity view and trends", "analysis (total)",
          "write the full view", "rank 0's peak", "read + graph (total)", "entity view ",
          "write (total")
# In place of this script's folder, whose html.py would shadow the standard module rdflib imports.
sys.path[0] = str(root / "tests/distributed")
from same_graph import differences  # noqa: E402


with open("/proc/meminfo") as f:
    memory = int(f.readline().split()[1]) / 1048576
print(f"machine: {os.cpu_count()} cores, {memory:.0f} GB; corpus: {size} reports")
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    single = tmp / "single"
    started = time.monotonic()
    subprocess.run([signalkg, "build", "-q", "-o", single, corpus], check=True)
    print(f"\nsingle process (no mpirun): {time.monotonic() - started:.1f} s")
    for ranks in ranks_list:
        out = tmp / f"np{ranks}"
        started = time.monotonic()
        done = subprocess.run(["mpirun", "--oversubscribe", "--bind-to", "none", "-np", str(ranks),
                               signalkg, "build", "-q", "--timings", "-o", out, corpus],
                              env=env, capture_output=True, text=True, check=True)
        wall = time.monotonic() - started
        found, summary = differences(single, out, full_view=False)
        print(f"\n== {ranks} rank{'s' if ranks > 1 else ''}: {wall:.1f} s; "
              f"{summary if not found else 'files DIFFER: ' + '; '.join(found)}")
        for line in done.stderr.splitlines():
            if line.strip().startswith(STAGES) or re.match(r"\s*rank \d+ on", line):
                print(line)
        subprocess.run(["rm", "-rf", out])

partition_check = root / "build/tests/partition_check"
print("\n== per stage (partition_check --measure)")
for ranks in ranks_list:
    started = time.monotonic()
    done = subprocess.run(["mpirun", "--oversubscribe", "--bind-to", "none", "-np", str(ranks),
                           partition_check, "--measure", corpus],
                          env=env, capture_output=True, text=True, check=True)
    print(f"-- {ranks} rank{'s' if ranks > 1 else ''}: {time.monotonic() - started:.1f} s")
    print(done.stdout.rstrip())
