#include "exporters/outputs.hpp"

#include <chrono>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/gexf.hpp"
#include "exporters/graphml.hpp"
#include "exporters/html.hpp"
#include "exporters/json.hpp"
#include "exporters/neo4j.hpp"
#include "exporters/rdf.hpp"
#include "exporters/report.hpp"
#include "exporters/trends.hpp"
#include "exporters/virtuoso.hpp"

namespace signalkg {

namespace {

// The formats and the files each makes, relative to OUT.
struct Format {
    const char* name;
    std::vector<const char*> files;
};
const std::vector<Format>& formats() {
    static const std::vector<Format> kFormats = {
        {"ttl", {"graph.ttl", "ontology.ttl"}},
        {"nt", {"graph.nt", "ontology.ttl"}},
        {"rdf", {"graph.rdf", "ontology.ttl"}},
        {"graphml", {"graph.graphml", "entities.graphml"}},
        {"gexf", {"entities.gexf"}},
        {"dot", {"entities.dot"}},
        {"svg", {"entities.svg"}},
        {"neo4j", {"neo4j/"}},
        {"json", {"graph.json"}},
        {"report", {"report.json", "report.md"}},
        {"html", {"report.html"}},
        {"trends", {"trends.json", "emergence.svg", "bursts.svg"}},
        {"virtuoso", {"virtuoso/", "graph.nt", "ontology.ttl"}},
    };
    return kFormats;
}

// What several writers use, made once by the first that asks.
class SharedProducts {
  public:
    const ReportData& report(const ViewSource& source, const AnalysedView& view) {
        std::call_once(report_once_, [&] { report_ = make_report(source, view); });
        return *report_;
    }

  private:
    std::once_flag report_once_;
    std::optional<ReportData> report_;
};

// What every writer is handed.
struct WriteContext {
    const KnowledgeGraph& graph;
    const ViewSource& source;  // what the entity-view writers read of the graph
    const AnalysedView* view;  // null for writers of the full view only
    const OutputOptions& options;
    const std::filesystem::path& out;
    SharedProducts& shared;
    DeferredCommits* deferred;  // the commit policy: syncs and renames in the background

    bool makes(std::string_view file) const {
        const std::vector<std::string> files = output_files(options.formats);
        return std::find(files.begin(), files.end(), file) != files.end();
    }
};

// What a writer reads: the full view only (it may start as soon as the graph is linked), the
// full view and the entity view's measures, the entity view (and the ViewSource), or the
// configuration only.
enum class Reads : std::uint8_t { Graph, GraphAndView, View, Config };

// A writer: the files it can make and how; it runs when the formats asked for make one of them
// (formats() says which), and makes those.
struct Writer {
    std::vector<const char*> files;  // relative to OUT
    Reads reads;
    void (*write)(const WriteContext&);
};

// Every writer, longest first (as measured at 100,000 reports), so that no large file starts
// last when several are written at a time.
const std::vector<Writer>& writers() {
    static const std::vector<Writer> kWriters = {
        {{"graph.nt", "graph.ttl", "graph.rdf"},
         Reads::GraphAndView,
         [](const WriteContext& c) {  // the three RDF files in one pass over the triples
             std::vector<RdfFile> files;
             for (const auto& [syntax, name] : {std::pair{RdfSyntax::NTriples, "graph.nt"},
                                                {RdfSyntax::Turtle, "graph.ttl"},
                                                {RdfSyntax::RdfXml, "graph.rdf"}})
                 if (c.makes(name)) files.push_back({syntax, c.out / name});
             write_rdf(c.graph, c.view, files, c.deferred);
         }},
        {{"graph.json"},
         Reads::GraphAndView,
         [](const WriteContext& c) {
             write_graph_json(c.graph, *c.view, c.out / "graph.json", c.deferred);
         }},
        {{"report.html"},
         Reads::View,
         [](const WriteContext& c) {
             write_file_atomically(c.out / "report.html",
                                   entity_html(c.source, *c.view, c.options.html,
                                               &c.shared.report(c.source, *c.view)),
                                   false, c.deferred);
         }},
        {{"neo4j/"},
         Reads::GraphAndView,
         [](const WriteContext& c) { write_neo4j(c.graph, *c.view, c.out / "neo4j", c.deferred); }},
        {{"virtuoso/"},
         Reads::Config,
         [](const WriteContext& c) {
             write_virtuoso(c.graph.config().base_iri, c.out / "virtuoso", c.deferred);
         }},
        {{"ontology.ttl"},
         Reads::Config,
         [](const WriteContext& c) { write_ontology(c.out / "ontology.ttl", c.deferred); }},
        {{"graph.graphml"},
         Reads::Graph,
         [](const WriteContext& c) {
             write_full_graphml(c.graph, c.out / "graph.graphml", c.deferred);
         }},
        {{"entities.graphml"},
         Reads::View,
         [](const WriteContext& c) {
             write_entity_graphml(c.source, *c.view, c.out / "entities.graphml", c.deferred);
         }},
        {{"entities.gexf"},
         Reads::View,
         [](const WriteContext& c) {
             write_entity_gexf(c.source, *c.view, c.out / "entities.gexf", c.deferred);
         }},
        {{"entities.svg"},
         Reads::View,
         [](const WriteContext& c) {
             DiagramOptions diagram = c.options.diagram;
             diagram.clusters = false;  // see DiagramOptions::clusters
             write_file_atomically(c.out / "entities.svg",
                                   render_svg(entity_dot(c.source, *c.view, diagram)), false,
                                   c.deferred);
         }},
        {{"entities.dot"},
         Reads::View,
         [](const WriteContext& c) {
             write_file_atomically(c.out / "entities.dot",
                                   entity_dot(c.source, *c.view, c.options.diagram), false,
                                   c.deferred);
         }},
        {{"trends.json"},
         Reads::View,
         [](const WriteContext& c) {
             write_trends_json(c.source, *c.view, c.out / "trends.json", c.deferred);
         }},
        {{"emergence.svg", "bursts.svg"},
         Reads::View,
         [](const WriteContext& c) {
             write_file_atomically(c.out / "emergence.svg", emergence_map_svg(c.source, *c.view),
                                   false, c.deferred);
             write_file_atomically(c.out / "bursts.svg", bursts_svg(c.source, *c.view), false,
                                   c.deferred);
         }},
        {{"report.json"},
         Reads::View,
         [](const WriteContext& c) {
             write_report_json(c.shared.report(c.source, *c.view), c.out / "report.json",
                               c.deferred);
         }},
        {{"report.md"},
         Reads::View,
         [](const WriteContext& c) {
             const ReportPictures pictures{c.makes("entities.svg") ? "entities.svg" : "",
                                           c.makes("emergence.svg") ? "emergence.svg" : "",
                                           c.makes("bursts.svg") ? "bursts.svg" : ""};
             write_report_markdown(c.shared.report(c.source, *c.view), pictures,
                                   c.out / "report.md", c.deferred);
         }},
    };
    return kWriters;
}

// The files a writer makes for the formats asked for, joined by " + "; empty: it does not run.
std::string files_of(const Writer& writer, const OutputOptions& options) {
    const std::vector<std::string> made = output_files(options.formats);
    std::string joined;
    for (const char* file : writer.files)
        if (std::find(made.begin(), made.end(), file) != made.end())
            joined += (joined.empty() ? "" : " + ") + std::string(file);
    return joined;
}

bool wanted(const Writer& writer, const OutputOptions& options) {
    return !files_of(writer, options).empty();
}

void prepare_folder(const std::filesystem::path& out) {
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec)
        throw OutputError(fmt::format("{}: cannot create folder: {}", out.string(), ec.message()));
    remove_stale_temporaries(out);
}

// Runs `selected` writers, `jobs` at a time; the first failure stops the others from starting,
// and is thrown once every started writer and every deferred commit is done.
std::vector<WrittenFile> run_writers(const std::vector<const Writer*>& selected,
                                     const WriteContext& context, int jobs,
                                     const std::function<void(const std::string&)>& on_file) {
    std::vector<WrittenFile> written(selected.size());
    std::mutex mutex;
    std::exception_ptr failure;
    parallel_for(selected.size(), 1, jobs, [&](int, std::size_t i, std::size_t) {
        const std::string name = files_of(*selected[i], context.options);
        {
            const std::lock_guard lock(mutex);
            if (failure) return;
            if (on_file) on_file(name);
        }
        try {
            const auto started = std::chrono::steady_clock::now();
            selected[i]->write(context);
            written[i] = {
                name,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
        }
    });
    try {
        context.deferred->wait();
    } catch (...) {
        if (!failure) failure = std::current_exception();
    }
    if (failure) std::rethrow_exception(failure);
    return written;
}

// Removes the output files in `out` that `formats` do not make (of an earlier build with other
// formats); a folder (neo4j/) only as far as it holds signalkg's own files. Returns them.
std::vector<std::string> remove_earlier_outputs(const std::filesystem::path& out,
                                                const std::set<std::string>& formats) {
    const std::set<std::string> all(known_formats().begin(), known_formats().end());
    const std::vector<std::string> made = output_files(formats);
    std::vector<std::string> removed;
    std::error_code ec;
    for (const std::string& file : output_files(all)) {
        if (std::find(made.begin(), made.end(), file) != made.end()) continue;
        const std::filesystem::path path = out / file;
        if (!file.ends_with('/')) {
            if (std::filesystem::is_regular_file(path, ec) && std::filesystem::remove(path, ec))
                removed.push_back(file);
            continue;
        }
        if (!std::filesystem::is_directory(path, ec)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
            const std::string name = entry.path().filename().string();
            const bool own = file == "neo4j/" ? is_neo4j_file(name) : name == "load.sh";
            if (entry.is_regular_file() && own && std::filesystem::remove(entry.path(), ec))
                removed.push_back(file + name);
        }
        std::filesystem::remove(path, ec);  // only when empty now
    }
    std::sort(removed.begin(), removed.end());
    return removed;
}

void write_manifest(const std::filesystem::path& out, const std::set<std::string>& formats) {
    std::string json =
        fmt::format("{{\n  \"generator\": \"signalkg {}\",\n  \"formats\": [", SIGNALKG_VERSION);
    std::string separator;
    for (const std::string& format : known_formats())
        if (formats.contains(format)) json += std::exchange(separator, ", ") + "\"" + format + "\"";
    json += "],\n  \"files\": [";
    separator.clear();
    for (const std::string& file : output_files(formats))
        json += std::exchange(separator, ", ") + "\"" + file + "\"";
    json += "]\n}\n";
    write_file_atomically(out / kManifest, json);
}

}  // namespace

const std::vector<std::string>& known_formats() {
    static const std::vector<std::string> kNames = [] {
        std::vector<std::string> names;
        for (const Format& format : formats())
            names.emplace_back(format.name);
        return names;
    }();
    return kNames;
}

std::vector<std::string> output_files(const std::set<std::string>& asked) {
    std::vector<std::string> files;
    for (const Format& format : formats())
        if (asked.contains(format.name))
            for (const char* file : format.files)
                if (std::find(files.begin(), files.end(), file) == files.end())
                    files.emplace_back(file);
    return files;
}

EarlyOutputs::EarlyOutputs(const KnowledgeGraph& graph, const std::filesystem::path& out,
                           const OutputOptions& options) {
    try {
        prepare_folder(out);
    } catch (...) {
        failure_ = std::current_exception();
        return;
    }
    std::vector<const Writer*> early;
    for (const Writer& writer : writers())
        if (writer.reads == Reads::Graph && wanted(writer, options)) early.push_back(&writer);
    if (early.empty()) return;
    writing_ = std::make_unique<WorkerThreads>(1, 0, [&graph, out, options, early, this](int) {
        SharedProducts shared;
        DeferredCommits deferred;
        written_ =
            run_writers(early, {graph, graph, nullptr, options, out, shared, &deferred}, 1, {});
    });
}

EarlyOutputs::~EarlyOutputs() = default;

std::vector<WrittenFile> EarlyOutputs::wait() {
    check_folder();
    if (writing_) writing_->join();
    return written_;
}

Written write_outputs(const KnowledgeGraph& graph, const AnalysedView& view,
                      const std::filesystem::path& out, const OutputOptions& options,
                      const std::function<void(const std::string&)>& on_file, EarlyOutputs* early) {
    if (early)
        early->check_folder();  // prepared by `early`, whose files may be in progress
    else
        prepare_folder(out);
    std::vector<const Writer*> selected;
    for (const Writer& writer : writers())
        if (wanted(writer, options) && !(early && writer.reads == Reads::Graph))
            selected.push_back(&writer);
    SharedProducts shared;
    DeferredCommits deferred;  // a writer starts its next file while the last one syncs
    std::exception_ptr failure;
    std::vector<WrittenFile> written;
    try {
        const ViewSource source(graph);
        written = run_writers(selected, {graph, source, &view, options, out, shared, &deferred},
                              options.jobs, on_file);
    } catch (...) {
        failure = std::current_exception();
    }
    if (early) {
        // Its files are waited for even after a failure here: they are being written.
        try {
            const std::vector<WrittenFile> early_files = early->wait();
            written.insert(written.end(), early_files.begin(), early_files.end());
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
    return {std::move(written), finish_outputs(out, options.formats)};
}

std::vector<std::string> finish_outputs(const std::filesystem::path& out,
                                        const std::set<std::string>& formats) {
    std::vector<std::string> removed = remove_earlier_outputs(out, formats);
    write_manifest(out, formats);
    return removed;
}

std::vector<WrittenFile> write_view_outputs(const ViewSource& source, const AnalysedView& view,
                                            const std::filesystem::path& out,
                                            const OutputOptions& options) {
    prepare_folder(out);
    std::vector<const Writer*> selected;
    for (const Writer& writer : writers())
        if (wanted(writer, options) &&
            (writer.reads == Reads::View || writer.reads == Reads::Config))
            selected.push_back(&writer);
    SharedProducts shared;
    DeferredCommits deferred;
    return run_writers(selected, {source.graph(), source, &view, options, out, shared, &deferred},
                       options.jobs, {});
}

}  // namespace signalkg
