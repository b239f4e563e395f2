// Neo4j: CSV files for `neo4j-admin database import full`, the command line, and a LOAD CSV
// script for a running server.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "exporters/csv_rows.hpp"
#include "exporters/full_view_part.hpp"
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

// A partitioned build's rank writes the rows of its `part` of every CSV file (the root, with
// `view`, also the entity-view links'), each file's at `piece`(its name), without the header;
// returns the files with their columns (closed). The root joins each file's header (CsvFile::
// header) and pieces in rank order, then calls finish_neo4j with every rank's files.
std::map<std::string, CsvFile> write_neo4j_piece(
    const KnowledgeGraph& graph, const AnalysedView* view, const ViewSource& source,
    const FullViewPart& part, const std::filesystem::path& folder,
    const std::function<std::filesystem::path(const std::string&)>& piece);
// Creates `folder` and clears a killed run's temporaries.
void prepare_neo4j_folder(const std::filesystem::path& folder);
// import.sh and load.cypher for `files`; the CSV files of an earlier build not among them are
// removed.
void finish_neo4j(const std::filesystem::path& folder, const std::map<std::string, CsvFile>& files,
                  DeferredCommits* deferred = nullptr);

// A file write_neo4j makes: node_*.csv, rel_*.csv, import.sh or load.cypher.
bool is_neo4j_file(std::string_view name);

}  // namespace signalkg
