#include <catch2/catch.hpp>

#include "exporters/rdf.hpp"
#include "helpers.hpp"
#include "ingest/json_format.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

std::vector<Diagnostic> messages_for(const std::vector<Diagnostic>& all, const std::string& name) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : all)
        if (std::filesystem::path(d.file).filename() == name) out.push_back(d);
    return out;
}

}  // namespace

TEST_CASE("markdown -> JSON Lines -> build gives byte-identical graph.nt") {
    NEEDS_SHARED_CORPUS();
    std::vector<Diagnostic> ignored;
    const Corpus corpus =
        read_corpus(find_report_files({SIGNALKG_CORPUS}, ignored), ReadOptions{.jobs = 2});
    TempDir dir;
    std::string jsonl;
    for (const Report& r : corpus.reports)
        jsonl += report_to_json(r) + "\n";
    dir.write("reports.jsonl", jsonl);

    const Built from_markdown = build_from({SIGNALKG_CORPUS});
    const Built from_json = build_from({(dir.path() / "reports.jsonl").string()});
    CHECK(from_json.diagnostics.empty());
    REQUIRE(from_json.graph.reports().size() == 85);
    write_rdf(from_markdown.graph, nullptr, RdfSyntax::NTriples, dir.path() / "md.nt");
    write_rdf(from_json.graph, nullptr, RdfSyntax::NTriples, dir.path() / "json.nt");
    const std::string md = read_file(dir.path() / "md.nt");
    CHECK(md.size() > 1000000);
    CHECK(md == read_file(dir.path() / "json.nt"));
}

TEST_CASE("a .json file holds one report or an array of them") {
    TempDir dir;
    dir.write("one.json",
              R"({"id": "r1", "title": "One", "page": "20240105", "keywords": ["AI", "robots"],
        "signals": [{"name": "Bots", "description": "robots and AI", "relevancy": 4,
                     "extra": [{"name": "src", "value": "abc"}]}],
        "closest": [{"title": "Two", "target": "r2"}]})");
    dir.write("many.json", R"([{"id": "r2", "title": "Two"}, {"id": "r3", "title": "Three"}])");
    const Built built = build_from({dir.path().string()});
    CHECK(built.diagnostics.empty());
    const KnowledgeGraph& g = built.graph;
    REQUIRE(g.reports().size() == 3);
    const Report& r1 = g.reports()[2];  // many.json (r2, r3) sorts first
    CHECK(r1.id == "r1");
    CHECK(r1.date == "2024-01-05");
    REQUIRE(r1.statements.size() == 1);
    CHECK(r1.statements[0].relevancy == 4);
    CHECK(r1.statements[0].extra.at(0).value == "abc");
    CHECK(targets(g, node(g, NodeKind::Signal, "Bots"), EdgeKind::About) ==
          std::set<std::string>{"AI", "robots"});
    CHECK(g.count(EdgeKind::SimilarTo) == 1);
}

TEST_CASE("malformed JSON gets file, line and column and the other reports still build") {
    TempDir dir;
    dir.write("reports.jsonl",
              "{\"id\": \"good1\", \"title\": \"Good\", \"keywords\": [\"AI\"]}\n"
              "{\"id\": \"truncated\", \"title\": \"Tru\n"
              "{\"id\": \"types\", \"title\": 42, \"keywords\": \"AI\", \"signals\": [{\"name\": "
              "\"S\", \"relevancy\": \"high\"}]}\n"
              "\n"
              "{\"id\": \"good2\", \"keywords\": [\"robots\"]}\n");
    dir.write("huge.json", "{\"id\": \"huge\", \"title\": \"Huge\", \"summary\": \"" +
                               std::string(10u << 20, 'x') + "\", \"keywords\": [\"kestrel\"]}");
    dir.write("broken.json", "[{\"id\": \"b1\"}, {\"id\": \"b2\", ");
    const Built built = build_from({dir.path().string()});
    std::set<std::string> ids;
    for (const Report& r : built.graph.reports())
        ids.emplace(r.id);
    CHECK(ids == std::set<std::string>{"good1", "good2", "types", "huge", "b1"});

    const auto lines = messages_for(built.diagnostics, "reports.jsonl");
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].line == 2);
    CHECK(lines[0].message.find("JSON error") != std::string::npos);
    CHECK(lines[0].message.find("column 34") != std::string::npos);
    CHECK(lines[1].line == 3);
    CHECK(lines[1].message == "column 26: unexpected a number for 'title'; skipped");
    CHECK(lines[2].message.find("unexpected a string for 'keywords'") != std::string::npos);
    CHECK(lines[3].message.find("unexpected a string for 'relevancy'") != std::string::npos);

    const auto huge = messages_for(built.diagnostics, "huge.json");
    REQUIRE(huge.size() == 1);
    CHECK(huge[0].line == 1);
    CHECK(huge[0].message.find("longer than the 1048576 byte limit") != std::string::npos);
    node(built.graph, NodeKind::Entity, "kestrel");

    const auto broken = messages_for(built.diagnostics, "broken.json");
    REQUIRE(broken.size() == 1);
    CHECK(broken[0].message.find("unfinished report is skipped") != std::string::npos);
}

TEST_CASE("a .json file holding JSON Lines gives every report, not the first only") {
    // `signalkg convert -o x.json` wrote JSON Lines into a .json file, and building from it read
    // one report of three, with one warning.
    TempDir dir;
    const Built reports = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    std::string lines;
    for (const Report& r : reports.graph.reports())
        lines += report_to_json(r) + "\n";
    dir.write("converted.json", lines);
    const Built built = build_from({(dir.path() / "converted.json").string()});
    CHECK(built.diagnostics.empty());
    CHECK(built.graph.reports().size() == reports.graph.reports().size());
    CHECK(built.graph.count(NodeKind::Entity) == reports.graph.count(NodeKind::Entity));
    // Values one after another on one line, or an array then an object, read alike; what is
    // neither is still a warning naming its line and column.
    dir.write("glued.json", R"({"id": "a", "title": "A"} [{"id": "b", "title": "B"}]
{"id": "c", "title": "C"}
  trailing words)");
    const Built glued = build_from({(dir.path() / "glued.json").string()});
    CHECK(glued.graph.reports().size() == 3);
    REQUIRE(glued.diagnostics.size() == 1);
    CHECK(glued.diagnostics[0].line == 3);
    CHECK(glued.diagnostics[0].message == "column 3: text after the JSON value; ignored");
}
