"""A generated corpus with planted patterns over 24 months, built by signalkg: each planted trend
must come out where it was planted (issue 21).

- Vantor Sensing bursts: named by 16 of the 20 reports a month in months 10-15, by 1 otherwise;
- Talix Robotics rises (from month 12, a few more reports every month): a strong signal;
- Nimbra Chips is new and rare (1, 1, 2, 3 reports in the last four months): a weak signal;
- Kelmar Fuel fades (1 report a month for a year, then none): a latent signal;
- Orbis Data is steady (10 reports every month): well-known;
- the concern "Sensor privacy leaks" recurs more and more from month 16: a rising statement;
- Nimbra Chips and Orbis Data are first linked in the last month: a new pair;
- one report is dated 2099: left out of the periods.
Background: 40 other names, 3 to a report at random (seeded).

Usage: planted.py SIGNALKG"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
sys.path.insert(0, HERE)
from common import Checker  # noqa: E402
import recompute  # noqa: E402

MONTHS, PER_MONTH = 24, 20
BURST = range(10, 16)
SYLLABLES = ["bel", "cor", "van", "dri", "mos", "tek", "lun", "par", "sol", "zen", "quor", "fal",
             "ryn", "gat", "hol", "mir"]


def background_names(rng):
    names = set()
    while len(names) < 40:
        names.add(" ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES)
                           for _ in range(2)))
    return sorted(names)


def planted_keywords(month, index):
    """The planted names report `index` (0-19) of `month` lists, in order."""
    names = []
    if index < (16 if month in BURST else 1):
        names.append("Vantor Sensing")
    talix = [0] * 12 + [1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18]
    if PER_MONTH - 1 - index < talix[month]:  # from the last report of the month backwards
        names.append("Talix Robotics")
    nimbra = {20: 1, 21: 1, 22: 2, 23: 3}.get(month, 0)
    if 12 <= index < 12 + nimbra:
        names.append("Nimbra Chips")
    if month < 12 and index == 13:
        names.append("Kelmar Fuel")
    # Orbis Data: 10 reports a month, never beside Nimbra Chips before the last month; there
    # first among the report's names beside it, so that the report's signal links the two.
    if index % 2 == 1 and not (12 <= index < 12 + nimbra):
        names.append("Orbis Data")
    if month == MONTHS - 1 and index == 12:
        names.append("Orbis Data")
    return names


def concern_count(month):
    return [0] * 16 + [1, 1, 2, 2, 4, 5, 7, 9]


def write_corpus(folder):
    rng = random.Random(21)
    background = background_names(rng)
    linked = {}  # pair -> first month linked by a signal row
    for month in range(MONTHS):
        year, mon = 2023 + month // 12, month % 12 + 1
        for index in range(PER_MONTH):
            names = planted_keywords(month, index)
            if "Nimbra Chips" in names and "Orbis Data" in names:  # the report that links them
                names = ["Nimbra Chips", "Orbis Data"] + [
                    n for n in names if n not in ("Nimbra Chips", "Orbis Data")]
            names += rng.sample(background, 3)
            day = index + 1
            page = f"{year}{mon:02}{day:02}"
            pair = tuple(sorted(names[:2]))
            linked.setdefault(pair, month)
            concern = ""
            if index < concern_count(month)[month]:
                concern = ("\n## Concerns\n\n| name | description | relevancy |\n|:--|:--|--:|\n"
                           f"| Sensor privacy leaks | {names[0]} collects data. | 4 |\n")
            text = (f"# __Report {month}-{index}__, (from page [{page}]"
                    f"(https://signals.example.org/p/{page}).)\n\n"
                    "## Keywords\n\n" + "".join(f"* {n}\n" for n in names) +
                    "\n## Signals\n\n| name | description | relevancy |\n|:--|:--|--:|\n"
                    f"| Signal {month}-{index} | {names[0]} works with {names[1]}. | 3 |\n" +
                    concern)
            with open(os.path.join(folder, f"r{month:02}-{index:02}.md"), "w",
                      encoding="utf-8") as f:
                f.write(text)
    with open(os.path.join(folder, "typo.md"), "w", encoding="utf-8") as f:
        f.write("# __A page dated 2099__, (from page [20990101](https://signals.example.org/p/"
                "20990101).)\n\n## Keywords\n\n* Vantor Sensing\n* Orbis Data\n")
    return linked


def main():
    signalkg = sys.argv[1]
    checker = Checker()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = os.path.join(tmp, "corpus"), os.path.join(tmp, "out")
        os.mkdir(corpus)
        linked = write_corpus(corpus)
        run = subprocess.run([signalkg, "build", corpus, "-o", out, "-q", "-f",
                              "json,report,trends"], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"signalkg build exited {run.returncode}: {run.stderr}")
        with open(os.path.join(out, "trends.json"), encoding="utf-8") as f:
            trends = json.load(f)
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            emerging = json.load(f)["emerging"]
        periods = trends["periods"]
        checker.check(trends["period"] == "month" and len(periods) == MONTHS,
                      f"periods: {trends['period']} x {len(periods)}")
        checker.check(trends["documents"] == [PER_MONTH] * MONTHS, "20 reports every month")
        checker.check(trends["too_late"] == ["typo"], f"too late: {trends['too_late']}")
        series = {s["label"]: s for s in trends["series"]}
        checker.check((series["Nimbra Chips"]["first_seen"], series["Kelmar Fuel"]["last_seen"])
                      == ("2024-09-13", "2023-12-14"),
                      f"first and last seen: {series['Nimbra Chips']['first_seen']}, "
                      f"{series['Kelmar Fuel']['last_seen']}")
        checker.check(series["Vantor Sensing"]["last_seen"] == "2024-12-01",
                      "the 2099 page is not last seen")

        # The burst: found within one period of the planted window, and the strongest.
        bursts = series["Vantor Sensing"]["bursts"]
        checker.check(len(bursts) == 1, f"Vantor Sensing bursts: {bursts}")
        if bursts:
            start, end = periods.index(bursts[0]["start"]), periods.index(bursts[0]["end"])
            print(f"Vantor Sensing: planted {periods[BURST[0]]}..{periods[BURST[-1]]}, found "
                  f"{bursts[0]['start']}..{bursts[0]['end']} (strength {bursts[0]['strength']:.1f})")
            checker.check(abs(start - BURST[0]) <= 1 and abs(end - BURST[-1]) <= 1,
                          f"burst {start}..{end} not within one month of {BURST[0]}..{BURST[-1]}")
        first = emerging["bursting"][0]["label"] if emerging["bursting"] else None
        checker.check(first == "Vantor Sensing", f"first in the report's bursts: {first}")
        with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
            report_md = f.read()
        checker.check("| 1 | Vantor Sensing | 2023-1" in report_md, "report.md ranks it first")

        # The classes as planted.
        for label, expected in [("Talix Robotics", "strong signal"),
                                ("Nimbra Chips", "weak signal"),
                                ("Kelmar Fuel", "latent signal"),
                                ("Orbis Data", "well-known")]:
            s = series[label]
            print(f"{label}: {s['emergence_class']} (growth {s['visibility_growth']:.3f}, "
                  f"mean occurrences {s['mean_occurrences']:.2f})")
            checker.check(s["emergence_class"] == expected,
                          f"{label}: {s['emergence_class']}, planted {expected}")
        weak = [e["label"] for e in emerging["weak_signals"]]
        checker.check("Nimbra Chips" in weak, f"weak signals listed: {weak}")

        # The rising concern, the new pair.
        rising = [(e["kind"], e["label"]) for e in emerging["rising_statements"]]
        checker.check(rising[:1] == [("Concern", "Sensor privacy leaks")],
                      f"rising statements: {rising[:3]}")
        pairs = {tuple(sorted((p["source"], p["target"]))) for p in emerging["new_pairs"]}
        checker.check(("Nimbra Chips", "Orbis Data") in pairs, f"new pairs: {sorted(pairs)[:5]}")
        earlier = {p for p, month in linked.items() if month < MONTHS - 1}
        checker.check(not (pairs & earlier), f"pairs linked before: {sorted(pairs & earlier)}")

        # `signalkg trends` prints what trends.json holds.
        run = subprocess.run([signalkg, "trends", out, "vantor sensing", "--format", "csv"],
                             capture_output=True, text=True)
        rows = list(csv.DictReader(io.StringIO(run.stdout)))
        checker.check(run.returncode == 0 and len(rows) == MONTHS, f"trends csv: {run.stderr}")
        checker.check([int(r["naming_it"]) for r in rows] == series["Vantor Sensing"]["reports"],
                      "trends csv: reports per period")
        checker.check([r["period"] for r in rows if r["burst"] == "1"] ==
                      periods[start:end + 1] if bursts else False, "trends csv: burst periods")
        run = subprocess.run([signalkg, "trends", out, "--top", "1"], capture_output=True,
                             text=True)
        checker.check(run.returncode == 0 and "Vantor Sensing (Entity)" in run.stdout,
                      f"trends table: {run.stdout[:200]}")
        checker.check("Left out of the periods: 1 report is dated after the latest date"
                      in run.stdout, f"trends table says what it left out: {run.stdout[:300]}")

        # The pictures: well-formed, the planted names on them.
        for picture, names in [("emergence.svg", ["Nimbra Chips", "Orbis Data"]),
                               ("bursts.svg", ["Vantor Sensing"])]:
            path = os.path.join(out, picture)
            lint = subprocess.run(["xmllint", "--noout", path], capture_output=True, text=True)
            checker.check(lint.returncode == 0, f"{picture}: {lint.stderr}")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for name in names:
                checker.check(f">{name}<" in text, f"{picture} does not name {name}")

        # And the independent recomputation agrees on every entity.
        recompute.check(os.path.join(out, "graph.json"), checker)
    return checker.finish()


if __name__ == "__main__":
    sys.exit(main())
