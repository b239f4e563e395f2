"""What a new user meets first, through the real binary (issue 19): option values and files that
once crashed the build or lost reports without saying so.

    cli_options.py SIGNALKG EXAMPLES_REPORTS
"""
import json
import os
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
    expected = sum(1 for f in pathlib.Path(reports).iterdir() if f.suffix in (".md", ".json"))
    build = run("build", str(converted), "-o", str(tmp / "conv"), "-f", "report", "--strict", "-q")
    documents = json.loads((tmp / "conv/report.json").read_text())["documents"] \
        if build.returncode == 0 else None
    if build.returncode != 0 or documents != expected:
        failures.append(f"build of convert's .json: exit {build.returncode}, {documents} of "
                        f"{expected} reports\n{build.stderr}")

    # Messages that say what is wrong in a line, with a suggestion where one is near.
    out = str(tmp / "msg")
    (tmp / "empty").mkdir()
    (tmp / "folder").mkdir()
    (tmp / "folder.svg").mkdir()
    for arguments, code, message in (
            (["build", reports, "-o", out, "-j", "abc"], 2,
             "--jobs: 'abc' is not a whole number from 0 (every core it may run on) to 1024"),
            (["build", reports, "-o", out, "-j", "-1"], 2, "is not a whole number"),
            (["build", reports, "-o", out, "--top", "0"], 2,
             "--top: '0' is not a whole number from 1 to 1000000"),
            (["build", reports, "-o", out, "--resolution", "0"], 2,
             "--resolution: '0' is not a number greater than 0"),
            (["build", reports, "-o", out, "--format", "ttl"], 2,
             "unknown option --format; did you mean --formats?"),
            (["build", reports, "-o", out, "-f", "ttl,png"], 2,
             "unknown format 'png'; the formats are ttl, nt, rdf, graphml, gexf, dot, svg, "
             "neo4j, json, report, html, trends, virtuoso and all"),
            (["diagram", reports, "--focus", "Klarn", "-o", str(tmp / "f.svg")], 2,
             "no entity 'Klarn' in the graph; did you mean 'Klarna'?"),
            (["diagram", reports, "-o", str(tmp / "folder.svg")], 4,
             "folder.svg: is a folder; give the name of a file to write"),
            (["convert", reports, "-o", str(tmp / "folder") + "/"], 4, "is a folder"),
            (["stats", str(tmp / "nope")], 2, "nope: no such folder"),
            (["diagram", reports, "-o", str(tmp / "d.png")], 2,
             "d.png: diagram writes SVG (.svg), DOT (.dot) or a page to explore in a browser "
             "(.html)"),
            (["build", reports, "-o", out, "--html-top", "0"], 2,
             "--html-top: '0' is not a whole number from 1 to 10000000"),
            (["diagram", reports, "--depth", "2", "-o", str(tmp / "d.svg")], 2,
             "--depth counts hops from --focus: give --focus too"),
            (["build", str(tmp / "empty"), "-o", out], 3,
             "empty: no .md, .json or .jsonl file in this folder"),
            (["build", str(tmp / "nothere"), "-o", out], 3, "nothere: no such file or folder")):
        result = run(*arguments)
        if result.returncode != code or message not in result.stderr or "Success" in result.stderr:
            failures.append(f"{' '.join(arguments[:1] + arguments[2:])}: exit {result.returncode} "
                            f"(expected {code}), stderr {result.stderr!r}, expected {message!r}")
    # convert onto a full disk (a 16 KB tmpfs for 49 KB of JSON Lines; reports are written as
    # they are read): exit 4 naming the file, the old file as it was, no temporary file left.
    full = tmp / "full"
    full.mkdir()
    unshare = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    script = (f"mount -t tmpfs -o size=16k none {full} && echo old > {full}/r.jsonl && "
              f"{signalkg} convert {reports} -o {full}/r.jsonl -q; code=$?; "
              f"ls -A {full}; cat {full}/r.jsonl; exit $code")
    result = subprocess.run([*unshare, "sh", "-c", script], capture_output=True, text=True,
                            timeout=120)
    if (result.returncode != 4 or f"{full}/r.jsonl" not in result.stderr
            or result.stdout != "r.jsonl\nold\n" or result.stderr.count("warning") != 1):
        failures.append(f"convert onto a full disk: exit {result.returncode} (expected 4), "
                        f"stdout {result.stdout!r}, stderr {result.stderr!r}")
    # Format names in any case; stats takes OUT or its report.json.
    if run("build", reports, "-o", out, "-f", "TTL,Report", "-q").returncode != 0:
        failures.append("-f TTL,Report refused")
    stats = run("stats", str(pathlib.Path(out) / "report.json"))
    if stats.returncode != 0 or not stats.stdout.startswith(f"{expected} reports"):
        failures.append(f"stats OUT/report.json: exit {stats.returncode}, {stats.stdout!r}")

    # query: column names kept on zero rows; several queries make one valid document.
    none = "SELECT ?a ?b WHERE { ?a <http://example.org/nothing> ?b }"
    for fmt, text in (("csv", b"a,b\r\n"), ("tsv", b"?a\t?b\n")):
        result = subprocess.run([signalkg, "query", out, none, "--format", fmt],
                                capture_output=True, timeout=120)
        if result.returncode != 0 or result.stdout != text:
            failures.append(f"query with no row, {fmt}: {result.stdout!r}, expected {text!r}")
    result = run("query", out, none, "--format", "json")
    if result.returncode != 0 or json.loads(result.stdout)["head"]["vars"] != ["a", "b"]:
        failures.append(f"query with no row, json: {result.stdout!r}")
    result = run("query", out, none, "ASK { ?s ?p ?o }", "--format", "json")
    try:
        both = json.loads(result.stdout)
        if len(both) != 2 or both[1] != {"head": {}, "boolean": True}:
            failures.append(f"two queries, json: {both}")
    except ValueError:
        failures.append(f"two queries, json: not one JSON document: {result.stdout!r}")
    result = run("query", out, none, "ASK { ?s ?p ?o }", "--format", "csv")
    if result.returncode != 2 or "cannot share one CSV" not in result.stderr:
        failures.append(f"two queries, csv: exit {result.returncode}, {result.stderr!r}")

    # SPARQL the in-process engine cannot run: said, with how to write it; a query that does not
    # end within --timeout ends with exit 5.
    for query, code, message in (
            ("SELECT ?n WHERE { ?e sk:about/rdfs:label ?n }", 2,
             "Property paths (sk:about/rdfs:label, p*, p+, ^p) are not supported"),
            ("DESCRIBE ?e WHERE { ?e rdfs:label \"AI\" }", 2, "DESCRIBE is not supported"),
            ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 5, "no answer after 0.5 s")):
        result = run("query", out, query, "--timeout", "0.5")
        if result.returncode != code or message not in result.stderr:
            failures.append(f"query {query!r}: exit {result.returncode} (expected {code}), "
                            f"{result.stderr!r}")
    # Every command's --help has an example and only the exit codes it can give.
    for command, has, lacks in (("build", ["Examples:", "  4  "], ["  5  "]),
                                ("diagram", ["Examples:", "--focus"], ["  5  "]),
                                ("convert", ["Example:"], ["  5  "]),
                                ("query", ["Examples:", "  5  no answer", "SPARQL syntax error"],
                                 ["  3  ", "  4  "]),
                                ("stats", ["Example:", "no report.json"], ["  3  ", "  4  "])):
        text = run(command, "--help").stdout
        for word in has:
            if word not in text:
                failures.append(f"{command} --help lacks {word!r}")
        for word in lacks:
            if word in text:
                failures.append(f"{command} --help has {word!r}")
    if "default 0: none hidden" not in run("build", "--help").stdout:
        failures.append("build --help states no default for --min-weight")
    # Without WordNet's files the build still succeeds, and says what it does without them.
    result = subprocess.run([signalkg, "build", reports, "-o", str(tmp / "nownet"), "-f", "report"],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "WNSEARCHDIR": str(tmp / "no-wordnet")})
    if result.returncode != 0 or "apt install wordnet-base" not in result.stderr:
        failures.append(f"build without WordNet: exit {result.returncode}, {result.stderr!r}")

    # The example reports teach: 20 or more, over two years or more, three storylines that come
    # out as communities of five or more entities around clear hubs.
    config = pathlib.Path(reports).parent / "signalkg.yaml"
    if run("build", reports, "-c", str(config), "-o", str(tmp / "teach"), "-f", "report", "-q").returncode == 0:
        report = json.loads((tmp / "teach/report.json").read_text())
        large = [c for c in report["communities"] if c["size"] >= 5]
        if report["documents"] < 20 or len(report["documents_per_year"]) < 2 or len(large) < 3:
            failures.append(f"example reports too small to teach: {report['documents']} reports, "
                            f"years {sorted(report['documents_per_year'])}, communities of 5 or "
                            f"more: {len(large)}")
    else:
        failures.append("build of the example reports with examples/signalkg.yaml failed")

    # stats and trends read files a user may have edited: a wrong member is a message, exit 2.
    for command, name, text in [("stats", "report.json", '{"analysis": {}, "documents": "x"}'),
                                ("trends", "trends.json", '{"series": [{"label": 3}], "periods": ["2024"]}')]:
        edited = tmp / f"edited-{command}"
        edited.mkdir()
        (edited / name).write_text(text)
        result = run(command, str(edited))
        if result.returncode != 2 or "is not as signalkg writes it" not in result.stderr:
            failures.append(f"{command} on an edited {name}: exit {result.returncode}, "
                            f"{result.stderr!r}")

for failure in failures:
    print("FAIL:", failure)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
