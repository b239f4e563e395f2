#include "graph/knowledge_graph.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text/escape.hpp"
#include "text/words.hpp"

namespace signalkg {

const char* node_kind_name(NodeKind kind) {
    static constexpr const char* kNames[] = {"Article", "Entity",       "Theme",    "Category",
                                             "Signal",  "Concern",      "Behavior", "Technology",
                                             "Issue",   "DrivingForce", "Term"};
    return kNames[static_cast<int>(kind)];
}

const char* edge_kind_name(EdgeKind kind) {
    static constexpr const char* kNames[] = {
        "mentions",        "hasTheme",      "inCategory",
        "reportsSignal",   "raisesConcern", "describesBehavior",
        "citesTechnology", "raisesIssue",   "drivenBy",
        "similarTo",       "about"};
    return kNames[static_cast<int>(kind)];
}

NodeKind node_kind_of(StatementKind kind) {
    return static_cast<NodeKind>(static_cast<int>(NodeKind::Signal) + static_cast<int>(kind));
}

EdgeKind edge_kind_of(StatementKind kind) {
    return static_cast<EdgeKind>(static_cast<int>(EdgeKind::ReportsSignal) +
                                 static_cast<int>(kind));
}

void KnowledgeGraph::key_of(NodeKind kind, std::string_view label, std::string& key,
                            std::string_view& alias_spelling) const {
    key.clear();
    if (kind != NodeKind::Entity) return append_normalized_key(key, label);
    // Entities merge exactly when the matcher cannot tell their labels apart: "Job-Cuts",
    // "job cuts" and "job cut" are one.
    append_entity_key(key, label);
    if (const auto alias = aliases_.find(key); alias != aliases_.end()) {
        key = alias->second.key;
        alias_spelling = alias->second.spelling;
    }
}

void KnowledgeGraph::add_edge(Vertex from, Vertex to, EdgeProperties properties) {
    ++edge_counts_[static_cast<int>(properties.kind)];
    boost::add_edge(from, to, properties, graph_);
}

FoundLists::List FoundLists::keep(std::uint32_t block, std::vector<std::uint32_t>& list) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    std::vector<std::uint32_t>& buffer = buffers_[block];
    const List kept{block, static_cast<std::uint32_t>(buffer.size()),
                    static_cast<std::uint32_t>(list.size())};
    buffer.insert(buffer.end(), list.begin(), list.end());
    return kept;
}

std::uint32_t KnowledgeGraph::find(NodeKind kind, std::string_view label) const {
    if (kind == NodeKind::Article) {
        for (std::uint32_t r = 0; r < reports_.size(); ++r)
            if (reports_[r].id == label) return static_cast<std::uint32_t>(article_vertices_[r]);
        return kNone;
    }
    // Terms were entities when indexed: they share its index and its keys.
    const NodeKind indexed = kind == NodeKind::Term ? NodeKind::Entity : kind;
    std::string key;
    std::string_view spelling;
    key_of(indexed, label, key, spelling);
    const std::uint32_t v =
        index_[static_cast<int>(indexed)].find(key, [&](std::uint32_t u) { return node_key(u); });
    return v == KeyIndex::kMissing || graph_[v].kind != kind ? kNone : v;
}

std::string KnowledgeGraph::article_iri(std::string_view report_id) const {
    if (report_id.find("://") != std::string_view::npos) {
        std::string iri;  // an outside IRI: kept
        append_iri_escaped(iri, report_id);
        return iri;
    }
    return config_.base_iri + "article/" + iri_segment(report_id);
}

std::string KnowledgeGraph::observation_iri(std::uint32_t report, std::uint32_t statement) const {
    return fmt::format("{}observation/{}/{}", config_.base_iri, iri_segment(reports_[report].id),
                       statement + 1);
}

}  // namespace signalkg
