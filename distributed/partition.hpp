// A graph that stays partitioned over the ranks (`signalkg build` under MPI, ARCHITECTURE.md "Over
// MPI"): each rank reads and assembles its share of the files, contiguous in corpus order, and
// keeps it. A node named by reports of several ranks is in each of their shares; what the whole
// corpus says of it is merged at its owner (a rank chosen by the hash of its kind and key):
// spellings, hence its preferred label, how many reports name it, and which rank saw it first.
// That rank numbers it, so every node has the number the single-process build gives it. Then
// the share is linked, and the root adds up the ranks' entity views and trends, and can analyse
// the view (analysis::analyze_entity_view with the trends made here).
//
// Every function here is a collective: every rank calls it at the same point, in this order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/trends.hpp"
#include "distributed/cluster.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"
#include "graph/text_table.hpp"
#include "ingest/config.hpp"
#include "ingest/corpus.hpp"
#include "pipeline/pipeline.hpp"

namespace signalkg::distributed {

struct Partition {
    // This rank's share: its reports, the nodes they name, their edges; numbered locally, with
    // the labels and ids of the whole corpus. Empty when the whole corpus has no report.
    std::unique_ptr<KnowledgeGraph> graph;
    std::uint32_t first_report = 0;  // the corpus number of this rank's first report
    std::uint64_t reports = 0;       // in the whole corpus
    std::uint64_t vertices = 0;      // in the whole graph
    // By local vertex: its number in the whole graph; whether this rank is the first to name it
    // (the one that writes it); how many reports of the corpus name it (1 for an article).
    std::vector<std::uint32_t> global;
    std::vector<char> first;
    std::vector<char> shared;  // named by other ranks too
    std::vector<std::uint32_t> article_count;
    // At the root: every rank's reading diagnostics, then the thesaurus', as one process orders
    // them. Elsewhere empty.
    std::vector<Diagnostic> diagnostics;
    std::uint64_t bytes = 0;  // read by this rank
    TextTable dates;          // at the root, after view_partition: every report's date

    // The local vertex of a node of the whole graph (its number), or kNone if not held here.
    std::uint32_t local(std::uint32_t number) const {
        const auto at = std::lower_bound(global.begin(), global.end(), number);
        return at != global.end() && *at == number ? static_cast<std::uint32_t>(at - global.begin())
                                                   : kNone;
    }
};

// Reads `share` (this rank's files, in corpus order; shares in rank order make the corpus) and
// assembles it as the share of a partitioned graph.
Partition assemble_partition(Cluster& cluster, const std::vector<std::string>& share,
                             const Config& config, const ReadOptions& read);

// Links the share (pipeline::link) as one process links the whole corpus: the acronyms the
// corpus defines are summed at the root and known to all, the worthiness evidence summed over
// the ranks (every rank then reaches the same verdicts), and each statement named by several
// ranks gets, on its first rank, the about edges of all of them. The counts of reports naming
// each keyword are the corpus' again after acronyms took in their expansions.
void link_partition(Cluster& cluster, Partition& partition, int jobs, pipeline::Timings& timings);

// The entity view of the whole corpus, into `view` (empty) at the root: each rank makes the
// view of its share, in corpus numbers (statements, reports), and the root merges them by link
// as it makes the view. Its entities are the root's own vertices; its links name statements by
// corpus number; their dates are partition.dates, every report's date, which the root gathers.
// The other ranks' `view` stays empty.
void view_partition(Cluster& cluster, Partition& partition, const EntityViewOptions& options,
                    EntityGraph& view);

// The trends of the whole corpus at the root (analysis::analyze_trends), after view_partition:
// the ranks' dates add up to the periods, which every rank is told; each counts its share's
// series; the root adds them up and finishes them. The root's entity series are its own
// vertices, as the view's; its statement series are numbered in the corpus (they are other
// ranks' nodes). Elsewhere empty.
analysis::Trends trends_partition(Cluster& cluster, const Partition& partition,
                                  const EntityGraph& view, const analysis::TrendOptions& options);

}  // namespace signalkg::distributed
