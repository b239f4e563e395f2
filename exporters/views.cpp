#include "exporters/views.hpp"

namespace signalkg {

std::string join_labels(const std::vector<std::string>& labels) {
    std::string joined;
    for (const std::string& label : labels) {
        if (!joined.empty()) joined += "; ";
        joined += label;
    }
    return joined;
}

std::string statement_names(const KnowledgeGraph& graph, const EntityLink& link) {
    std::string joined;
    for (const Vertex v : link.statements) {
        if (!joined.empty()) joined += "; ";
        joined += graph.graph()[v].label;
    }
    return joined;
}

std::vector<double> weighted_degrees(const EntityGraph& view) {
    std::vector<double> degree(boost::num_vertices(view), 0.0);
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        degree[boost::source(e, view)] += view[e].weight;
        degree[boost::target(e, view)] += view[e].weight;
    }
    return degree;
}

}  // namespace signalkg

#include <array>

#include <fmt/format.h>

namespace signalkg {

Rgb link_kind_color(LinkKind kind) {
    static constexpr Rgb kColors[] = {
        {31, 119, 180},   // signal: blue
        {214, 39, 40},    // concern: red
        {148, 103, 189},  // behavior: purple
        {255, 127, 14},   // technology: orange
        {140, 86, 75},    // issue: brown
        {44, 160, 44},    // driving-force: green
        {127, 127, 127},  // article co-occurrence: grey
    };
    return kColors[static_cast<int>(kind)];
}

std::string hex_color(Rgb c) { return fmt::format("#{:02x}{:02x}{:02x}", c.r, c.g, c.b); }

std::vector<LinkKind> dominant_link_kinds(const EntityGraph& view) {
    std::vector<std::array<double, kLinkKinds>> weight(boost::num_vertices(view));
    for (auto& w : weight) w.fill(0);
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const int k = static_cast<int>(view[e].kind);
        weight[boost::source(e, view)][k] += view[e].weight;
        weight[boost::target(e, view)][k] += view[e].weight;
    }
    std::vector<LinkKind> kinds;
    for (const auto& w : weight)
        kinds.push_back(static_cast<LinkKind>(std::max_element(w.begin(), w.end()) - w.begin()));
    return kinds;
}

}  // namespace signalkg
