// The root's entity-view files from a partitioned graph (distributed/partition.hpp): what the
// writers read besides the view (exporters/view_source.hpp) is gathered from the ranks, so the
// root needs no more than its share.
#pragma once

#include <cstddef>

#include "analysis/analyze.hpp"
#include "distributed/cluster.hpp"
#include "distributed/partition.hpp"
#include "exporters/html.hpp"
#include "exporters/view_source.hpp"

namespace signalkg::distributed {

// After the analysis, gathers at the root, into `gathered`:
//  - the corpus' totals for the report (CorpusSummary, its rankings `top` long): node and edge
//    counts, dates, the recurring concerns and signals (each statement's observations added up
//    at an owner rank) and the entities they are about (summed over the ranks);
//  - every statement the writers name: behind the view's links, in the trends, in the rankings;
//  - the reports they name: the trends' too-late reports and, with `html`, those report.html
//    lists.
// The root's view entities and trends' entity series become full-view numbers, which the
// writers read them by (ViewSource(*partition.graph, gathered)).
// A collective: every rank calls it; `view`, `result` and `html` are read at the root only.
void gather_view_source(Cluster& cluster, const Partition& partition, EntityGraph& view,
                        analysis::Result& result, const HtmlOptions* html, std::size_t top,
                        Gathered& gathered);

}  // namespace signalkg::distributed
