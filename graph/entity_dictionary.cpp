#include "graph/entity_dictionary.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "ingest/text.hpp"
#include "lexicon/wordnet.hpp"
#include "text/words.hpp"

namespace signalkg {

// Acronyms the texts define, "artificial intelligence (AI)", "large language models (LLMs)": for
// each acronym keyword, the expansions written before it in parentheses (rules below).
EntityDictionary::Defined EntityDictionary::count_definitions(const KnowledgeGraph& kg) {
    const Graph& g = kg.graph();
    std::unordered_map<std::string_view, std::uint32_t> acronyms;  // label -> vertex
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (g[v].kind == NodeKind::Entity && looks_like_acronym(g[v].label))
            acronyms.emplace(g[v].label, static_cast<std::uint32_t>(v));
    Defined defined;
    const auto scan = [&](std::string_view text) {
        for (std::size_t open = text.find('('); open != std::string_view::npos;
             open = text.find('(', open + 1)) {
            const std::size_t close = text.find(')', open);
            if (close == std::string_view::npos || close - open > 12) continue;
            const auto acronym = acronyms.find(text.substr(open + 1, close - open - 1));
            if (acronym == acronyms.end()) continue;
            std::string capitals;
            for (const char c : acronym->first)
                if (c >= 'A' && c <= 'Z') capitals += static_cast<char>(c - 'A' + 'a');
            // The words before the parenthesis, last first, each starting with the acronym's
            // capital in turn; a function word between two of them has none ("Writers Guild of
            // America (WGA)"), and commas may separate them ("buy now, pay later (BNPL)").
            std::size_t begin = open, left = capitals.size();
            for (std::size_t words = 0; left > 0 && words < 2 * capitals.size(); ++words) {
                std::size_t end = begin;
                while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ','))
                    --end;
                std::size_t start = end;
                while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) ||
                                     text[start - 1] == '-'))
                    --start;
                const std::string_view word = text.substr(start, end - start);
                if (word.empty()) break;
                if (std::tolower(static_cast<unsigned char>(word[0])) == capitals[left - 1])
                    --left;
                else if (left == capitals.size() || !is_function_word(word))
                    break;
                begin = start;
            }
            if (left > 0) continue;
            const std::string phrase(trim(text.substr(begin, open - begin)));
            auto& count = defined[entity_key(phrase)][acronym->second];
            if (count.first++ == 0) count.second = phrase;
        }
    };
    for (const Report& report : kg.reports()) {
        scan(report.summary);
        for (const Statement& s : report.statements)
            for (const ObservationText& text : kObservationTexts)
                scan(s.*text.field);
    }
    return defined;
}

namespace {

// A spelling of each expansion -> its acronym: an expansion defined for several acronyms goes
// with the one it is defined for most often.
std::map<std::string, std::uint32_t> acronym_definitions(const EntityDictionary::Defined& defined) {
    std::map<std::string, std::uint32_t> out;
    for (const auto& [key, acronyms_of] : defined) {
        const auto best = std::max_element(
            acronyms_of.begin(), acronyms_of.end(),
            [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
        out.emplace(best->second.second, best->first);
    }
    return out;
}

}  // namespace

void EntityDictionary::add_loose_forms(EntityDictionary& dictionary) {
    const WordNet& wordnet = WordNet::instance();
    if (!wordnet.available()) return;
    std::vector<std::vector<std::string>> inflections;
    std::unordered_map<std::string, std::vector<std::string>> inflections_of;  // word -> them
    for (const Form& form : dictionary.forms_) {
        std::vector<std::string_view> words;
        for_each_word(form.text, [&](std::string_view word) { words.push_back(word); });
        // Names ("Power Shifts", "Household Pulse Survey") are matched as written only.
        if (words.size() < 2 || words.size() > 3 ||
            std::any_of(words.begin(), words.end(), [](std::string_view word) {
                return word.front() >= 'A' && word.front() <= 'Z';
            }))
            continue;
        inflections.clear();
        for (const std::string_view word : words) {
            if (is_function_word(word)) break;  // such a form is matched exactly only
            std::string lower = lower_case(word);
            auto [known, added] = inflections_of.try_emplace(std::move(lower));
            if (added) known->second = wordnet.inflections(wordnet.lemma_of(known->first));
            inflections.push_back(known->second);
        }
        if (inflections.size() == words.size())
            dictionary.matcher_.add_loose(inflections, form.entity);
    }
}

EntityDictionary EntityDictionary::build(const KnowledgeGraph& graph) {
    return build(graph, count_definitions(graph));
}

EntityDictionary EntityDictionary::build(const KnowledgeGraph& graph, const Defined& defined) {
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
    // Acronyms' expansions: surface forms of the acronym; a keyword that is one merges into it.
    for (auto& [expansion, acronym] : acronym_definitions(defined)) {
        const std::uint32_t keyword = graph.find(NodeKind::Entity, expansion);
        if (keyword != kNone) dictionary.expansions_.emplace_back(keyword, acronym);
        add(dictionary.definitions_.emplace_back(Definition{expansion, acronym}).expansion,
            acronym);
    }
    if (config.loose_matching) add_loose_forms(dictionary);
    matcher.build();
    return dictionary;
}

}  // namespace signalkg
