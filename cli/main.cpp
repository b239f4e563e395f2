// signalkg: build a knowledge graph from signal reports and export it.
// This file only parses arguments, shows progress and maps failures to exit codes; the work is
// done by the libraries.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/progress.hpp"
#include "exporters/atomic_file.hpp"
#include "exporters/outputs.hpp"
#include "graph/knowledge_graph.hpp"
#include "ingest/config.hpp"
#include "ingest/corpus.hpp"

namespace {

using namespace signalkg;

enum ExitCode : int {
    kOk = 0,
    kWarningsStrict = 1,  // warnings were printed and --strict was given
    kUsage = 2,           // bad arguments or configuration
    kNoReports = 3,       // no report could be read
    kOutputError = 4,     // an output file could not be written
};

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  warnings were printed and --strict was given\n"
    "  2  usage or configuration error\n"
    "  3  no report could be read\n"
    "  4  an output file could not be written (earlier files in OUT stay complete)\n";

struct BuildOptions {
    std::vector<std::string> inputs;
    std::string out;
    std::string config;
    std::string formats = "all";
    int jobs = 0;
    bool strict = false;
    bool quiet = false;
};

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics) {
        if (d.line > 0)
            fmt::print(stderr, "{}:{}: warning: {}\n", d.file, d.line, d.message);
        else
            fmt::print(stderr, "{}: warning: {}\n", d.file, d.message);
    }
}

std::set<std::string> parse_formats(const std::string& list) {
    std::set<std::string> formats;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        const std::string name = list.substr(start, end - start);
        if (name == "all") {
            formats.insert(known_formats().begin(), known_formats().end());
        } else if (std::find(known_formats().begin(), known_formats().end(), name) !=
                   known_formats().end()) {
            formats.insert(name);
        } else {
            throw CLI::ValidationError("--formats", fmt::format("unknown format '{}'", name));
        }
        start = end + 1;
    }
    return formats;
}

int run_build(const BuildOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    Config config = default_config();
    try {
        if (!options.config.empty()) config = load_config(options.config);
    } catch (const ConfigError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    }
    std::set<std::string> formats;
    try {
        formats = parse_formats(options.formats);
    } catch (const CLI::ValidationError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    }
    const int jobs =
        options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    cli::ProgressBar progress(!options.quiet && ::isatty(STDERR_FILENO));

    std::vector<Diagnostic> diagnostics;
    const std::vector<std::string> files = find_report_files(options.inputs, diagnostics);
    Corpus corpus = read_corpus(files, jobs, [&](std::size_t done, std::size_t total) {
        progress.update("reading", done, total);
    });
    diagnostics.insert(diagnostics.end(), corpus.diagnostics.begin(), corpus.diagnostics.end());
    if (corpus.reports.empty()) {
        progress.clear();
        print_diagnostics(diagnostics);
        fmt::print(stderr, "signalkg: no report could be read from {} file(s)\n", files.size());
        return kNoReports;
    }

    progress.update("building graph");
    const std::size_t report_count = corpus.reports.size();
    KnowledgeGraph graph(std::move(corpus.reports), config, diagnostics);

    try {
        write_outputs(graph, options.out, formats,
                      [&](const std::string& file) { progress.update("writing " + file); });
    } catch (const OutputError& e) {
        progress.clear();
        print_diagnostics(diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kOutputError;
    }
    progress.clear();
    print_diagnostics(diagnostics);

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet) {
        fmt::print(stderr,
                   "signalkg: {} documents, {} nodes, {} edges, {} warnings, {:.2f} s -> {}\n",
                   report_count, boost::num_vertices(graph.graph()),
                   boost::num_edges(graph.graph()), diagnostics.size(), seconds, options.out);
    }
    return options.strict && !diagnostics.empty() ? kWarningsStrict : kOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "signalkg: builds a knowledge graph from signal reports (markdown) and exports it\n"
        "as RDF (Turtle, N-Triples, RDF/XML) with its ontology."};
    app.footer(kExitCodes);
    app.set_version_flag("--version", std::string("signalkg ") + SIGNALKG_VERSION);
    app.require_subcommand(1);

    BuildOptions build;
    CLI::App* build_cmd = app.add_subcommand(
        "build",
        "Read every report under INPUT (files or folders, recursively *.md) and write "
        "the graph files into OUT");
    build_cmd->footer(kExitCodes);
    build_cmd->add_option("INPUT", build.inputs, "Report files or folders")->required();
    build_cmd->add_option("-o,--out", build.out, "Output folder (created if needed)")->required();
    build_cmd->add_option("-c,--config", build.config,
                          "YAML configuration (see examples/signalkg.yaml)");
    build_cmd->add_option("-f,--formats", build.formats,
                          "Comma-separated: ttl,nt,rdf or all (default all)");
    build_cmd->add_option("-j,--jobs", build.jobs, "Threads (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    build_cmd->add_flag("--strict", build.strict, "Exit with 1 when any warning was printed");
    build_cmd->add_flag("-q,--quiet", build.quiet, "No progress bar and no summary line");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsage;
    }
    if (build_cmd->parsed()) return run_build(build);
    return kUsage;
}
