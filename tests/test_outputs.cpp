#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

// Every file and folder directly in `folder`, folders with a trailing '/'.
std::set<std::string> entries(const std::filesystem::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.insert(entry.path().filename().string() + (entry.is_directory() ? "/" : ""));
    return names;
}

}  // namespace

TEST_CASE("output registry: each format writes exactly the files the registry lists") {
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    REQUIRE(known_formats().size() == 10);
    std::set<std::string> every;
    for (const std::string& format : known_formats()) {
        INFO(format);
        TempDir dir;
        const Written written = write_formats(built.graph, dir.path() / "out", {format});
        const std::vector<std::string> listed = output_files({format});
        std::set<std::string> expected(listed.begin(), listed.end());
        expected.insert(kManifest);
        CHECK(entries(dir.path() / "out") == expected);
        CHECK(written.removed.empty());
        for (const WrittenFile& w : written.files)
            CHECK(w.seconds >= 0);
        every.insert(listed.begin(), listed.end());
    }
    // All formats at once: the union, each file once, written on two threads.
    TempDir dir;
    write_formats(built.graph, dir.path() / "out", {}, 2);
    every.insert(kManifest);
    CHECK(entries(dir.path() / "out") == every);
    const std::vector<std::string> all =
        output_files(std::set<std::string>(known_formats().begin(), known_formats().end()));
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
    CHECK(every.size() == 14);
}

TEST_CASE("a build into the folder of an earlier one leaves only its own files, and says so") {
    // Building the corpus into OUT, then the examples with fewer formats, left the corpus'
    // graph.nt beside the examples' report: stats said 3 reports, query counted 85 articles.
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    TempDir dir;
    const auto out = dir.path() / "out";
    write_formats(built.graph, out);
    dir.write("out/notes.txt", "the user's own file");
    dir.write("out/neo4j/rel_OLD_Kind_Entity.csv", "from an older build\n");
    dir.write("out/neo4j/my-queries.cypher", "the user's own file");
    const Written again = write_formats(built.graph, out, {"svg", "report"});
    CHECK(entries(out) == std::set<std::string>{"entities.svg", "report.json", "report.md",
                                                kManifest, "notes.txt", "neo4j/"});
    CHECK(entries(out / "neo4j") == std::set<std::string>{"my-queries.cypher"});
    CHECK(std::find(again.removed.begin(), again.removed.end(), "graph.nt") != again.removed.end());
    CHECK(std::find(again.removed.begin(), again.removed.end(), "neo4j/import.sh") !=
          again.removed.end());
    CHECK(again.removed.size() == 9 + 1 + 31);  // 9 files, the old CSV, neo4j's 31 files
    CHECK(read_file(out / kManifest) ==
          "{\n  \"generator\": \"signalkg " SIGNALKG_TEST_VERSION
          "\",\n"
          "  \"formats\": [\"svg\", \"report\"],\n"
          "  \"files\": [\"entities.svg\", \"report.json\", \"report.md\"]\n}\n");
}

TEST_CASE("a new neo4j folder keeps no CSV of node or relationship kinds it no longer has") {
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    TempDir dir;
    dir.write("out/neo4j/node_Gone.csv", "id:ID(Gone)\nx\n");
    dir.write("out/neo4j/rel_GONE_Article_Gone.csv", ":START_ID(Article),:END_ID(Gone)\n");
    dir.write("out/neo4j/readme.txt", "kept");
    write_formats(built.graph, dir.path() / "out", {"neo4j"});
    const std::set<std::string> files = entries(dir.path() / "out" / "neo4j");
    CHECK(!files.contains("node_Gone.csv"));
    CHECK(!files.contains("rel_GONE_Article_Gone.csv"));
    CHECK(files.contains("readme.txt"));
    CHECK(files.contains("node_Entity.csv"));
}
