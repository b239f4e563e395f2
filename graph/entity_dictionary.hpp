// The "entity dictionary" stage, between assembly and linking: every surface form that entity
// linking looks for, with its candidate: every keyword's spellings and the thesaurus' aliases,
// less the stop list and forms shorter than min_entity_length. The scan finds them all; entity
// worthiness (graph/entity_worthiness.hpp) then decides which candidates are entities.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/entity_matcher.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

class EntityDictionary {
  public:
    struct Form {
        std::string_view text;  // in the graph's labels or its config's thesaurus
        std::uint32_t entity;   // the entity vertex
    };

    // The dictionary of an assembled graph, under its config; views into `graph`, which must
    // outlive it.
    static EntityDictionary build(const KnowledgeGraph& graph);
    // The acronyms the graph's reports define: expansion key -> acronym vertex -> (how often,
    // the spelling first seen). A partitioned graph's ranks add theirs up in corpus order.
    using Defined = std::map<std::string, std::map<std::uint32_t, std::pair<int, std::string>>>;
    static Defined count_definitions(const KnowledgeGraph& graph);
    static EntityDictionary build(const KnowledgeGraph& graph, const Defined& defined);

    const std::vector<Form>& forms() const { return forms_; }
    // (keyword, acronym) for each keyword the texts define as an acronym's expansion
    // ("artificial intelligence (AI)"): entity worthiness merges it into the acronym.
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& expansions() const {
        return expansions_;
    }
    // Each expansion the texts define, with its acronym ("artificial intelligence", AI).
    struct Definition {
        std::string expansion;
        std::uint32_t acronym;
    };
    const std::deque<Definition>& definitions() const { return definitions_; }
    // The forms, compiled for linking (a form with no word in it matches nothing).
    const EntityMatcher& matcher() const { return matcher_; }

  private:
    // Every form of two or three words also by its lemmas, within a window
    // (Config::loose_matching).
    static void add_loose_forms(EntityDictionary& dictionary);
    explicit EntityDictionary(int max_acronym_length) : matcher_(max_acronym_length) {}
    std::vector<Form> forms_;
    std::deque<Definition> definitions_;  // a deque: forms view its expansions
    std::vector<std::pair<std::uint32_t, std::uint32_t>> expansions_;
    EntityMatcher matcher_;
};

}  // namespace signalkg
