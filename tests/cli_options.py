"""What a new user meets first, through the real binary (issue 19): option values and files that
once crashed the build or lost reports without saying so.

    cli_options.py SIGNALKG EXAMPLES_REPORTS
"""
import json
import pathlib
import subprocess
import sys
import tempfile

signalkg, reports = sys.argv[1], sys.argv[2]
failures = []


def run(*arguments):
    return subprocess.run([signalkg, *arguments], capture_output=True, text=True, timeout=120)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # --jobs far beyond any machine: a usage error (exit 2) naming the option, not an abort.
    for jobs in ("100000", "5000"):
        build = run("build", reports, "-o", str(tmp / "out"), "-q", "-j", jobs)
        if build.returncode != 2 or "--jobs" not in build.stderr:
            failures.append(f"-j {jobs}: exit {build.returncode}, stderr {build.stderr!r}")
    # The most threads allowed still build, and give the same files as one thread.
    for jobs in ("1", "1024"):
        build = run("build", reports, "-o", str(tmp / f"j{jobs}"), "-q", "-j", jobs, "-f", "nt")
        if build.returncode != 0:
            failures.append(f"-j {jobs}: exit {build.returncode}\n{build.stderr}")
    if (tmp / "j1/graph.nt").read_bytes() != (tmp / "j1024/graph.nt").read_bytes():
        failures.append("-j 1024 and -j 1 give different graph.nt")

    # convert into a .json name, then build from it: every report, no warning.
    converted = tmp / "conv.json"
    convert = run("convert", reports, "-o", str(converted), "-q")
    if convert.returncode != 0:
        failures.append(f"convert: exit {convert.returncode}\n{convert.stderr}")
    expected = len(list(pathlib.Path(reports).glob("*.md")))
    build = run("build", str(converted), "-o", str(tmp / "conv"), "-f", "report", "--strict", "-q")
    documents = json.loads((tmp / "conv/report.json").read_text())["documents"] \
        if build.returncode == 0 else None
    if build.returncode != 0 or documents != expected:
        failures.append(f"build of convert's .json: exit {build.returncode}, {documents} of "
                        f"{expected} reports\n{build.stderr}")

for failure in failures:
    print("FAIL:", failure)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
