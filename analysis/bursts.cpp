#include "analysis/bursts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace signalkg::analysis {

namespace {

// -ln( C(d, r) p^r (1 - p)^(d - r) ), with 0 ln 0 = 0.
double state_cost(std::uint32_t d, std::uint32_t r, double p) {
    const double choose = std::lgamma(d + 1.0) - std::lgamma(r + 1.0) - std::lgamma(d - r + 1.0);
    const double hits = r > 0 ? r * std::log(p) : 0.0;
    const double misses = d > r ? (d - r) * std::log1p(-p) : 0.0;
    return -(choose + hits + misses);
}

}  // namespace

BurstStates detect_bursts(std::span<const std::uint32_t> documents,
                          std::span<const std::uint32_t> relevant, const BurstOptions& options) {
    const std::size_t n = std::min(documents.size(), relevant.size());
    BurstStates out;
    out.state.assign(n, 0);
    const double all = std::accumulate(documents.begin(), documents.begin() + n, 0.0);
    const double hits = std::accumulate(relevant.begin(), relevant.begin() + n, 0.0);
    if (n == 0 || all == 0 || hits == 0) return out;
    const std::array<double, 2> rate = {hits / all, std::min(options.s * hits / all, kMaxRate)};
    if (rate[1] <= rate[0]) return out;  // no burst rate above the base rate
    const double up = options.gamma * std::log(static_cast<double>(n));

    // Viterbi: cost[i] = the least cost of periods 0..t ending in state i; from[t][i] = the
    // state before it on that path.
    std::vector<std::array<std::uint8_t, 2>> from(n);
    std::array<double, 2> cost = {0, up};  // before period 0: in state 0, state 1 costs moving up
    std::vector<std::array<double, 2>> sigma(n);
    for (std::size_t t = 0; t < n; ++t) {
        const std::uint32_t d = documents[t], r = std::min(relevant[t], documents[t]);
        sigma[t] = {state_cost(d, r, rate[0]), state_cost(d, r, rate[1])};
        std::array<double, 2> next;
        if (t == 0) {
            next = {cost[0] + sigma[t][0], cost[1] + sigma[t][1]};
            from[t] = {0, 0};
        } else {
            // Into state 0: from 0, or down from 1 (free); into 1: up from 0, or stay.
            const bool down = cost[1] < cost[0];
            next[0] = (down ? cost[1] : cost[0]) + sigma[t][0];
            from[t][0] = down ? 1 : 0;
            const bool stay = cost[1] <= cost[0] + up;
            next[1] = (stay ? cost[1] : cost[0] + up) + sigma[t][1];
            from[t][1] = stay ? 1 : 0;
        }
        cost = next;
    }
    std::uint8_t state = cost[1] < cost[0] ? 1 : 0;
    for (std::size_t t = n; t-- > 0;) {
        out.state[t] = state;
        state = from[t][state];
    }
    for (std::size_t t = 0; t < n; ++t) {
        if (out.state[t] == 0) continue;
        if (t == 0 || out.state[t - 1] == 0)
            out.bursts.push_back({static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(t), 0});
        out.bursts.back().end = static_cast<std::uint32_t>(t);
        out.bursts.back().weight += sigma[t][0] - sigma[t][1];
    }
    return out;
}

}  // namespace signalkg::analysis
