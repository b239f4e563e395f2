#include <catch2/catch.hpp>

#include "exporters/rdf.hpp"
#include "helpers.hpp"
#include "query/results.hpp"
#include "query/sparql.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

std::vector<std::string> column(const query::Results& r, std::size_t i) {
    std::vector<std::string> values;
    for (const auto& row : r.rows)
        values.push_back(row[i] ? row[i]->value : "(unbound)");
    return values;
}

}  // namespace

TEST_CASE("SPARQL over an output folder with predeclared prefixes, ordered by code point") {
    TempDir dir;
    dir.write("r.md",
              "# __R__, (from page [20240101](https://x.org/r).)\n\n## Keywords\n\n"
              "* AI\n* agentic AI\n* AI's future\n* AI system\n* Zeta\n\n## Summary\n\nS.\n");
    const Built built = build_from({dir.path().string()});
    write_formats(built.graph, dir.path() / "out", {"nt"});
    query::Store store;
    CHECK(store.load(dir.path() / "out") > 100);  // graph.nt and ontology.ttl
    const query::Results r = store.run(
        "SELECT ?name WHERE { ?e a sk:Entity ; rdfs:label ?name } ORDER BY ?name LIMIT 4");
    CHECK(column(r, 0) == std::vector<std::string>{"AI", "AI system", "AI's future", "Zeta"});
    const query::Results desc = store.run(
        "SELECT ?name ?n WHERE { ?e a sk:Entity ; rdfs:label ?name ; sk:articleCount ?n }\n"
        "ORDER BY DESC(?name) OFFSET 1 LIMIT 2");
    CHECK(column(desc, 0) == std::vector<std::string>{"Zeta", "AI's future"});
    const query::Results ask = store.run("ASK { ?e rdfs:label \"Zeta\" }");
    CHECK(ask.kind == query::Results::Kind::Boolean);
    CHECK(ask.boolean);
}

TEST_CASE("query errors name the line of the user's query, and files are checked") {
    TempDir dir;
    dir.write("g.nt", "<http://x/a> <http://x/b> \"c\" .\n");
    query::Store store;
    CHECK(store.load(dir.path() / "g.nt") == 1);
    try {
        store.run("SELECT ?x\nWHERE {\n  ?x ?y\n}");
        FAIL("no error");
    } catch (const query::QueryError& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find("line 4") != std::string::npos);
    }
    CHECK_THROWS_WITH(store.load(dir.path() / "nothing.ttl"), Catch::Contains("no such file"));
    dir.write("bad.ttl", "@prefix x: <http://x/> .\nx:a x:b .\n");
    CHECK_THROWS_WITH(store.load(dir.path() / "bad.ttl"), Catch::Contains("bad.ttl"));
}

TEST_CASE("result formats: CSV, TSV and SPARQL JSON escape what they must") {
    query::Results r;
    r.variables = {"a", "b"};
    query::Term literal{query::Term::Kind::Literal, "x, \"y\"\nz", "", ""};
    query::Term iri{query::Term::Kind::Iri, "https://w3id.org/signalkg/ontology#Signal", "", ""};
    r.rows.push_back({literal, iri});
    r.rows.push_back({std::nullopt, iri});
    CHECK(query::format_results(r, query::Format::Csv) ==
          "a,b\r\n\"x, "
          "\"\"y\"\"\nz\",https://w3id.org/signalkg/ontology#Signal\r\n,https://w3id.org/signalkg/"
          "ontology#Signal\r\n");
    CHECK(query::format_results(r, query::Format::Tsv)
              .starts_with(
                  "?a\t?b\n\"x, \\\"y\\\"\\nz\"\t<https://w3id.org/signalkg/ontology#Signal>\n"));
    const std::string json = query::format_results(r, query::Format::Json);
    CHECK(json.find("\"value\": \"x, \\\"y\\\"\\nz\"") != std::string::npos);
    CHECK(query::format_results(r, query::Format::Table).find("sk:Signal") != std::string::npos);
}
