#include "graph/entity_matcher.hpp"

#include <algorithm>
#include <cstring>
#include <deque>

namespace signalkg {

namespace {

// Slots of an open-addressing table for `entries`: a power of two, at most half full (most
// lookups miss, and a miss probes to the next empty slot).
std::size_t slots_for(std::size_t entries) {
    std::size_t capacity = 16;
    while (capacity < 2 * entries)
        capacity *= 2;
    return capacity;
}

}  // namespace

bool EntityMatcher::is_acronym(std::string_view word) const {
    if (word.empty() || static_cast<int>(word.size()) > max_acronym_length_) return false;
    bool letter = false;
    for (char c : word) {
        if (c >= 'A' && c <= 'Z') {
            letter = true;
        } else if (c < '0' || c > '9') {
            return false;
        }
    }
    return letter;
}

std::uint32_t EntityMatcher::token_id(std::string_view folded) const {
    const std::uint32_t token =
        vocabulary_.find(folded, [&](std::uint32_t t) { return words_[t]; });
    return token == KeyIndex::kMissing ? kNoToken : token;
}

void EntityMatcher::add(std::string_view surface_form, std::uint32_t entity) {
    std::vector<std::string_view> words;
    for_each_word(surface_form, [&](std::string_view w) { words.push_back(w); });
    if (words.empty()) return;
    ++forms_;
    if (words.size() == 1 && is_acronym(words[0])) {
        auto& list = acronyms_[std::string(words[0])];
        if (std::find(list.begin(), list.end(), entity) == list.end()) list.push_back(entity);
        return;
    }
    std::uint32_t state = 0;
    for (std::string_view w : words) {
        std::string folded = fold_word(w);
        const auto [token, fresh] =
            vocabulary_.find_or_insert(folded, static_cast<std::uint32_t>(words_.size()),
                                       [&](std::uint32_t t) { return words_[t]; });
        if (fresh) words_.push_back(std::move(folded));
        // The transition table, filled as the trie grows: a constant-time lookup per word.
        const auto [child, added] = transitions_.try_emplace(
            (std::uint64_t{state} << 32) | token, static_cast<std::uint32_t>(states_.size()));
        if (added) {
            states_[state].children.emplace_back(token, child->second);
            states_.emplace_back().words = states_[state].words + 1;
        }
        state = child->second;
    }
    auto& outputs = states_[state].outputs;
    if (std::find(outputs.begin(), outputs.end(), entity) == outputs.end())
        outputs.push_back(entity);
}

namespace {

std::uint64_t lemma_pair(std::uint32_t a, std::uint32_t b) {
    return a < b ? std::uint64_t{a} << 32 | b : std::uint64_t{b} << 32 | a;
}

}  // namespace

void EntityMatcher::add_loose(const std::vector<std::vector<std::string>>& inflections,
                              std::uint32_t entity) {
    if (inflections.size() < 2 || inflections.size() > 3) return;
    LooseForm form;
    form.entity = entity;
    for (const std::vector<std::string>& words : inflections) {
        if (words.empty()) return;
        const auto [lemma, first_seen] = lemma_ids_.try_emplace(words.front(), lemmas_);
        // A lemma's inflections are always the same words: registered when it is first seen.
        if (first_seen) {
            ++lemmas_;
            for (const std::string& word : words) {
                std::string folded = fold_word(word);
                const auto [token, added] =
                    vocabulary_.find_or_insert(folded, static_cast<std::uint32_t>(words_.size()),
                                               [&](std::uint32_t t) { return words_[t]; });
                if (added) words_.push_back(std::move(folded));
                if (token_lemma_.size() <= token) token_lemma_.resize(token + 1, kNoLemma);
                if (token_lemma_[token] == kNoLemma) token_lemma_[token] = lemma->second;
            }
        }
        for (const std::uint32_t other : form.lemmas)
            if (other == lemma->second) return;  // a word twice ("bye bye"): exact only
        form.lemmas[form.size++] = lemma->second;
    }
    loose_forms_.push_back(form);
}

void EntityMatcher::build() {
    root_next_.assign(words_.size(), FromRoot{});
    for (std::uint32_t token = 0; token < token_lemma_.size(); ++token)
        root_next_[token].lemma = token_lemma_[token];
    token_lemma_ = {};
    lemma_ids_ = {};
    // Each form under the pairs of its lemmas that hold its rarest one (in the fewest forms):
    // whichever lemma comes last in a text meets the rarest or is it, so a match is still found,
    // and pairs of two common words ("market policy" in forms that also need a name) are not
    // looked up at every word.
    std::vector<std::uint32_t> forms_with(lemmas_, 0);
    for (const LooseForm& form : loose_forms_)
        for (std::uint32_t i = 0; i < form.size; ++i)
            ++forms_with[form.lemmas[i]];
    std::vector<std::pair<std::uint64_t, std::uint32_t>> indexed;  // (pair, form)
    for (std::uint32_t f = 0; f < loose_forms_.size(); ++f) {
        const LooseForm& form = loose_forms_[f];
        const std::uint32_t* rarest = std::min_element(
            form.lemmas, form.lemmas + form.size,
            [&](std::uint32_t a, std::uint32_t b) { return forms_with[a] < forms_with[b]; });
        for (std::uint32_t i = 0; i < form.size; ++i)
            if (form.lemmas[i] != *rarest)
                indexed.emplace_back(lemma_pair(*rarest, form.lemmas[i]), f);
    }
    std::sort(indexed.begin(), indexed.end());
    std::unordered_map<std::uint64_t, std::uint32_t> pair_index;
    for (std::size_t k = 0; k < indexed.size(); ++k) {
        if (k == 0 || indexed[k].first != indexed[k - 1].first) {
            pair_index.emplace(indexed[k].first, static_cast<std::uint32_t>(pair_begin_.size()));
            pair_begin_.push_back(static_cast<std::uint32_t>(pair_forms_.size()));
        }
        pair_forms_.push_back(loose_forms_[indexed[k].second]);
    }
    pair_begin_.push_back(static_cast<std::uint32_t>(pair_forms_.size()));
    loose_forms_ = {};
    if (!pair_index.empty()) {
        pairs_.assign(pair_index);
        std::size_t bits = 1024;
        while (bits < 16 * pair_index.size())
            bits *= 2;
        pair_filter_.assign(bits / 64, 0);
        for (const auto& [pair, i] : pair_index) {
            const std::size_t bit = pair_bit(pair, bits);
            pair_filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
    }
    for (const auto& [token, child] : states_[0].children)
        root_next_[token].state = child;
    std::erase_if(transitions_, [](const auto& t) { return t.first >> 32 == 0; });  // in root_next_
    for (const auto& [key, child] : transitions_)
        root_next_[static_cast<std::uint32_t>(key)].continues = true;
    table_.assign(transitions_);
    transitions_ = {};
    std::vector<ShortWordTable::Entry> short_words;
    for (std::uint32_t token = 0; token < words_.size(); ++token) {
        const std::string& word = words_[token];
        // Every word folding to `word` is one of these (fold_plural drops one "s" or makes
        // "ies" a "y"); fold_word keeps those that do.
        std::string forms[3] = {word, word + 's'};
        if (word.ends_with('y')) forms[2] = word.substr(0, word.size() - 1) + "ies";
        for (const std::string& form : forms) {
            PackedWord packed;
            if (!form.empty() && pack_lower(form, packed) && fold_word(form) == word)
                short_words.push_back({packed, token, root_next_[token]});
        }
    }
    short_words_.assign(short_words);
    // Breadth-first: failure links from the parents' ones; a state matches its own entities and
    // those of its failure state, which is nearer the root and so done before it.
    steps_.assign(states_.size(), Step{});
    // (entity, words of its form) of each state.
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> matches(states_.size());
    std::deque<std::uint32_t> queue(1, 0);
    while (!queue.empty()) {
        const std::uint32_t s = queue.front();
        queue.pop_front();
        for (const std::uint32_t entity : states_[s].outputs)
            matches[s].emplace_back(entity, states_[s].words);
        if (s != 0) {
            const auto& inherited = matches[steps_[s].failure];
            matches[s].insert(matches[s].end(), inherited.begin(), inherited.end());
        }
        for (const auto& [token, child] : states_[s].children) {
            steps_[s].child_tokens |= token_bit(token);
            steps_[child].failure = s == 0 ? 0 : next_state(steps_[s].failure, token);
            queue.push_back(child);
        }
    }
    for (std::uint32_t s = 0; s < matches.size(); ++s) {
        steps_[s].matches_begin = static_cast<std::uint32_t>(matches_.size());
        for (const auto& [entity, words] : matches[s]) {
            matches_.push_back(entity);
            match_words_.push_back(words);
        }
        steps_[s].matches_end = static_cast<std::uint32_t>(matches_.size());
    }
    states_ = {};
}

void EntityMatcher::KeyTable::assign(
    const std::unordered_map<std::uint64_t, std::uint32_t>& entries) {
    const std::size_t capacity = slots_for(entries.size());
    slots_.assign(capacity, {UINT64_MAX, kNoState});
    mask_ = capacity - 1;
    for (const auto& [key, value] : entries) {
        std::size_t slot = hash(key) & mask_;
        while (slots_[slot].first != UINT64_MAX)
            slot = (slot + 1) & mask_;
        slots_[slot] = {key, value};
    }
}

std::uint32_t EntityMatcher::KeyTable::find(std::uint64_t key) const {
    if (slots_.empty()) return kNoState;
    for (std::size_t slot = hash(key) & mask_;; slot = (slot + 1) & mask_) {
        if (slots_[slot].first == key) return slots_[slot].second;
        if (slots_[slot].first == UINT64_MAX) return kNoState;
    }
}

std::uint32_t EntityMatcher::next_state(std::uint32_t state, std::uint32_t token) const {
    if (token == kNoToken) return 0;
    if (!root_next_[token].continues) return root_next_[token].state;
    for (; state != 0; state = steps_[state].failure) {
        if ((steps_[state].child_tokens & token_bit(token)) == 0) continue;
        const std::uint32_t next = table_.find((std::uint64_t{state} << 32) | token);
        if (next != KeyTable::kNoState) return next;
    }
    return root_next_[token].state;
}

bool EntityMatcher::pack_lower(std::string_view word, PackedWord& packed) {
    const std::size_t n = word.size();
    if (n == 0 || n > 16) return false;
    const char* p = word.data();
    const auto load = [](const char* from, std::size_t bytes) {
        std::uint64_t value = 0;
        std::memcpy(&value, from, bytes);
        return value;
    };
    // Overlapping loads inside the word, shifted into place: no byte outside it is read.
    std::uint64_t low = 0, high = 0;
    if (n >= 8) {
        low = load(p, 8);
        if (n > 8) high = load(p + n - 8, 8) >> (8 * (16 - n));
    } else if (n >= 4) {
        low = load(p, 4) | load(p + n - 4, 4) << (8 * (n - 4));
    } else {
        low =
            load(p, 1) | load(p + n / 2, 1) << (8 * (n / 2)) | load(p + n - 1, 1) << (8 * (n - 1));
    }
    constexpr std::uint64_t kTopBits = 0x8080808080808080ull;
    if ((low | high) & kTopBits) return false;  // not ASCII
    // Every byte below 0x80: adding 0x3F sets its top bit from 'A' up, adding 0x25 from '[' up,
    // with no carry into the next byte; capitals get 0x20 added.
    const auto lower = [](std::uint64_t bytes) {
        const std::uint64_t capitals =
            (bytes + 0x3F3F3F3F3F3F3F3Full) & ~(bytes + 0x2525252525252525ull) & kTopBits;
        return bytes | capitals >> 2;
    };
    packed = {lower(low), lower(high)};
    return true;
}

void EntityMatcher::ShortWordTable::assign(const std::vector<Entry>& entries) {
    const std::size_t capacity = slots_for(entries.size());
    slots_.assign(capacity, Entry{});
    mask_ = capacity - 1;
    for (const Entry& entry : entries) {
        std::size_t slot = KeyIndex::mix(entry.word.low, entry.word.high) & mask_;
        while (slots_[slot].word.low != 0)
            slot = (slot + 1) & mask_;
        slots_[slot] = entry;
    }
}

const EntityMatcher::ShortWordTable::Entry* EntityMatcher::ShortWordTable::find(
    const PackedWord& word) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t slot = KeyIndex::mix(word.low, word.high) & mask_;;
         slot = (slot + 1) & mask_) {
        if (slots_[slot].word == word) return &slots_[slot];
        if (slots_[slot].word.low == 0) return nullptr;
    }
}

std::uint32_t EntityMatcher::step(std::uint32_t state, std::string_view word,
                                  std::string& long_word, std::uint32_t& lemma) const {
    std::uint32_t token;
    FromRoot from_root;
    PackedWord packed;
    lemma = kNoLemma;
    if (pack_lower(word, packed)) {
        const ShortWordTable::Entry* entry = short_words_.find(packed);
        if (entry == nullptr) return 0;
        token = entry->token;
        from_root = entry->from_root;
    } else {
        fold_word_into(long_word, word);
        token = token_id(long_word);
        if (token == kNoToken) return 0;
        from_root = root_next_[token];
    }
    lemma = from_root.lemma;
    return from_root.continues && state != 0 ? next_state(state, token) : from_root.state;
}

namespace {

// Whether a word of `text` is the first of a sentence: nothing but spaces, quotes, brackets or
// list marks before it since the start of the text or a full stop, "!", "?" or ":".
bool starts_sentence(std::string_view text, const char* word) {
    for (const char* p = word; p != text.data();) {
        switch (*--p) {
            case ' ':
            case '\t':
            case '\n':
            case '\r':
            case '"':
            case '\'':
            case '(':
            case '[':
            case '*':
            case '_':
            case '-':
            case '#':
            case '>':
                continue;
            case '.':
            case '!':
            case '?':
            case ':':
                return true;
            default:
                return false;
        }
    }
    return true;
}

}  // namespace

void EntityMatcher::find(std::string_view text, std::vector<std::uint32_t>& entities,
                         CaseCounts* cases) const {
    if (steps_.empty()) return;  // not built
    std::uint32_t state = 0;
    std::string long_word;
    // The starts of the last kWordRing words, for the case of a match's first word.
    constexpr std::uint32_t kWordRing = 16;
    const char* starts[kWordRing] = {};
    std::uint32_t word_index = 0;
    // A form is capitalised when its first and last words are ("Household Pulse Survey", not
    // "AI models").
    const auto count_case = [&](std::uint32_t entity, std::uint32_t words) {
        if (words > kWordRing || words > word_index + 1) return;
        const char* first = starts[(word_index + 1 - words) % kWordRing];
        if (starts_sentence(text, first)) return;
        ++cases->mid_sentence[entity];
        const char* last = starts[word_index % kWordRing];
        if (*first >= 'A' && *first <= 'Z' && *last >= 'A' && *last <= 'Z')
            ++cases->capitalised[entity];
    };
    // Loose matching: the lemmas of the current sentence's last kLooseSpan words (position,
    // lemma), oldest first.
    std::pair<std::uint32_t, std::uint32_t> recent[kLooseSpan];
    std::uint32_t recent_size = 0;
    const char* previous_end = text.data();
    const auto loose = [&](std::string_view word, std::uint32_t lemma) {
        if (recent_size > 0) {
            for (const char* p = previous_end; p < word.data(); ++p)
                if (*p == '.' || *p == '!' || *p == '?' || *p == ';' || *p == '|') {
                    recent_size = 0;  // a new sentence
                    break;
                }
            std::uint32_t kept = 0;
            for (std::uint32_t i = 0; i < recent_size; ++i)
                if (recent[i].first + kLooseSpan > word_index) recent[kept++] = recent[i];
            recent_size = kept;
        }
        if (lemma == kNoLemma) return;
        if (recent_size == kLooseSpan) {
            std::copy(recent + 1, recent + kLooseSpan, recent);
            --recent_size;
        }
        // The forms with this lemma and one seen lately: a match when their third lemma, if
        // any, was seen too.
        for (std::uint32_t r = 0; r < recent_size; ++r) {
            if (recent[r].second == lemma) continue;
            const std::uint64_t pair = lemma_pair(lemma, recent[r].second);
            const std::size_t bit = pair_bit(pair, pair_filter_.size() * 64);
            if ((pair_filter_[bit / 64] >> (bit % 64) & 1) == 0) continue;
            const std::uint32_t at = pairs_.find(pair);
            if (at == KeyTable::kNoState) continue;
            for (std::uint32_t f = pair_begin_[at]; f < pair_begin_[at + 1]; ++f) {
                const LooseForm& form = pair_forms_[f];
                bool all = true;
                for (std::uint32_t i = 0; i < form.size && all; ++i) {
                    all = form.lemmas[i] == lemma;
                    for (std::uint32_t j = 0; j < recent_size && !all; ++j)
                        all = recent[j].second == form.lemmas[i];
                }
                if (all) entities.push_back(form.entity);
            }
        }
        recent[recent_size++] = {word_index, lemma};
    };
    for_each_word(text, [&](std::string_view word) {
        if (cases != nullptr) starts[word_index % kWordRing] = word.data();
        if (!acronyms_.empty() && is_acronym(word)) {
            const auto it = acronyms_.find(word);
            if (it != acronyms_.end()) {
                entities.insert(entities.end(), it->second.begin(), it->second.end());
                if (cases != nullptr)
                    for (const std::uint32_t entity : it->second)
                        count_case(entity, 1);
            }
        }
        std::uint32_t lemma;
        state = step(state, word, long_word, lemma);
        if (lemma != kNoLemma || recent_size > 0) loose(word, lemma);
        previous_end = word.data() + word.size();
        const Step& matched = steps_[state];
        entities.insert(entities.end(), matches_.begin() + matched.matches_begin,
                        matches_.begin() + matched.matches_end);
        if (cases != nullptr)
            for (std::uint32_t m = matched.matches_begin; m < matched.matches_end; ++m)
                count_case(matches_[m], match_words_[m]);
        ++word_index;
    });
}

}  // namespace signalkg
