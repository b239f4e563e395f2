#include "pipeline/pipeline.hpp"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "graph/assembler.hpp"
#include "graph/entity_worthiness.hpp"
#include "lexicon/wordnet.hpp"
#include "parallel/timing.hpp"

namespace signalkg::pipeline {

Assembled read_and_assemble(const Options& options, std::vector<Diagnostic>& diagnostics,
                            Timings& timings, const Progress& progress,
                            const CorpusReader& reader) {
    Lap lap;
    Assembled out;
    const std::vector<std::string> files =
        find_report_files(options.inputs, diagnostics, options.read);
    out.files = files.size();
    std::vector<Diagnostic> thesaurus;  // after the reading ones, as before
    Assembler assembler(options.config, thesaurus);
    const ReportSink take = [&](Report&& report) { assembler.add(std::move(report)); };
    const Corpus corpus = reader ? reader(files, take)
                                 : read_corpus(
                                       files, options.read,
                                       [&](std::size_t done, std::size_t total) {
                                           if (progress) progress("reading", done, total);
                                       },
                                       take);
    diagnostics.insert(diagnostics.end(), corpus.diagnostics.begin(), corpus.diagnostics.end());
    diagnostics.insert(diagnostics.end(), thesaurus.begin(), thesaurus.end());
    if (assembler.reports() == 0) return out;
    out.bytes = corpus.bytes;
    out.parse_cpu_seconds = corpus.parse_cpu_seconds;
    timings.emplace_back(fmt::format("read + parse + assemble ({} files, {:.1f} MB)", corpus.files,
                                     static_cast<double>(corpus.bytes) / 1e6),
                         lap());
    if (progress) progress("building graph", 0, 0);
    out.graph = std::move(assembler).finish(options.read.jobs);
    const BuildStats& stats = out.graph->stats();
    timings.emplace_back("graph: assemble (the rest: Closest links, labels)",
                         stats.assemble_seconds);
    timings.emplace_back(
        options.read.jobs > 1 ? "graph: IRIs (alongside the above)" : "graph: IRIs",
        stats.iri_seconds);
    timings.emplace_back("parse, CPU time of all threads", corpus.parse_cpu_seconds);
    return out;
}

void link(KnowledgeGraph& graph, int jobs, Timings& timings, const LinkScope& scope) {
    Lap lap;
    EntityDictionary::Defined defined = EntityDictionary::count_definitions(graph);
    if (scope.corpus_definitions) defined = scope.corpus_definitions(std::move(defined));
    const EntityDictionary dictionary = EntityDictionary::build(graph, defined);
    timings.emplace_back(
        fmt::format("graph: linking: dictionary ({} forms)", dictionary.forms().size()), lap());
    graph.scan(dictionary, jobs);
    const BuildStats& stats = graph.stats();
    timings.emplace_back(fmt::format("graph: linking: scan ({} texts)", stats.linked_texts),
                         stats.scan_seconds);
    lap();
    graph.apply_worthiness(assess_worthiness(graph, dictionary, scope.worthiness));
    timings.emplace_back("graph: linking: entity worthiness", lap());
    graph.link(jobs);
    timings.emplace_back("graph: linking: about edges", stats.about_seconds);
    timings.emplace_back("linking, CPU time of all threads", stats.link_cpu_seconds);
}

namespace {

// The date of the day (UTC), yyyy-mm-dd.
std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &utc);
    return date;
}

}  // namespace

void note_missing_wordnet(std::vector<Diagnostic>& diagnostics) {
    if (const WordNet& wordnet = WordNet::instance(); !wordnet.available())
        diagnostics.push_back(
            {wordnet.folder(), 0,
             "WordNet's files are missing (Debian: apt install wordnet-base): entity worthiness "
             "runs without parts of speech and familiarity, entity types without WordNet, and "
             "loose matching is off"});
}

analysis::Options analysis_options(const Options& options) {
    analysis::Options analysis = options.analysis;
    analysis.jobs = options.read.jobs;
    const Config::Trends& trends = options.config.trends;
    if (!analysis.trends.period) analysis.trends.period = analysis::period_named(trends.period);
    analysis.trends.bursts = {trends.burst_rate, trends.burst_cost};
    analysis.trends.emergence.time_weight = trends.time_weight;
    analysis.trends.latest_date = trends.latest_date.empty() ? today() : trends.latest_date;
    return analysis;
}

void view_and_analyze(const KnowledgeGraph& graph, const Options& options, Analysed& out,
                      Timings& timings) {
    Lap lap;
    build_entity_view(graph, EntityViewOptions::from(options.config), out.view);
    timings.emplace_back("entity view", lap());
    out.analysis = analysis::analyze_entity_view(graph, out.view, analysis_options(options));
    for (const auto& [measure, seconds] : out.analysis.timings)
        timings.emplace_back("analysis: " + measure, seconds);
    timings.emplace_back("analysis (total)", lap());
}

void run(const Options& options, Run& run, const Progress& progress,
         const std::function<void(const KnowledgeGraph&)>& linked, const CorpusReader& reader) {
    Lap lap;
    Assembled assembled =
        read_and_assemble(options, run.diagnostics, run.timings, progress, reader);
    run.files = assembled.files;
    if (!assembled.graph) return;
    run.graph = std::move(assembled.graph);
    link(*run.graph, options.read.jobs, run.timings);
    note_missing_wordnet(run.diagnostics);
    // Per core: the bytes read over the CPU time of parsing and linking on all threads.
    const double parse_link_cpu = assembled.parse_cpu_seconds + run.graph->stats().link_cpu_seconds;
    run.timings.emplace_back(
        fmt::format("parse + link, CPU time: {:.0f} MB/s per core",
                    static_cast<double>(assembled.bytes) / 1e6 / parse_link_cpu),
        parse_link_cpu);
    run.timings.emplace_back("read + graph (total)", lap());
    if (linked) linked(*run.graph);
    if (progress) progress("entity view and analysis", 0, 0);
    view_and_analyze(*run.graph, options, run.analysed, run.timings);
}

}  // namespace signalkg::pipeline
