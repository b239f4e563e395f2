// The spellings seen of each node, to pick its preferred label once everything is read: the
// Assembler keeps them per vertex, and a distributed build merges every rank's at the node's
// owner, in corpus order, with the same rule.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/key_index.hpp"

namespace signalkg {

// All forms lie in one array, each node's linked in the order first seen: a vector per node
// made a million small allocations at 100,000 reports, whose freeing stalled the next stage.
class SurfaceForms {
  public:
    struct Form {
        std::string text;
        std::size_t count;  // times a report spelled it so (a thesaurus spelling counts none)
        bool pinned;        // the thesaurus' own spelling of an entity wins over counts
        std::uint32_t next = UINT32_MAX;  // the node's next form
    };

    // Calls visit(form) for each form of node `v`, in the order first seen.
    template <typename Visit>
    void for_each(std::uint32_t v, Visit&& visit) {
        if (v >= nodes_.size()) return;
        for (std::uint32_t f = nodes_[v].first; f != kNone; f = forms_[f].next)
            visit(forms_[f]);
    }
    template <typename Visit>
    void for_each(std::uint32_t v, Visit&& visit) const {
        if (v >= nodes_.size()) return;
        for (std::uint32_t f = nodes_[v].first; f != kNone; f = forms_[f].next)
            visit(forms_[f]);
    }
    std::size_t nodes() const { return nodes_.size(); }

    // `count` more spellings `text` of node v (pinned: the thesaurus' spelling).
    void add(std::uint32_t v, std::string_view text, bool pinned, std::size_t count) {
        if (nodes_.size() <= v) nodes_.resize(v + 1);
        Node& node = nodes_[v];
        const auto seen = [&](Form& form) {
            form.count += count;
            form.pinned = form.pinned || pinned;
        };
        const auto next = static_cast<std::uint32_t>(forms_.size());
        if (node.size < kIndexFrom) {
            for (std::uint32_t f = node.first; f != kNone; f = forms_[f].next)
                if (forms_[f].text == text) return seen(forms_[f]);
        } else {
            const auto text_of = [&](std::uint32_t f) { return std::string_view(forms_[f].text); };
            const auto [it, fresh_index] = indexed_.try_emplace(v);
            KeyIndex& index = it->second;
            if (fresh_index)  // the forms listed so far
                for (std::uint32_t f = node.first; f != kNone; f = forms_[f].next)
                    index.find_or_insert(forms_[f].text, f, text_of);
            const auto [f, fresh] = index.find_or_insert(text, next, text_of);
            if (!fresh) return seen(forms_[f]);
        }
        forms_.push_back({std::string(text), count, pinned});
        (node.last == kNone ? node.first : forms_[node.last].next) = next;
        node.last = next;
        ++node.size;
    }

    // Node v's forms into `ranked`, the preferred label first: pinned first, then the most
    // frequent, then the first seen. Empty when it has none.
    void by_preference(std::uint32_t v, std::vector<Form*>& ranked) {
        ranked.clear();
        for_each(v, [&](Form& form) { ranked.push_back(&form); });
        std::stable_sort(ranked.begin(), ranked.end(), [](const Form* a, const Form* b) {
            if (a->pinned != b->pinned) return a->pinned;
            return a->count > b->count;
        });
    }

  private:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    struct Node {
        std::uint32_t first = kNone, last = kNone, size = 0;
    };
    std::vector<Form> forms_;
    std::vector<Node> nodes_;
    // A node seen in many spellings gets an index of them (by form number): a search through
    // its list per label made a node spelled in thousands of ways quadratic (scaling_guard.py).
    static constexpr std::size_t kIndexFrom = 16;
    std::unordered_map<std::uint32_t, KeyIndex> indexed_;
};

}  // namespace signalkg
