"""SIGKILL during a build never leaves a fragment in OUT.

OUT first holds a complete build of a generated corpus (the old version). A second build with
another base IRI (so most files change) is killed with SIGKILL at five points, most while files are written; after each
kill, every file in OUT must be either its old or its new complete version, and nothing else
may be there but complete hidden temporaries (`.NAME.signalkg-tmp`, cleared by the next build).

OUT is made of hard links to the old build's files: a file that still shares its inode is the
old file, untouched, as long as the old build's files still hash as before (checked at the end:
a build writing into an existing file would change them).

    kill_build.py SIGNALKG GEN_PY [SIZE]
"""
import hashlib
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
TEMPORARY = ".signalkg-tmp"


def digest(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def files(folder):
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}


def digests(folder):
    return {name: digest(path) for name, path in files(folder).items()}


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
        replaced = 0
        now = files(out)
        for name, path in now.items():
            if path.name.startswith(".") and path.name.endswith(TEMPORARY):
                # Named just before its rename: must already be the complete new file.
                real = str(path.with_name(path.name[1:-len(TEMPORARY)]).relative_to(out))
                if new.get(real) != digest(path):
                    failures.append(f"at {fraction:.0%}: incomplete temporary {name}")
            elif name not in old:
                failures.append(f"at {fraction:.0%}: unexpected file {name}")
            elif path.stat().st_ino != (old_out / name).stat().st_ino:
                replaced += 1
                if digest(path) != new[name]:
                    failures.append(f"at {fraction:.0%}: {name} is not the complete new file")
        missing = sorted(set(old) - set(now))
        if missing:
            failures.append(f"at {fraction:.0%}: files disappeared: {missing}")
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
