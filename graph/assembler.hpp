// The "assemble" stage: reports in, one at a time, each merged into the full view (DESIGN.md
// §3) by key (text/words.hpp); then finish() adds what needs every report (Closest links,
// preferred labels, IRIs). The result is not yet linked: the entity dictionary and linking
// stages come next (graph/entity_dictionary.hpp).
#pragma once

#include <memory>
#include <vector>

#include "graph/knowledge_graph.hpp"
#include "graph/surface_forms.hpp"
#include "ingest/config.hpp"
#include "ingest/report.hpp"

namespace signalkg {

class Assembler {
  public:
    // Resolves the config's thesaurus (a cycle is a warning in `diagnostics`).
    Assembler(const Config& config, std::vector<Diagnostic>& diagnostics);
    ~Assembler();
    Assembler(const Assembler&) = delete;
    Assembler& operator=(const Assembler&) = delete;

    // One report: its article, the nodes it names (merged with those of earlier reports) and
    // its edges. Reports are numbered in the order they are added.
    void add(Report report);
    std::size_t reports() const { return g_->reports_.size(); }

    // Takes in `shard`, an assembler of the same config that was given the reports that come
    // after this one's: the result is what one assembler given all of them in that order makes
    // (the same nodes, numbers, edges, labels and counts). The per-shard state a distributed
    // build assembles in parallel and merges.
    void merge(Assembler&& shard);

    // The seam of a distributed build (distributed/partition.hpp), where each rank assembles
    // its share of the reports: the nodes so far (kinds, keys, articles) and their spellings,
    // which the ranks merge at each node's owner; set_surface_forms() then gives every node
    // the whole corpus' spellings, so that finish() picks the labels one process picks.
    const KnowledgeGraph& assembling() const { return *g_; }
    const SurfaceForms& surface_forms() const { return *forms_; }
    void set_surface_forms(SurfaceForms forms);
    // The article of a report another rank holds, which this rank's Closest links name: a node
    // of its own here (no report, no label, not counted), for finish() to link to.
    Vertex add_remote_article(std::string_view id);
    // A node of another rank's reports (an entity linking looks for): no articles here.
    Vertex add_remote_node(NodeKind kind, std::string_view key);
    // Renumbers the nodes, v becoming new_of[v] (a permutation): a rank's share then lists
    // them in the corpus' order, which linking, worthiness and the views go by.
    void renumber(const std::vector<std::uint32_t>& new_of);

    // Closest links, preferred labels and IRIs (those alongside, on a thread of their own, when
    // jobs > 1): the full view, before linking. The assembler is used up.
    std::unique_ptr<KnowledgeGraph> finish(int jobs) &&;

  private:
    Vertex intern(NodeKind kind, std::string_view label, std::uint32_t report);
    // The node of a merge key among the nodes of `kind` (not articles), added when new.
    Vertex node_of(NodeKind kind, std::string_view key);
    // A new article node (its articles list is the caller's to fill).
    Vertex add_article(std::string_view id, std::string_view title, std::uint32_t report);
    void resolve_thesaurus(std::vector<Diagnostic>& diagnostics);

    std::unique_ptr<KnowledgeGraph> g_;
    std::unique_ptr<SurfaceForms> forms_;
    std::vector<Vertex> remote_articles_;
};

}  // namespace signalkg
