// Each rank's piece of the full-view files (exporters/full_view_part.hpp) from a partitioned
// graph (distributed/partition.hpp), and the files made of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "distributed/cluster.hpp"
#include "distributed/partition.hpp"
#include "exporters/full_view_part.hpp"
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
    std::vector<std::string> first_seen, last_seen;
    std::vector<std::uint32_t> view_index;
    FullViewPart part(const Partition& partition) const;
};
FullViewPiece full_view_piece(Cluster& cluster, const Partition& partition,
                              const EntityGraph& view);

// Where rank `rank` writes its piece of OUT/`name`: a hidden temporary in OUT, which a killed
// run leaves for the next build to clear (remove_stale_temporaries).
std::filesystem::path piece_path(const std::filesystem::path& out, const std::string& name,
                                 int rank);

// At the root, once every rank's piece is written: OUT/`name` atomically made of `head`, the
// pieces in rank order and `tail`; the pieces are removed.
void join_pieces(const std::filesystem::path& out, const std::string& name, int ranks,
                 std::string_view head, std::string_view tail);

}  // namespace signalkg::distributed
