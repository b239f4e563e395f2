#!/usr/bin/python3
"""Builds the shared corpus (the example reports without it) with the real signalkg binary and checks
the RDF with peer tools.

- rapper (raptor2-utils) parses graph.ttl, graph.nt and graph.rdf and counts the same triples;
- rdflib parses graph.nt and ontology.ttl;
- lossless: every title, keyword, theme, summary and non-empty table cell of every report, as
  read by this script's own independent reading of the markdown, is a literal in graph.nt.
"""
import os
import re
import subprocess
import sys
import tempfile

import rdflib

binary, corpus = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.dirname(__file__))
from common import corpus_or_examples  # noqa: E402
corpus, shared = corpus_or_examples(corpus)
least = (85, 5000, 10000) if shared else (20, 500, 2000)  # reports, texts, triples
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def rapper_count(path, syntax):
    run = subprocess.run(["rapper", "-c", "-i", syntax, path], capture_output=True, text=True)
    check(run.returncode == 0, f"rapper failed on {path}: {run.stderr}")
    match = re.search(r"returned (\d+) triples", run.stderr)
    return int(match.group(1)) if match else -1


def expected_texts(text):
    """Independent reading of a report: the texts that must survive as literals."""
    texts = []
    lines = text.replace("\r\n", "\n").split("\n")
    title = re.match(r"# (.*?), (?:\(from page|from \()\[", lines[0])
    if title:
        texts.append(title.group(1).strip().strip("_").strip())
    section, bullets, summary = None, [], []

    def flush():
        if section in ("keywords", "themes") and bullets:
            if len(bullets) >= 4 and sum(len(b) <= 1 for b in bullets) * 10 >= len(bullets) * 8:
                joined = "".join(b if b else " " for b in bullets)
                texts.extend(x.strip() for x in joined.split(",") if x.strip())
            else:
                texts.extend(b.strip() for b in bullets if b.strip())
        if section == "summary":
            texts.append("\n".join(summary).strip())

    for number, line in enumerate(lines[1:], start=1):
        if line.startswith("## "):
            flush()
            section, bullets, summary = line[3:].strip().lower(), [], []
        elif section in ("keywords", "themes") and line.startswith("* "):
            bullets.append(line[2:])
        elif section == "summary":
            summary.append(line)
        elif line.startswith("|") and not re.fullmatch(r"[|:\- ]+", line.strip()) and not (
            number + 1 < len(lines) and re.fullmatch(r"[|:\- ]+", lines[number + 1].strip())
        ):  # a data row, not a header (the line before a separator row)
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            texts.extend(c for c in cells if c)
    flush()
    return texts


with tempfile.TemporaryDirectory() as out:
    run = subprocess.run([binary, "build", corpus, "-o", out, "--quiet"], capture_output=True, text=True)
    check(run.returncode == 0, f"signalkg build exited {run.returncode}: {run.stderr}")
    counts = {
        "ttl": rapper_count(os.path.join(out, "graph.ttl"), "turtle"),
        "nt": rapper_count(os.path.join(out, "graph.nt"), "ntriples"),
        "rdf": rapper_count(os.path.join(out, "graph.rdf"), "rdfxml"),
    }
    print("rapper triple counts:", counts)
    check(len(set(counts.values())) == 1 and counts["nt"] > least[2], f"triple counts differ: {counts}")

    graph = rdflib.Graph()
    graph.parse(os.path.join(out, "graph.nt"), format="nt")
    check(len(graph) == counts["nt"], f"rdflib read {len(graph)} triples, rapper {counts['nt']}")
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    ontology = rdflib.Graph()
    ontology.parse(os.path.join(out, "ontology.ttl"), format="turtle")
    check(len(ontology) > 100, "ontology.ttl is too small")

    reports = checked = 0
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".md") or name == "SURVEY.md":
            continue
        reports += 1
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            for text in expected_texts(f.read()):
                checked += 1
                check(text in literals, f"{name}: text lost: {text[:80]!r}")
    print(f"lossless: {checked} texts of {reports} reports checked")
    check(reports >= least[0] and checked > least[1], "too few texts checked")

for failure in failures[:50]:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
