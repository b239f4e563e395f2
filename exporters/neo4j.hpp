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
// CSV files of an earlier build in the folder that this one did not write (node or relationship
// kinds this corpus lacks) are removed, so that the folder holds one build.
void write_neo4j(const KnowledgeGraph& graph, const AnalysedView& view,
                 const std::filesystem::path& folder, DeferredCommits* deferred = nullptr);

// A file write_neo4j makes: node_*.csv, rel_*.csv, import.sh or load.cypher.
bool is_neo4j_file(std::string_view name);

}  // namespace signalkg
