// GEXF 1.3 for Gephi: typed attributes, colours and sizes, and time spans for the timeline.
#pragma once

#include <filesystem>

#include "exporters/views.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// entities.gexf: the entity view as a dynamic graph (timeformat date): every node and edge has a
// spell from the first to the last date of the reports behind it, so Gephi's timeline plays the
// corpus over time. Valid against the GEXF 1.3 RelaxNG schema.
// Node size follows PageRank, colour the community; every measure is a node attribute.
void write_entity_gexf(const ViewSource& source, const AnalysedView& view,
                       const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
