// The part of the full view one process writes (graph.nt, graph.ttl, graph.rdf), and what the
// graph it holds cannot say of those nodes alone.
//
// One process writes the whole graph, as one document. Each rank of a partitioned build
// (distributed/partition.hpp) writes a piece, without the document's head and tail, and the
// pieces in rank order make the document: the nodes the rank is the first to name (the root's:
// every entity, whose measures it has), and with each its out-edges, the about edges of a
// statement being every rank's; besides, the driving forces its own reports give statements
// that another rank writes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace signalkg {

struct FullViewPart {
    // All by vertex of the graph held; all empty for the whole graph.
    std::span<const char> writes;                  // the nodes this process writes
    std::span<const std::uint32_t> number;         // its number in the full view
    std::span<const std::uint32_t> article_count;  // how many reports of the corpus name it
    std::span<const char> name_derived;            // statements: named from the corpus' rows
    // Entities: their first and last dates in the corpus (empty: none is dated).
    std::span<const std::string> first_seen, last_seen;
    // Entities: their vertex in the entity view the measures are of.
    std::span<const std::uint32_t> view_index;

    std::uint64_t first_edge = 0;  // the full-view number of the piece's first edge

    bool whole() const { return writes.empty(); }
    // Whether the piece holds edge e: the edges of its reports, and the others' (about edges)
    // where it writes their source.
    template <typename EdgeProperties>
    bool holds(const EdgeProperties& edge, std::size_t source) const {
        return whole() || edge.article != UINT32_MAX || writes[source];
    }
    std::uint32_t number_of(std::size_t v) const {
        return whole() ? static_cast<std::uint32_t>(v) : number[v];
    }
};

}  // namespace signalkg
