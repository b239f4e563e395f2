"""A partitioned graph (distributed/partition.hpp), linked, is the single-process graph (issue 22).

    partition_check.py PARTITION_CHECK GEN_PY EXAMPLES [SIZE]

Runs partition_check under mpirun with 1, 2, 3 and 4 ranks on examples/ with its config (a
thesaurus; acronyms the texts define), a generated SIZE-report corpus, a corpus whose report ids
repeat across the ranks' shares (renamed x~2, x~3 in corpus order, with the single process'
diagnostics), and ../shared/corpus where it is. partition_check compares with one process's
build every node (number, kind, label, spellings, count of reports), every edge, the Closest
links across shares and out of the corpus, every keyword's worthiness evidence and verdict, the
entity view, the trends and the view's measures, the entity-view files the root writes from
what it gathers byte for byte, and graph.nt made of the ranks' pieces as a set of triples. Then
every file it wrote is compared with one process's (same_graph.py): the full view's as graphs
(rapper for all three RDF syntaxes, networkx for GraphML, graph.json's nodes and links, every
Neo4j CSV's rows), the others byte for byte.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

check, gen, examples = sys.argv[1], sys.argv[2], sys.argv[3]
size = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1")
if "ASAN_OPTIONS" in ENV:  # as in mpirun_build.py: Open MPI's own allocations
    ENV["ASAN_OPTIONS"] += ":detect_leaks=0"
failures = 0
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from same_graph import differences  # noqa: E402


def run(ranks, *args):
    """partition_check on `args`, then every file the ranks wrote against one process's."""
    global failures
    with tempfile.TemporaryDirectory() as kept:
        kept = pathlib.Path(kept)
        command = ["mpirun", "--oversubscribe", "--bind-to", "none", "-np", str(ranks), check,
                   "--keep", str(kept), *args]
        result = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)
        print(f"-np {ranks} {' '.join(args)}: {result.stdout.strip()}")
        if (result.returncode != 0 or " 0 differences;" not in result.stdout
                or "entity-view files compared byte for byte, 0 differ" not in result.stdout
                or "triples, the same" not in result.stdout):
            print(result.stderr[-2000:])
            failures += 1
            return
        found, summary = differences(kept / "one", kept / "mine", skip=("manifest.json",))
        for message in found:
            print(f"  FAIL: {message}")
        print(f"  every file: {summary if not found else 'NOT the same'}")
        failures += bool(found)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    subprocess.run(["/usr/bin/python3", gen, str(size), str(tmp / "generated")], check=True,
                   capture_output=True)
    # The same reports three times over: every id repeats, on other ranks' shares.
    for copy in ("a", "b", "c"):
        shutil.copytree(pathlib.Path(examples) / "reports", tmp / "repeated" / copy)
    for ranks in (1, 2, 3, 4):
        run(ranks, "--config", str(pathlib.Path(examples) / "signalkg.yaml"), examples)
    for ranks in (2, 4):
        run(ranks, str(tmp / "generated"))
        run(ranks, str(tmp / "repeated"))
    shared = pathlib.Path(examples).resolve().parent.parent / "shared" / "corpus"
    if shared.is_dir():
        run(3, str(shared))

print("FAILED" if failures else "OK")
sys.exit(1 if failures else 0)
