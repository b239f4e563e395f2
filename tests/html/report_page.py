"""report.html in a real browser (Debian's Chromium, headless, driven by tests/html/browser.js).

1. The example corpus: no console error, page error, dialog or request beyond the page; the
   drawn node and edge counts equal entities.graphml's; typing "Klarna" in search selects it and
   its panel lists AI under signal edges with the seed report's statement and link; a screenshot
   is saved (ARTIFACTS/report-html-examples.png).
2. A corpus of hostile labels (script tags, </script>, javascript: links, quotes, RTL and
   control characters): the page loads; every label reads back as text, on the canvas and in
   the panel; no dialog fires, no script runs, no element or link comes from report text.
3. `signalkg diagram --focus Klarna -o klarna.html`: the same viewer, the focus selected.
4. The cut of big corpora, on the examples with --html-top 10 --html-links 12: the 10 drawn are
   the top by PageRank, 12 links drawn, each drawn entity with links keeps one, every other
   entity is listed and found by search (its panel says it is not drawn), the header says so.
   python3 report_page.py SIGNALKG EXAMPLES ARTIFACTS
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))
from common import Checker, build  # noqa: E402

binary, examples, artifacts = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))
browser_js = os.path.join(here, "browser.js")
puppeteer = os.path.join(here, "..", "..", ".deps", "node_modules", "puppeteer-core")
chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
for need, what in ((chromium, "Debian's chromium"), (puppeteer, "puppeteer-core in .deps")):
    if not os.path.exists(need):
        print(f"SKIPPED: needs {what} at {need} (scripts/setup.sh installs it)")
        sys.exit(0)
os.makedirs(artifacts, exist_ok=True)
c = Checker()


def open_page(page, *extra):
    run = subprocess.run(["node", browser_js, page, *extra], capture_output=True, text=True,
                         timeout=300)
    if run.returncode != 0:
        raise SystemExit(f"browser.js failed ({run.returncode}): {run.stderr}")
    return json.loads(run.stdout)


def clean_load(seen, name):
    """No console error or warning, page error, dialog, other request or failed request."""
    # Chromium's own notes on software WebGL ("GL Driver Message ... GPU stall") are not the page's.
    noisy = [m for m in seen["console"] if m["type"] in ("error", "warn", "warning", "assert")
             and "GL Driver Message" not in m["text"]]
    c.check(not noisy, f"{name}: console: {noisy}")
    c.check(not seen["errors"], f"{name}: page errors: {seen['errors']}")
    # A data: URL loads nothing (Firefox fetches a built-in font as one).
    requests = [r for r in seen["requests"] if not r.startswith("data:")]
    c.check(not requests, f"{name}: requests beyond the page: {requests[:5]}")
    c.check(not seen["failed"], f"{name}: failed requests: {seen['failed'][:5]}")
    c.check(not seen["dialogs"], f"{name}: dialogs: {seen['dialogs']}")
    c.check(seen["browser_stopped"], f"{name}: the browser still runs after close")
    c.check(seen["dom"]["scripts"] == 4, f"{name}: {seen['dom']['scripts']} script elements")
    c.check(not seen["dom"]["handlers"], f"{name}: inline handlers {seen['dom']['handlers'][:5]}")
    c.check(not seen["dom"]["srcs"], f"{name}: src attributes {seen['dom']['srcs'][:5]}")
    bad = [h for h in seen["dom"]["hrefs"] if not re.match(r"https?://", h)]
    c.check(not bad, f"{name}: links that are not http(s): {bad[:5]}")
    c.check(not seen["dom"]["pwned"], f"{name}: report text ran as script")


def statement_names(md):
    """First-column cells of a report's Signals table."""
    names, in_signals = [], False
    for line in open(md, encoding="utf-8"):
        if line.startswith("## "):
            in_signals = line.strip().lower() == "## signals"
        elif in_signals and line.startswith("|") and not re.match(r"\|\s*:?-", line):
            cell = line.strip().strip("|").split("|")[0].strip()
            if cell.lower() != "name":
                names.append(cell)
    return names


with tempfile.TemporaryDirectory() as tmp:
    # 1. The examples.
    out = os.path.join(tmp, "examples")
    build(binary, [os.path.join(examples, "reports")], out, "-f", "html,graphml,report")
    page = os.path.join(out, "report.html")
    text = open(page, encoding="utf-8").read()
    c.check('http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src '
            "'sha256-" in text, "report.html: no Content-Security-Policy with script hashes")
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    c.check("report.html" in manifest["files"], f"manifest: {manifest['files']}")
    shot = os.path.join(artifacts, "report-html-examples.png")
    seen = open_page(page, "--search", "Klarna", "--screenshot", shot, "--filters")
    clean_load(seen, "examples")
    g = nx.read_graphml(os.path.join(out, "entities.graphml"))
    c.check((seen["drawn_nodes"], seen["drawn_edges"]) == (g.number_of_nodes(), g.number_of_edges()),
            f"drawn {seen['drawn_nodes']}/{seen['drawn_edges']} != entities.graphml "
            f"{g.number_of_nodes()}/{g.number_of_edges()}")
    c.check(sorted(seen["drawn_labels"]) == sorted(d["label"] for _, d in g.nodes(data=True)),
            "drawn labels differ from entities.graphml's")
    c.check(os.path.getsize(shot) > 20000, f"screenshot {shot}: {os.path.getsize(shot)} bytes")
    c.check("Klarna" in seen["suggestions"], f"suggestions for Klarna: {seen['suggestions']}")
    panel = seen.get("panel", {})
    c.check(panel.get("title") == "Klarna" and panel.get("chosen") == "Klarna",
            f"panel after search: {panel.get('title')!r}, chosen {panel.get('chosen')}")
    signal = [s for s in panel.get("sections", []) if s["kind"] == "signal"]
    ai = [n for s in signal for n in s["neighbours"] if n["name"] == "AI"]
    c.check(len(ai) == 1, f"AI under Klarna's signal edges: {[n['name'] for s in signal for n in s['neighbours']]}")
    weights = [float(d["weight"]) for a, b, d in g.edges(data=True) if d["label"] == "signal"
               and {g.nodes[a]["label"], g.nodes[b]["label"]} == {"Klarna", "AI"}]
    c.check(ai and len(weights) == 1 and f"weight {weights[0]:g}," in ai[0]["text"],
            f"Klarna-AI weight {weights} not in {ai[0]['text'][:120] if ai else None!r}")
    seed = os.path.join(examples, "reports", "seed-klarna.md")
    seed_statements = [s for s in statement_names(seed) if ai and s in ai[0]["text"]]
    c.check(seed_statements, f"none of the seed report's signals in the Klarna-AI panel: {statement_names(seed)}")
    c.check(ai and "2024-11-03" in ai[0]["text"] and any("ibtimes.co.uk" in h for h in ai[0]["links"]),
            "the seed report's date and link under Klarna-AI")
    # The same page in Firefox (Debian's firefox-esr, in a virtual X display for WebGL).
    if shutil.which("firefox-esr") and shutil.which("xvfb-run"):
        run = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "node", browser_js,
                              page, "--firefox", "--search", "Klarna", "--screenshot",
                              os.path.join(artifacts, "report-html-firefox.png")],
                             capture_output=True, text=True, timeout=300)
        c.check(run.returncode == 0, f"Firefox: {run.stderr[-2000:]}")
        if run.returncode == 0:
            firefox = json.loads(run.stdout)
            clean_load(firefox, "firefox")
            c.check((firefox["drawn_nodes"], firefox["drawn_edges"]) == (seen["drawn_nodes"], seen["drawn_edges"]),
                    f"Firefox draws {firefox['drawn_nodes']}/{firefox['drawn_edges']}")
            c.check(firefox.get("panel", {}).get("title") == "Klarna" and any(
                n["name"] == "AI" for s in firefox["panel"]["sections"] if s["kind"] == "signal"
                for n in s["neighbours"]), "Firefox: Klarna's panel")
            print(f"firefox: first frame {firefox['ready_ms']} ms")
    else:
        print("SKIPPED: needs firefox-esr and xvfb-run (scripts/setup.sh installs them) for the "
              "Firefox run; Chromium's ran")

    # The filters, against entities.graphml's own attributes.
    f = seen["filters"]
    kinds = [d["label"] for _, _, d in g.edges(data=True)]
    c.check(f["all"] == {"nodes": g.number_of_nodes(), "links": g.number_of_edges()}, f"all: {f['all']}")
    c.check(f["reset"] == f["all"], f"after the filters were reset: {f['reset']}")
    c.check(f["no_concern"] == {"nodes": g.number_of_nodes(), "links": len([k for k in kinds if k != "concern"])},
            f"concern edges off: {f['no_concern']}")
    c.check(f["min_weight_5"]["links"] == sum(1 for _, _, d in g.edges(data=True) if float(d["weight"]) >= 5),
            f"minimum weight 5: {f['min_weight_5']}")
    until = f["until"]["date"].split(" – ")[1]
    seen_by = {v for v, d in g.nodes(data=True) if d.get("first_seen", "") <= until}
    c.check(f["until"]["nodes"] == len(seen_by) and f["until"]["links"] == sum(
        1 for a, b, d in g.edges(data=True) if a in seen_by and b in seen_by and d.get("first_seen", "") <= until),
        f"seen until {until}: {f['until']}, expected {len(seen_by)} entities")
    zero = {v for v, d in g.nodes(data=True) if int(d["community"]) == 0}
    c.check(f["community_0"] == {"nodes": len(zero), "links": sum(1 for a, b in g.edges() if a in zero and b in zero)},
            f"community 0: {f['community_0']}, expected {len(zero)} entities")
    values = [float(v) for v in f["table_after"]]
    c.check(len(values) > 2 and values == sorted(values) and f["table_before"] != f["table_after"],
            f"sorting the first table by value: {f['table_before']} -> {f['table_after']}")
    print(f"examples: first frame {seen['ready_ms']} ms, {seen['drawn_nodes']} nodes, "
          f"{seen['drawn_edges']} edges; Klarna-AI lists {seed_statements}")

    # 2. Hostile labels.
    hostile = [
        "<script>window.signalkgPwned=true;alert('label')</script>",
        "</script><script>window.signalkgPwned=true</script>",
        "<img src=x onerror=\"window.signalkgPwned=true;alert(1)\">",
        "javascript:window.signalkgPwned=true",
        "say \"hello\" & 'bye'",
        "<!-- open comment",
        "\u202eevil rtl\u202c text",
        "bell\u0007and\u001bescape",
        "<a href=\"javascript:alert(2)\">link</a>",
        "${window.signalkgPwned=true} {{x}}",
    ]
    reports = os.path.join(tmp, "hostile")
    os.mkdir(reports)
    for k, title_url in enumerate(["javascript:alert(3)", "https://example.org/ok"]):
        keywords = "".join(f"* {h}\n" for h in hostile)
        with open(os.path.join(reports, f"hostile{k}.md"), "w", encoding="utf-8") as f:
            f.write(f"# __{hostile[k]}__, (from page [2024010{k + 1}]({title_url}).)\n\n"
                    f"__[External link](javascript:alert({k}))__\n\n"
                    f"## Keywords\n\n{keywords}\n## Summary\n\n{hostile[1]}\n\n## Signals\n\n"
                    "| name | description | relevancy |\n|:--|:--|--:|\n"
                    f"| {hostile[0].replace('|', '')} {k} | {' ; '.join(hostile)} | 3 |\n")
    out = os.path.join(tmp, "hostile-out")
    build(binary, [reports], out, "-f", "html,graphml,report")
    seen = open_page(os.path.join(out, "report.html"), "--select-all", "--screenshot",
                     os.path.join(artifacts, "report-html-hostile.png"))
    clean_load(seen, "hostile")
    expected = sorted(d["label"] for _, d in nx.read_graphml(
        os.path.join(out, "entities.graphml")).nodes(data=True))
    c.check(sum(1 for h in hostile if h in expected) >= 6,
            f"the hostile labels did not become entities: {expected}")
    c.check(sorted(seen["labels"]) == expected, f"page labels {seen['labels']} != {expected}")
    c.check(sorted(seen["drawn_labels"]) == expected, "canvas labels differ")
    c.check(seen["selected_titles"] == seen["labels"],
            "a panel title differs from its label: "
            f"{[(a, b) for a, b in zip(seen['selected_titles'], seen['labels']) if a != b][:3]}")
    allowed = {"a", "aside", "body", "button", "canvas", "caption", "details", "div", "fieldset",
               "footer", "h1", "h2", "h3", "head", "header", "html", "input", "label", "legend",
               "li", "main", "meta", "option", "output", "p", "script", "section", "select",
               "span", "style", "summary", "table", "tbody", "td", "th", "thead", "title", "tr",
               "ul"}
    c.check(set(seen["dom"]["tags"]) <= allowed,
            f"elements the viewer does not make: {set(seen['dom']['tags']) - allowed}")
    c.check(seen["title"].startswith("Entity graph of 2 reports"), f"title {seen['title']!r}")

    # 3. A focus page from `signalkg diagram`.
    focus = os.path.join(tmp, "klarna.html")
    run = subprocess.run([binary, "diagram", os.path.join(examples, "reports"), "--focus",
                          "Klarna", "--depth", "1", "-o", focus, "-q"], capture_output=True, text=True)
    c.check(run.returncode == 0, f"diagram -o klarna.html: {run.returncode} {run.stderr}")
    if run.returncode == 0:
        seen = open_page(focus, "--search", "AI",
                         "--screenshot", os.path.join(artifacts, "focus-html-klarna.png"))
        clean_load(seen, "focus")
        svg_dot = subprocess.run([binary, "diagram", os.path.join(examples, "reports"), "--focus",
                                  "Klarna", "--depth", "1", "-o", os.path.join(tmp, "k.dot"), "-q"],
                                 capture_output=True, text=True)
        dot = open(os.path.join(tmp, "k.dot")).read()
        dot_nodes = set(re.findall(r'^\s+"(n\d+)" \[', dot, re.M))
        dot_edges = len(re.findall(r'^\s+"n\d+" -- "n\d+"', dot, re.M))
        c.check(svg_dot.returncode == 0 and (seen["drawn_nodes"], seen["drawn_edges"]) ==
                (len(dot_nodes), dot_edges),
                f"focus page draws {seen['drawn_nodes']}/{seen['drawn_edges']}, the DOT diagram "
                f"{len(dot_nodes)}/{dot_edges}")
        c.check(len(seen["labels"]) == len(dot_nodes),
                f"the focus page lists {len(seen['labels'])} entities, not only the {len(dot_nodes)} drawn")
        c.check("Klarna" in seen["title"], f"focus title {seen['title']!r}")
        c.check(seen.get("panel", {}).get("title") == "AI", f"focus search: {seen.get('panel')}")

    # 4. The cut of a big corpus, on the examples: --html-top 10 --html-links 12.
    out = os.path.join(tmp, "cut")
    build(binary, [os.path.join(examples, "reports")], out, "-f", "html,graphml,report",
          "--html-top", "10", "--html-links", "12")
    text = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    blocks = {k: json.loads(v) for k, v in re.findall(
        r'<script type="application/json" id="signalkg-(data|more)">(.*?)</script>', text, re.S)}
    g = nx.read_graphml(os.path.join(out, "entities.graphml"))
    by_rank = sorted(g.nodes, key=lambda v: -float(g.nodes[v]["pagerank"]))
    top = {g.nodes[v]["label"] for v in by_rank[:10]}
    drawn = [n[0] for n in blocks["data"]["nodes"]]
    c.check(set(drawn) == top, f"drawn {sorted(drawn)} != the top 10 by PageRank {sorted(top)}")
    links = blocks["data"]["links"]
    c.check(len(links) == 12, f"{len(links)} links drawn, --html-links 12")
    among = {frozenset((g.nodes[a]["label"], g.nodes[b]["label"])) for a, b in g.edges()
             if g.nodes[a]["label"] in top and g.nodes[b]["label"] in top}
    linked = {drawn[i] for l in links for i in l[:2]}
    c.check(all(label in linked for pair in among for label in pair),
            "a drawn entity with links among the drawn has none drawn (each keeps its heaviest)")
    listed = [n[0] for n in blocks["more"]["nodes"]]
    c.check(sorted(drawn + listed) == sorted(d["label"] for _, d in g.nodes(data=True)),
            "the page does not list every entity")
    hidden = next(v for v in reversed(by_rank) if g.degree(v) > 0)
    name = g.nodes[hidden]["label"]
    seen = open_page(os.path.join(out, "report.html"), "--search", name)
    clean_load(seen, "cut")
    panel = seen.get("panel", {})
    c.check(panel.get("title") == name and "Not drawn" in panel.get("text", ""),
            f"search for the undrawn {name!r}: {panel.get('title')!r}")
    c.check(panel.get("sections"), f"no links in the panel of {name!r}")
    c.check(f"the other {len(listed)} are found by search" in panel.get("summary", "") and
            "12 links of the" in panel.get("summary", ""),
            f"the header does not say what was left out: {panel.get('summary')!r}")
sys.exit(c.finish())
