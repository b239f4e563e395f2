// Scaling guard (issue 7): doubling each dimension a hostile input can inflate must at most
// triple the time to read, build and project it. A generous bound, so it holds on a noisy
// machine; each size is timed as the best of three runs of about a tenth of a second or more,
// and ctest runs these tests alone (RUN_SERIAL).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>

#include "graph/entity_view.hpp"
#include "ingest/markdown.hpp"

using namespace signalkg;

namespace {

// Reads and builds in-memory reports the way `signalkg build` does, without files.
void build(const std::vector<std::string>& texts, const Config& config) {
    std::vector<Report> reports;
    std::vector<Diagnostic> diagnostics;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        ParsedReport parsed = parse_markdown(texts[i], fmt::format("r{}.md", i));
        if (parsed.report) reports.push_back(std::move(*parsed.report));
    }
    REQUIRE(reports.size() == texts.size());
    const KnowledgeGraph graph(std::move(reports), config, diagnostics);
    const EntityGraph view = build_entity_view(graph);
    REQUIRE(boost::num_vertices(view) > 0);
}

double best_of_three(const std::function<void()>& run) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        const auto started = std::chrono::steady_clock::now();
        run();
        best = std::min(
            best,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    return best;
}

// Times `make(n)` and `make(2n)`; returns the ratio.
double doubling_ratio(std::size_t n, const std::function<void(std::size_t)>& run) {
    const double once = best_of_three([&] { run(n); });
    const double twice = best_of_three([&] { run(2 * n); });
    INFO(fmt::format("n: {:.4f} s, 2n: {:.4f} s", once, twice));
    CHECK(once > 0.05);  // long enough to measure
    return twice / once;
}

std::string header(const std::string& keywords) {
    return "# __Hostile__, (from page [20240101](https://x.org/a).)\n\n## Keywords\n\n" + keywords +
           "\n";
}

const std::string kKeywords = [] {
    std::string list;
    for (int i = 0; i < 20; ++i)
        list += fmt::format("* topic{}\n", i);
    return list;
}();

}  // namespace

TEST_CASE("scaling guard: line length") {
    // One table cell of `words` words mentioning 20 entities over and over (under 1 MiB).
    const auto run = [](std::size_t words) {
        std::string cell;
        for (std::size_t i = 0; i < words; ++i)
            cell += i % 3 ? "word " : fmt::format("topic{} ", i % 20);
        const std::string text = header(kKeywords) +
                                 "## Signals\n\n| name | description |\n|:--|:--|\n| s | " + cell +
                                 "|\n";
        build(std::vector<std::string>(24, text), default_config());
    };
    CHECK(doubling_ratio(60000, run) <= 3.0);
}

TEST_CASE("scaling guard: cells per row") {
    const auto run = [](std::size_t cells) {
        std::string table = "|";
        for (std::size_t c = 0; c < cells; ++c)
            table += c ? fmt::format(" c{} |", c) : " name |";
        table += "\n|" + std::string(cells * 3, '-') + "|\n";
        for (int r = 0; r < 1500; ++r) {
            table += fmt::format("| s{} topic{} |", r, r % 20);
            for (std::size_t c = 1; c < cells; ++c)
                table += " v |";
            table += "\n";
        }
        build({header(kKeywords) + "## Signals\n\n" + table}, default_config());
    };
    CHECK(doubling_ratio(400, run) <= 3.0);
}

TEST_CASE("scaling guard: keywords per report") {
    // Each report's own keywords, and a signal row mentioning 50 of them.
    const auto run = [](std::size_t keywords) {
        std::vector<std::string> texts;
        for (int r = 0; r < 4; ++r) {
            std::string list, mention;
            for (std::size_t k = 0; k < keywords; ++k)
                list += fmt::format("* kw{}x{}\n", r, k);
            for (std::size_t k = 0; k < keywords; k += keywords / 50)
                mention += fmt::format("kw{}x{} ", r, k);
            texts.push_back(header(list) +
                            "## Signals\n\n| name | description |\n|:--|:--|\n| s | " + mention +
                            "|\n");
        }
        build(texts, default_config());
    };
    CHECK(doubling_ratio(20000, run) <= 3.0);
}

TEST_CASE("scaling guard: alias count") {
    // Half the aliases form one long chain (with a cycle at its end), half name one entity.
    const auto run = [](std::size_t aliases) {
        Config config = default_config();
        for (std::size_t i = 0; i + 1 < aliases / 2; ++i)
            config.thesaurus[fmt::format("chain{}", i)] = fmt::format("chain{}", i + 1);
        config.thesaurus[fmt::format("chain{}", aliases / 2 - 1)] = "chain0";
        for (std::size_t i = 0; i < aliases / 2; ++i)
            config.thesaurus[fmt::format("alias{}", i)] = "topic0";
        build({header(kKeywords + "* chain7\n* alias3\n") +
               "## Signals\n\n| name | description |\n|:--|:--|\n| s | chain5 and alias9 |\n"},
              config);
    };
    CHECK(doubling_ratio(80000, run) <= 3.0);
}
