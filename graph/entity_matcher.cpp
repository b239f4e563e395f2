#include "graph/entity_matcher.hpp"

#include <algorithm>
#include <deque>

#include "ingest/text.hpp"

namespace signalkg {

std::string fold_word(std::string_view word) {
    std::string w;
    fold_word_into(w, word);
    return w;
}

void fold_word_into(std::string& w, std::string_view word) {
    w.clear();
    append_normalized_key(w, word);
    fold_plural(w, 0);
}

std::size_t fold_plural(char* word, std::size_t size) {
    const std::string_view w(word, size);
    if (size > 4 && w.ends_with("ies")) {
        word[size - 3] = 'y';
        return size - 2;
    }
    if (size > 3 && w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("us") &&
        !w.ends_with("is"))
        return size - 1;
    return size;
}

void fold_plural(std::string& text, std::size_t word_start) {
    text.resize(word_start + fold_plural(text.data() + word_start, text.size() - word_start));
}

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
            states_.emplace_back();
        }
        state = child->second;
    }
    auto& outputs = states_[state].outputs;
    if (std::find(outputs.begin(), outputs.end(), entity) == outputs.end())
        outputs.push_back(entity);
}

void EntityMatcher::build() {
    table_.assign(transitions_);
    transitions_ = {};  // the table has them all now
    // Breadth-first: failure links and output links from the parents' ones.
    std::deque<std::uint32_t> queue;
    for (const auto& [token, child] : states_[0].children) {
        states_[child].failure = 0;
        queue.push_back(child);
    }
    while (!queue.empty()) {
        const std::uint32_t s = queue.front();
        queue.pop_front();
        for (const auto& [token, child] : states_[s].children) {
            const std::uint32_t target = next_state(states_[s].failure, token);
            states_[child].failure = target;
            states_[child].output_link =
                states_[target].outputs.empty() ? states_[target].output_link : target;
            queue.push_back(child);
        }
    }
}

void EntityMatcher::TransitionTable::assign(
    const std::unordered_map<std::uint64_t, std::uint32_t>& transitions) {
    std::size_t capacity = 16;
    while (capacity < 2 * transitions.size())
        capacity *= 2;
    slots_.assign(capacity, {UINT64_MAX, kNoState});
    mask_ = capacity - 1;
    for (const auto& [key, state] : transitions) {
        std::size_t slot = hash(key) & mask_;
        while (slots_[slot].first != UINT64_MAX)
            slot = (slot + 1) & mask_;
        slots_[slot] = {key, state};
    }
}

std::uint32_t EntityMatcher::TransitionTable::find(std::uint64_t key) const {
    if (slots_.empty()) return kNoState;
    for (std::size_t slot = hash(key) & mask_;; slot = (slot + 1) & mask_) {
        if (slots_[slot].first == key) return slots_[slot].second;
        if (slots_[slot].first == UINT64_MAX) return kNoState;
    }
}

std::uint32_t EntityMatcher::next_state(std::uint32_t state, std::uint32_t token) const {
    if (token == kNoToken) return 0;
    for (;;) {
        const std::uint32_t next = table_.find((std::uint64_t{state} << 32) | token);
        if (next != TransitionTable::kNoState) return next;
        if (state == 0) return 0;
        state = states_[state].failure;
    }
}

std::string_view EntityMatcher::fold_for_lookup(std::string_view word, ShortWord& buffer,
                                                std::string& long_word) {
    // Most words are short ASCII: lower-cased into `buffer` without a call. fold_word_into, the
    // general path, gives the same result for them.
    if (word.size() <= buffer.size()) {
        unsigned char bits = 0;
        for (std::size_t i = 0; i < word.size(); ++i) {
            const auto c = static_cast<unsigned char>(word[i]);
            bits |= c;
            buffer[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (bits < 0x80) return {buffer.data(), fold_plural(buffer.data(), word.size())};
    }
    fold_word_into(long_word, word);
    return long_word;
}

void EntityMatcher::find(std::string_view text, std::vector<std::uint32_t>& entities) const {
    std::uint32_t state = 0;
    ShortWord buffer;
    std::string long_word;
    for_each_word(text, [&](std::string_view word) {
        if (!acronyms_.empty() && is_acronym(word)) {
            const auto it = acronyms_.find(word);
            if (it != acronyms_.end())
                entities.insert(entities.end(), it->second.begin(), it->second.end());
        }
        state = next_state(state, token_id(fold_for_lookup(word, buffer, long_word)));
        for (std::uint32_t s = state; s != 0; s = states_[s].output_link) {
            const auto& out = states_[s].outputs;
            entities.insert(entities.end(), out.begin(), out.end());
        }
    });
}

}  // namespace signalkg
