// Entity worthiness: which keywords of a scanned graph are entities worth tracking, from
// evidence in the corpus (README "Entity worthiness"; the published definitions are in
// ../shared/METHODS.md):
//  - keyphraseness (Mihalcea & Csomai 2007): how often authors pick the term as a keyword
//    against how many reports mention it;
//  - specificity (van Eck & Waltman 2011): how unevenly it co-occurs with the most frequent terms;
//  - name evidence: an acronym, or capitalised where it does not start a sentence;
//  - part of speech (WordNet 3.0): a single word known only as adjective, verb or adverb is not
//    a thing.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "graph/entity_dictionary.hpp"
#include "graph/knowledge_graph.hpp"
#include "graph/worthiness.hpp"

namespace signalkg {

// Where the evidence comes from: one process' graph of the whole corpus, or one rank's share of
// a partitioned graph (distributed/partition.hpp), which holds every entity, in the corpus'
// order, and whose counts are summed over the ranks.
struct WorthinessScope {
    // Reports of the corpus that list keyword v (by default its articles in the graph).
    std::function<std::uint32_t(Vertex)> keyword_reports;
    // Whether statement v's name is counted here (by default always; a partition counts it on
    // the first rank naming it).
    std::function<bool(Vertex)> counts_statement;
    // Sums each number over the ranks, in place (by default nothing to add).
    std::function<void(std::span<std::uint32_t>)> sum;
};

// The evidence and verdict of every entity of `graph` after KnowledgeGraph::scan with
// `dictionary`, in vertex order; graph.config() gives the threshold and the allow list.
std::vector<Worthiness> assess_worthiness(const KnowledgeGraph& graph,
                                          const EntityDictionary& dictionary,
                                          const WorthinessScope& scope = {});

}  // namespace signalkg
