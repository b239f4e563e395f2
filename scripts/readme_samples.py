#!/usr/bin/python3
"""Regenerates the README's sample outputs and pictures from the example reports.

    scripts/readme_samples.py [--check] [--binary build/cli/signalkg]

Builds examples/reports with examples/signalkg.yaml into a temporary `out/`, then:
- in every fenced block of README.md that follows a `<!-- sample -->` line, runs each `$ ` line
  as written (from a folder where `out`, `build` and `examples` lead to that build and this
  checkout) and puts its output under it;
- writes the pictures the README shows: examples/entities.svg (the entity view),
  examples/ai-focus.svg (`diagram --focus AI --depth 2`) and examples/emergence.svg.
Blocks after `<!-- shared sample -->` run the same way with `../shared` beside the checkout (the
shared corpus), and docs/shared-corpus-emergence.svg is drawn from it; without ../shared they
are left as they are, and said so.
With --check nothing is written: it exits 1 and names what differs (a test runs this), so a
sample cannot go stale.
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
parser.add_argument("--binary", default=str(ROOT / "build/cli/signalkg"))
args = parser.parse_args()
binary = pathlib.Path(args.binary).resolve()


def run(command, cwd):
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"readme_samples: `{command}` exited {result.returncode}:\n{result.stderr}")
    return result.stdout


def refresh_samples(readme, cwd, shared):
    """The README with each sample block's outputs replaced by what its commands print now
    (the shared corpus' samples only when `shared`)."""
    lines, out, i = readme.split("\n"), [], 0
    while i < len(lines):
        out.append(lines[i])
        marker = lines[i].strip()
        if marker not in ("<!-- sample -->", "<!-- shared sample -->") or (
                marker == "<!-- shared sample -->" and not shared):
            i += 1
            continue
        i += 1
        if not lines[i].startswith("```"):
            sys.exit(f"readme_samples: README.md:{i + 1}: a sample marker must precede a fenced block")
        out.append(lines[i])
        i += 1
        while not lines[i].startswith("```"):
            if lines[i].startswith("$ "):
                out.append(lines[i])
                printed = run(lines[i][2:], cwd).rstrip("\n")
                if printed:
                    out.extend(printed.split("\n"))
            i += 1
        out.append(lines[i])
        i += 1
    return "\n".join(out)


SHARED = ROOT.parent / "shared"
shared = (SHARED / "corpus").is_dir()
if not shared:
    print(f"readme_samples: no shared corpus at {SHARED / 'corpus'}: its samples and picture are "
          "left as they are")
with tempfile.TemporaryDirectory() as tmp:
    work = pathlib.Path(tmp) / "checkout"  # beside it, `../shared` when there is one
    (work / "build/cli").mkdir(parents=True)
    (work / "build/cli/signalkg").symlink_to(binary)
    (work / "examples").symlink_to(ROOT / "examples")
    if shared:
        (work.parent / "shared").symlink_to(SHARED)
    run("build/cli/signalkg build examples/reports --config examples/signalkg.yaml -o out -q", work)
    run("build/cli/signalkg diagram examples/reports --config examples/signalkg.yaml --focus AI "
        "--depth 2 -o ai-focus.svg -q", work)
    wanted = {
        ROOT / "README.md": refresh_samples((ROOT / "README.md").read_text(encoding="utf-8"), work,
                                            shared),
        ROOT / "examples/entities.svg": (work / "out/entities.svg").read_text(encoding="utf-8"),
        ROOT / "examples/ai-focus.svg": (work / "ai-focus.svg").read_text(encoding="utf-8"),
        ROOT / "examples/emergence.svg": (work / "out/emergence.svg").read_text(encoding="utf-8"),
    }
    if shared:
        run("build/cli/signalkg build ../shared/corpus -o shared-out -f trends -q", work)
        wanted[ROOT / "docs/shared-corpus-emergence.svg"] = (
            work / "shared-out/emergence.svg").read_text(encoding="utf-8")

stale = [path for path, text in wanted.items()
         if not path.exists() or path.read_text(encoding="utf-8") != text]
if args.check:
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run scripts/readme_samples.py)")
    sys.exit(1 if stale else 0)
for path in stale:
    path.write_text(wanted[path], encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
