#include "exporters/views.hpp"

#include <fmt/format.h>

namespace signalkg {

std::string join_labels(std::span<const std::string> labels, std::string_view separator) {
    std::string joined;
    for (const std::string& label : labels) {
        if (!joined.empty()) joined += separator;
        joined += label;
    }
    return joined;
}

std::string statement_names(const ViewSource& source, const EntityLink& link,
                            std::string_view separator, std::size_t at_most) {
    const std::size_t n = link.statements.size();
    const std::size_t named = n > at_most ? at_most - 1 : n;
    std::string joined;
    for (std::size_t i = 0; i < named; ++i) {
        if (!joined.empty()) joined += separator;
        joined += source.node(link.statements[i]).label;
    }
    if (named < n) {
        if (!joined.empty()) joined += separator;
        joined += fmt::format("and {} more", n - named);
    }
    return joined;
}

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

std::string hex_color(Rgb c) {
    return fmt::format("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
}

std::vector<MeasureColumn> measure_columns(const analysis::Result& r) {
    return {{"degree", "degree", nullptr, &r.degree},
            {"weighted_degree", "weightedDegree", &r.weighted_degree, nullptr},
            {"betweenness", "betweenness", &r.betweenness, nullptr},
            {"closeness", "closeness", &r.closeness, nullptr},
            {"pagerank", "pagerank", &r.pagerank, nullptr},
            {"eigenvector", "eigenvector", &r.eigenvector, nullptr},
            {"clustering", "clustering", &r.clustering, nullptr},
            {"component", "component", nullptr, &r.component},
            {"core", "core", nullptr, &r.core},
            {"community", "community", nullptr, &r.community},
            {"bursts", "bursts", nullptr, &r.bursts, nullptr, true},
            {"burst_strength", "burstStrength", &r.burst_strength, nullptr, nullptr, true},
            {"burst_start", "burstStart", nullptr, nullptr, &r.burst_start, true},
            {"burst_end", "burstEnd", nullptr, nullptr, &r.burst_end, true},
            {"emergence_class", "emergenceClass", nullptr, nullptr, &r.emergence_class, true},
            {"visibility_growth", "visibilityGrowth", &r.visibility_growth, nullptr, nullptr, true},
            {"diffusion_growth", "diffusionGrowth", &r.diffusion_growth, nullptr, nullptr, true}};
}

Rgb community_color(std::uint32_t community) {
    static constexpr Rgb kPalette[] = {
        {31, 119, 180},  {255, 127, 14},  {44, 160, 44},   {214, 39, 40},   {148, 103, 189},
        {140, 86, 75},   {227, 119, 194}, {127, 127, 127}, {188, 189, 34},  {23, 190, 207},
        {174, 199, 232}, {255, 187, 120}, {152, 223, 138}, {255, 152, 150}, {197, 176, 213},
        {196, 156, 148}, {247, 182, 210}, {199, 199, 199}, {219, 219, 141}, {158, 218, 229}};
    return kPalette[community % std::size(kPalette)];
}

std::vector<std::uint32_t> entity_view_index(const KnowledgeGraph& graph, const EntityGraph& view) {
    std::vector<std::uint32_t> index(boost::num_vertices(graph.graph()), kNone);
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
        index[view[v].entity] = static_cast<std::uint32_t>(v);
    return index;
}

}  // namespace signalkg
