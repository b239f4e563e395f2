#include <catch2/catch.hpp>
#include <set>
#include <string_view>
#include <utility>

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

namespace {

// A small store of our own: years given out of order, typed numbers, language tags.
void load_small_store(const TempDir& dir, query::Store& store) {
    dir.write("g.ttl",
              "@prefix x: <http://x.org/> .\n"
              "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
              "x:a x:year \"2023\" ; x:n 10 ; x:name \"chat\"@fr .\n"
              "x:b x:year \"2022\" ; x:n 9 ; x:name \"cat\"@en .\n"
              "x:c x:year \"2024\" ; x:n \"100\"^^xsd:integer ; x:name \"Katze\"@de .\n"
              "x:d x:year \"2022\" ; x:n 11 ; x:name \"gato\" .\n");
    store.load(dir.path() / "g.ttl");
}

}  // namespace

TEST_CASE("ORDER BY is found as a keyword at brace depth 0, whatever the variables are called") {
    // Rasqal misorders grouped rows (2024, 2024, 2025, 2024 ...); signalkg sorts them itself
    // when it finds the ORDER BY. A variable named ?yearorder hid the keyword from the search.
    TempDir dir;
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    write_formats(built.graph, dir.path() / "out", {"nt"});
    query::Store store;
    store.load(dir.path() / "out");
    std::set<std::pair<std::string_view, std::string_view>> year_themes;
    for (const Report& report : built.graph.reports())
        if (!report.date.empty())
            for (const std::string_view theme : report.themes)
                year_themes.emplace(report.date.substr(0, 4), theme);
    for (const std::string year : {"year", "yearorder", "order", "ORDERx"}) {
        INFO(year);
        const query::Results r = store.run(
            "SELECT ?" + year +
            " ?theme (COUNT(DISTINCT ?article) AS ?reports)\n"
            "WHERE { ?article sk:hasTheme ?t ; dcterms:date ?date . ?t rdfs:label ?theme .\n"
            "  BIND(SUBSTR(STR(?date), 1, 4) AS ?" +
            year +
            ") }\n"
            "GROUP BY ?" +
            year + " ?theme ORDER BY ?" + year + " DESC(?reports) ?theme");
        const std::vector<std::string> years = column(r, 0);
        CHECK(years.size() == year_themes.size());
        CHECK(std::is_sorted(years.begin(), years.end()));
    }
}

TEST_CASE("Aggregates over no solutions give SPARQL's answer, not Rasqal's") {
    // Rasqal 0.9.33 returned one row (unbound key, COUNT 1) for a GROUP BY over nothing, and no
    // row for a plain COUNT over nothing: "how many reports name X" got no answer.
    TempDir dir;
    dir.write("g.nt",
              "<http://x/a> <http://x/n> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
              "<http://x/b> <http://x/n> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
    query::Store store;
    store.load(dir.path() / "g.nt");
    const std::string nothing = "WHERE { ?s <http://x/none> ?v }";
    const query::Results grouped =
        store.run("SELECT ?s (COUNT(?v) AS ?n) " + nothing + " GROUP BY ?s ORDER BY ?s");
    CHECK(grouped.variables == std::vector<std::string>{"s", "n"});
    CHECK(grouped.rows.empty());
    const query::Results one = store.run(
        "# a comment (COUNT(?x) AS ?y)\nSELECT (COUNT(?v) AS ?n) (SUM(?v) AS ?sum) (AVG(?v) AS "
        "?avg) "
        "(GROUP_CONCAT(?v) AS ?all) (MAX(?v) AS ?max) " +
        nothing);
    REQUIRE(one.rows.size() == 1);
    const auto& row = one.rows[0];
    for (int i : {0, 1, 2}) {
        REQUIRE(row[i]);
        CHECK(row[i]->value == "0");
        CHECK(row[i]->datatype == "http://www.w3.org/2001/XMLSchema#integer");
    }
    REQUIRE(row[3]);
    CHECK(row[3]->value.empty());
    CHECK_FALSE(row[4]);
    // With solutions, nothing changes.
    const query::Results some = store.run(
        "SELECT ?s (COUNT(?v) AS ?n) WHERE { ?s <http://x/n> ?v } GROUP BY ?s ORDER BY ?s");
    CHECK(column(some, 0) == std::vector<std::string>{"http://x/a", "http://x/b"});
    CHECK(
        store.run("SELECT (SUM(?v) AS ?t) WHERE { ?s <http://x/n> ?v }").rows.at(0).at(0)->value ==
        "3");
}

TEST_CASE("A subquery after other patterns of its group is refused, first in its group it runs") {
    // Rasqal 0.9.33 gave "?e rdfs:label ?n . { SELECT ?e (COUNT(?a) AS ?c) ... }" a count of 1
    // for every label in the store.
    TempDir dir;
    dir.write("g.nt",
              "<http://x/a> <http://x/m> <http://x/e> .\n<http://x/b> <http://x/m> <http://x/e> .\n"
              "<http://x/e> <http://www.w3.org/2000/01/rdf-schema#label> \"e\" .\n"
              "<http://x/f> <http://www.w3.org/2000/01/rdf-schema#label> \"f\" .\n");
    query::Store store;
    store.load(dir.path() / "g.nt");
    const std::string subquery =
        "{ SELECT ?e (COUNT(?a) AS ?c) WHERE { ?a <http://x/m> ?e } GROUP BY ?e }";
    CHECK_THROWS_WITH(store.run("SELECT ?n ?c WHERE { ?e rdfs:label ?n . " + subquery + " }"),
                      Catch::Contains("put it first in its group"));
    const query::Results first =
        store.run("SELECT ?n ?c WHERE { " + subquery + " ?e rdfs:label ?n }");
    REQUIRE(first.rows.size() == 1);
    CHECK(first.rows[0][0]->value == "e");
    CHECK(first.rows[0][1]->value == "2");
}

TEST_CASE("CONSTRUCT writes RDF that keeps datatypes and languages") {
    TempDir dir;
    query::Store store;
    load_small_store(dir, store);
    const query::Results r = store.run(
        "PREFIX x: <http://x.org/>\nCONSTRUCT { ?s x:n ?n ; x:name ?name } WHERE { ?s x:n ?n ; "
        "x:name ?name }");
    REQUIRE(r.kind == query::Results::Kind::Graph);
    const std::string nt = query::format_results(r, query::Format::Csv);  // any: N-Triples
    CHECK(nt.find("<http://x.org/c> <http://x.org/n> "
                  "\"100\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n") != std::string::npos);
    CHECK(nt.find("<http://x.org/a> <http://x.org/name> \"chat\"@fr .\n") != std::string::npos);
    CHECK(nt.find("<http://x.org/d> <http://x.org/name> \"gato\" .\n") != std::string::npos);
    // Both forms parse back (with Raptor) to the same eight triples, typed and tagged.
    dir.write("c.nt", nt);
    dir.write("c.ttl", query::format_results(r, query::Format::Turtle));
    for (const auto& [file, syntax] : {std::pair{"c.nt", "ntriples"}, {"c.ttl", "turtle"}}) {
        const std::vector<Triple> triples = parse_rdf(dir.path() / file, syntax);
        CHECK(triples.size() == 8);
        query::Store again;
        CHECK(again.load(dir.path() / file) == 8);
        const query::Results typed = again.run(
            "PREFIX x: <http://x.org/>\nSELECT ?n WHERE { x:c x:n ?n FILTER(datatype(?n) = "
            "xsd:integer) } ");
        REQUIRE(typed.rows.size() == 1);
        const query::Results french = again.run(
            "PREFIX x: <http://x.org/>\nSELECT ?s WHERE { ?s x:name ?v "
            "FILTER(lang(?v) = \"fr\") }");
        CHECK(column(french, 0) == std::vector<std::string>{"http://x.org/a"});
    }
    // SELECT results are not RDF.
    const query::Results select = store.run("SELECT ?s WHERE { ?s ?p ?o }");
    CHECK_THROWS_AS(query::format_results(select, query::Format::Turtle), query::QueryError);
}
