#include "ingest/config.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "ingest/text.hpp"

namespace signalkg {

namespace {

// Common English words that appear as keywords now and then but would link to everything.
const char* const kDefaultStopEntities[] = {
    "a",     "an",   "and",   "are",  "as",    "at",   "be",   "but",   "by",   "can",
    "do",    "for",  "from",  "has",  "have",  "he",   "her",  "his",   "i",    "if",
    "in",    "into", "is",    "it",   "its",   "may",  "more", "new",   "no",   "not",
    "of",    "on",   "one",   "or",   "our",   "she",  "so",   "than",  "that", "the",
    "their", "them", "there", "they", "this",  "to",   "two",  "up",    "us",   "was",
    "we",    "were", "what",  "when", "which", "will", "with", "would", "you",  "your"};

[[noreturn]] void fail(const std::string& path, const YAML::Node& node, const std::string& what) {
    throw ConfigError(fmt::format("{}:{}: {}", path, node.Mark().line + 1, what));
}

template <typename T>
T scalar(const std::string& path, const YAML::Node& node, const char* key) {
    try {
        return node.as<T>();
    } catch (const YAML::Exception&) {
        fail(path, node, fmt::format("'{}' has the wrong type", key));
    }
}

Config read_config(const YAML::Node& root, const std::string& path);

}  // namespace

Config default_config() {
    Config config;
    for (const char* word : kDefaultStopEntities)
        config.stop_entities.emplace_back(word);
    return config;
}

Config load_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (in) {
        std::ostringstream buffer;
        buffer << in.rdbuf();
        text = std::move(buffer).str();
    }
    if (!in || in.bad())
        throw ConfigError(fmt::format("{}: cannot read the configuration file", path));
    return parse_config(text, path);
}

Config parse_config(const std::string& text, const std::string& path) {
    try {
        return read_config(YAML::Load(text), path);
    } catch (const YAML::Exception& e) {
        // Syntax errors, and anything yaml-cpp rejects while converting a value.
        if (e.mark.is_null()) throw ConfigError(fmt::format("{}: {}", path, e.msg));
        throw ConfigError(
            fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
    }
}

namespace {

Config read_config(const YAML::Node& root, const std::string& path) {
    Config config = default_config();
    config.path = path;
    if (root.IsNull()) return config;
    if (!root.IsMap()) fail(path, root, "the configuration must be a mapping of keys");
    for (const auto& item : root) {
        const std::string key = item.first.as<std::string>();
        const YAML::Node& value = item.second;
        if (key == "base_iri") {
            config.base_iri = scalar<std::string>(path, value, "base_iri");
            if (config.base_iri.find("://") == std::string::npos)
                fail(path, value,
                     "'base_iri' must be an absolute IRI such as https://example.org/id/");
            // Every IRI signalkg writes is base_iri plus percent-encoded segments, so writers
            // need not escape IRIs once the base holds nothing an IRI may not.
            for (const char c : config.base_iri)
                if (static_cast<unsigned char>(c) <= ' ' ||
                    std::string_view("<>\"{}|^`\\").find(c) != std::string_view::npos)
                    fail(path, value,
                         fmt::format("'base_iri' may not contain {:?} (write it percent-encoded)",
                                     c));
        } else if (key == "thesaurus") {
            if (!value.IsMap() && !value.IsNull())
                fail(path, value, "'thesaurus' must map alias: entity");
            for (const auto& entry : value) {
                config
                    .thesaurus[normalize_key(scalar<std::string>(path, entry.first, "thesaurus"))] =
                    scalar<std::string>(path, entry.second, "thesaurus");
            }
        } else if (key == "stop_entities") {
            if (!value.IsSequence() && !value.IsNull())
                fail(path, value, "'stop_entities' must be a list");
            config.stop_entities =
                value.IsNull() ? std::vector<std::string>{}
                               : scalar<std::vector<std::string>>(path, value, "stop_entities");
        } else if (key == "extra_stop_entities") {
            for (const std::string& word :
                 scalar<std::vector<std::string>>(path, value, "extra_stop_entities"))
                config.stop_entities.push_back(word);
        } else if (key == "entities") {
            config.entities = scalar<std::vector<std::string>>(path, value, "entities");
        } else if (key == "entity_types") {
            if (!value.IsMap()) fail(path, value, "'entity_types' must map entity: type");
            for (const auto& entry : value) {
                const auto name = scalar<std::string>(path, entry.second, "entity_types");
                const auto type = entity_type_named(name);
                if (!type)
                    fail(path, entry.second,
                         "unknown entity type '" + name +
                             "' (Organization, Person, Place, Product, Technology, Group, Topic)");
                config.entity_types[scalar<std::string>(path, entry.first, "entity_types")] = *type;
            }
        } else if (key == "trends") {
            if (!value.IsMap())
                fail(path, value,
                     "'trends' must map period, burst_rate, burst_cost, time_weight, "
                     "latest_date");
            Config::Trends& trends = config.trends;
            for (const auto& entry : value) {
                const auto name = scalar<std::string>(path, entry.first, "trends");
                const auto number = [&](double low, double high, const char* range) {
                    const auto x = scalar<double>(path, entry.second, name.c_str());
                    if (!(x >= low && x <= high))
                        fail(path, entry.second, "'trends: " + name + "' must be " + range);
                    return x;
                };
                if (name == "period") {
                    trends.period = scalar<std::string>(path, entry.second, "period");
                    if (trends.period != "month" && trends.period != "quarter" &&
                        trends.period != "year")
                        fail(path, entry.second, "'trends: period' must be month, quarter or year");
                } else if (name == "burst_rate") {
                    trends.burst_rate = number(1.0001, 1e6, "above 1");
                } else if (name == "burst_cost") {
                    trends.burst_cost = number(0, 1e6, "0 or more");
                } else if (name == "time_weight") {
                    trends.time_weight = number(0, 0.5, "from 0 to 0.5");
                } else if (name == "latest_date") {
                    trends.latest_date = scalar<std::string>(path, entry.second, "latest_date");
                    std::string digits = trends.latest_date, iso;
                    std::erase(digits, '-');
                    if (trends.latest_date.size() != 10 || !parse_compact_date(digits, iso) ||
                        iso != trends.latest_date)
                        fail(path, entry.second, "'trends: latest_date' must be a date yyyy-mm-dd");
                } else {
                    fail(path, entry.first,
                         "unknown key 'trends: " + name +
                             "' (period, burst_rate, burst_cost, time_weight, latest_date)");
                }
            }
        } else if (key == "loose_matching") {
            config.loose_matching = scalar<bool>(path, value, "loose_matching");
        } else if (key == "entity_threshold") {
            config.entity_threshold = scalar<double>(path, value, "entity_threshold");
            if (!(config.entity_threshold >= 0 && config.entity_threshold <= 1))
                fail(path, value, "'entity_threshold' must be between 0 and 1");
        } else if (key == "min_entity_length") {
            config.min_entity_length = scalar<int>(path, value, "min_entity_length");
        } else if (key == "max_acronym_length") {
            config.max_acronym_length = scalar<int>(path, value, "max_acronym_length");
        } else if (key == "entity_edges") {
            if (!value.IsMap()) fail(path, value, "'entity_edges' must map edge kind: true/false");
            Config::EntityEdges& edges = config.entity_edges;
            const std::pair<const char*, bool*> kinds[] = {
                {"signal", &edges.signal},     {"concern", &edges.concern},
                {"behavior", &edges.behavior}, {"technology", &edges.technology},
                {"issue", &edges.issue},       {"driving_force", &edges.driving_force},
                {"article", &edges.article}};
            for (const auto& entry : value) {
                const std::string kind = entry.first.as<std::string>();
                const auto it = std::find_if(std::begin(kinds), std::end(kinds),
                                             [&](const auto& k) { return kind == k.first; });
                if (it == std::end(kinds))
                    fail(path, entry.first, fmt::format("unknown entity edge kind '{}'", kind));
                *it->second = scalar<bool>(path, entry.second, "entity_edges");
            }
        } else {
            fail(path, item.first, fmt::format("unknown key '{}'", key));
        }
    }
    return config;
}

}  // namespace

}  // namespace signalkg
