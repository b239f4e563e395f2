// Parse and link speed per core: the corpus is read into memory first, then parsed and built
// into a graph on one thread, so each stage's time is one core's work on the corpus' bytes.
// Prints the stage table and MB/s per core; see bench/README.md.
//
//   parse_link_bench CORPUS...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "graph/entity_matcher.hpp"
#include "graph/knowledge_graph.hpp"
#include "ingest/corpus.hpp"
#include "ingest/markdown.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: parse_link_bench CORPUS...\n");
        return 2;
    }
    using namespace signalkg;
    std::vector<Diagnostic> diagnostics;
    const std::vector<std::string> files =
        find_report_files(std::vector<std::string>(argv + 1, argv + argc), diagnostics);
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        texts.push_back(std::move(text).str());
        bytes += texts.back().size();
    }

    auto start = std::chrono::steady_clock::now();
    std::vector<Report> reports;
    for (std::size_t i = 0; i < files.size(); ++i) {
        ParsedReport parsed = parse_markdown(std::move(texts[i]), files[i]);
        if (parsed.report) reports.push_back(std::move(*parsed.report));
    }
    const double parse = seconds_since(start);

    start = std::chrono::steady_clock::now();
    double intake = 0;
    const KnowledgeGraph graph(
        [&](const ReportSink& take) {
            for (Report& report : reports)
                take(std::move(report));
            intake = seconds_since(start);
        },
        default_config(), diagnostics, 1);
    const double build = seconds_since(start);
    const BuildStats& stats = graph.stats();
    const double link = stats.dictionary_seconds + stats.scan_seconds + stats.about_seconds;

    // The matching alone, on every statement text, best of three: no memory is allocated in the
    // loop, so this is the matcher's own speed, apart from the machine's page faults.
    EntityMatcher matcher;
    for (std::uint32_t v = 0; v < boost::num_vertices(graph.graph()); ++v) {
        if (graph.graph()[v].kind != NodeKind::Entity) continue;
        matcher.add(graph.graph()[v].label, v);
        for (const std::string& alt : graph.graph()[v].alt_labels)
            matcher.add(alt, v);
    }
    matcher.build();
    double matching = 1e9;
    std::size_t matched = 0;
    std::vector<std::uint32_t> found;
    for (int round = 0; round < 3; ++round) {
        start = std::chrono::steady_clock::now();
        matched = 0;
        for (const Report& report : graph.reports()) {
            for (const Statement& st : report.statements) {
                for (const std::string* text : {&st.name, &st.description, &st.change, &st.outlook}) {
                    found.clear();
                    matcher.find(*text, found);
                    matched += found.size();
                }
            }
        }
        matching = std::min(matching, seconds_since(start));
    }

    const double mb = static_cast<double>(bytes) / 1e6;
    const auto row = [&](const char* stage, double seconds) {
        fmt::print("  {:<40} {:7.3f} s  {:7.1f} MB/s\n", stage, seconds, mb / seconds);
    };
    fmt::print("{} files, {:.1f} MB, one thread: {} texts linked, {} about edges\n", files.size(),
               mb, stats.linked_texts, stats.about_edges);
    row("parse", parse);
    row("build: intake (nodes, edges)", intake);
    row("build: Closest links, labels", stats.assemble_seconds);
    row("link: dictionary", stats.dictionary_seconds);
    row("link: scan", stats.scan_seconds);
    row("link: about edges", stats.about_seconds);
    row("IRIs", stats.iri_seconds);
    row("build (total)", build);
    row("parse + link", parse + link);
    fmt::print("  {:<40} {:7.3f} s  ({} matches, best of 3)\n", "matching alone: every statement text",
               matching, matched);
}
