// The evidence that decides whether a keyword is an entity (graph/entity_worthiness.hpp), kept
// with the graph for the report and the exporters.
#pragma once

#include <cstdint>

#include "ingest/entity_type.hpp"

namespace signalkg {

struct Worthiness {
    std::uint32_t vertex = 0;                  // the candidate's node
    std::uint32_t keyword_reports = 0;         // K: reports listing it among their Keywords
    std::uint32_t mentioning_reports = 0;      // M: reports whose texts or Keywords name it
    std::uint32_t mid_sentence = 0;            // occurrences in texts not starting a sentence,
    std::uint32_t capitalised = 0;             // and of those, how many start with a capital
    std::uint32_t words = 0;                   // words of its label
    std::uint32_t rows = 0;                    // table rows whose texts name it,
    std::uint32_t technology_rows = 0;         // and of those, rows of a Technologies table
    std::uint32_t technology_rows_around = 0;  // Technologies rows of the reports naming it
    std::uint32_t statement_names = 0;         // statement names that name it,
    std::uint32_t technology_names = 0;        // and of those, names of Technologies
    bool acronym = false;                      // its label is an acronym (AI, LLMs, EVs)
    enum class PartOfSpeech : std::uint8_t {
        NotLooked,  // a phrase, an acronym or a name: WordNet not asked
        Unknown,    // WordNet does not know it: usually a name
        Noun,       // WordNet knows it as a noun (perhaps also as a verb or adjective)
        NotANoun    // WordNet knows it only as an adjective, verb or adverb
    } part_of_speech = PartOfSpeech::NotLooked;
    int familiarity = 0;       // a noun's tag count in WordNet's SemCor: how everyday a word it is
    double keyphraseness = 0;  // smoothed K / M
    double specificity = 0;    // divergence of its co-occurrences from the corpus', 0..1
    double name = 0;           // share of its mid-sentence occurrences capitalised, smoothed
    double score = 0;          // worthiness, 0..1: the threshold applies to it
    enum class Verdict : std::uint8_t {
        Entity,    // score at or above the threshold
        Allowed,   // on the config's allow list
        Named,     // an acronym or capitalised mid-sentence: a name
        NotANoun,  // demoted: a single word WordNet knows only as adjective, verb or adverb
        Low,       // demoted: score below the threshold
        Merged     // the expansion of an acronym the texts define: an alias of it
    } verdict = Verdict::Entity;
    std::uint32_t merged_into = UINT32_MAX;  // Merged: the acronym's node
    bool is_entity() const { return verdict <= Verdict::Named; }
    EntityType type = EntityType::None;  // for an entity
};

const char* verdict_name(Worthiness::Verdict verdict);
const char* part_of_speech_name(Worthiness::PartOfSpeech part_of_speech);

}  // namespace signalkg
