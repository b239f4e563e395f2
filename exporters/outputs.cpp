#include "exporters/outputs.hpp"

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/rdf.hpp"

namespace signalkg {

const std::vector<std::string>& known_formats() {
    static const std::vector<std::string> kFormats = {"ttl", "nt", "rdf"};
    return kFormats;
}

std::vector<WrittenFile> write_outputs(const KnowledgeGraph& graph,
                                       const std::filesystem::path& out,
                                       const std::set<std::string>& formats,
                                       const std::function<void(const std::string&)>& on_file) {
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec)
        throw OutputError(fmt::format("{}: cannot create folder: {}", out.string(), ec.message()));

    std::vector<WrittenFile> written;
    const auto rdf = [&](const char* format, const char* name, RdfSyntax syntax) {
        if (!formats.contains(format)) return;
        if (on_file) on_file(name);
        written.push_back({out / name, write_rdf(graph, syntax, out / name)});
    };
    rdf("ttl", "graph.ttl", RdfSyntax::Turtle);
    rdf("nt", "graph.nt", RdfSyntax::NTriples);
    rdf("rdf", "graph.rdf", RdfSyntax::RdfXml);
    if (formats.contains("ttl") || formats.contains("nt") || formats.contains("rdf")) {
        write_ontology(out / "ontology.ttl");
        written.push_back({out / "ontology.ttl", 0});
    }
    return written;
}

}  // namespace signalkg
