#include "exporters/outputs.hpp"

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

std::vector<WrittenFile> write_outputs(const KnowledgeGraph& graph, const AnalysedView& view,
                                       const std::filesystem::path& out, const OutputOptions& options,
                                       const std::function<void(const std::string&)>& on_file) {
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw OutputError(fmt::format("{}: cannot create folder: {}", out.string(), ec.message()));

    std::vector<WrittenFile> written;
    const auto wants = [&](const char* format) { return options.formats.contains(format); };
    const auto write = [&](const char* name, const auto& writer) {
        if (on_file) on_file(name);
        writer(out / name);
        written.push_back({out / name});
    };
    const auto rdf = [&](const char* format, const char* name, RdfSyntax syntax) {
        if (wants(format)) write(name, [&](const auto& file) { write_rdf(graph, &view, syntax, file); });
    };
    rdf("ttl", "graph.ttl", RdfSyntax::Turtle);
    rdf("nt", "graph.nt", RdfSyntax::NTriples);
    rdf("rdf", "graph.rdf", RdfSyntax::RdfXml);
    if (wants("ttl") || wants("nt") || wants("rdf"))
        write("ontology.ttl", [](const auto& file) { write_ontology(file); });
    if (wants("graphml")) {
        write("graph.graphml", [&](const auto& file) { write_full_graphml(graph, file); });
        write("entities.graphml", [&](const auto& file) { write_entity_graphml(graph, view, file); });
    }
    if (wants("gexf"))
        write("entities.gexf", [&](const auto& file) { write_entity_gexf(graph, view, file); });
    if (wants("dot") || wants("svg")) {
        DiagramOptions diagram = options.diagram;
        if (wants("dot"))
            write("entities.dot", [&](const auto& file) { write_file_atomically(file, entity_dot(graph, view, diagram)); });
        diagram.clusters = false;
        if (wants("svg")) {
            write("entities.svg", [&](const auto& file) {
                write_file_atomically(file, render_svg(entity_dot(graph, view, diagram)));
            });
        }
    }
    if (wants("neo4j")) write("neo4j", [&](const auto& folder) { write_neo4j(graph, view, folder); });
    if (wants("json")) write("graph.json", [&](const auto& file) { write_graph_json(graph, view, file); });
    if (wants("report")) {
        const ReportData report = make_report(graph, view);
        write("report.json", [&](const auto& file) { write_report_json(report, file); });
        write("report.md", [&](const auto& file) {
            write_report_markdown(report, wants("svg") ? "entities.svg" : "", file);
        });
    }
    return written;
}

}  // namespace signalkg
