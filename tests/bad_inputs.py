"""Every input of tests/data/bad/ gets the message and exit code EXPECTED.tsv lists for it.

Runs `signalkg build --strict` once per input, as a user would, and checks the exit code and
that stderr names the file and line with the expected message; inputs that expect no message
must build silently. A crash, a hang (timeout) or a partial output file fails the test.
"""
import pathlib
import subprocess
import sys
import tempfile

signalkg, data = sys.argv[1], pathlib.Path(sys.argv[2])
failures = []
cases = 0
for row in (data / "EXPECTED.tsv").read_text().splitlines():
    if not row or row.startswith("#"):
        continue
    name, arguments, exit_code, line, message = row.split("\t")
    cases += 1
    extra = [] if arguments == "-" else arguments.replace("{dir}", str(data)).split()
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([signalkg, "build", "--strict", "-q", "-f", "report,json", "-o", out,
                              *extra, str(data / name)],
                             capture_output=True, text=True, timeout=120)
        leftovers = [p.name for p in pathlib.Path(out).iterdir() if "tmp" in p.name]
    what = f"{name} {arguments}"
    if run.returncode != int(exit_code):
        failures.append(f"{what}: exit {run.returncode}, expected {exit_code}\n{run.stderr}")
    if leftovers:
        failures.append(f"{what}: temporary files left in OUT: {leftovers}")
    if message == "-":
        if run.stderr:
            failures.append(f"{what}: expected no message, got\n{run.stderr}")
        continue
    # The line naming the problem: "path:line: ..." for a line, "path: ..." for a whole file.
    where = f":{line}:" if line != "0" else ":"
    subject = pathlib.Path(extra[1]).name if extra and extra[0] == "-c" else name
    if not any(subject in l and where in l and message in l for l in run.stderr.splitlines()):
        failures.append(f"{what}: expected '{subject}{where} ... {message}' in\n{run.stderr}")

print(f"{cases} broken inputs checked")
if cases < 25:
    failures.append(f"only {cases} inputs; the issue asks for at least 25")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
