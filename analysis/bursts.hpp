// Burst detection by Kleinberg's two-state automaton for documents arriving in batches
// ("Bursty and hierarchical structure in streams", KDD 2002, §4; the form CiteSpace uses).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace signalkg::analysis {

struct BurstOptions {
    double s = 2;      // the burst state's rate over the base rate (capped below 1)
    double gamma = 1;  // moving up costs gamma * ln(n); moving down is free
};

struct Burst {
    std::uint32_t start = 0, end = 0;  // periods, both included
    double weight = 0;                 // the sum over its periods of cost(0, t) - cost(1, t)
};

struct BurstStates {
    std::vector<std::uint8_t> state;  // per period: 0 base, 1 burst
    std::vector<Burst> bursts;        // the maximal runs of state 1, in order
};

// For one series: `documents[t]` reports in period t, `relevant[t]` of them about the term.
// Base rate p0 = sum(relevant) / sum(documents), burst rate p1 = min(s * p0, kMaxRate); the cost
// of state i in period t is -ln(C(d, r) p_i^r (1 - p_i)^(d - r)). The automaton starts in state 0;
// the sequence of least total cost is found by dynamic programming (Viterbi's, run from the last
// period); of several, the one in the base state earliest.
BurstStates detect_bursts(std::span<const std::uint32_t> documents,
                          std::span<const std::uint32_t> relevant, const BurstOptions& options);

inline constexpr double kMaxRate = 0.9999;

// The burst of greatest weight (the first of equals), or null when there is none.
inline const Burst* strongest_burst(const BurstStates& states) {
    const Burst* best = nullptr;
    for (const Burst& b : states.bursts)
        if (!best || b.weight > best->weight) best = &b;
    return best;
}

}  // namespace signalkg::analysis
