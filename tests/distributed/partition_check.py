"""A partitioned graph (distributed/partition.hpp), linked, is the single-process graph (issue 22).

    partition_check.py PARTITION_CHECK GEN_PY EXAMPLES [SIZE]

Runs partition_check (which compares every node, with its number, kind, label, spellings and
count of reports, every edge, Closest links across shares and out of the corpus, every keyword's
worthiness evidence and verdict, the entity view, the trends and the view's measures with the
single-process build, the ten entity-view files the root writes from what it gathers
(entities.*, report.*, trends.json and its pictures) byte for byte, and the RDF files made of
every rank's piece (graph.nt as a set of triples; all three syntaxes read back by rapper)) under mpirun with 1, 2, 3
and 4 ranks on examples/ with its config (a thesaurus; acronyms the texts define), a generated
SIZE-report corpus, a corpus whose report ids repeat across the ranks' shares (renamed x~2, x~3
in corpus order, with the single process' diagnostics), and ../shared/corpus where it is.
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


def triples(path):
    syntax = {".nt": "ntriples", ".ttl": "turtle", ".rdf": "rdfxml"}[path.suffix]
    out = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return set(out.splitlines())


def run(ranks, *args):
    global failures
    command = ["mpirun", "--oversubscribe", "--bind-to", "none", "-np", str(ranks), check, *args]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)
    print(f"-np {ranks} {' '.join(args)}: {result.stdout.strip()}")
    if (result.returncode != 0 or " 0 differences;" not in result.stdout
            or "10 entity-view files compared byte for byte, 0 differ" not in result.stdout
            or "triples, the same" not in result.stdout):
        print(result.stderr[-2000:])
        failures += 1


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
    # The RDF the ranks' pieces make, in all three syntaxes, read back by Raptor.
    run(3, "--keep", str(tmp / "kept"), str(tmp / "generated"))
    one = triples(tmp / "kept" / "one" / "graph.nt")
    for name in ("graph.nt", "graph.ttl", "graph.rdf"):
        same = triples(tmp / "kept" / "mine" / name) == one
        print(f"{name} of 3 ranks' pieces, read by rapper: {len(one)} triples, "
              f"{'the same' if same else 'NOT the same'} as one process's")
        failures += not same
    shared = pathlib.Path(examples).resolve().parent.parent / "shared" / "corpus"
    if shared.is_dir():
        run(3, str(shared))

print("FAILED" if failures else "OK")
sys.exit(1 if failures else 0)
