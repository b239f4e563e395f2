"""report.html: file size, time to write it, and time to the first drawn frame in Debian's
Chromium (headless, tests/html/browser.js), on the shared corpus and generated corpora.
   /usr/bin/python3 bench/html.py [SIZES...]       (default: corpus 10000 100000)
"corpus" is ../shared/corpus; a number is a bench/gen.py corpus in build/corpora/SIZE (generated
once, seeded). Each page is opened RUNS times (default 3, env RUNS) in a fresh browser; the
median is printed, with the page's own marks: parsed (data read), graph (sigma.js set up),
drawn (two animation frames after: the first frame is on screen) and complete (the entities
not drawn read, for search).
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "build", "cli", "signalkg")
browser = os.path.join(root, "tests", "html", "browser.js")
runs = int(os.environ.get("RUNS", "3"))
sizes = sys.argv[1:] or ["corpus", "10000", "100000"]

print(f"machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB; "
      f"{subprocess.run(['/usr/bin/chromium', '--version'], capture_output=True, text=True).stdout.strip()}")
print("| corpus | entities | drawn entities / links | report.html | write | first frame (median) | parsed / graph / drawn / complete |")
print("|:--|--:|--:|--:|--:|--:|:--|")
for size in sizes:
    if size == "corpus":
        corpus = os.path.join(root, "..", "shared", "corpus")
    else:
        corpus = os.path.join(root, "build", "corpora", size)
        if not os.path.isdir(corpus):
            subprocess.run(["/usr/bin/python3", os.path.join(root, "bench", "gen.py"), size, corpus], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        run = subprocess.run([binary, "build", corpus, "-o", out, "-q", "-f", "html", "--timings"],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            raise SystemExit(f"build of {corpus} failed: {run.stderr}")
        write = re.search(r"write report\.html\s+([\d.]+) s", run.stderr)
        page = os.path.join(out, "report.html")
        seen = []
        for _ in range(runs):
            result = subprocess.run(["node", browser, page, "--timeout", "300000"],
                                    capture_output=True, text=True, check=True)
            seen.append(json.loads(result.stdout))
        frame = statistics.median(s["marks"]["drawn"] for s in seen)
        marks = {k: statistics.median(s["marks"][k] for s in seen)
                 for k in ("parsed", "graph", "drawn", "complete")}
        counts = seen[0]["counts"]
        print(f"| {size} | {counts['entities']:,} | {counts['drawn']:,} / {counts['drawn_links']:,} | "
              f"{os.path.getsize(page) / 1e6:.1f} MB | {float(write.group(1)) if write else 0:.2f} s | "
              f"{frame / 1000:.2f} s | " + " / ".join(f"{marks[k] / 1000:.2f}" for k in marks) + " |")
