// What the graph exporters share: the analysed entity view, measure columns, colours, labels.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyze.hpp"
#include "exporters/atomic_file.hpp"  // DeferredCommits, the commit policy every writer takes
#include "exporters/view_source.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// The entity view analysed, ready for every exporter.
struct AnalysedView {
    const EntityGraph& view;
    const analysis::Result& analysis;
};

// One analysis measure as every format names it: GraphML/GEXF/JSON attribute `name`, RDF
// property sk:`rdf_name`. Exactly one of `real`, `integer` and `text` is set; an empty text is
// no value (no triple, an empty cell). `trend`: a measure over time (analysis/trends.hpp), which
// the report shows in its own section.
struct MeasureColumn {
    const char* name;
    const char* rdf_name;
    const std::vector<double>* real;
    const std::vector<std::uint32_t>* integer;
    const std::vector<std::string>* text = nullptr;
    bool trend = false;
    // The column's type in GraphML and GEXF.
    const char* xml_type() const { return real ? "double" : integer ? "int" : "string"; }
};
std::vector<MeasureColumn> measure_columns(const analysis::Result& result);

// Full-view vertex -> entity-view vertex (kNone for non-entities).
std::vector<std::uint32_t> entity_view_index(const KnowledgeGraph& graph, const EntityGraph& view);

// Labels joined into one value, for formats without list values (GraphML, GEXF, CSV).
std::string join_labels(std::span<const std::string> labels, std::string_view separator = "; ");

// The labels of the statements behind an entity-view edge, joined by `separator`; beyond
// `at_most`, the last name says how many more there are.
std::string statement_names(const ViewSource& source, const EntityLink& link,
                            std::string_view separator = "; ", std::size_t at_most = SIZE_MAX);

struct Rgb {
    int r, g, b;
};
// One colour per entity-view edge kind, and one per community (a 20-colour palette, cycled),
// shared by GEXF, DOT and SVG.
Rgb link_kind_color(LinkKind kind);
Rgb community_color(std::uint32_t community);
std::string hex_color(Rgb c);  // "#rrggbb"

}  // namespace signalkg
