#include "graph/entity_matcher.hpp"

#include <algorithm>
#include <deque>

#include "ingest/text.hpp"

namespace signalkg {

std::string fold_word(std::string_view word) {
    std::string w = normalize_key(word);
    const auto ends_with = [&](std::string_view suffix) { return w.ends_with(suffix); };
    if (w.size() > 4 && ends_with("ies")) {
        w.replace(w.size() - 3, 3, "y");
    } else if (w.size() > 3 && ends_with("s") && !ends_with("ss") && !ends_with("us") &&
               !ends_with("is")) {
        w.pop_back();
    }
    return w;
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

std::uint32_t EntityMatcher::token_id(const std::string& folded) const {
    const auto it = vocabulary_.find(folded);
    return it == vocabulary_.end() ? kNoToken : it->second;
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
        const auto [it, fresh] = vocabulary_.emplace(fold_word(w), vocabulary_.size());
        const std::uint32_t token = it->second;
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
            std::uint32_t f = states_[s].failure;
            while (f != 0 && !transitions_.contains((std::uint64_t{f} << 32) | token))
                f = states_[f].failure;
            const auto it = transitions_.find((std::uint64_t{f} << 32) | token);
            const std::uint32_t target = it != transitions_.end() ? it->second : 0;
            states_[child].failure = target;
            states_[child].output_link =
                states_[target].outputs.empty() ? states_[target].output_link : target;
            queue.push_back(child);
        }
    }
}

std::uint32_t EntityMatcher::next_state(std::uint32_t state, std::uint32_t token) const {
    if (token == kNoToken) return 0;
    for (;;) {
        const auto it = transitions_.find((std::uint64_t{state} << 32) | token);
        if (it != transitions_.end()) return it->second;
        if (state == 0) return 0;
        state = states_[state].failure;
    }
}

void EntityMatcher::find(std::string_view text, std::vector<std::uint32_t>& entities) const {
    std::uint32_t state = 0;
    for_each_word(text, [&](std::string_view word) {
        if (!acronyms_.empty() && is_acronym(word)) {
            const auto it = acronyms_.find(std::string(word));
            if (it != acronyms_.end())
                entities.insert(entities.end(), it->second.begin(), it->second.end());
        }
        state = next_state(state, token_id(fold_word(word)));
        for (std::uint32_t s = state; s != 0; s = states_[s].output_link) {
            const auto& out = states_[s].outputs;
            entities.insert(entities.end(), out.begin(), out.end());
        }
    });
}

}  // namespace signalkg
