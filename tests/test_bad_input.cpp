#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

TEST_CASE("broken files get one warning each with file and line, and good files still build") {
    const std::string dir = std::string(SIGNALKG_TEST_DATA) + "/bad/";
    std::vector<std::string> files;
    for (const char* name : {"good.md", "binary.md", "empty.md", "invalid-utf8.md",
                             "missing-title.md", "split-keywords.md", "wrong-cells.md"})
        files.push_back(dir + name);
    const Built built = build_from(files);
    std::map<std::string, std::vector<Diagnostic>> by_file;
    for (const Diagnostic& d : built.diagnostics)
        by_file[std::filesystem::path(d.file).filename().string()].push_back(d);

    const std::map<std::string, std::pair<int, std::string>> expected = {
        {"binary.md", {5, "binary file"}},
        {"empty.md", {1, "empty file"}},
        {"invalid-utf8.md", {5, "invalid UTF-8"}},
        {"missing-title.md", {1, "missing title"}},
        {"split-keywords.md", {5, "split into one character per bullet"}},
        {"wrong-cells.md", {12, "table row has 2 cells, the header has 3"}},
    };
    CHECK(by_file.size() == expected.size());
    for (const auto& [file, want] : expected) {
        INFO(file);
        REQUIRE(by_file[file].size() == 1);
        CHECK(by_file[file][0].line == want.first);
        CHECK(by_file[file][0].message.find(want.second) != std::string::npos);
    }

    const KnowledgeGraph& g = built.graph;
    std::set<std::string> ids;
    for (const Report& r : g.reports())
        ids.emplace(r.id);
    CHECK(ids == std::set<std::string>{"good", "invalid-utf8", "missing-title", "split-keywords",
                                       "wrong-cells"});
    node(g, NodeKind::Signal, "Warehouse bots");
    node(g, NodeKind::Entity, "warehouse automation");
    node(g, NodeKind::Entity, "caf\xEF\xBF\xBD culture");  // repaired, not lost
    node(g, NodeKind::Concern, "Broken row");
    const auto report = [&](const std::string& id) {
        const auto it = std::find_if(g.reports().begin(), g.reports().end(),
                                     [&](const Report& r) { return r.id == id; });
        REQUIRE(it != g.reports().end());
        return *it;
    };
    CHECK(report("split-keywords").keywords == std::vector<std::string_view>{"robots", "AI"});
    CHECK(report("missing-title").title == "missing-title");
}
