#include "analysis/emergence.hpp"

#include <algorithm>

namespace signalkg::analysis {

namespace {

void degree(const std::vector<std::uint32_t>& counts, const std::vector<std::uint32_t>& documents,
            const EmergenceOptions& options, std::vector<double>& out) {
    const std::size_t n = documents.size();
    out.assign(n, 0);
    for (std::size_t j = 0; j < n && j < counts.size(); ++j)
        if (documents[j] > 0)
            out[j] = double(counts[j]) / documents[j] *
                     std::max(0.0, 1 - options.time_weight * double(n - 1 - j) /
                                           options.periods_per_year);
}

double growth(const std::vector<double>& values) {
    double sum = 0;
    std::size_t periods = 0;
    for (std::size_t j = 1; j < values.size(); ++j) {
        if (values[j - 1] > 0) {
            sum += (values[j] - values[j - 1]) / values[j - 1];
        } else if (values[j] > 0) {
            sum += 1;  // new in period j
        } else {
            continue;
        }
        ++periods;
    }
    return periods > 0 ? sum / periods : 0;
}

double mean(const std::vector<std::uint32_t>& counts, std::size_t n) {
    double sum = 0;
    for (const std::uint32_t c : counts)
        sum += c;
    return n > 0 ? sum / n : 0;
}

// The median of `values` (the mean of the middle two for an even count).
double median(std::vector<double> values) {
    if (values.empty()) return 0;
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + mid, values.end());
    if (values.size() % 2 == 1) return values[mid];
    const double upper = values[mid];
    return (*std::max_element(values.begin(), values.begin() + mid) + upper) / 2;
}

EmergenceClass classify(double rate, double rate_median, double frequency,
                        double frequency_median) {
    const bool rising = rate > rate_median, frequent = frequency > frequency_median;
    if (rising) return frequent ? EmergenceClass::StrongSignal : EmergenceClass::WeakSignal;
    return frequent ? EmergenceClass::WellKnown : EmergenceClass::LatentSignal;
}

}  // namespace

std::vector<double> time_weighted_degree(const std::vector<std::uint32_t>& counts,
                                         const std::vector<std::uint32_t>& documents,
                                         const EmergenceOptions& options) {
    std::vector<double> out;
    degree(counts, documents, options, out);
    return out;
}

std::vector<Emergence> emergence(const std::vector<std::vector<std::uint32_t>>& occurrences,
                                 const std::vector<std::vector<std::uint32_t>>& reports,
                                 const std::vector<std::uint32_t>& documents,
                                 const EmergenceOptions& options, EmergenceMedians* medians) {
    const std::size_t terms = std::min(occurrences.size(), reports.size()), n = documents.size();
    std::vector<Emergence> out(terms);
    std::vector<double> visibility_growth, diffusion_growth, tf, df;  // of the dated terms
    std::vector<double> visibility, diffusion;                        // of one term
    for (std::size_t i = 0; i < terms; ++i) {
        Emergence& e = out[i];
        degree(occurrences[i], documents, options, visibility);
        degree(reports[i], documents, options, diffusion);
        e.visibility_growth = growth(visibility);
        e.diffusion_growth = growth(diffusion);
        e.mean_occurrences = mean(occurrences[i], n);
        e.mean_reports = mean(reports[i], n);
        if (e.mean_occurrences == 0) continue;
        visibility_growth.push_back(e.visibility_growth);
        diffusion_growth.push_back(e.diffusion_growth);
        tf.push_back(e.mean_occurrences);
        df.push_back(e.mean_reports);
    }
    const double vg = median(visibility_growth), dg = median(diffusion_growth);
    const double tf_median = median(tf), df_median = median(df);
    if (medians) *medians = {vg, dg, tf_median, df_median};
    for (Emergence& e : out) {
        if (e.mean_occurrences == 0) {
            e.emergence_class = e.issue_class = EmergenceClass::Undated;
            continue;
        }
        e.emergence_class = classify(e.visibility_growth, vg, e.mean_occurrences, tf_median);
        e.issue_class = classify(e.diffusion_growth, dg, e.mean_reports, df_median);
    }
    return out;
}

}  // namespace signalkg::analysis
