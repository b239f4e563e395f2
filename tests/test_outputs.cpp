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
    REQUIRE(known_formats().size() == 13);
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
    CHECK(every.size() == 19);
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
    CHECK(again.removed.size() ==
          14 + 1 + 33);  // 14 files (virtuoso/load.sh), the old CSV, neo4j's 33 files
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

TEST_CASE("report.md: counts in words, no table of ties, statements by what they are about") {
    TempDir dir;
    const Built seed = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md"});
    write_formats(seed.graph, dir.path() / "seed", {"report"});
    const std::string md = read_file(dir.path() / "seed" / "report.md");
    CHECK(md.starts_with("# signalkg report\n\n1 report, dated 2024-11-03 to 2024-11-03."));
    // In the seed each concern and signal is raised once: no table of reports = 1, but the
    // entities they are about.
    CHECK(md.find("No concern is raised by more than one report") != std::string::npos);
    CHECK(md.find("| 1 | AI | 5 |") != std::string::npos);  // 5 of its 5 concerns are about AI
    // Every table of a measure ranks something: its values are not all one tie.
    const Built built = build_from({shared_corpus_or_examples()});
    write_formats(built.graph, dir.path() / "all", {"report"});
    const std::string report = read_file(dir.path() / "all" / "report.md");
    std::size_t tables = 0, sentences = 0;
    for (std::size_t at = 0; (at = report.find("\n### Top", at)) != std::string::npos; ++at) {
        const std::size_t end = report.find("\n##", at + 1);
        const std::string section = report.substr(at, end - at);
        if (section.find("no ranking to show") != std::string::npos) {
            ++sentences;
            continue;
        }
        ++tables;
        std::set<std::string> values;
        for (std::size_t row = section.find("\n| 1 |"); row != std::string::npos;
             row = section.find("\n| ", row + 1)) {
            const std::size_t last = section.rfind('|', section.find('\n', row + 1) - 1);
            values.insert(section.substr(section.rfind('|', last - 1) + 1,
                                         last - section.rfind('|', last - 1) - 1));
        }
        INFO(section);
        CHECK(values.size() > 1);
    }
    CHECK(tables + sentences == 8);
}
