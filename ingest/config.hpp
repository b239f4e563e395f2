// signalkg's YAML configuration (examples/signalkg.yaml documents every key).
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/entity_type.hpp"

namespace signalkg {

struct Config {
    std::string path;  // the file it was read from, for messages (empty: the defaults)
    // Every node IRI is base_iri + kind + "/" + key.
    std::string base_iri = "https://w3id.org/signalkg/id/";
    // alias -> entity label; keys and values are matched after normalize_key().
    std::map<std::string, std::string> thesaurus;
    // Entities never linked from statement text (still nodes, when they are keywords).
    std::vector<std::string> stop_entities;
    // Keywords always kept as entities, whatever their worthiness (compared as entity keys).
    std::vector<std::string> entities;
    // Entity label -> its type, over what the evidence says (labels compared as entity keys).
    std::map<std::string, EntityType> entity_types;
    // Keywords whose worthiness (graph/entity_worthiness.hpp) is below this are terms, not
    // entities; 0 keeps every keyword.
    double entity_threshold = 0.45;
    // Entity linking also finds a form of two or three words by its words' lemmas, in any order,
    // inside one sentence within EntityMatcher::kLooseSpan words ("cut nearly 2,000 jobs").
    bool loose_matching = true;
    // Surface forms shorter than this (in bytes) are not used for linking.
    int min_entity_length = 2;
    // Acronyms (all capitals, up to this length) match case-sensitively.
    int max_acronym_length = 5;
    // The entity view over time (analysis/trends.hpp): the period ("month", "quarter", "year";
    // empty: chosen from the corpus), Kleinberg's burst rate s and cost gamma of moving up, and
    // Yoon's time weight; reports dated after latest_date (yyyy-mm-dd; empty: the day of the
    // build) are left out of the periods, their year typed wrong.
    struct Trends {
        std::string period;
        std::string latest_date;
        double burst_rate = 2, burst_cost = 1, time_weight = 0.05;
    } trends;
    // Which kinds of entity-view edges are made (DESIGN.md §4).
    struct EntityEdges {
        bool signal = true, concern = true, behavior = false, technology = false, issue = false,
             driving_force = true, article = false;
    } entity_edges;
};

struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The defaults, with the built-in English stop-entities.
Config default_config();

// Reads a YAML file; unknown keys and wrong types throw ConfigError naming file and line.
Config load_config(const std::string& path);
// The same from a YAML text; `path` names it in messages.
Config parse_config(const std::string& text, const std::string& path);

}  // namespace signalkg
