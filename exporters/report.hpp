// report.json: the figures of a build, for people and for scripts.
#pragma once

#include <filesystem>

#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

void write_report_json(const KnowledgeGraph& graph, const EntityGraph& view,
                       const std::filesystem::path& file);

}  // namespace signalkg
