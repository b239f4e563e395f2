"""Helpers shared by the interoperability tests (run with Debian's /usr/bin/python3)."""
import json
import os
import subprocess
import sys

import networkx as nx
from networkx.readwrite import gexf as nx_gexf

# NetworkX 2.8 knows GEXF up to 1.2draft; 1.3 differs for its reader only in the namespace and
# the version number, so register it the way NetworkX registers its own versions.
nx_gexf.GEXF.versions["1.3"] = {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
}


def read_gexf(path):
    return nx.read_gexf(path, version="1.3")


class Checker:
    def __init__(self):
        self.failures = []

    def check(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition

    def finish(self):
        for failure in self.failures[:50]:
            print("FAIL:", failure)
        print(f"{len(self.failures)} failure(s)")
        return 1 if self.failures else 0


def build(binary, inputs, out, *extra):
    run = subprocess.run([binary, "build", *inputs, "-o", out, "--quiet", *extra],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"signalkg build exited {run.returncode}: {run.stderr}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        return json.load(f)


def skip_without(path, what="the shared corpus"):
    """Ends the test as skipped when `path` is absent, as ../shared is in a user's clone: ctest
    counts a test whose output has this line as skipped (SKIP_REGULAR_EXPRESSION)."""
    if not os.path.exists(path):
        print(f"SKIPPED: needs {what} at {path}")
        sys.exit(0)


EXAMPLES = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                         "examples", "reports"))


def corpus_or_examples(path):
    """The shared corpus at `path` and True, or, in a user's clone that has none, the example
    reports and False: the same checks on a smaller corpus (size thresholds follow the flag)."""
    if os.path.exists(path):
        return path, True
    print(f"no shared corpus at {path}: checking the example reports ({EXAMPLES}) instead")
    return EXAMPLES, False

