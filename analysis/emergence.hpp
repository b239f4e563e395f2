// Emergence classes after Yoon ("Detecting weak signals for long-term business opportunities
// using text mining of Web news", Expert Systems with Applications 39, 2012).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace signalkg::analysis {

// Undated: the term occurs in no period (only in undated reports); it is not placed on a map.
enum class EmergenceClass : std::uint8_t {
    WeakSignal,
    StrongSignal,
    LatentSignal,
    WellKnown,
    Undated
};
inline constexpr std::string_view kEmergenceClassNames[] = {
    "weak signal", "strong signal", "latent signal", "well-known", "undated"};
inline std::string_view emergence_class_name(EmergenceClass c) {
    return kEmergenceClassNames[static_cast<int>(c)];
}

struct EmergenceOptions {
    // tw, per year as in Yoon's yearly periods: a period k years before the last weighs
    // max(0, 1 - tw k). With months, k = (n - 1 - j) / 12: tw = 0.05 per month would weigh every
    // month more than 20 before the last below zero.
    double time_weight = 0.05;
    double periods_per_year = 1;  // 1, 4 or 12
};

// counts[j] / documents[j] time-weighted, per period j (0 where documents[j] = 0): the degree of
// visibility of occurrences, of diffusion of reports.
std::vector<double> time_weighted_degree(const std::vector<std::uint32_t>& counts,
                                         const std::vector<std::uint32_t>& documents,
                                         const EmergenceOptions& options);

struct EmergenceMedians {
    double visibility_growth = 0, diffusion_growth = 0, occurrences = 0, reports = 0;
};

struct Emergence {
    double visibility_growth = 0, diffusion_growth = 0;             // average increase rates
    double mean_occurrences = 0, mean_reports = 0;                  // per period
    EmergenceClass emergence_class = EmergenceClass::LatentSignal;  // keyword emergence map
    EmergenceClass issue_class = EmergenceClass::LatentSignal;      // keyword issue map
};

// For each term i: `occurrences[i][j]` (TF) and `reports[i][j]` (DF) in period j, of
// `documents[j]` (NN) reports in all. DoV_ij = TF_ij / NN_j * max(0, 1 - tw (n - 1 - j) / ppy) for
// periods j = 0..n-1 (0 where NN_j = 0), DoD likewise with DF. A growth rate is the mean of (X_j -
// X_j-1) / X_j-1 over the periods j >= 1, where a rise from 0 counts as 1 (a term new in a period
// doubles, rather than grows without bound) and two zeros in a row are left out; 0 when no period
// is left. The emergence map places a term by its growth of DoV against its mean TF, the issue map
// by DoD against mean DF, each axis split at the median of the terms that occur in some period (the
// others are Undated): high growth and low frequency is a weak signal, high and high a strong
// signal, low and low a latent signal, low growth and high frequency well-known (a value equal to
// the median counts as low). `medians`, when given, receives where the maps split their axes.
std::vector<Emergence> emergence(const std::vector<std::vector<std::uint32_t>>& occurrences,
                                 const std::vector<std::vector<std::uint32_t>>& reports,
                                 const std::vector<std::uint32_t>& documents,
                                 const EmergenceOptions& options,
                                 EmergenceMedians* medians = nullptr);

}  // namespace signalkg::analysis
