#include "graph/entity_dictionary.hpp"

#include <unordered_set>

#include "ingest/text.hpp"
#include "text/words.hpp"

namespace signalkg {

EntityDictionary EntityDictionary::build(const KnowledgeGraph& graph) {
    const Config& config = graph.config();
    EntityDictionary dictionary(config.max_acronym_length);
    EntityMatcher& matcher = dictionary.matcher_;
    // Stop-entities compare by entity key, except acronyms: stopping "it" keeps "IT".
    const auto stop_key = [&](std::string_view form) {
        return matcher.is_acronym(form) ? std::string(form) : entity_key(form);
    };
    std::unordered_set<std::string> stop;
    for (const std::string& word : config.stop_entities)
        stop.insert(stop_key(word));
    const auto add = [&](std::string_view form, std::uint32_t entity) {
        const std::string_view trimmed = trim(form);
        if (static_cast<int>(trimmed.size()) < config.min_entity_length ||
            stop.contains(stop_key(trimmed)))
            return;
        dictionary.forms_.push_back({form, entity});
        matcher.add(form, entity);
    };
    // Every entity's spellings, then the thesaurus' aliases of entities in the graph.
    const Graph& g = graph.graph();
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        const NodeProperties& node = g[v];
        if (node.kind != NodeKind::Entity) continue;
        const auto entity = static_cast<std::uint32_t>(v);
        add(node.label, entity);
        for (const std::string& alt : node.alt_labels)
            add(alt, entity);
    }
    for (const auto& [alias, target] : config.thesaurus) {
        const std::uint32_t v = graph.find(NodeKind::Entity, target);
        if (v != kNone) add(alias, v);
    }
    matcher.build();
    return dictionary;
}

}  // namespace signalkg
