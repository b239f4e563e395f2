"""Scaling guard (issue 7): doubling each dimension a hostile input can inflate at most triples
the time of `signalkg build`.

Dimensions: line length (one table cell of many words), cells per row, keywords per report,
Closest links per report, spellings of one entity and thesaurus aliases (a long chain ending in
a cycle, and many aliases of one entity). Each size runs in a fresh process, alternately with
its double, five times; the best times are compared.
The bound is generous so that it holds on a noisy machine; a quadratic step gives 4x.
With --once (the sanitizer build) each input runs once, at its larger size: there the check is
for memory errors on hostile input, and the times of an instrumented binary are not compared.

    scaling_guard.py SIGNALKG [--once]
"""
import pathlib
import subprocess
import sys
import tempfile
import time

signalkg = sys.argv[1]
once = "--once" in sys.argv[2:]
HEADER = "# __Hostile__, (from page [20240101](https://x.org/a).)\n\n## Keywords\n\n"
TOPICS = "".join(f"* topic{i}\n" for i in range(20)) + "\n"


def line_length(n, folder):
    # 120,000 words are the most under the 1 MiB line limit: more files, not longer lines.
    cell = " ".join("word" if i % 3 else f"topic{i % 20}" for i in range(n))
    for r in range(256):
        (folder / f"r{r}.md").write_text(
            HEADER + TOPICS + f"## Signals\n\n| name | description |\n|:--|:--|\n| s{r} | {cell} |\n")


def cells_per_row(n, folder):
    table = "| name |" + "".join(f" c{c} |" for c in range(1, n)) + "\n|" + "--|" * n + "\n"
    table += "".join(f"| s{r} topic{r % 20} |" + " v |" * (n - 1) + "\n" for r in range(10000))
    (folder / "r.md").write_text(HEADER + TOPICS + "## Signals\n\n" + table)


def keywords_per_report(n, folder):
    for r in range(4):
        keywords = "".join(f"* kw{r}x{k}\n" for k in range(n))
        mention = " ".join(f"kw{r}x{k}" for k in range(0, n, n // 50))
        (folder / f"r{r}.md").write_text(
            HEADER + keywords + f"\n## Signals\n\n| name | description |\n|:--|:--|\n| s | {mention} |\n")


def closest_per_report(n, folder):
    # Repeated and distinct targets, in the corpus and outside it.
    links = "".join(f"* [t{k}](r{k % 2})\n* [t{k}](out{k})\n* [again](out{k // 2})\n"
                    for k in range(n // 3))
    (folder / "r0.md").write_text(HEADER + TOPICS + "## Closest\n\n" + links)
    (folder / "r1.md").write_text(HEADER + TOPICS + "## Closest\n\n* [first](r0)\n")


def spellings_per_entity(n, folder):
    # One entity in n spellings (case variants), over four reports.
    word = "abcdefghijklmnopqrs"
    for r in range(4):
        keywords = "".join(
            "* " + "".join(c.upper() if (k >> i) & 1 else c for i, c in enumerate(word)) + "\n"
            for k in range(r, n, 4))
        (folder / f"r{r}.md").write_text(HEADER + keywords)


def aliases(n, folder):
    chain = "".join(f"  chain{i}: chain{i + 1}\n" for i in range(n // 2 - 1))
    chain += f"  chain{n // 2 - 1}: chain0\n"
    many = "".join(f"  alias{i}: topic0\n" for i in range(n // 2))
    (folder / "config.yaml").write_text("thesaurus:\n" + chain + many)
    (folder / "r.md").write_text(HEADER + TOPICS + "* chain7\n* alias3\n\n"
                                 "## Signals\n\n| name | description |\n|:--|:--|\n| s | chain5 and alias9 |\n")


def seconds(folder):
    config = ["-c", str(folder / "config.yaml")] if (folder / "config.yaml").exists() else []
    started = time.perf_counter()
    subprocess.run([signalkg, "build", "-q", "-f", "report", "-o", str(folder / "out"), *config,
                    str(folder / "r0.md" if (folder / "r0.md").exists() else folder / "r.md"),
                    *[str(p) for p in sorted(folder.glob("r[1-9]*.md"))]],
                   check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


failures = []
with tempfile.TemporaryDirectory() as tmp:
    for name, make, n in (("line length (words)", line_length, 50000),
                          ("cells per row", cells_per_row, 400),
                          ("keywords per report", keywords_per_report, 20000),
                          ("Closest links per report", closest_per_report, 150000),
                          ("spellings per entity", spellings_per_entity, 100000),
                          ("thesaurus aliases", aliases, 40000)):
        if once:
            folder = pathlib.Path(tmp) / f"{make.__name__}-{2 * n}"
            folder.mkdir()
            make(2 * n, folder)
            print(f"{name}: {2 * n} -> {seconds(folder):.3f} s")
            continue
        # The smaller input must take 0.1 s or more to be measured: on a faster machine the
        # sizes double until it does (at most 32x), rather than the check failing.
        for attempt in range(6):
            folders = []
            for size in (n, 2 * n):
                folder = pathlib.Path(tmp) / f"{make.__name__}-{size}"
                if not folder.exists():
                    folder.mkdir()
                    make(size, folder)
                folders.append(folder)
            best = [seconds(f) for f in folders]  # also warms the file cache
            for _ in range(5):
                best = [min(b, seconds(f)) for b, f in zip(best, folders)]
            if best[0] >= 0.1:
                break
            n *= 2
        ratio = best[1] / best[0]
        print(f"{name}: {n} -> {best[0]:.3f} s, {2 * n} -> {best[1]:.3f} s, ratio {ratio:.2f}")
        if best[0] < 0.1:
            failures.append(f"{name}: {best[0]:.3f} s is too short to measure")
        if ratio > 3:
            failures.append(f"{name}: doubling took {ratio:.2f}x the time")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
