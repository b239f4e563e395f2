// Indices by string key: an open-addressing table of (hash, index) pairs. The keys stay with
// the caller (`key_of(index)`: a node's merge key, a report's id, a word), so each is stored
// once, and a probe compares hashes before it touches a key. Assembly looks up every label of
// every report, millions of times at 100,000 reports; a node-based std::unordered_map made
// that its slowest step.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace signalkg {

class KeyIndex {
  public:
    static constexpr std::uint32_t kMissing = UINT32_MAX;

    // The index of `key`, or kMissing.
    template <typename KeyOf>
    std::uint32_t find(std::string_view key, const KeyOf& key_of) const {
        if (slots_.empty()) return kMissing;
        const std::uint32_t hash = hash_of(key);
        for (std::size_t i = hash & mask(); slots_[i].index != kMissing; i = (i + 1) & mask())
            if (slots_[i].hash == hash && key_of(slots_[i].index) == key) return slots_[i].index;
        return kMissing;
    }

    // The index of `key`; when there is none, `fresh` becomes it (and the bool is true).
    template <typename KeyOf>
    std::pair<std::uint32_t, bool> find_or_insert(std::string_view key, std::uint32_t fresh,
                                                  const KeyOf& key_of) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::uint32_t hash = hash_of(key);
        std::size_t i = hash & mask();
        for (; slots_[i].index != kMissing; i = (i + 1) & mask())
            if (slots_[i].hash == hash && key_of(slots_[i].index) == key)
                return {slots_[i].index, false};
        slots_[i] = {hash, fresh};
        ++size_;
        return {fresh, true};
    }

    std::size_t size() const { return size_; }

    // Inline and eight bytes a step (std::hash is an out-of-line call, and assembly hashes
    // every label of every report).
    static std::uint32_t hash_of(std::string_view key) {
        const auto load = [](const char* p, std::size_t n) {  // n <= 8 bytes, little end first
            std::uint64_t word = 0;
            std::memcpy(&word, p, n);
            return word;
        };
        const char* p = key.data();
        std::size_t n = key.size();
        std::uint64_t h = n;
        for (; n > 8; n -= 8, p += 8)
            h = mix(h, load(p, 8));
        // The last 1..8 bytes: two overlapping 4-byte loads, or the bytes one by one.
        std::uint64_t tail = 0;
        if (n >= 4)
            tail = load(p, 4) << 32 | load(p + n - 4, 4);
        else if (n > 0)
            tail = std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
                   std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                   static_cast<unsigned char>(p[n - 1]);
        h = mix(h, tail);
        return static_cast<std::uint32_t>(h ^ (h >> 32));
    }

    // Mixes two 64-bit words into one: a multiplication into 128 bits, its halves folded.
    static std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
        __extension__ using Wide = unsigned __int128;  // GCC and Clang on 64-bit targets
        const Wide product =
            static_cast<Wide>(a ^ 0xA0761D6478BD642Full) * (b ^ 0xE7037ED1A0B428DBull);
        return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
    }

  private:
    struct Slot {
        std::uint32_t hash;  // its low bits place the slot, all of them filter mismatches
        std::uint32_t index = kMissing;
    };
    std::size_t mask() const { return slots_.size() - 1; }

    void grow() {
        std::vector<Slot> old(slots_.empty() ? 16 : 2 * slots_.size());
        old.swap(slots_);
        for (const Slot& s : old) {
            if (s.index == kMissing) continue;
            std::size_t i = s.hash & mask();
            while (slots_[i].index != kMissing)
                i = (i + 1) & mask();
            slots_[i] = s;
        }
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace signalkg
