#include <catch2/catch.hpp>

#include "exporters/outputs.hpp"
#include "exporters/rdf.hpp"
#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

const std::string kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

std::set<Triple> as_set(const std::vector<Triple>& triples) {
    return {triples.begin(), triples.end()};
}

}  // namespace

TEST_CASE("every predicate and class in graph.nt is declared in ontology.ttl") {
    const Built built = build_from({shared_corpus_or_examples()});
    TempDir out;
    write_formats(built.graph, out.path(), {"nt"});
    std::set<std::string> used;
    for (const Triple& t : parse_rdf(out.path() / "graph.nt", "ntriples")) {
        used.insert(t.predicate);
        if (t.predicate == kRdfType) used.insert(t.object);
    }
    std::set<std::string> declared;
    for (const Triple& t : parse_rdf(out.path() / "ontology.ttl", "turtle"))
        if (t.predicate == kRdfType) declared.insert(t.subject);
    CHECK(used.size() > 30);
    for (const std::string& term : used) {
        INFO(term);
        CHECK(declared.contains(term));
    }
}

TEST_CASE("Turtle, N-Triples and RDF/XML hold exactly the same triples") {
    NEEDS_SHARED_CORPUS();  // an older report with Closest links, beside the seed
    const Built built =
        build_from({std::string(SIGNALKG_CORPUS) + "/seed-klarna.md",
                    std::string(SIGNALKG_CORPUS) + "/001b195bbddec8fb0193b668a70aa883.md"});
    TempDir out;
    const std::size_t nt =
        write_rdf(built.graph, nullptr, RdfSyntax::NTriples, out.path() / "g.nt");
    const std::size_t ttl =
        write_rdf(built.graph, nullptr, RdfSyntax::Turtle, out.path() / "g.ttl");
    write_rdf(built.graph, nullptr, RdfSyntax::RdfXml, out.path() / "g.rdf");
    const auto from_nt = parse_rdf(out.path() / "g.nt", "ntriples");
    CHECK(from_nt.size() == nt);
    CHECK(ttl == nt);
    CHECK(as_set(parse_rdf(out.path() / "g.ttl", "turtle")) == as_set(from_nt));
    CHECK(as_set(parse_rdf(out.path() / "g.rdf", "rdfxml")) == as_set(from_nt));
}

TEST_CASE("two runs and any number of jobs give byte-identical files") {
    const Built first = build_from({shared_corpus_or_examples()}, default_config(), 1);
    const Built second = build_from({shared_corpus_or_examples()}, default_config(), 2);
    TempDir a, b;
    write_formats(first.graph, a.path(), {}, 1);
    write_formats(second.graph, b.path(), {}, 2);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(a.path())) {
        if (!entry.is_regular_file()) continue;
        const auto relative = std::filesystem::relative(entry.path(), a.path());
        INFO(relative);
        CHECK(read_file(entry.path()) == read_file(b.path() / relative));
        ++files;
    }
    CHECK(files > 30);  // 13 outputs, the neo4j folder holding 20 to 30 more
}

TEST_CASE("merged signal: two observations in RDF, each with its own article and text") {
    TempDir dir;
    const std::string head = "## Signals\n\n| name | description | relevancy |\n|:--|:--|--:|\n";
    dir.write("a.md", "# __A__, (from page [20240101](https://x.org/a).)\n\n" + head +
                          "| Robot tax | Tax robots now | 4 |\n");
    dir.write("b.md", "# __B__, (from page [20240202](https://x.org/b).)\n\n" + head +
                          "| robot tax | A tax on robots, later | 2 |\n");
    const Built built = build_from({dir.path().string()});
    TempDir out;
    write_rdf(built.graph, nullptr, RdfSyntax::NTriples, out.path() / "g.nt");
    const auto triples = parse_rdf(out.path() / "g.nt", "ntriples");
    const std::string sk = "https://w3id.org/signalkg/ontology#";
    const std::string signal = default_config().base_iri + "signal/robot_tax";
    std::map<std::string, std::map<std::string, std::string>> observations;
    for (const Triple& t : triples)
        if (t.predicate == sk + "statement" && t.object == signal) observations[t.subject];
    REQUIRE(observations.size() == 2);
    for (const Triple& t : triples)
        if (observations.contains(t.subject)) observations[t.subject][t.predicate] = t.object;
    std::set<std::pair<std::string, std::string>> said;
    for (auto& [iri, props] : observations)
        said.emplace(props[sk + "observedIn"],
                     props[sk + "description"] + "|" + props[sk + "relevancy"]);
    const std::string article = default_config().base_iri + "article/";
    CHECK(said ==
          std::set<std::pair<std::string, std::string>>{
              {article + "a", "Tax robots now|4"}, {article + "b", "A tax on robots, later|2"}});
}

TEST_CASE("hostile text round-trips through every RDF syntax") {
    const std::string hostile =
        "q\"uote \\back <tag> & amp\ttab {brace} -- node edge graph "
        "\xF0\x9F\x98\x80 ]]> '" +
        std::string(5000, 'x');
    TempDir dir;
    dir.write("h.md", "# __" + hostile +
                          "__, (from page [20240101](https://x.org/a).)\n\n"
                          "## Keywords\n\n* " +
                          hostile + "\n\n## Summary\n\nline one\nline two\n");
    const Built built = build_from({dir.path().string()});
    TempDir out;
    write_formats(built.graph, out.path(), {"ttl", "nt", "rdf"});
    for (const auto& [file, syntax] :
         {std::pair{"graph.nt", "ntriples"}, {"graph.ttl", "turtle"}, {"graph.rdf", "rdfxml"}}) {
        INFO(file);
        std::set<std::string> literals;
        for (const Triple& t : parse_rdf(out.path() / file, syntax))
            if (t.object_is_literal) literals.insert(t.object);
        CHECK(literals.contains(hostile));
        CHECK(literals.contains("line one\nline two"));
    }
}
