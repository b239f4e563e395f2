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

    // tail[t][i]: the least cost of periods t..n-1 when in state i at t (moving up costs `up`,
    // down is free). Solved from the end, then the states chosen from the start, each the base
    // state unless the burst state costs strictly less: of several optimal sequences, the one
    // that leaves the burst state first (a burst does not run on through periods with no reports).
    std::vector<std::array<double, 2>> sigma(n), tail(n);
    for (std::size_t t = 0; t < n; ++t) {
        const std::uint32_t d = documents[t], r = std::min(relevant[t], documents[t]);
        sigma[t] = {state_cost(d, r, rate[0]), state_cost(d, r, rate[1])};
    }
    // The state to be in at `t` coming from state `from` (0 before period 0).
    const auto next = [&](std::size_t t, int from) -> std::uint8_t {
        return tail[t][0] <= tail[t][1] + (from == 0 ? up : 0) ? 0 : 1;
    };
    for (std::size_t t = n; t-- > 0;)
        for (int i = 0; i < 2; ++i)
            tail[t][i] =
                sigma[t][i] +
                (t + 1 == n ? 0 : std::min(tail[t + 1][0], tail[t + 1][1] + (i == 0 ? up : 0)));
    for (std::size_t t = 0; t < n; ++t)
        out.state[t] = next(t, t == 0 ? 0 : out.state[t - 1]);
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
