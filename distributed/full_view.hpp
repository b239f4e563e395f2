// Each rank's piece of the full-view files (exporters/full_view_part.hpp) from a partitioned
// graph (distributed/partition.hpp), and the files made of them.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "distributed/cluster.hpp"
#include "distributed/partition.hpp"
#include "exporters/full_view_part.hpp"
#include "exporters/json.hpp"
#include "exporters/view_source.hpp"
#include "exporters/views.hpp"
#include "graph/entity_view.hpp"

namespace signalkg::distributed {

// What a rank's piece says beyond its share: which nodes it writes (those it is the first to
// name; the root every entity, and no other rank any), whether a statement is named from its
// rows anywhere in the corpus (each rank tells the statement's first rank), and at the root the
// entities' first and last dates in the corpus (each rank's, compared as texts as one process
// does) and their vertices in `view`.
// A collective, before gather_view_source (the view's entities still the root's vertices).
struct FullViewPiece {
    std::vector<char> writes, name_derived;
    std::uint64_t first_edge = 0;  // the number of its first edge: the edges before, summed
    std::vector<std::string> first_seen, last_seen;
    std::vector<std::uint32_t> view_index;
    FullViewPart part(const Partition& partition) const;
};
FullViewPiece full_view_piece(Cluster& cluster, const Partition& partition,
                              const EntityGraph& view);

// Where rank `rank` writes its piece of section `section` of OUT/`name`: a hidden temporary in
// OUT, which a killed run leaves for the next build to clear (remove_stale_temporaries).
std::filesystem::path piece_path(const std::filesystem::path& out, const std::string& name,
                                 int rank, int section = 0);

// At the root, once every rank's pieces are written: OUT/`name`, atomically, made of glue[0],
// the pieces of section 0 in rank order (`separator` between two that are not empty; a piece
// not written is empty), glue[1], those of section 1, ..., the last glue, then what `end`
// writes. The pieces are removed.
void join_pieces(const std::filesystem::path& out, const std::string& name, int ranks,
                 const std::vector<std::string>& glue, std::string_view separator = "",
                 const std::function<void(const TextSink&)>& end = {});

// Every rank writes its pieces of the full-view files among `files` (output_files: graph.nt,
// graph.ttl, graph.rdf, graph.graphml, graph.json, neo4j/) into `out`; the root joins them with
// what it alone writes: graph.json's entity view, and the entity-view links, import.sh and
// load.cypher of neo4j/. At the root, `view` is the analysed view and `source` what
// gather_view_source gathered; elsewhere they are null. A collective.
void write_full_view(Cluster& cluster, const Partition& partition, const FullViewPiece& piece,
                     const AnalysedView* view, const ViewSource* source,
                     const std::filesystem::path& out, const std::vector<std::string>& files);

}  // namespace signalkg::distributed
