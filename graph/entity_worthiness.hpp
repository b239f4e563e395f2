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

#include <vector>

#include "graph/entity_dictionary.hpp"
#include "graph/knowledge_graph.hpp"
#include "graph/worthiness.hpp"

namespace signalkg {

// The evidence and verdict of every entity of `graph` after KnowledgeGraph::scan with
// `dictionary`, in vertex order; graph.config() gives the threshold and the allow list.
std::vector<Worthiness> assess_worthiness(const KnowledgeGraph& graph,
                                          const EntityDictionary& dictionary);

}  // namespace signalkg
