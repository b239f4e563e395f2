// Neo4j: CSV files for `neo4j-admin database import full`, the command line, and a LOAD CSV
// script for a running server.
#pragma once

#include <filesystem>

#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// Writes into `folder`: node_{Label}.csv (one per node kind), rel_{TYPE}_{From}_{To}.csv (one
// per relationship type and end labels, entity-view links included), import.sh and load.cypher.
// Headers follow the neo4j-admin format (Neo4j 5): `id:ID(Label)`, `:LABEL`, `:START_ID(Label)`,
// `:END_ID(Label)`, `:TYPE`, typed properties (`:int`, `:float`, `:boolean`, `:date`,
// `:string[]` with `;`); fields are quoted as RFC 4180 says.
void write_neo4j(const KnowledgeGraph& graph, const AnalysedView& view,
                 const std::filesystem::path& folder, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
