// signalkg: build a knowledge graph from signal reports, analyse it and export it.
// This file only parses arguments, shows progress and maps failures to exit codes; the work is
// done by the libraries.
#include <sched.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include "analysis/analyze.hpp"
#include "cli/progress.hpp"
#include "cli/stats.hpp"
#include "cli/trends.hpp"
#include "exporters/atomic_file.hpp"
#include "exporters/buffered_file.hpp"
#include "exporters/outputs.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"
#include "ingest/config.hpp"
#include "ingest/corpus.hpp"
#include "ingest/json_format.hpp"
#include "ingest/text.hpp"
#include "pipeline/pipeline.hpp"
#include "query/endpoint.hpp"
#include "query/results.hpp"
#include "query/sparql.hpp"
#include "text/suggest.hpp"
#include "text/words.hpp"
#ifdef SIGNALKG_MPI
#include "distributed/build.hpp"
#endif

namespace {

using namespace signalkg;

enum ExitCode : int {
    kOk = 0,
    kWarningsStrict = 1,  // warnings were printed and --strict was given
    kUsage = 2,           // bad arguments or configuration
    kNoReports = 3,       // no report could be read
    kOutputError = 4,     // an output file could not be written
    kTimedOut = 5,        // query: no answer within --timeout
    kEndpointFailed = 6,  // query --endpoint: unreachable, an HTTP error, not SPARQL results
    kRankFailed = 7,      // under mpirun or srun: a rank could not read its input or ran out of
                          // memory
};

#ifdef SIGNALKG_MPI
// The ranks of this run when mpirun or srun started more than one (the root runs the command,
// the others serve it), else null.
distributed::Cluster* cluster = nullptr;
#endif

// Each command's --help ends with examples and the exit codes it can give.
constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  warnings were printed and --strict was given\n"
    "  2  usage or configuration error\n"
    "  3  no report could be read\n"
    "  4  an output file could not be written (earlier files in OUT stay complete)\n"
    "  5  query: no answer within --timeout\n"
    "  6  query --endpoint: the endpoint cannot be reached or fails\n"
    "  7  under mpirun or srun: a rank could not read its input or ran out of memory\n";
constexpr const char* kBuildHelp =
    "Examples:\n"
    "  signalkg build examples/reports -o out\n"
    "  signalkg build reports/ more.jsonl -o out -f ttl,graphml,report -c signalkg.yaml\n"
    "  mpirun --bind-to none -np 4 signalkg build reports/ -o out     (MPI: README)\n"
    "Exit codes:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  warnings were printed and --strict was given\n"
    "  2  usage or configuration error\n"
    "  3  no report could be read\n"
    "  4  an output file could not be written (earlier files in OUT stay complete)\n"
    "  7  under mpirun or srun: a rank could not read its input or ran out of memory\n";
constexpr const char* kDiagramHelp =
    "Examples:\n"
    "  signalkg diagram examples/reports -o overview.svg\n"
    "  signalkg diagram reports/ --focus AI --depth 2 --top 40 -o ai.svg\n"
    "  signalkg diagram reports/ --focus Klarna --depth 2 -o klarna.html\n"
    "Exit codes:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  warnings were printed and --strict was given\n"
    "  2  usage or configuration error, or no entity --focus names\n"
    "  3  no report could be read\n"
    "  4  the file could not be written\n"
    "  7  under mpirun or srun: a rank could not read its input or ran out of memory\n";
constexpr const char* kConvertHelp =
    "Example:\n"
    "  signalkg convert examples/reports -o reports.jsonl\n"
    "Exit codes:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  warnings were printed and --strict was given\n"
    "  2  usage error\n"
    "  3  no report could be read\n"
    "  4  the file could not be written\n";
constexpr const char* kQueryHelp =
    "Examples:\n"
    "  signalkg query out examples/queries/top-pagerank.rq\n"
    "  signalkg query out 'SELECT ?name WHERE { ?e a sk:Entity ; rdfs:label ?name }' --format "
    "json\n"
    "  signalkg query --endpoint http://127.0.0.1:8890/sparql https://w3id.org/signalkg/graph \\\n"
    "      examples/queries/top-pagerank.rq\n"
    "Exit codes:\n"
    "  0  success\n"
    "  2  usage error, a SPARQL syntax error or a feature the engine lacks (the message says\n"
    "     how to write it instead), or a graph that cannot be loaded; a query the endpoint\n"
    "     refuses (HTTP 400, its message printed)\n"
    "  5  no answer within --timeout\n"
    "  6  --endpoint: the endpoint cannot be reached, fails (HTTP error) or answers something\n"
    "     that is not SPARQL results\n";
constexpr const char* kStatsHelp =
    "Example:\n"
    "  signalkg stats out\n"
    "Exit codes:\n"
    "  0  success\n"
    "  2  no such folder, or no report.json in it\n";
constexpr const char* kTrendsHelp =
    "Without NAME: the series that burst, strongest first, then those growing fastest (--top).\n"
    "A NAME matches an entity's label or alias, or a signal's, concern's or driving force's\n"
    "name, ignoring case and plural.\n"
    "Examples:\n"
    "  signalkg trends out\n"
    "  signalkg trends out AI Klarna 'job cuts'\n"
    "  signalkg trends out --top 0 --format csv > trends.csv\n"
    "Exit codes:\n"
    "  0  success\n"
    "  2  no such folder, no trends.json in it, or a NAME that matches nothing (the others\n"
    "     are printed)\n";

// More threads than this gain nothing on any machine and may not be had (-j 100000 aborted).
constexpr int kMaxJobs = 1024;

struct Options {
    std::vector<std::string> inputs;
    std::string out;
    std::string config;
    std::string formats = "all";
    int jobs = 0;
    bool strict = false;
    bool quiet = false;
    bool timings = false;
    std::uintmax_t max_file_size = kDefaultMaxFileSize;
    bool follow_symlinks = false;
    DiagramOptions diagram;
    HtmlOptions html;  // build: report.html's --html-top and --html-links
    analysis::Options analysis;
};

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics) {
        if (d.line > 0)
            fmt::print(stderr, "{}:{}: warning: {}\n", d.file, d.line, d.message);
        else
            fmt::print(stderr, "{}: warning: {}\n", d.file, d.message);
    }
}

// Option values checked with a short message (CLI11's own ranges print the largest double).
CLI::Validator whole_number(long long low, long long high, const std::string& range) {
    return CLI::Validator(
        [=](std::string& value) -> std::string {
            long long n = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (error != std::errc() || end != value.data() + value.size() || n < low || n > high)
                return fmt::format("'{}' is not a whole number {}", value, range);
            return {};
        },
        fmt::format("INT {}", range));
}

// A finite number above 0, or from 0 on when `zero` is allowed; `what` names it in the message.
CLI::Validator number(bool zero, const std::string& what) {
    return CLI::Validator(
        [=](std::string& value) -> std::string {
            double x = -1;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), x);
            if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(x) ||
                x < 0 || (x == 0 && !zero))
                return fmt::format("'{}' is not {}", value, what);
            return {};
        },
        zero ? "NUMBER >= 0" : "NUMBER > 0");
}

// After a parse error: "did you mean --formats?" for an option that is a slip of a real one.
void suggest_option(const CLI::App& app, int argc, char** argv) {
    const CLI::App* command = &app;
    for (const CLI::App* sub : app.get_subcommands())
        if (sub->parsed()) command = sub;
    std::vector<std::string> names;
    for (const CLI::Option* option : command->get_options())
        for (const std::string& name : option->get_lnames())
            names.push_back("--" + name);
    std::vector<std::string_view> candidates(names.begin(), names.end());
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (!arg.starts_with("--")) continue;
        arg = arg.substr(0, arg.find('='));
        if (std::find(names.begin(), names.end(), arg) != names.end()) continue;
        if (const auto near = nearest(arg, candidates))
            fmt::print(stderr, "signalkg: unknown option {}; did you mean {}?\n", arg, *near);
    }
}

std::set<std::string> parse_formats(const std::string& list) {
    std::set<std::string> formats;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        const std::string name = lower_case(
            std::string(signalkg::trim(std::string_view(list).substr(start, end - start))));
        if (name == "all") {
            formats.insert(known_formats().begin(), known_formats().end());
        } else if (std::find(known_formats().begin(), known_formats().end(), name) !=
                   known_formats().end()) {
            formats.insert(name);
        } else {
            throw CLI::ValidationError(
                "--formats",
                fmt::format("unknown format '{}'; the formats are {} and all",
                            list.substr(start, end - start), fmt::join(known_formats(), ", ")));
        }
        start = end + 1;
    }
    return formats;
}

// The pipeline of a build or a diagram is never destroyed: the process ends right after, and
// freeing millions of small allocations one by one took seconds at 100,000 reports (LLVM's
// compilers skip it the same way, -disable-free). It stays reachable, so LeakSanitizer is quiet.
pipeline::Run& run_kept_until_exit() {
    static pipeline::Run* const run = new pipeline::Run;
    return *run;
}

// Finds and reads every report of INPUT, handing each to `take` as soon as it and the files
// before it are parsed (for `convert`, which builds no graph).
Corpus read_reports(const Options& options, cli::ProgressBar& progress,
                    std::vector<Diagnostic>& diagnostics, const ReportSink& take) {
    const ReadOptions read{options.analysis.jobs, options.max_file_size, options.follow_symlinks};
    const std::vector<std::string> files = find_report_files(options.inputs, diagnostics, read);
    Corpus corpus = read_corpus(
        files, read,
        [&](std::size_t done, std::size_t total) { progress.update("reading", done, total); },
        take);
    diagnostics.insert(diagnostics.end(), corpus.diagnostics.begin(), corpus.diagnostics.end());
    return corpus;
}

// Why no report could be read: the files' warnings, then one line (exit kNoReports).
void say_no_report(const std::vector<Diagnostic>& diagnostics, std::size_t files,
                   const std::vector<std::string>& inputs) {
    if (files > 0) {
        print_diagnostics(diagnostics);
        fmt::print(stderr, "signalkg: no report could be read from {} file{}\n", files,
                   files == 1 ? "" : "s");
        return;
    }
    // No file at all: say of each input why, as an error rather than a warning (links not
    // followed are still warnings).
    std::vector<Diagnostic> others;
    for (const Diagnostic& d : diagnostics)
        if (d.message != kNoSuchInput) others.push_back(d);
    print_diagnostics(others);
    for (const std::string& input : inputs) {
        std::error_code ec;
        if (!std::filesystem::exists(input, ec))
            fmt::print(stderr, "signalkg: {}: {}\n", input, kNoSuchInput);
        else if (std::filesystem::is_directory(input, ec))
            fmt::print(stderr, "signalkg: {}: no .md, .json or .jsonl file in this folder\n",
                       input);
        else
            fmt::print(stderr, "signalkg: {}: not a report file (.md, .json or .jsonl)\n", input);
    }
}

// The stages' options, or none (said why) when the configuration cannot be loaded.
std::optional<pipeline::Options> stage_options(const Options& options) {
    pipeline::Options stages;
    try {
        if (!options.config.empty()) stages.config = load_config(options.config);
    } catch (const ConfigError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return std::nullopt;
    }
    stages.inputs = options.inputs;
    stages.read = {options.analysis.jobs, options.max_file_size, options.follow_symlinks};
    stages.analysis = options.analysis;
    return stages;
}

// Runs every stage up to the analysis (pipeline/); `linked` runs once the full view is linked.
// Returns kOk, or the exit code to end with.
int run_pipeline(const Options& options, cli::ProgressBar& progress, pipeline::Run& run,
                 const std::function<void(const KnowledgeGraph&)>& linked = {}) {
    const std::optional<pipeline::Options> given = stage_options(options);
    if (!given) return kUsage;
    const pipeline::Options& stages = *given;
    const pipeline::Progress show = [&](std::string_view stage, std::size_t done,
                                        std::size_t total) {
        if (total > 0)
            progress.update(std::string(stage), done, total);
        else
            progress.update(std::string(stage));
    };
#ifdef SIGNALKG_MPI
    if (cluster)
        distributed::run(*cluster, stages, run, show, linked);
    else
#endif
        pipeline::run(stages, run, show, linked);
    if (!run.graph) {
        progress.clear();
        say_no_report(run.diagnostics, run.files, options.inputs);
        return kNoReports;
    }
    return kOk;
}

// Runs `write`, mapping library failures to exit codes; diagnostics are printed either way.
template <typename Write>
int finish(const pipeline::Run& p, cli::ProgressBar& progress, const Options& options,
           Write&& write) {
    try {
        write();
    } catch (const DiagramError& e) {
        progress.clear();
        print_diagnostics(p.diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    } catch (const OutputError& e) {
        progress.clear();
        print_diagnostics(p.diagnostics);
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kOutputError;
    }
    progress.clear();
    print_diagnostics(p.diagnostics);
    return options.strict && !p.diagnostics.empty() ? kWarningsStrict : kOk;
}

#ifdef SIGNALKG_MPI
void print_rank_reports() {
    for (const distributed::RankReport& r : distributed::rank_reports(*cluster))
        fmt::print(stderr,
                   "  rank {} on {}: {} files, {:.1f} MB, {} reports read in {:.3f} s; "
                   "peak RSS {:.3f} GB; sent {:.1f} MB, received {:.1f} MB\n",
                   r.rank, r.host, r.files, static_cast<double>(r.bytes) / 1e6, r.reports,
                   r.read_seconds, static_cast<double>(r.peak_rss) / (1 << 30),
                   static_cast<double>(r.traffic.sent) / 1e6,
                   static_cast<double>(r.traffic.received) / 1e6);
}

// `signalkg build` under mpirun or srun: the graph partitioned over the ranks
// (distributed/build.hpp). A failure to write ends every rank with the exit code.
int run_partitioned_build(const Options& options, const OutputOptions& output,
                          cli::ProgressBar& progress) {
    const auto started = std::chrono::steady_clock::now();
    const std::optional<pipeline::Options> stages = stage_options(options);
    if (!stages) return kUsage;
    const analysis::Options analysis = pipeline::analysis_options(*stages);
    distributed::BuildJob job{options.config, stages->read, analysis.trends, options.out,
                              output_files(output.formats)};
    const pipeline::Progress show = [&](std::string_view stage, std::size_t, std::size_t) {
        progress.update(std::string(stage));
    };
    distributed::BuildSummary built;
    try {
        built =
            distributed::build_partitioned(*cluster, options.inputs, job, analysis, output, show);
    } catch (const OutputError& e) {
        cluster->fail(kOutputError, e.what());
    } catch (const DiagramError& e) {
        cluster->fail(kUsage, e.what());
    }
    progress.clear();
    if (!built.built) {
        say_no_report(built.diagnostics, built.files, options.inputs);
        return kNoReports;
    }
    print_diagnostics(built.diagnostics);
    if (!built.removed.empty() && !options.quiet)
        fmt::print(stderr, "signalkg: removed {} file{} of an earlier build in {}: {}\n",
                   built.removed.size(), built.removed.size() == 1 ? "" : "s", options.out,
                   fmt::join(built.removed, ", "));
    if (options.timings) {
        for (const auto& [stage, seconds] : built.timings)
            fmt::print(stderr, "  {:<48} {:8.3f} s\n", stage, seconds);
        for (const auto& [stage, bytes] : built.peaks)
            fmt::print(stderr, "  rank 0's peak RSS after {:<32} {:8.3f} GB\n", stage,
                       static_cast<double>(bytes) / (1 << 30));
        print_rank_reports();
    }
    if (!options.quiet)
        fmt::print(
            stderr,
            "signalkg: {} on {} ranks, {} nodes, {} edges (entity view: {} nodes, {} "
            "edges, {}), {}, {:.2f} s -> {}\n",
            counted(built.reports, "report"), cluster->size(), built.nodes, built.edges,
            built.entities, built.links, counted(built.communities, "community", "communities"),
            counted(built.diagnostics.size(), "warning"),
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
            options.out);
    return options.strict && !built.diagnostics.empty() ? kWarningsStrict : kOk;
}
#endif

int run_build(const Options& options) {
    const auto started = std::chrono::steady_clock::now();
    OutputOptions output;
    try {
        output.formats = parse_formats(options.formats);
    } catch (const CLI::ValidationError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    }
    output.diagram = options.diagram;
    output.html = options.html;
    cli::ProgressBar progress(!options.quiet && ::isatty(STDERR_FILENO));
    output.jobs = options.analysis.jobs;
#ifdef SIGNALKG_MPI
    if (cluster) return run_partitioned_build(options, output, progress);
#endif
    pipeline::Run& p = run_kept_until_exit();
    std::optional<EarlyOutputs> early;
    if (const int code = run_pipeline(options, progress, p, [&](const KnowledgeGraph& graph) {
            early.emplace(graph, options.out, output);
        }))
        return code;
    const int code = finish(p, progress, options, [&] {
        const auto started = std::chrono::steady_clock::now();
        const Written written = write_outputs(
            *p.graph, AnalysedView{p.analysed.view, p.analysed.analysis}, options.out, output,
            [&](const std::string& file) { progress.update("writing " + file); }, &*early);
        if (!written.removed.empty() && !options.quiet) {
            progress.clear();
            fmt::print(stderr, "signalkg: removed {} file{} of an earlier build in {}: {}\n",
                       written.removed.size(), written.removed.size() == 1 ? "" : "s", options.out,
                       fmt::join(written.removed, ", "));
        }
        for (const WrittenFile& f : written.files)
            p.timings.emplace_back("write " + f.name, f.seconds);
        p.timings.emplace_back(
            fmt::format("write (total, {} at a time)", output.jobs),
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    });
    if (options.timings) {
        for (const auto& [stage, seconds] : p.timings)
            fmt::print(stderr, "  {:<48} {:8.3f} s\n", stage, seconds);
#ifdef SIGNALKG_MPI
        if (cluster) print_rank_reports();
#endif
    }
    if (code == kOk || code == kWarningsStrict) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (!options.quiet) {
            fmt::print(
                stderr,
                "signalkg: {}, {} nodes, {} edges (entity view: {} nodes, {} edges, {}), {}, "
                "{:.2f} s -> {}\n",
                counted(p.graph->reports().size(), "report"), boost::num_vertices(p.graph->graph()),
                boost::num_edges(p.graph->graph()), boost::num_vertices(p.analysed.view),
                boost::num_edges(p.analysed.view),
                counted(p.analysed.analysis.communities, "community", "communities"),
                counted(p.diagnostics.size(), "warning"), seconds, options.out);
        }
    }
    return code;
}

// `signalkg diagram`: one report-ready picture of the entity view, SVG or DOT by extension.
int run_diagram(const Options& options) {
    const std::string extension =
        lower_case(std::filesystem::path(options.out).extension().string());
    if (extension != ".svg" && extension != ".dot" && extension != ".html") {
        fmt::print(stderr,
                   "signalkg: {}: diagram writes SVG (.svg), DOT (.dot) or a page to explore in "
                   "a browser (.html); for PNG or PDF, write .dot and run Graphviz (dot -Kneato "
                   "-Tpng)\n",
                   options.out);
        return kUsage;
    }
    cli::ProgressBar progress(!options.quiet && ::isatty(STDERR_FILENO));
    pipeline::Run& p = run_kept_until_exit();
    if (const int code = run_pipeline(options, progress, p)) return code;
    DiagramOptions diagram = options.diagram;
    if (diagram.title.empty() && !diagram.focus.empty())
        diagram.title = fmt::format("{} and its neighbours ({} hop{})", diagram.focus,
                                    diagram.depth, diagram.depth == 1 ? "" : "s");
    return finish(p, progress, options, [&] {
        progress.update("drawing");
        const AnalysedView view{p.analysed.view, p.analysed.analysis};
        if (extension == ".html") {
            // Only what the picture shows, with the viewer of report.html.
            HtmlOptions html;
            html.diagram = diagram;
            html.list_all = false;
            write_file_atomically(options.out, entity_html(*p.graph, view, html));
            return;
        }
        const bool svg = extension == ".svg";
        diagram.clusters = !svg;  // see DiagramOptions::clusters
        const std::string dot = entity_dot(*p.graph, view, diagram);
        write_file_atomically(options.out, svg ? render_svg(dot) : dot);
    });
}

// `signalkg convert`: reports of any input format as JSON Lines, one report per line, each
// written as soon as it is read (memory stays flat however many reports there are). OUT is
// atomic: it is replaced only when every report is in.
int run_convert(const Options& options) {
    cli::ProgressBar progress(!options.quiet && ::isatty(STDERR_FILENO));
    std::vector<Diagnostic> diagnostics;
    Corpus corpus;
    std::size_t converted = 0;
    std::string failed;  // why OUT could not be written
    try {
        BufferedFile out(options.out);
        corpus = read_reports(options, progress, diagnostics, [&](Report&& report) {
            out << report_to_json(report) << "\n";
            ++converted;
        });
        if (converted > 0) out.commit();
    } catch (const OutputError& e) {
        failed = e.what();
    }
    progress.clear();
    if (failed.empty() && converted == 0) {
        say_no_report(diagnostics, corpus.files, options.inputs);
        return kNoReports;
    }
    print_diagnostics(diagnostics);
    if (!failed.empty()) {
        fmt::print(stderr, "signalkg: {}\n", failed);
        return kOutputError;
    }
    if (!options.quiet) fmt::print(stderr, "signalkg: {} reports -> {}\n", converted, options.out);
    return options.strict && !diagnostics.empty() ? kWarningsStrict : kOk;
}

struct QueryOptions {
    std::string graph;  // with --endpoint: the default graph's IRI, or the first query
    std::vector<std::string> queries;
    std::string endpoint;
    std::string format;
    bool timings = false;
    double timeout = 300;  // seconds for load and queries together; 0: none
};

// Ends the process with kTimedOut when `seconds` pass before it is destroyed: Rasqal cannot be
// interrupted, and an OPTIONAL over a large store ran for minutes.
class Watchdog {
  public:
    explicit Watchdog(double seconds) {
        if (seconds <= 0) return;
        thread_ = std::jthread([seconds](std::stop_token stop) {
            std::mutex mutex;
            std::condition_variable_any stopped;
            std::unique_lock lock(mutex);
            // Wakes when the watchdog is destroyed (the queries ended) or the time is up.
            stopped.wait_for(lock, stop, std::chrono::duration<double>(seconds),
                             [] { return false; });
            if (stop.stop_requested()) return;
            std::fflush(stdout);
            fmt::print(stderr,
                       "signalkg: query: no answer after {} s (--timeout; 0 for none). Rasqal "
                       "evaluates OPTIONAL and UNION against the whole store: see README, "
                       "SPARQL\n",
                       seconds);
            std::_Exit(kTimedOut);
        });
    }

  private:
    std::jthread thread_;  // its destructor stops and joins it
};

// `signalkg query`: SPARQL over an output folder or an RDF file, loaded once for all queries,
// or over a SPARQL endpoint.
int run_query(QueryOptions options) {
    if (!options.endpoint.empty()) {
        // GRAPH is the default graph's IRI when it looks like one (and is no file), else a query.
        std::error_code ec;
        const bool iri = options.graph.find("://") != std::string::npos &&
                         options.graph.find_first_of(" \t\n{") == std::string::npos &&
                         !std::filesystem::exists(options.graph, ec);
        if (!iri) {
            options.queries.insert(options.queries.begin(), options.graph);
            options.graph.clear();
        }
    }
    if (options.queries.empty()) {
        fmt::print(stderr, "signalkg: query: give a QUERY (a .rq file or the query text)\n");
        return kUsage;
    }
    query::Format format = ::isatty(STDOUT_FILENO) ? query::Format::Table : query::Format::Csv;
    if (options.format == "table")
        format = query::Format::Table;
    else if (options.format == "csv")
        format = query::Format::Csv;
    else if (options.format == "tsv")
        format = query::Format::Tsv;
    else if (options.format == "json")
        format = query::Format::Json;
    else if (options.format == "nt")
        format = query::Format::NTriples;
    else if (options.format == "ttl")
        format = query::Format::Turtle;
    std::vector<std::pair<std::string, std::string>> texts;  // name, SPARQL
    for (const std::string& q : options.queries) {
        std::error_code ec;
        if (q.ends_with(".rq") || std::filesystem::is_regular_file(q, ec)) {
            std::ifstream in(q);
            if (!in) {
                fmt::print(stderr, "signalkg: {}: cannot read the query file\n", q);
                return kUsage;
            }
            std::stringstream text;
            text << in.rdbuf();
            texts.emplace_back(q, text.str());
        } else {
            texts.emplace_back("query", q);
        }
    }
    if (texts.size() > 1 && (format == query::Format::Csv || format == query::Format::Tsv)) {
        fmt::print(stderr,
                   "signalkg: {} queries cannot share one CSV or TSV output: give one query, or "
                   "--format json (an array of results) or table\n",
                   texts.size());
        return kUsage;
    }
    const auto seconds_since = [](std::chrono::steady_clock::time_point start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const auto began = std::chrono::steady_clock::now();
    // The engine: Rasqal over the loaded graph, or the endpoint (the time left of --timeout for
    // each request; Rasqal cannot be interrupted, so a watchdog ends the process instead).
    std::optional<Watchdog> watchdog;
    std::unique_ptr<query::Store> store;
    std::unique_ptr<query::Endpoint> endpoint;
    try {
        if (options.endpoint.empty()) {
            watchdog.emplace(options.timeout);
            store = std::make_unique<query::Store>();
            const std::size_t triples = store->load(options.graph);
            if (options.timings)
                fmt::print(stderr, "  load ({} triples) {:.3f} s\n", triples, seconds_since(began));
        } else {
            endpoint = std::make_unique<query::Endpoint>(options.endpoint, options.graph);
        }
    } catch (const query::QueryError& e) {
        fmt::print(stderr, "signalkg: {}\n", e.what());
        return kUsage;
    }
    const auto run = [&](const std::string& text) {
        if (store) return store->run(text);
        const double left = options.timeout > 0 ? options.timeout - seconds_since(began) : 0;
        if (options.timeout > 0 && left <= 0) throw query::EndpointTimeout(options.endpoint);
        return endpoint->run(text, left);
    };
    // Several queries give one document: JSON an array of result documents, a table one
    // section each; CSV and TSV have no room for a second table (refused above).
    const bool several = texts.size() > 1;
    if (several && format == query::Format::Json) fmt::print("[\n");
    for (const auto& [name, text] : texts) {
        query::Results results;
        try {
            const auto started = std::chrono::steady_clock::now();
            results = run(text);
            if (options.timings)
                fmt::print(stderr, "  {} ({} rows) {:.3f} s\n", name, results.rows.size(),
                           seconds_since(started));
        } catch (const query::QueryError& e) {
            fmt::print(stderr, "signalkg: {}: {}\n", name, e.what());
            return kUsage;
        } catch (const query::EndpointTimeout& e) {
            std::fflush(stdout);
            fmt::print(stderr, "signalkg: {}: {}: no answer after {} s (--timeout; 0 for none)\n",
                       name, e.what(), options.timeout);
            return kTimedOut;
        } catch (const query::EndpointError& e) {
            std::fflush(stdout);
            fmt::print(stderr, "signalkg: {}: {}\n", name, e.what());
            return kEndpointFailed;
        }
        if (several && format == query::Format::Table) fmt::print("# {}\n", name);
        if (several && format == query::Format::Json && &name != &texts.front().first)
            fmt::print(",\n");
        try {
            fmt::print("{}", query::format_results(results, format));
        } catch (const query::QueryError& e) {
            fmt::print(stderr, "signalkg: {}: {}\n", name, e.what());
            return kUsage;
        }
        if (several && format == query::Format::Table) fmt::print("\n");
    }
    if (several && format == query::Format::Json) fmt::print("]\n");
    return kOk;
}

// Options of every command that reads reports.
void add_read_options(CLI::App* command, Options& options) {
    command
        ->add_option("INPUT", options.inputs,
                     "Report files or folders (folders: *.md, *.json, *.jsonl, recursively)")
        ->required();
    command
        ->add_option("-j,--jobs", options.jobs,
                     "Threads, 1 to 1024 (default: every core this process may run on); "
                     "output does not depend on it")
        ->check(whole_number(0, kMaxJobs, "from 0 (every core it may run on) to 1024"));
    command->add_flag("--strict", options.strict, "Exit with 1 when any warning was printed");
    command->add_flag("-q,--quiet", options.quiet, "No progress bar and no summary line");
    command
        ->add_option("--max-file-size", options.max_file_size,
                     "Skip larger files, e.g. 64MiB (the default), 500KB, 2GiB")
        ->transform(CLI::AsSizeValue(false));
    command->add_flag("--follow-symlinks", options.follow_symlinks,
                      "Follow symbolic links in folders that lead out of the folder given");
}

void add_input_options(CLI::App* command, Options& options) {
    add_read_options(command, options);
    command->add_option("-c,--config", options.config,
                        "YAML configuration (default: none, the built-in defaults that "
                        "examples/signalkg.yaml documents)");
    command->add_flag("--timings", options.timings,
                      "Print the wall time of every stage, and the CPU time of parsing and "
                      "linking, on stderr");
    command
        ->add_option("--resolution", options.analysis.resolution,
                     "Louvain resolution (default 1; higher: more, smaller communities)")
        ->check(number(false, "a number greater than 0"));
    command
        ->add_option_function<std::string>(
            "--period",
            [&options](const std::string& name) {
                options.analysis.trends.period = analysis::period_named(name);
            },
            "Trends: month, quarter or year (default: the configuration's, else the finest "
            "with 5 dated reports a period on average)")
        ->check(CLI::IsMember({"month", "quarter", "year"}));
    command->add_option("--betweenness-samples", options.analysis.betweenness_samples,
                        "Betweenness from K sampled sources (default: exact unless the graph is "
                        "very large; see README)");
    command->add_option("--focus", options.diagram.focus,
                        "Diagram: only this entity's neighbourhood (default: the whole view)");
    command->add_option("--depth", options.diagram.depth, "Diagram: hops from --focus (default 1)")
        ->check(whole_number(0, 1000, "from 0 to 1000"));
    command
        ->add_option("--top", options.diagram.top,
                     "Diagram: at most N entities, by PageRank (default 60)")
        ->check(whole_number(1, 1'000'000, "from 1 to 1000000"));
    command->add_option("--min-weight", options.diagram.min_weight,
                        "Diagram: hide lighter edges (default 0: none hidden)");
    command->add_option("--title", options.diagram.title,
                        "Diagram: title drawn above it (default: 'signalkg entity view', or the "
                        "focus and depth)");
}

// A large corpus lives in gigabytes of small allocations; glibc's malloc backs its heap with
// transparent huge pages only when told so before main (GLIBC_TUNABLES), which saves most of the
// page faults (about a quarter of the build time at 100,000 reports, bench/README.md). So the
// process starts itself again once with the tunable set, unless the user set GLIBC_TUNABLES.
void restart_with_huge_pages(char** argv) {
    if (std::getenv("GLIBC_TUNABLES") != nullptr) return;
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
    ::execv("/proc/self/exe", argv);
    ::unsetenv("GLIBC_TUNABLES");  // exec failed: run without
}

// The cores this process may run on (a launcher or a batch system may bind it to fewer than the
// machine has): --jobs's default.
int usable_cores() {
    cpu_set_t cores;
    if (::sched_getaffinity(0, sizeof cores, &cores) == 0) return std::max(1, CPU_COUNT(&cores));
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int run_command(int argc, char** argv) {
    CLI::App app{
        "signalkg: builds a knowledge graph from signal reports (markdown), analyses it\n"
        "(centrality, clustering, communities) and exports it as RDF (Turtle, N-Triples,\n"
        "RDF/XML), GraphML, GEXF, DOT/SVG diagrams and a report."};
    app.footer(kExitCodes);
    app.set_version_flag("--version", std::string("signalkg ") + SIGNALKG_VERSION);
    app.require_subcommand(1);

    Options build;
    CLI::App* build_cmd = app.add_subcommand(
        "build", "Read every report under INPUT and write the graph files into OUT");
    add_input_options(build_cmd, build);
    build_cmd->footer(kBuildHelp);
    build_cmd->add_option("-o,--out", build.out, "Output folder (created if needed)")->required();
    build_cmd->add_option(
        "-f,--formats", build.formats,
        fmt::format("Comma-separated: {} or all (default)", fmt::join(known_formats(), ",")));
    build_cmd
        ->add_option("--html-top", build.html.diagram.top,
                     fmt::format("report.html: draw the N entities with the highest PageRank "
                                 "(default {}); the others are found by search",
                                 kHtmlTop))
        ->check(whole_number(1, 10'000'000, "from 1 to 10000000"));
    build_cmd
        ->add_option("--html-links", build.html.max_links,
                     fmt::format("report.html: draw at most N links among them, each drawn "
                                 "entity's heaviest first, then the heaviest (default {})",
                                 kHtmlMaxLinks))
        ->check(whole_number(1, 100'000'000, "from 1 to 100000000"));

    Options diagram;
    CLI::App* diagram_cmd = app.add_subcommand(
        "diagram",
        "Draw the entity view of the reports under INPUT as one SVG (DOT when OUT ends in "
        ".dot, a page to explore in a browser when .html), e.g. --focus AI --depth 2 -o ai.svg");
    add_input_options(diagram_cmd, diagram);
    diagram_cmd->footer(kDiagramHelp);
    diagram_cmd->add_option("-o,--out", diagram.out, "Output file (.svg, .dot or .html)")
        ->required();

    Options convert;
    CLI::App* convert_cmd = app.add_subcommand(
        "convert",
        "Write the reports under INPUT (markdown or JSON) as JSON Lines, one report a line");
    add_read_options(convert_cmd, convert);
    convert_cmd->footer(kConvertHelp);
    convert_cmd->add_option("-o,--out", convert.out, "Output file (.jsonl)")->required();

    QueryOptions query_options;
    CLI::App* query_cmd = app.add_subcommand(
        "query",
        "Run SPARQL queries over an output folder or an RDF file (prefixes sk:, rdf:, rdfs:, "
        "owl:, xsd:, skos:, dcterms:, prov:, schema: predeclared)");
    query_cmd->footer(kQueryHelp);
    query_cmd
        ->add_option("GRAPH", query_options.graph,
                     "An OUT folder of signalkg build, or a .ttl/.nt/.rdf file; with --endpoint, "
                     "the IRI of the graph to query (optional)")
        ->required();
    query_cmd->add_option("QUERY", query_options.queries,
                          "A .rq file or the query text; several run on one load");
    query_cmd->add_option(
        "--endpoint", query_options.endpoint,
        "Query this SPARQL 1.1 endpoint over HTTP (e.g. http://127.0.0.1:8890/sparql) instead "
        "of loading GRAPH");
    query_cmd
        ->add_option("--format", query_options.format,
                     "table (default on a terminal), csv (default otherwise), tsv, json (SPARQL "
                     "1.1 results); CONSTRUCT writes N-Triples, or Turtle with ttl")
        ->check(CLI::IsMember({"table", "csv", "tsv", "json", "nt", "ttl"}));
    query_cmd->add_flag("--timings", query_options.timings, "Print load and query times on stderr");
    query_cmd
        ->add_option("--timeout", query_options.timeout,
                     "Give up after SECONDS for loading and all queries, exit 5 (default 300; 0: "
                     "no limit)")
        ->check(number(true, "a number of seconds (0: no limit)"));

    std::string stats_folder;
    CLI::App* stats_cmd =
        app.add_subcommand("stats", "Print the headline of a build's report (OUT/report.json)");
    stats_cmd->footer(kStatsHelp);
    stats_cmd->add_option("OUT", stats_folder, "A folder written by signalkg build")->required();

    cli::TrendsOptions trends;
    CLI::App* trends_cmd = app.add_subcommand(
        "trends",
        "Print the reports per period, bursts and emergence class of entities, signals, "
        "concerns and driving forces (OUT/trends.json)");
    trends_cmd->footer(kTrendsHelp);
    trends_cmd->add_option("OUT", trends.out, "A folder written by signalkg build")->required();
    trends_cmd->add_option("NAME", trends.names, "Entities, signals, concerns or driving forces");
    trends_cmd
        ->add_option("--format", trends.format,
                     "table (default) or csv (one row per series and period)")
        ->check(CLI::IsMember({"table", "csv"}));
    trends_cmd->add_option("--top", trends.top, "Without NAME: how many (default 20; 0: all)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        suggest_option(app, argc, argv);
        return kUsage;
    }
    const auto jobs = [](Options& o) { o.analysis.jobs = o.jobs > 0 ? o.jobs : usable_cores(); };
    for (const auto& [command, options] : {std::pair{build_cmd, &build}, {diagram_cmd, &diagram}})
        if (command->parsed() && command->count("--depth") > 0 && options->diagram.focus.empty()) {
            fmt::print(stderr, "signalkg: --depth counts hops from --focus: give --focus too\n");
            return kUsage;
        }
    if (build_cmd->parsed()) return jobs(build), run_build(build);
    if (diagram_cmd->parsed()) return jobs(diagram), run_diagram(diagram);
    if (convert_cmd->parsed()) return jobs(convert), run_convert(convert);
    if (query_cmd->parsed()) return run_query(query_options);
    if (stats_cmd->parsed()) return cli::print_stats(stats_folder) ? kOk : kUsage;
    if (trends_cmd->parsed()) return cli::print_trends(trends);
    return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
    restart_with_huge_pages(argv);  // before MPI starts: the process image is replaced
#ifdef SIGNALKG_MPI
    // Started by mpirun or srun as one of several ranks: the root runs the command, the others
    // serve it (distributed/build.hpp). A rank that runs out of memory ends the whole run.
    if (distributed::launched_by_mpi()) {
        distributed::Cluster ranks(argc, argv);
        // Open MPI binds each rank to one core when it starts one or two of them: the rank's
        // threads then share that core (half the speed on two cores).
        if (ranks.is_root() && usable_cores() == 1 && std::thread::hardware_concurrency() > 1)
            fmt::print(stderr,
                       "signalkg: note: the launcher bound rank 0 to one core of {}, so it runs "
                       "on one thread; give mpirun --bind-to none (or --map-by and "
                       "--cpus-per-rank) to let it use more\n",
                       std::thread::hardware_concurrency());
        if (ranks.size() > 1) {
            try {
                if (!ranks.is_root()) return distributed::serve(ranks, kRankFailed);
                cluster = &ranks;
                return distributed::finish(ranks, run_command(argc, argv));
            } catch (const std::bad_alloc&) {
                ranks.fail(kRankFailed, "out of memory");
            } catch (const std::exception& e) {     // OutOfMemory (with the file), a damaged
                ranks.fail(kRankFailed, e.what());  // message (WireError), or worse
            }
        }
    }
#endif
    return run_command(argc, argv);
}
