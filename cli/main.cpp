// signalkg: build a knowledge graph from signal reports and export it.
// This file only parses arguments, shows progress and maps failures to exit codes; the work is
// done by the libraries.
#include <unistd.h>

#include <chrono>
#include <optional>
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
#include "exporters/views.hpp"
#include "graph/entity_view.hpp"
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
    DiagramOptions diagram;
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

// Reads the corpus and builds the graph; shared by every command that starts from reports.
struct Loaded {
    std::vector<Diagnostic> diagnostics;
    std::optional<KnowledgeGraph> graph;
    int exit_code = kOk;
};

Loaded load(const BuildOptions& options, cli::ProgressBar& progress) {
    Loaded loaded;
    Config config = default_config();
    try {
        if (!options.config.empty()) config = load_config(options.config);
    } catch (const ConfigError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        loaded.exit_code = kUsage;
        return loaded;
    }
    const int jobs =
        options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const std::vector<std::string> files = find_report_files(options.inputs, loaded.diagnostics);
    Corpus corpus = read_corpus(files, jobs, [&](std::size_t done, std::size_t total) {
        progress.update("reading", done, total);
    });
    loaded.diagnostics.insert(loaded.diagnostics.end(), corpus.diagnostics.begin(),
                              corpus.diagnostics.end());
    if (corpus.reports.empty()) {
        progress.clear();
        print_diagnostics(loaded.diagnostics);
        fmt::print(stderr, "signalkg: no report could be read from {} file(s)\n", files.size());
        loaded.exit_code = kNoReports;
        return loaded;
    }
    progress.update("building graph");
    loaded.graph.emplace(std::move(corpus.reports), config, loaded.diagnostics);
    return loaded;
}

int run_build(const BuildOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    OutputOptions output;
    try {
        output.formats = parse_formats(options.formats);
    } catch (const CLI::ValidationError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    }
    output.diagram = options.diagram;
    cli::ProgressBar progress(!options.quiet && ::isatty(STDERR_FILENO));
    Loaded loaded = load(options, progress);
    if (!loaded.graph) return loaded.exit_code;
    const KnowledgeGraph& graph = *loaded.graph;
    progress.update("entity view");
    const EntityGraph view = build_entity_view(graph, EntityViewOptions::from(graph.config()));

    try {
        write_outputs(graph, view, options.out, output,
                      [&](const std::string& file) { progress.update("writing " + file); });
    } catch (const DiagramError& e) {
        progress.clear();
        print_diagnostics(loaded.diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    } catch (const OutputError& e) {
        progress.clear();
        print_diagnostics(loaded.diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kOutputError;
    }
    progress.clear();
    print_diagnostics(loaded.diagnostics);

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet) {
        fmt::print(stderr,
                   "signalkg: {} documents, {} nodes, {} edges (entity view: {} nodes, {} edges), "
                   "{} warnings, {:.2f} s -> {}\n",
                   graph.reports().size(), boost::num_vertices(graph.graph()),
                   boost::num_edges(graph.graph()), boost::num_vertices(view),
                   boost::num_edges(view), loaded.diagnostics.size(), seconds, options.out);
    }
    return options.strict && !loaded.diagnostics.empty() ? kWarningsStrict : kOk;
}

// `signalkg diagram`: one report-ready picture of the entity view, SVG or DOT by extension.
int run_diagram(const BuildOptions& options) {
    cli::ProgressBar progress(!options.quiet && ::isatty(STDERR_FILENO));
    Loaded loaded = load(options, progress);
    if (!loaded.graph) return loaded.exit_code;
    const KnowledgeGraph& graph = *loaded.graph;
    const EntityGraph view = build_entity_view(graph, EntityViewOptions::from(graph.config()));
    DiagramOptions diagram = options.diagram;
    if (diagram.title.empty() && !diagram.focus.empty())
        diagram.title = fmt::format("{} and its neighbours ({} hop{})", diagram.focus, diagram.depth,
                                    diagram.depth == 1 ? "" : "s");
    try {
        progress.update("drawing");
        const std::string dot = entity_dot(graph, view, diagram, weighted_degrees(view));
        const bool svg = !options.out.ends_with(".dot");
        write_file_atomically(options.out, svg ? render_svg(dot) : dot);
    } catch (const DiagramError& e) {
        progress.clear();
        print_diagnostics(loaded.diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    } catch (const OutputError& e) {
        progress.clear();
        print_diagnostics(loaded.diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kOutputError;
    }
    progress.clear();
    print_diagnostics(loaded.diagnostics);
    return options.strict && !loaded.diagnostics.empty() ? kWarningsStrict : kOk;
}

void add_diagram_options(CLI::App* command, DiagramOptions& diagram) {
    command->add_option("--focus", diagram.focus, "Show only this entity's neighbourhood");
    command->add_option("--depth", diagram.depth, "With --focus: hops from the entity (default 1)")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--top", diagram.top, "At most this many entities, by rank (default 60)")
        ->check(CLI::PositiveNumber);
    command->add_option("--min-weight", diagram.min_weight, "Hide lighter edges (default 0)");
    command->add_option("--title", diagram.title, "Title drawn above the diagram");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "signalkg: builds a knowledge graph from signal reports (markdown) and exports it\n"
        "as RDF (Turtle, N-Triples, RDF/XML), GraphML, GEXF and DOT/SVG diagrams."};
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
                          "Comma-separated: ttl,nt,rdf,graphml,gexf,dot,svg,report or all (default all)");
    build_cmd->add_option("-j,--jobs", build.jobs, "Threads (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    build_cmd->add_flag("--strict", build.strict, "Exit with 1 when any warning was printed");
    build_cmd->add_flag("-q,--quiet", build.quiet, "No progress bar and no summary line");
    add_diagram_options(build_cmd, build.diagram);

    BuildOptions diagram;
    CLI::App* diagram_cmd = app.add_subcommand(
        "diagram", "Draw the entity view of the reports under INPUT as one SVG (or DOT when "
                   "OUT ends in .dot), e.g. --focus AI --depth 2 -o ai.svg");
    diagram_cmd->footer(kExitCodes);
    diagram_cmd->add_option("INPUT", diagram.inputs, "Report files or folders")->required();
    diagram_cmd->add_option("-o,--out", diagram.out, "Output file (.svg or .dot)")->required();
    diagram_cmd->add_option("-c,--config", diagram.config, "YAML configuration");
    diagram_cmd->add_option("-j,--jobs", diagram.jobs, "Threads (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    diagram_cmd->add_flag("--strict", diagram.strict, "Exit with 1 when any warning was printed");
    diagram_cmd->add_flag("-q,--quiet", diagram.quiet, "No progress bar");
    add_diagram_options(diagram_cmd, diagram.diagram);

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
    if (diagram_cmd->parsed()) return run_diagram(diagram);
    return kUsage;
}
