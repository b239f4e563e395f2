"""Recomputes signalkg's trend measures from graph.json alone, from the published definitions
(../shared/METHODS.md), written without looking at the C++: Yoon's degrees of visibility and
diffusion, their growth and the emergence classes, and Kleinberg's two-state burst automaton
(solved by enumerating costs with a dynamic program of its own), then compares every entity.

Usage: recompute.py SIGNALKG CORPUS|OUT_FOLDER
(a corpus is built first; the shared corpus falls back to the example reports when absent)."""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from common import Checker, corpus_or_examples  # noqa: E402

PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}
CLASSES = {(True, False): "weak signal", (True, True): "strong signal",
           (False, False): "latent signal", (False, True): "well-known"}


def degree(counts, documents, tw, per_year):
    n = len(documents)
    return [c / d * max(0.0, 1 - tw * (n - 1 - j) / per_year) if d else 0.0
            for j, (c, d) in enumerate(zip(counts, documents))]


def growth(values):
    """Mean period-to-period increase rate; a rise from 0 counts as 1, 0 then 0 is skipped."""
    rates = []
    for before, now in zip(values, values[1:]):
        if before > 0:
            rates.append((now - before) / before)
        elif now > 0:
            rates.append(1.0)
    return sum(rates) / len(rates) if rates else 0.0


def yoon(nodes, documents, tw, per_year):
    n = len(documents)
    out = []
    for node in nodes:
        tf, df = node["occurrences_per_period"], node["reports_per_period"]
        out.append({"vg": growth(degree(tf, documents, tw, per_year)),
                    "dg": growth(degree(df, documents, tw, per_year)),
                    "tf": sum(tf) / n if n else 0.0, "df": sum(df) / n if n else 0.0})
    dated = [m for m in out if m["tf"] > 0]
    if dated:
        medians = {k: statistics.median(m[k] for m in dated) for k in ("vg", "tf")}
    for m in out:
        m["class"] = ("undated" if m["tf"] == 0 else
                      CLASSES[(m["vg"] > medians["vg"], m["tf"] > medians["tf"])])
    return out


def kleinberg(documents, relevant, s=2.0, gamma=1.0):
    """Two-state batched automaton: states minimising the sum of -ln binomial likelihoods plus
    gamma ln n per move up; ties to the base state. Returns the bursts (start, end, weight)."""
    n, total, hits = len(documents), sum(documents), sum(relevant)
    if n == 0 or total == 0 or hits == 0:
        return []
    p = [hits / total, min(s * hits / total, 0.9999)]
    if p[1] <= p[0]:
        return []

    def cost(d, r, q):
        value = math.lgamma(d + 1) - math.lgamma(r + 1) - math.lgamma(d - r + 1)
        value += r * math.log(q) if r else 0.0
        value += (d - r) * math.log(1 - q) if d > r else 0.0
        return -value

    up = gamma * math.log(n)
    sigma = [(cost(d, min(r, d), p[0]), cost(d, min(r, d), p[1]))
             for d, r in zip(documents, relevant)]
    # best[t][i]: least cost of periods t.. given state i at t and the state before t (i_prev)
    # solved backwards: tail[i] = least cost from t on when in state i at t.
    tail = [0.0, 0.0]
    choice = []
    for t in range(n - 1, -1, -1):
        new = []
        pick = []
        for i in (0, 1):
            here = sigma[t][i]
            if t == n - 1:
                new.append(here)
                pick.append(None)
                continue
            stay_base = tail[0]
            go_burst = tail[1] + (up if i == 0 else 0.0)
            nxt = 0 if stay_base <= go_burst else 1
            new.append(here + min(stay_base, go_burst))
            pick.append(nxt)
        tail = new
        choice.append(pick)
    choice.reverse()
    state = 0 if tail[0] <= tail[1] + up else 1
    states = []
    for t in range(n):
        states.append(state)
        if t < n - 1:
            state = choice[t][state]
    bursts = []
    for t, st in enumerate(states):
        if not st:
            continue
        if t == 0 or not states[t - 1]:
            bursts.append([t, t, 0.0])
        bursts[-1][1] = t
        bursts[-1][2] += sigma[t][0] - sigma[t][1]
    return bursts


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def check(graph_json, checker):
    with open(graph_json, encoding="utf-8") as f:
        view = json.load(f)["entity_view"]
    g = view["graph"]
    documents, periods = g["documents"], g["periods"]
    config = g["time_weight"], PERIODS_PER_YEAR[g["period"]]
    nodes = view["nodes"]
    measures = yoon(nodes, documents, *config)
    burst_total = 0
    for node, m in zip(nodes, measures):
        label = node["label"]
        checker.check(close(node["visibility_growth"], m["vg"]),
                      f"{label}: visibility growth {node['visibility_growth']} != {m['vg']}")
        checker.check(close(node["diffusion_growth"], m["dg"]),
                      f"{label}: diffusion growth {node['diffusion_growth']} != {m['dg']}")
        checker.check(node["emergence_class"] == m["class"],
                      f"{label}: class {node['emergence_class']} != {m['class']}")
        bursts = kleinberg(documents, node["reports_per_period"])
        burst_total += len(bursts)
        checker.check(node["bursts"] == len(bursts),
                      f"{label}: {node['bursts']} bursts != {len(bursts)}")
        if bursts:
            start, end, weight = max(bursts, key=lambda b: b[2])
            checker.check((node["burst_start"], node["burst_end"]) == (periods[start], periods[end])
                          and close(node["burst_strength"], weight),
                          f"{label}: strongest burst {node['burst_start']}..{node['burst_end']} "
                          f"{node['burst_strength']} != {periods[start]}..{periods[end]} {weight}")
    classes = {}
    for m in measures:
        classes[m["class"]] = classes.get(m["class"], 0) + 1
    print(f"{graph_json}: {len(nodes)} entities over {len(periods)} {g['period']} periods, "
          f"{burst_total} bursts, classes {classes}")
    checker.check(len(nodes) > 0 and len(periods) > 1, "nothing to recompute")


def main():
    signalkg, target = sys.argv[1], sys.argv[2]
    checker = Checker()
    if os.path.exists(os.path.join(target, "graph.json")):
        check(os.path.join(target, "graph.json"), checker)
        return checker.finish()
    corpus, _ = corpus_or_examples(target)
    with tempfile.TemporaryDirectory() as tmp:
        for period in (None, "quarter", "month"):
            out = os.path.join(tmp, period or "auto")
            extra = ["--period", period] if period else []
            run = subprocess.run([signalkg, "build", corpus, "-o", out, "-q", "-f", "json",
                                  *extra], capture_output=True, text=True)
            if run.returncode != 0:
                raise SystemExit(f"signalkg build exited {run.returncode}: {run.stderr}")
            check(os.path.join(out, "graph.json"), checker)
    return checker.finish()


if __name__ == "__main__":
    sys.exit(main())
