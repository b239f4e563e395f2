// Finds which entities a text is about, in time linear in the text (Aho–Corasick over words).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace signalkg {

// Matching rules (DESIGN.md §3): whole words, case-insensitive, English plurals folded
// ("job cut" ~ "job cuts"); a one-word acronym (all capitals, up to max_acronym_length
// letters and digits) matches only in capitals, so "it" never matches "IT".
class EntityMatcher {
  public:
    explicit EntityMatcher(int max_acronym_length = 5) : max_acronym_length_(max_acronym_length) {}

    // Registers a surface form of `entity`. Call build() after the last add().
    void add(std::string_view surface_form, std::uint32_t entity);
    void build();

    // Appends every entity whose surface form occurs in `text` (with repeats).
    void find(std::string_view text, std::vector<std::uint32_t>& entities) const;

    std::size_t forms() const { return forms_; }
    // A one-word acronym, matched case-sensitively.
    bool is_acronym(std::string_view word) const;

  private:
    static constexpr std::uint32_t kNoToken = UINT32_MAX;
    struct State {
        std::uint32_t failure = 0;
        std::uint32_t output_link = 0;  // nearest proper suffix state with outputs (0: none)
        std::vector<std::uint32_t> outputs;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> children;  // (token, state)
    };

    std::uint32_t token_id(const std::string& folded) const;
    std::uint32_t next_state(std::uint32_t state, std::uint32_t token) const;

    int max_acronym_length_;
    std::size_t forms_ = 0;
    std::unordered_map<std::string, std::uint32_t> vocabulary_;  // folded word -> token
    std::unordered_map<std::string, std::vector<std::uint32_t>>
        acronyms_;  // exact word -> entities
    std::vector<State> states_{1};
    std::unordered_map<std::uint64_t, std::uint32_t> transitions_;
};

// Splits text into words (letters and digits, apostrophes and dashes separate words) and calls
// visit(word) for each; shared by the matcher and its tests.
template <typename Visit>
void for_each_word(std::string_view text, Visit&& visit);

// The folded form of a word: lower case, English plural reduced ("cuts" -> "cut", "companies" ->
// "company").
std::string fold_word(std::string_view word);

}  // namespace signalkg

#include "graph/entity_matcher_words.hpp"
