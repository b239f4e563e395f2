#!/usr/bin/python3
"""`signalkg query --endpoint` against a small stand-in endpoint on 127.0.0.1 (no server to
install, so it runs in every clone): what the request holds, and what each kind of answer gives.

- the request: a POST with the query (the predeclared prefixes on its first line, so the user's
  line numbers stay) and default-graph-uri;
- doubles printed with 6 digits are read again from the Turtle result set; when that answer does
  not line up, a warning and the endpoint's values; when there is none, the values silently;
- HTTP 400 exits 2 with the endpoint's message, HTTP 500 and an answer that is not SPARQL
  results exit 6, no answer within --timeout exits 5, ASK answers true or false.

Usage: endpoint_errors.py SIGNALKG"""
import http.server
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/interop")
from common import Checker  # noqa: E402

binary = sys.argv[1]
c = Checker()
XSD = "http://www.w3.org/2001/XMLSchema#"
ROUNDED = ('{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","datatype":"'
           + XSD + 'double","value":"0.160968"}}]}}')
TURTLE = ('@prefix res: <http://www.w3.org/2005/sparql-results#> .\n'
          '_:r a res:ResultSet ; res:resultVariable "x" ;\n'
          '  res:solution [ res:binding [ res:variable "x" ; res:value {} ] ] .\n')
requests = []


class Endpoint(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, kind="application/sparql-results+json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up (--timeout)
            pass

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        turtle = self.headers.get("Accept") == "text/turtle"
        requests.append((self.path, form, self.headers.get("Accept")))
        if self.path == "/full":
            self.answer(200, TURTLE.replace("{}", "0.16096783693063898557") if turtle else ROUNDED)
        elif self.path == "/misaligned":
            self.answer(200, TURTLE.replace("{}", "0.5") if turtle else ROUNDED)
        elif self.path == "/no-turtle":
            self.answer(406, "no Turtle here") if turtle else self.answer(200, ROUNDED)
        elif self.path == "/refuse":
            self.answer(400, "Error SP030: SPARQL compiler, line 2: syntax error", "text/plain")
        elif self.path == "/fail":
            self.answer(500, "out of memory", "text/plain")
        elif self.path == "/html":
            self.answer(200, "<html>a login page</html>", "text/html")
        elif self.path == "/slow":
            time.sleep(3)
            self.answer(200, ROUNDED)
        elif self.path == "/ask":
            self.answer(200, '{"head":{},"boolean":false}')


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"


def query(path, *args, text="SELECT ?x WHERE { ?s sk:pagerank ?x }"):
    return subprocess.run([binary, "query", "--endpoint", base + path, *args, text,
                           "--format", "csv"], capture_output=True, text=True)


run = query("/full", "https://example.org/g")
c.check(run.returncode == 0 and run.stdout == "x\n0.16096783693063899\n" and not run.stderr,
        f"full precision: {run.returncode} {run.stdout!r} {run.stderr!r}")
path, form, accept = requests[0]
c.check(accept == "application/sparql-results+json" and form.get("default-graph-uri") ==
        ["https://example.org/g"], f"request: {accept} {form}")
sent = form["query"][0]
c.check("\n" not in sent and sent.startswith("PREFIX sk: <https://w3id.org/signalkg/ontology#>")
        and sent.endswith("SELECT ?x WHERE { ?s sk:pagerank ?x }"), f"query sent: {sent!r}")
c.check([r[2] for r in requests] == ["application/sparql-results+json", "text/turtle"],
        f"requests: {requests}")

run = query("/misaligned")
c.check(run.returncode == 0 and "0.160968" in run.stdout and "did not line up" in run.stderr,
        f"misaligned: {run.stdout!r} {run.stderr!r}")
run = query("/no-turtle")
c.check(run.returncode == 0 and "0.160968" in run.stdout and not run.stderr,
        f"no Turtle answer: {run.stdout!r} {run.stderr!r}")
run = query("/refuse")
c.check(run.returncode == 2 and "HTTP 400" in run.stderr and "line 2: syntax error" in run.stderr,
        f"refused: {run.returncode} {run.stderr!r}")
run = query("/fail")
c.check(run.returncode == 6 and "HTTP 500: out of memory" in run.stderr,
        f"failed: {run.returncode} {run.stderr!r}")
run = query("/html")
c.check(run.returncode == 6 and "not SPARQL results JSON" in run.stderr,
        f"not results: {run.returncode} {run.stderr!r}")
run = query("/slow", "--timeout", "1")
c.check(run.returncode == 5 and "no answer after 1 s" in run.stderr,
        f"slow: {run.returncode} {run.stderr!r}")
run = query("/ask", text="ASK { ?s ?p ?o }")
c.check(run.returncode == 0 and run.stdout.strip() == "false", f"ask: {run.stdout!r}")
server.shutdown()
server.server_close()
run = query("/full")
c.check(run.returncode == 6, f"no endpoint: {run.returncode} {run.stderr!r}")
sys.exit(c.finish())
