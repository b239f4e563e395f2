// Finds which entities a text is about, in time linear in the text (Aho–Corasick over words).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/key_index.hpp"
#include "text/words.hpp"

namespace signalkg {

// Matching rules (DESIGN.md §3): whole words, case-insensitive, English plurals folded
// ("job cut" ~ "job cuts"); a one-word acronym (all capitals, up to max_acronym_length
// letters and digits) matches only in capitals, so "it" never matches "IT".
class EntityMatcher {
  public:
    explicit EntityMatcher(int max_acronym_length = 5) : max_acronym_length_(max_acronym_length) {}

    // Registers a surface form of `entity`. Call build() after the last add().
    void add(std::string_view surface_form, std::uint32_t entity);
    // Loose matching of a multi-word form, by its words' lemmas, each given with the words that
    // inflect it ("job cuts": {job, jobs}, {cut, cuts, cutting}): the form matches when every
    // lemma occurs inside one sentence within kLooseSpan words, in any order ("cut nearly 2,000
    // jobs"). Two or three words.
    void add_loose(const std::vector<std::vector<std::string>>& inflections, std::uint32_t entity);
    static constexpr std::uint32_t kLooseSpan = 5;  // words from the first lemma to the last
    void build();

    // How the texts write the entities found in them, by entity: occurrences that are not the
    // first words of a sentence, and how many of those start with a capital (name evidence).
    struct CaseCounts {
        std::vector<std::uint32_t> mid_sentence, capitalised;
        explicit CaseCounts(std::size_t entities) : mid_sentence(entities), capitalised(entities) {}
    };

    // Appends every entity whose surface form occurs in `text` (with repeats); counts their
    // cases into `cases` when given (sized for every entity).
    void find(std::string_view text, std::vector<std::uint32_t>& entities,
              CaseCounts* cases = nullptr) const;

    std::size_t forms() const { return forms_; }
    // A one-word acronym, matched case-sensitively.
    bool is_acronym(std::string_view word) const;

  private:
    static constexpr std::uint32_t kNoToken = UINT32_MAX;
    static constexpr std::uint32_t kNoLemma = UINT32_MAX;
    // String-keyed maps that look up a string_view without making a string.
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    template <typename Value>
    using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

    // 64-bit keys -> 32-bit values, open addressing in one array: the trie's transitions
    // (state, token) -> state and the loose forms' lemma pairs. Matching looks them up at every
    // word of every text, and std::unordered_map's nodes miss the cache.
    class KeyTable {
      public:
        void assign(const std::unordered_map<std::uint64_t, std::uint32_t>& entries);
        std::uint32_t find(std::uint64_t key) const;  // kNoState when absent
        static constexpr std::uint32_t kNoState = UINT32_MAX;

      private:
        // Both halves of the key spread over every bit (a product shifted by a fixed amount put
        // the transitions of one token from many states into a handful of slots).
        static std::size_t hash(std::uint64_t key) { return KeyIndex::mix(key >> 32, key); }
        std::vector<std::pair<std::uint64_t, std::uint32_t>> slots_;  // key UINT64_MAX: empty
        std::size_t mask_ = 0;
    };
    struct LooseForm {
        std::uint32_t lemmas[3] = {kNoLemma, kNoLemma, kNoLemma};
        std::uint32_t size = 0, entity = 0;
    };
    std::vector<LooseForm> loose_forms_;  // until build()
    std::uint32_t lemmas_ = 0;
    // Two lemmas of a loose form (the smaller in the high half) -> i: the forms with both, one of
    // them the form's rarest (build()), are pair_forms_[pair_begin_[i] .. pair_begin_[i + 1]).
    KeyTable pairs_;
    std::vector<std::uint32_t> pair_begin_;
    std::vector<LooseForm> pair_forms_;
    // A bit per hash of each key of pairs_: most pairs of lemmas near each other are no form's,
    // and this answers that from the cache.
    std::vector<std::uint64_t> pair_filter_;
    static std::size_t pair_bit(std::uint64_t pair, std::size_t bits) {
        return KeyIndex::mix(pair >> 32, pair) & (bits - 1);
    }
    std::vector<std::uint32_t> token_lemma_;  // until build(): token -> lemma
    StringMap<std::uint32_t> lemma_ids_;      // until build(): lemma -> id
    struct State {                            // until build()
        std::uint32_t words = 0;              // its depth: the words of a form ending here
        std::vector<std::uint32_t> outputs;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> children;  // (token, state)
    };

    std::uint32_t token_id(std::string_view folded) const;
    std::uint32_t next_state(std::uint32_t state, std::uint32_t token) const;
    static std::uint32_t token_bit(std::uint32_t token) { return 1u << (token % 32); }
    // The state after `word` from `state`; `long_word` is room for a word folded the slow way.
    std::uint32_t step(std::uint32_t state, std::string_view word, std::string& long_word,
                       std::uint32_t& lemma) const;

    int max_acronym_length_;
    std::size_t forms_ = 0;
    std::vector<std::string> words_;                  // token -> folded word
    KeyIndex vocabulary_;                             // folded word -> token
    StringMap<std::vector<std::uint32_t>> acronyms_;  // exact word -> entities
    std::vector<State> states_{1};
    std::unordered_map<std::uint64_t, std::uint32_t> transitions_;  // until build()
    // From build() on, in flat arrays: every word of every text goes through them.
    KeyTable table_;              // (state > 0, token) -> state
    struct FromRoot {             // what matching needs of a token, in one place
        std::uint32_t state = 0;  // the state after it from the root
        // Whether it leads anywhere from another state: when not (most words), the state after
        // it is `state` whatever came before, and the table is not probed.
        bool continues = false;
        std::uint32_t lemma = kNoLemma;  // the lemma of a loose form it inflects
    };
    std::vector<FromRoot> root_next_;  // by token

    // A word of up to 16 bytes as two integers, zero-padded: compared and hashed whole.
    struct PackedWord {
        std::uint64_t low = 0, high = 0;  // bytes 0..7 and 8..15
        bool operator==(const PackedWord&) const = default;
    };
    // `word` lower-cased into `packed` when it is ASCII of up to 16 bytes (nearly every word of
    // a text), with no loop over its bytes; false otherwise.
    [[gnu::always_inline]] static inline bool pack_lower(std::string_view word, PackedWord& packed);
    // Each vocabulary word with the words that fold to it (its plurals: "cut", "cuts";
    // "company", "companies"), lower case and packed, when ASCII of up to 16 bytes: a text word
    // is looked up here with neither a fold nor a string compare. Other words are folded and
    // looked up in vocabulary_.
    class ShortWordTable {
      public:
        struct Entry {
            PackedWord word;  // low == 0: an empty slot (a word has at least one byte)
            std::uint32_t token = kNoToken;
            FromRoot from_root;  // root_next_[token], here so that most words need one lookup
        };
        void assign(const std::vector<Entry>& entries);
        const Entry* find(const PackedWord& word) const;  // nullptr when absent

      private:
        std::vector<Entry> slots_;
        std::size_t mask_ = 0;
    };
    ShortWordTable short_words_;
    struct Step {                   // what matching needs of a state, in one place
        std::uint32_t failure = 0;  // longest proper suffix state
        // Bit token % 32 set for each token it has a child on: the table is probed only then
        // (most words that continue some surface form do not continue this one).
        std::uint32_t child_tokens = 0;
        // Its entities and those of its suffix states: matches_[matches_begin, matches_end).
        std::uint32_t matches_begin = 0, matches_end = 0;
    };
    std::vector<Step> steps_;
    std::vector<std::uint32_t> matches_;
    std::vector<std::uint32_t> match_words_;  // the words of each match's form
};

}  // namespace signalkg
