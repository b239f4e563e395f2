// Runs SPARQL queries in Oxigraph (npm package `oxigraph`, in-memory store) over one Turtle file.
//   node oxigraph_query.js OXIGRAPH_MODULE_DIR GRAPH.ttl PREFIXES_FILE QUERY.rq...
// Prints {"QUERY.rq": <SPARQL 1.1 results JSON>, ...}.
const fs = require("fs");
const [moduleDir, graph, prefixesFile, ...queries] = process.argv.slice(2);
const oxigraph = require(moduleDir);
const store = new oxigraph.Store();
store.load(fs.readFileSync(graph, "utf8"), { format: "text/turtle" });
const prefixes = fs.readFileSync(prefixesFile, "utf8");
const out = {};
for (const query of queries) {
    out[query] = JSON.parse(store.query(prefixes + fs.readFileSync(query, "utf8"), { results_format: "json" }));
}
process.stdout.write(JSON.stringify(out));
