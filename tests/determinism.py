"""`signalkg build --jobs 2` writes byte-identical files to `--jobs 1` on a generated corpus.

    determinism.py SIGNALKG GEN_PY [SIZE]
"""
import filecmp
import pathlib
import subprocess
import sys
import tempfile

signalkg, gen = sys.argv[1], sys.argv[2]
size = sys.argv[3] if len(sys.argv) > 3 else "2000"
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    subprocess.run(["/usr/bin/python3", gen, size, str(tmp / "corpus")], check=True,
                   stdout=subprocess.DEVNULL)
    for jobs in ("1", "2"):
        subprocess.run([signalkg, "build", "-q", "-j", jobs, "-o", str(tmp / jobs),
                        str(tmp / "corpus")], check=True)
    one = sorted(str(p.relative_to(tmp / "1")) for p in (tmp / "1").rglob("*") if p.is_file())
    two = sorted(str(p.relative_to(tmp / "2")) for p in (tmp / "2").rglob("*") if p.is_file())
    assert one == two, f"different files: {set(one) ^ set(two)}"
    different = [name for name in one
                 if not filecmp.cmp(tmp / "1" / name, tmp / "2" / name, shallow=False)]
    print(f"{len(one)} files from {size} generated reports; {len(different)} differ")
    sys.exit(1 if different else 0)
