#include "exporters/report.hpp"

#include <algorithm>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "exporters/atomic_file.hpp"

namespace signalkg {

void write_report_json(const KnowledgeGraph& kg, const EntityGraph& view,
                       const std::filesystem::path& file) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    std::string first, last;
    for (const Report& r : kg.reports()) {
        if (r.date.empty()) continue;
        if (first.empty() || r.date < first) first = r.date;
        if (last.empty() || r.date > last) last = r.date;
    }
    w.StartObject();
    w.Key("documents");
    w.Uint64(kg.reports().size());
    w.Key("first_date");
    w.String(first.c_str());
    w.Key("last_date");
    w.String(last.c_str());

    w.Key("full_view");
    w.StartObject();
    w.Key("nodes");
    w.Uint64(boost::num_vertices(kg.graph()));
    w.Key("edges");
    w.Uint64(boost::num_edges(kg.graph()));
    w.Key("nodes_by_kind");
    w.StartObject();
    for (int k = 0; k < kNodeKinds; ++k) {
        w.Key(node_kind_name(static_cast<NodeKind>(k)));
        w.Uint64(kg.count(static_cast<NodeKind>(k)));
    }
    w.EndObject();
    w.Key("edges_by_kind");
    w.StartObject();
    for (int k = 0; k < kEdgeKinds; ++k) {
        w.Key(edge_kind_name(static_cast<EdgeKind>(k)));
        w.Uint64(kg.count(static_cast<EdgeKind>(k)));
    }
    w.EndObject();
    w.EndObject();

    std::size_t per_kind[kLinkKinds] = {};
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view)))
        ++per_kind[static_cast<int>(view[e].kind)];
    w.Key("entity_view");
    w.StartObject();
    w.Key("nodes");
    w.Uint64(boost::num_vertices(view));
    w.Key("edges");
    w.Uint64(boost::num_edges(view));
    w.Key("edges_by_kind");
    w.StartObject();
    for (int k = 0; k < kLinkKinds; ++k) {
        w.Key(link_kind_name(static_cast<LinkKind>(k)));
        w.Uint64(per_kind[k]);
    }
    w.EndObject();
    w.EndObject();
    w.EndObject();
    std::string text(buffer.GetString(), buffer.GetSize());
    text += '\n';
    write_file_atomically(file, text);
}

}  // namespace signalkg
