"""`mpirun -np N signalkg build` makes the single-process build (issue 22).

    mpirun_build.py SIGNALKG GEN_PY EXAMPLES [SIZE]

1. Same results, for examples/ and a generated SIZE-report corpus, with 2 and 4 ranks (Open MPI,
   --oversubscribe: more ranks than cores): every file the single process writes, and no other;
   the entity-view files, the report, the trends and the manifest byte for byte; the full view
   the same graph: its RDF isomorphic (rdflib, examples; N-Triples from rapper compared as sets,
   all three syntaxes), graph.graphml the same nodes by IRI with the same attributes and the same
   edges (networkx), graph.json the same nodes and links, every Neo4j CSV the same rows.
   One rank (-np 1) is the single-process build too.
2. A rank killed (SIGKILL, as the kernel's OOM killer does) while the ranks read and while the
   root writes, each time over an older OUT: mpirun names the rank and exits non-zero, and every file in OUT is its old or its
   new complete version (tests/out_versions.py).
3. A rank that cannot see the input (a private mount hides it, as on a node without the shared
   file system): exit 7, a message naming the rank, the host and the file, and no OUT.
4. A rank out of memory reading its share: exit 7, a message naming the rank, the cause and the
   file, and no OUT.
5. The other commands (diagram, convert) run on rank 0 alone and end every rank: the single
   process's bytes, no hang.
"""
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time


signalkg, gen, examples = sys.argv[1], sys.argv[2], sys.argv[3]
size = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
sys.path.insert(0, str(pathlib.Path(__file__).parent.parent))
from out_versions import check_old_or_new, digests  # noqa: E402
from distributed.same_graph import differences  # noqa: E402

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_rmaps_base_oversubscribe="1")
# Under AddressSanitizer (scripts/sanitize.sh) the ranks check everything but leaks: Open MPI's
# runtime and the plugins it loads and unloads (PMIx, hwloc) keep memory past MPI_Finalize in
# modules LeakSanitizer can no longer name, so tests/lsan.supp cannot single them out. The
# build's own code is leak-checked by every other test.
if "ASAN_OPTIONS" in ENV:
    ENV["ASAN_OPTIONS"] += ":detect_leaks=0"
failures = []


def fail(message):
    print("FAIL:", message)
    failures.append(message)


def mpirun(ranks, *args):
    return ["mpirun", "--oversubscribe", "--bind-to", "none", "-np", str(ranks), signalkg, *args]


def build(corpus, out, ranks=0, extra=()):
    command = [signalkg, "build", "-q", "-o", str(out), *extra, str(corpus)]
    if ranks:
        command = mpirun(ranks, "build", "-q", "-o", str(out), *extra, str(corpus))
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)


def compare(single, multi, label, rdf_isomorphism):
    found, summary = differences(single, multi, rdf_isomorphism)
    for message in found:
        fail(f"{label}: {message}")
    if not found:
        print(f"{label}: {summary}")


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    corpus = tmp / "corpus"
    subprocess.run(["/usr/bin/python3", gen, str(size), str(corpus)], check=True,
                   stdout=subprocess.DEVNULL)

    # 1. Same results.
    for name, source, ranks_list in (("examples", examples, (1, 2, 4)),
                                     (f"{size} generated", corpus, (2, 4))):
        single = tmp / f"{name}-single"
        done = build(source, single)
        assert done.returncode == 0, done.stderr
        for ranks in ranks_list:
            out = tmp / f"{name}-{ranks}"
            started = time.monotonic()
            done = build(source, out, ranks)
            if done.returncode != 0:
                fail(f"{name}, {ranks} ranks: exit {done.returncode}: {done.stderr[-2000:]}")
                continue
            print(f"{name}, {ranks} ranks: built in {time.monotonic() - started:.1f} s")
            compare(single, out, f"{name}, {ranks} ranks", name == "examples")

    # 5. The other commands under mpirun: rank 0 runs them, the other ranks wait and end.
    for command, name in (("diagram", "d.svg"), ("convert", "c.jsonl")):
        made = []
        for ranks in (0, 2):
            target = tmp / f"{ranks}-{name}"
            args = [command, "-q", examples, "-o", str(target)]
            done = subprocess.run(mpirun(ranks, *args) if ranks else [signalkg, *args], env=ENV,
                                  capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                fail(f"{command}, {ranks} ranks: exit {done.returncode}: {done.stderr[-2000:]}")
            made.append(target.read_bytes() if target.exists() else b"")
        if not made[0] or made[0] != made[1]:
            fail(f"{command} under mpirun -np 2 wrote other bytes than one process")
        print(f"{command}, 2 ranks: {len(made[1])} bytes, the single process's")

    # 2. A rank killed: rank 2 of 4, at points through a build over an older OUT.
    old_out, new_out = tmp / f"{size} generated-single", tmp / f"{size} generated-4"
    old_config = tmp / "old.yaml"
    old_config.write_text("base_iri: https://example.org/old/\n")
    shutil.rmtree(old_out)
    assert build(corpus, old_out, extra=("-c", str(old_config))).returncode == 0
    old, new = digests(old_out), digests(new_out)
    started = time.monotonic()
    assert build(corpus, tmp / "timed", 4).returncode == 0
    duration = time.monotonic() - started
    out = tmp / "out"
    replaced_total = 0

    def replaced_in(folder):
        return sum(p.stat().st_ino != (old_out / n).stat().st_ino
                   for n, p in ((n, folder / n) for n in old) if p.exists())

    # Killed while the ranks read, then as soon as the first file and the tenth are replaced.
    for when, ready in (("at 25% of the time", lambda t: t >= 0.25 * duration),
                        ("after the first new file", lambda t: replaced_in(out) >= 1),
                        ("after the tenth new file", lambda t: replaced_in(out) >= 10)):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old_out, out, copy_function=os.link)
        process = subprocess.Popen(mpirun(4, "build", "-q", "-o", str(out), str(corpus)),
                                   env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, start_new_session=True)
        started = time.monotonic()
        while not ready(time.monotonic() - started) and process.poll() is None:
            time.sleep(0.002)
        victim = None
        for pid in os.listdir("/proc"):
            try:
                environ = pathlib.Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
            except (OSError, ValueError):
                continue
            if (b"OMPI_COMM_WORLD_RANK=2" in environ and str(out).encode() in cmdline
                    and pathlib.Path(f"/proc/{pid}/exe").resolve().name == "signalkg"):
                victim = int(pid)
        when = f"rank 2 killed {when}"
        if victim is None:
            print(f"{when}: the build had ended before the kill")
            process.communicate()
            continue
        os.kill(victim, signal.SIGKILL)
        _, stderr = process.communicate(timeout=120)
        if process.returncode == 0:
            fail(f"{when}: mpirun exited 0")
        if "rank 2" not in stderr:
            fail(f"{when}: no message names rank 2: {stderr[-1000:]}")
        found, replaced = check_old_or_new(out, old_out, old, new, when)
        for message in found:
            fail(message)
        replaced_total += replaced
        print(f"{when}: exit {process.returncode}, {replaced} files new, {len(old) - replaced} "
              f"old; mpirun said: {[l for l in stderr.splitlines() if 'rank 2' in l][:1]}")
    if replaced_total == 0:
        fail("no kill landed after a file was replaced: the test proved nothing")

    # 3. A rank that cannot see the input.
    hidden = tmp / "hidden"
    shutil.copytree(examples, hidden)
    unshare = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    blind = " ".join([*unshare, "sh", "-c",
                      f"'mount -t tmpfs none {hidden} && exec {signalkg} build -q -o "
                      f"{tmp / 'blind'} {hidden}'"])
    done = subprocess.run(f"mpirun --oversubscribe --bind-to none -np 3 {signalkg} build -q -o {tmp / 'blind'} "
                          f"{hidden} : -np 1 {blind}", shell=True, env=ENV, capture_output=True,
                          text=True, timeout=120)
    said = [line for line in done.stderr.splitlines() if line.startswith("signalkg: rank 3 of 4")]
    print(f"a rank without the input: exit {done.returncode}; {said[:1]}")
    if done.returncode != 7:
        fail(f"a rank without the input: exit {done.returncode}, not 7: {done.stderr[-1500:]}")
    if not said or str(hidden) not in said[0] or "file system every rank shares" not in said[0]:
        fail(f"a rank without the input: no message naming the rank and the file: {said}")
    if (tmp / "blind").exists():
        fail("a rank without the input: OUT was made")

    # 4. A rank out of memory: rank 1 gets a 150 MB report (it sorts first and outweighs the
    # rest) with too little memory for it: 450 MB of address space. AddressSanitizer's shadow
    # memory needs terabytes of address space, so under it allocations over 100 MB are refused
    # instead, which ASan reports and aborts on (its operator new never throws): mpirun then
    # names rank 1 and ends the run.
    hungry = tmp / "hungry"
    shutil.copytree(examples, hungry)
    with open(hungry / "a-big.md", "w") as f:
        f.write("# A big report\n\n## Summary\n\n")
        f.writelines(["word " * 200 + "\n\n"] * 150000)
    asan = b"AddressSanitizer" in pathlib.Path(signalkg).read_bytes()
    limit = ("export ASAN_OPTIONS=$ASAN_OPTIONS:max_allocation_size_mb=100" if asan
             else "ulimit -v 450000")
    build_args = f"build -q --max-file-size 1GiB -o {tmp / 'hungry-out'} {hungry}"
    done = subprocess.run(
        f"mpirun --oversubscribe --bind-to none -np 1 {signalkg} {build_args} : -np 1 sh -c "
        f"'{limit} && exec {signalkg} {build_args}' : -np 2 {signalkg} {build_args}",
        shell=True, env=ENV, capture_output=True, text=True, timeout=300)
    said = [line for line in done.stderr.splitlines()
            if line.startswith("signalkg: rank 1 of 4") or "process rank 1 " in line]
    print(f"a rank out of memory: exit {done.returncode}; {said[:1]}")
    if asan:
        if done.returncode == 0 or not said:
            fail(f"a rank out of memory (ASan): exit {done.returncode}: {done.stderr[-1500:]}")
    elif done.returncode != 7:
        fail(f"a rank out of memory: exit {done.returncode}, not 7: {done.stderr[-1500:]}")
    elif not said or "out of memory reading" not in said[0] or "a-big.md" not in said[0]:
        fail(f"a rank out of memory: no message naming the rank, the cause and the file: {said}")
    if (tmp / "hungry-out").exists():
        fail("a rank out of memory: OUT was made")

sys.exit(1 if failures else 0)
