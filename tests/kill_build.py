"""SIGKILL during a build never leaves a fragment in OUT.

OUT first holds a complete build of a generated corpus (the old version). A second build with
another base IRI (so most files change) is killed with SIGKILL at five points, most while files
are written; after each kill, every file in OUT must be either its old or its new complete
version (out_versions.py), and the old build's files must still hash as before (checked at the
end: a build writing into an existing file would change them).

    kill_build.py SIGNALKG GEN_PY [SIZE]
"""
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

signalkg, gen = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
sys.path.insert(0, str(pathlib.Path(__file__).parent))
from out_versions import check_old_or_new, digests  # noqa: E402


def build(corpus, out, config):
    return [signalkg, "build", "-q", "-c", str(config), "-o", str(out), str(corpus)]


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    corpus = tmp / "corpus"
    subprocess.run(["/usr/bin/python3", gen, str(size), str(corpus)], check=True,
                   stdout=subprocess.DEVNULL)
    old_config, new_config = tmp / "old.yaml", tmp / "new.yaml"
    old_config.write_text("base_iri: https://example.org/old/\n")
    new_config.write_text("base_iri: https://example.org/new/\n")

    old_out, new_out, out = tmp / "old", tmp / "new", tmp / "out"
    subprocess.run(build(corpus, old_out, old_config), check=True)
    started = time.monotonic()
    subprocess.run(build(corpus, new_out, new_config), check=True)
    duration = time.monotonic() - started
    old, new = digests(old_out), digests(new_out)
    assert old.keys() == new.keys(), "both builds write the same files"
    print(f"{len(old)} files, {sum(old[n] != new[n] for n in old)} differ between the versions; "
          f"a build takes {duration:.1f} s")

    failures = []
    replaced_total = 0
    for fraction in (0.5, 0.65, 0.75, 0.82, 0.9):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old_out, out, copy_function=os.link)
        process = subprocess.Popen(build(corpus, out, new_config))
        time.sleep(duration * fraction)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        found, replaced = check_old_or_new(out, old_out, old, new, f"at {fraction:.0%}")
        failures += found
        replaced_total += replaced
        print(f"killed at {fraction:.0%} of the build{' (it had finished)' if finished else ''}: "
              f"{replaced} files new, {len(old) - replaced} old")

    if digests(old_out) != old:
        failures.append("a killed build wrote into an existing file")
    # The next build clears hidden temporaries and completes OUT.
    subprocess.run(build(corpus, out, new_config), check=True)
    if digests(out) != new:
        failures.append("a build after the kills did not leave exactly the new files")
    if replaced_total == 0:
        failures.append("no kill landed after a file was replaced: the test proved nothing")
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)
