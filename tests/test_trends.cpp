#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>

#include "analysis/bursts.hpp"
#include "analysis/emergence.hpp"
#include "analysis/trends.hpp"
#include "graph/entity_view.hpp"
#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::analysis;
using namespace signalkg::test;

namespace {

// Kleinberg's cost of a state sequence, written again from the paper's definitions (batched
// form): sigma(i, t) = -ln(C(d, r) p_i^r (1 - p_i)^(d - r)), gamma ln n for each move up from
// state 0 (the automaton starts there), moving down free.
double sequence_cost(const std::vector<std::uint32_t>& d, const std::vector<std::uint32_t>& r,
                     const std::vector<int>& states, double s, double gamma) {
    double all = 0, hits = 0;
    for (std::size_t t = 0; t < d.size(); ++t)
        all += d[t], hits += r[t];
    const double p[2] = {hits / all, std::min(s * hits / all, 0.9999)};
    double cost = 0;
    int previous = 0;
    for (std::size_t t = 0; t < d.size(); ++t) {
        const double q = p[states[t]];
        double log_binomial =
            std::lgamma(d[t] + 1.0) - std::lgamma(r[t] + 1.0) - std::lgamma(d[t] - r[t] + 1.0);
        if (r[t] > 0) log_binomial += r[t] * std::log(q);
        if (d[t] > r[t]) log_binomial += (d[t] - r[t]) * std::log(1 - q);
        cost -= log_binomial;
        if (states[t] == 1 && previous == 0) cost += gamma * std::log(double(d.size()));
        previous = states[t];
    }
    return cost;
}

}  // namespace

TEST_CASE("Kleinberg's automaton finds the least-cost state sequence (brute force, n <= 12)") {
    std::mt19937 random(7);
    int unique_optima = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 1 + random() % 12;
        std::vector<std::uint32_t> d(n), r(n);
        for (std::size_t t = 0; t < n; ++t) {
            d[t] = random() % 30;
            r[t] = d[t] == 0 ? 0 : random() % (d[t] + 1) / (1 + random() % 4);
        }
        if (std::accumulate(r.begin(), r.end(), 0u) == 0) r[random() % n] = d[0] = d[0] + 1;
        const double s = trial % 3 == 0 ? 3 : 2, gamma = trial % 2 == 0 ? 1 : 0.5;
        double best = INFINITY, second = INFINITY;
        std::vector<int> best_states;
        for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
            std::vector<int> states(n);
            for (std::size_t t = 0; t < n; ++t)
                states[t] = mask >> t & 1;
            const double cost = sequence_cost(d, r, states, s, gamma);
            if (cost < best) {
                second = best;
                best = cost;
                best_states = states;
            } else if (cost < second) {
                second = cost;
            }
        }
        const BurstStates found = detect_bursts(d, r, {s, gamma});
        std::vector<int> states(found.state.begin(), found.state.end());
        INFO("trial " << trial);
        CHECK(sequence_cost(d, r, states, s, gamma) == Approx(best).epsilon(1e-12));
        if (second - best > 1e-9) {
            ++unique_optima;
            CHECK(states == best_states);
        }
        // Each burst is a maximal run of state 1 with the weight the paper gives it.
        std::size_t in_bursts = 0;
        for (const Burst& b : found.bursts) {
            CHECK(b.weight > 0);
            for (std::uint32_t t = b.start; t <= b.end; ++t) {
                CHECK(states[t] == 1);
                ++in_bursts;
            }
        }
        CHECK(in_bursts == std::size_t(std::count(states.begin(), states.end(), 1)));
    }
    CHECK(unique_optima > 200);
}

TEST_CASE("Kleinberg's automaton, worked by hand") {
    // 10 reports a period for 5 periods; the term is in 1, 1, 6, 7, 1 of them: p0 = 16/50 = 0.32,
    // p1 = 0.64. In a period with r of 10, state 1 costs less than state 0 by
    // r ln(0.64/0.32) + (10 - r) ln(0.36/0.68): 1.61 for r = 6, 2.94 for r = 7, -5.03 for r = 1.
    // Moving up costs ln 5 = 1.61, so periods 2 and 3 are the burst and the others are not.
    const std::vector<std::uint32_t> d = {10, 10, 10, 10, 10}, r = {1, 1, 6, 7, 1};
    const BurstStates found = detect_bursts(d, r, {});
    REQUIRE(found.bursts.size() == 1);
    CHECK(found.bursts[0].start == 2);
    CHECK(found.bursts[0].end == 3);
    const auto gain = [](double r) {  // sigma(0, t) - sigma(1, t) with d = 10
        return r * std::log(0.64 / 0.32) + (10 - r) * std::log(0.36 / 0.68);
    };
    CHECK(gain(6) + gain(7) > std::log(5.0));  // the burst pays for moving up
    CHECK(gain(6) > 0);
    CHECK(gain(1) < 0);
    CHECK(found.bursts[0].weight == Approx(gain(6) + gain(7)));
    // A steady term has no burst; one that never occurs neither.
    CHECK(detect_bursts(d, std::vector<std::uint32_t>{3, 3, 3, 3, 3}, {}).bursts.empty());
    CHECK(detect_bursts(d, std::vector<std::uint32_t>{0, 0, 0, 0, 0}, {}).bursts.empty());
}

TEST_CASE("Yoon's degrees of visibility and diffusion, growth rates and classes") {
    // Three periods of 10, 20 and 10 reports, time weight 0.05: weights 0.9, 0.95, 1.
    const std::vector<std::uint32_t> documents = {10, 20, 10};
    const std::vector<std::vector<std::uint32_t>> tf = {
        {1, 4, 4},    // rising, rare: weak signal
        {5, 20, 12},  // rising, frequent: strong signal
        {2, 2, 1},    // falling, rare: latent signal
        {9, 16, 7},   // falling, frequent: well-known
    };
    const std::vector<std::vector<std::uint32_t>> df = tf;
    const std::vector<Emergence> e = emergence(tf, df, documents, {});
    REQUIRE(e.size() == 4);
    const std::vector<double> visibility = time_weighted_degree(tf[0], documents, {});
    REQUIRE(visibility.size() == 3);
    CHECK(visibility[0] == Approx(0.1 * 0.9));
    CHECK(visibility[1] == Approx(0.2 * 0.95));
    CHECK(visibility[2] == Approx(0.4 * 1.0));
    // In months the time weight is tw / 12 a month, and never below 0.
    EmergenceOptions months;
    months.periods_per_year = 12;
    months.time_weight = 0.5;
    const std::vector<std::uint32_t> monthly(30, 10), once(30, 1);
    const std::vector<double> weighted = time_weighted_degree(once, monthly, months);
    CHECK(weighted[29] == Approx(0.1));
    CHECK(weighted[17] == Approx(0.1 * (1 - 0.5 * 12 / 12.0)));
    CHECK(weighted[0] == 0);  // 29 months before the last: 1 - 0.5 x 29/12 < 0
    const double g0 = ((0.19 - 0.09) / 0.09 + (0.4 - 0.19) / 0.19) / 2;
    CHECK(e[0].visibility_growth == Approx(g0));
    CHECK(e[1].mean_occurrences == Approx(37.0 / 3));
    CHECK(e[0].emergence_class == EmergenceClass::WeakSignal);
    CHECK(e[1].emergence_class == EmergenceClass::StrongSignal);
    CHECK(e[2].emergence_class == EmergenceClass::LatentSignal);
    CHECK(e[3].emergence_class == EmergenceClass::WellKnown);
    CHECK(e[0].issue_class == EmergenceClass::WeakSignal);

    // New in the last period: a rise from 0 counts as 1. In no period: undated, and left out of
    // the medians (the other terms' classes are those without it).
    std::vector<std::vector<std::uint32_t>> more = {tf[0], tf[1], tf[2], tf[3], {0, 0, 3}};
    const std::vector<Emergence> without = emergence(more, more, documents, {});
    more.push_back({0, 0, 0});
    const std::vector<Emergence> with = emergence(more, more, documents, {});
    CHECK(with[4].visibility_growth == Approx(1.0));
    CHECK(with[5].emergence_class == EmergenceClass::Undated);
    for (std::size_t i = 0; i < without.size(); ++i)
        CHECK(with[i].emergence_class == without[i].emergence_class);
}

TEST_CASE("Trends: the period follows the corpus, series count reports and occurrences") {
    CHECK(choose_period("2020-01-05", "2020-12-20", 120) == Period::Month);   // 10 a month
    CHECK(choose_period("2020-01-05", "2021-12-20", 40) == Period::Quarter);  // 5 a quarter
    CHECK(choose_period("2020-01-05", "2025-12-20", 21) == Period::Year);
    CHECK(period_label("2024-11-03", Period::Quarter) == "2024-Q4");
    CHECK(period_label("2024-11-03", Period::Month) == "2024-11");
    CHECK(period_label("4320.0", Period::Year).empty());
    CHECK(period_named("quarter") == Period::Quarter);
    CHECK_FALSE(period_named("week"));

    TempDir dir;
    const auto report = [&](const std::string& name, const std::string& page,
                            const std::string& keywords, const std::string& signal) {
        dir.write(name,
                  "# __" + name + "__, (from page [" + page + "](https://x.org/" + page +
                      ").)\n\n## Keywords\n\n" + keywords +
                      "\n## Signals\n\n| name | description | relevancy |\n|:--|:--|--:|\n| " +
                      signal + " | " + signal + " | 3 |\n");
    };
    report("a.md", "20230105", "* Klarna\n* AI\n", "Klarna bets on AI");
    report("b.md", "20240301", "* AI\n", "AI grows");
    report("c.md", "20250402", "* Klarna\n", "Klarna and AI");
    report("d.md", "4320.0", "* Klarna\n", "Klarna again");    // undated: not in any period
    report("e.md", "20990101", "* Klarna\n", "Klarna later");  // a typed-wrong year
    const Built built = build_from({dir.path().string()});
    const EntityGraph view = build_entity_view(built.graph);
    TrendOptions options;
    options.latest_date = "2026-12-02";
    const Trends trends = analyze_trends(built.graph, view, options);
    CHECK(trends.undated == 1);
    REQUIRE(trends.too_late.size() == 1);
    CHECK(built.graph.reports()[trends.too_late[0]].id == "e");
    CHECK(trends.period == Period::Year);
    CHECK(trends.periods == std::vector<std::string>{"2023", "2024", "2025"});
    CHECK(trends.documents == std::vector<std::uint32_t>{1, 1, 1});
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view))) {
        const std::string& label = built.graph.graph()[view[v].entity].label;
        INFO(label);
        if (label == "Klarna") {
            CHECK(trends.entities.reports[v] == std::vector<std::uint32_t>{1, 0, 1});
            CHECK(trends.entities.occurrences[v] ==
                  std::vector<std::uint32_t>{2, 0, 2});  // keyword + row
        }
        if (label == "AI") {
            CHECK(trends.entities.reports[v] == std::vector<std::uint32_t>{1, 1, 1});
            CHECK(trends.entities.occurrences[v] == std::vector<std::uint32_t>{2, 2, 1});
        }
    }
    options.period = Period::Quarter;
    CHECK(analyze_trends(built.graph, view, options).periods.size() == 10);  // 2023-Q1..2025-Q2
}

TEST_CASE("Trends reach every format: bursts and emergence classes of the example reports") {
    // In the example reports (yearly periods 2023-2026), automation bursts in 2025.
    TempDir dir;
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    write_formats(built.graph, dir.path() / "out",
                  {"graphml", "gexf", "json", "nt", "neo4j", "report"});
    const std::string graphml = read_file(dir.path() / "out/entities.graphml");
    CHECK(graphml.find("attr.name=\"emergence_class\" attr.type=\"string\"") != std::string::npos);
    CHECK(graphml.find("attr.name=\"burst_strength\" attr.type=\"double\"") != std::string::npos);
    const std::string nt = read_file(dir.path() / "out/graph.nt");
    CHECK(nt.find("<https://w3id.org/signalkg/id/entity/automation> "
                  "<https://w3id.org/signalkg/ontology#burstStart> \"2025\" .") !=
          std::string::npos);
    CHECK(nt.find("#emergenceClass> \"weak signal\" .") != std::string::npos);
    CHECK(read_file(dir.path() / "out/entities.gexf").find("for=\"emergence_class\"") !=
          std::string::npos);
    CHECK(read_file(dir.path() / "out/neo4j/node_Entity.csv")
              .find(",burst_start,burst_end,emergence_class,") != std::string::npos);
    const std::string report = read_file(dir.path() / "out/report.json");
    CHECK(report.find("\"burst_start\": \"2025\"") != std::string::npos);
    CHECK(read_file(dir.path() / "out/report.md").find("## Emerging") != std::string::npos);
}

TEST_CASE("Trends are configured by 'trends:', and bad values are refused with the key") {
    const Config config = parse_config(
        "trends:\n  period: quarter\n  burst_rate: 3\n  burst_cost: 0.5\n  time_weight: 0.1\n",
        "c.yaml");
    CHECK(config.trends.period == "quarter");
    CHECK(config.trends.burst_rate == 3);
    CHECK(config.trends.burst_cost == 0.5);
    CHECK(config.trends.time_weight == 0.1);
    CHECK_THROWS_WITH(parse_config("trends:\n  period: week\n", "c.yaml"),
                      Catch::Contains("month, quarter or year"));
    CHECK_THROWS_WITH(parse_config("trends:\n  burst_rate: 1\n", "c.yaml"),
                      Catch::Contains("'trends: burst_rate' must be above 1"));
    CHECK(parse_config("trends:\n  latest_date: 2024-02-29\n", "c.yaml").trends.latest_date ==
          "2024-02-29");
    CHECK_THROWS_WITH(parse_config("trends:\n  latest_date: 2023-02-29\n", "c.yaml"),
                      Catch::Contains("'trends: latest_date' must be a date yyyy-mm-dd"));
    CHECK_THROWS_WITH(parse_config("trends:\n  speed: 1\n", "c.yaml"),
                      Catch::Contains("unknown key 'trends: speed'"));
    // The configured period reaches the analysis.
    Config quarterly = default_config();
    quarterly.trends.period = "quarter";
    TempDir dir;
    write_formats(build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"}, quarterly).graph,
                  dir.path() / "out", {"report"});
    CHECK(read_file(dir.path() / "out/report.json").find("\"period\": \"quarter\"") !=
          std::string::npos);
}
