#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "graph/assembler.hpp"
#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

// Forty reports that share keywords, spellings, statements, driving forces, Closest links and a
// thesaurus alias, so that merging has every kind of node to join.
std::vector<Report> varied_reports(const TempDir& dir) {
    static const char* kKeywords[] = {
        "AI",     "Klarna",   "job cuts", "Job-Cuts", "banks", "Banks", "artificial intelligence",
        "unions", "chatbots", "Chatbot"};
    for (int r = 0; r < 40; ++r) {
        std::string text = fmt::format(
            "# __Report {0}__, (from page [2024{1:02}{2:02}](https://x.org/p/{0}).)\n\n"
            "## Keywords\n\n",
            r, 1 + r % 12, 1 + r % 28);
        for (int k = 0; k < 4; ++k)
            text += fmt::format("* {}\n", kKeywords[(r * 7 + k * 3) % 10]);
        text += fmt::format("\n## Themes\n\n* theme {}\n* Theme {}\n\n", r % 5, (r + 1) % 5);
        text +=
            "## Signals\n\n| name | description | change | 10-year | driving-force | relevancy |\n"
            "|:--|:--|:--|:--|:--|--:|\n";
        text += fmt::format(
            "| Signal {} | Klarna and banks use AI | more chatbots | | cost {} | {} |\n", r % 7,
            r % 3, 1 + r % 5);
        text += fmt::format("| own signal {} | unions fight job cuts | | | | |\n", r);
        if (r % 4 == 0)
            text += fmt::format("\n## Closest\n\n* [x](r{})\n* [y](outside-{})\n", (r + 5) % 40, r);
        dir.write(fmt::format("r{:02}.md", r), text);
    }
    std::vector<Diagnostic> diagnostics;
    const std::vector<std::string> files = find_report_files({dir.path().string()}, diagnostics);
    return read_corpus(files, {}).reports;
}

}  // namespace

TEST_CASE("assembling in shards and merging them gives the one-piece graph, byte for byte") {
    TempDir input;
    const std::vector<Report> reports = varied_reports(input);
    REQUIRE(reports.size() == 40);
    Config config = default_config();
    config.thesaurus["artificial intelligence"] = "AI";
    const auto assemble = [&](const std::vector<std::size_t>& cuts) {
        std::vector<Diagnostic> diagnostics;
        std::vector<std::unique_ptr<Assembler>> shards;
        for (std::size_t s = 0; s + 1 < cuts.size(); ++s) {
            shards.push_back(std::make_unique<Assembler>(config, diagnostics));
            for (std::size_t r = cuts[s]; r < cuts[s + 1]; ++r)
                shards.back()->add(Report(reports[r]));
        }
        for (std::size_t s = 1; s < shards.size(); ++s)
            shards[0]->merge(std::move(*shards[s]));
        std::unique_ptr<KnowledgeGraph> graph = std::move(*shards[0]).finish(1);
        pipeline::Timings timings;
        pipeline::link(*graph, 1, timings);
        return graph;
    };
    const std::unique_ptr<KnowledgeGraph> whole = assemble({0, 40});
    TempDir out;
    write_formats(*whole, out.path() / "whole");
    for (const std::vector<std::size_t>& cuts :
         {std::vector<std::size_t>{0, 20, 40}, {0, 1, 39, 40}, {0, 7, 13, 22, 31, 40}}) {
        INFO("shards at " << fmt::format("{}", fmt::join(cuts, ", ")));
        const std::unique_ptr<KnowledgeGraph> merged = assemble(cuts);
        CHECK(boost::num_vertices(merged->graph()) == boost::num_vertices(whole->graph()));
        CHECK(boost::num_edges(merged->graph()) == boost::num_edges(whole->graph()));
        const auto folder = out.path() / fmt::format("merged-{}", cuts.size() - 1);
        write_formats(*merged, folder);
        for (const auto& file :
             std::filesystem::recursive_directory_iterator(out.path() / "whole")) {
            if (!file.is_regular_file()) continue;
            const auto relative = std::filesystem::relative(file.path(), out.path() / "whole");
            INFO(relative.string());
            CHECK(read_file(folder / relative) == read_file(file.path()));
        }
    }
}
