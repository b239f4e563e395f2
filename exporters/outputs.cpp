#include "exporters/outputs.hpp"

#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/gexf.hpp"
#include "exporters/graphml.hpp"
#include "exporters/json.hpp"
#include "exporters/neo4j.hpp"
#include "exporters/rdf.hpp"
#include "exporters/report.hpp"
#include "exporters/views.hpp"

namespace signalkg {

const std::vector<std::string>& known_formats() {
    static const std::vector<std::string> kFormats = {"ttl", "nt",  "rdf",   "graphml", "gexf",
                                                      "dot", "svg", "neo4j", "json",    "report"};
    return kFormats;
}

namespace {

void prepare_folder(const std::filesystem::path& out) {
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec)
        throw OutputError(fmt::format("{}: cannot create folder: {}", out.string(), ec.message()));
    remove_stale_temporaries(out);
}

template <typename Write>
WrittenFile timed(const std::filesystem::path& file, Write&& write) {
    const auto started = std::chrono::steady_clock::now();
    write(file);
    return {file,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
}

}  // namespace

EarlyOutputs::EarlyOutputs(const KnowledgeGraph& graph, const std::filesystem::path& out,
                           const OutputOptions& options) {
    try {
        prepare_folder(out);
    } catch (...) {
        failure_ = std::current_exception();
        return;
    }
    if (!options.formats.contains("graphml")) return;
    writing_ = std::async(std::launch::async, [&graph, out] {
        return std::vector<WrittenFile>{timed(
            out / "graph.graphml", [&](const auto& file) { write_full_graphml(graph, file); })};
    });
}

std::vector<WrittenFile> EarlyOutputs::wait() {
    check_folder();
    return writing_.valid() ? writing_.get() : std::vector<WrittenFile>{};
}

std::vector<WrittenFile> write_outputs(const KnowledgeGraph& graph, const AnalysedView& view,
                                       const std::filesystem::path& out,
                                       const OutputOptions& options,
                                       const std::function<void(const std::string&)>& on_file,
                                       EarlyOutputs* early) {
    if (early)
        early->check_folder();  // prepared by `early`, whose files may be in progress
    else
        prepare_folder(out);

    // Every file is independent of the others: a list of tasks, run by a small pool.
    struct Task {
        std::string name;
        std::function<void(const std::filesystem::path&)> write;
    };
    // Longest first (as measured at 100,000 reports), so that no large file starts last.
    std::vector<Task> tasks;
    const auto wants = [&](const char* format) { return options.formats.contains(format); };
    // The RDF files in one pass over the triples.
    std::vector<RdfFile> rdf_files;
    std::string rdf_names;
    for (const auto& [format, syntax, name] : {std::tuple{"nt", RdfSyntax::NTriples, "graph.nt"},
                                               std::tuple{"ttl", RdfSyntax::Turtle, "graph.ttl"},
                                               std::tuple{"rdf", RdfSyntax::RdfXml, "graph.rdf"}}) {
        if (!wants(format)) continue;
        rdf_files.push_back({syntax, out / name});
        rdf_names += (rdf_names.empty() ? "" : " + ") + std::string(name);
    }
    if (!rdf_files.empty())
        tasks.push_back({rdf_names, [&](const auto&) { write_rdf(graph, &view, rdf_files); }});
    if (wants("json"))
        tasks.push_back(
            {"graph.json", [&](const auto& file) { write_graph_json(graph, view, file); }});
    if (wants("neo4j"))
        tasks.push_back({"neo4j", [&](const auto& folder) { write_neo4j(graph, view, folder); }});
    if (!rdf_files.empty())
        tasks.push_back({"ontology.ttl", [](const auto& file) { write_ontology(file); }});
    if (wants("graphml")) {
        if (!early)
            tasks.push_back(
                {"graph.graphml", [&](const auto& file) { write_full_graphml(graph, file); }});
        tasks.push_back({"entities.graphml",
                         [&](const auto& file) { write_entity_graphml(graph, view, file); }});
    }
    if (wants("gexf"))
        tasks.push_back(
            {"entities.gexf", [&](const auto& file) { write_entity_gexf(graph, view, file); }});
    if (wants("svg")) {
        tasks.push_back({"entities.svg", [&](const auto& file) {
                             DiagramOptions diagram = options.diagram;
                             diagram.clusters = false;  // see DiagramOptions::clusters
                             write_file_atomically(file,
                                                   render_svg(entity_dot(graph, view, diagram)));
                         }});
    }
    if (wants("dot"))
        tasks.push_back({"entities.dot", [&](const auto& file) {
                             write_file_atomically(file, entity_dot(graph, view, options.diagram));
                         }});
    std::optional<ReportData> report;
    if (wants("report")) {
        report = make_report(graph, view);
        tasks.push_back(
            {"report.json", [&](const auto& file) { write_report_json(*report, file); }});
        tasks.push_back({"report.md", [&](const auto& file) {
                             write_report_markdown(*report, wants("svg") ? "entities.svg" : "",
                                                   file);
                         }});
    }

    std::vector<WrittenFile> written(tasks.size());
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::exception_ptr failure;
    DeferredCommits commits;  // a thread starts its next file while the last one syncs
    const auto work = [&] {
        const DeferredCommits::Scope deferring(commits);
        for (std::size_t i; (i = next.fetch_add(1)) < tasks.size();) {
            {
                const std::lock_guard lock(mutex);
                if (failure) return;
                if (on_file) on_file(tasks[i].name);
            }
            try {
                written[i] = timed(out / tasks[i].name, tasks[i].write);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                return;
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        for (int t = 1; t < std::min<int>(options.jobs, static_cast<int>(tasks.size())); ++t)
            pool.emplace_back(work);
        work();
    }
    try {
        commits.wait();
    } catch (...) {
        if (!failure) failure = std::current_exception();
    }
    if (early) {
        // Its files are waited for even after a failure here: they are being written.
        std::vector<WrittenFile> early_files;
        try {
            early_files = early->wait();
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
        written.insert(written.end(), early_files.begin(), early_files.end());
    }
    if (failure) std::rethrow_exception(failure);
    return written;
}

}  // namespace signalkg
