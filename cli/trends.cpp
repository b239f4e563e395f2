#include "cli/trends.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/build_files.hpp"
#include "text/escape.hpp"
#include "text/words.hpp"

namespace signalkg::cli {

namespace {

using Value = rapidjson::Value;

std::vector<std::uint32_t> counts(const Value& array) {
    std::vector<std::uint32_t> out;
    for (const Value& v : array.GetArray())
        out.push_back(v.GetUint());
    return out;
}

// The series a name matches: by label or alias, as entities merge (entity_key) or statements
// (normalize_key).
bool named(const Value& series, const std::string& name) {
    const auto same = [&](std::string_view label) {
        return entity_key(label) == entity_key(name) || normalize_key(label) == normalize_key(name);
    };
    if (same(series["label"].GetString())) return true;
    if (series.HasMember("aliases"))
        for (const Value& alias : series["aliases"].GetArray())
            if (same(alias.GetString())) return true;
    return false;
}

double strongest_burst(const Value& series) {
    double most = 0;
    for (const Value& b : series["bursts"].GetArray())
        most = std::max(most, b["strength"].GetDouble());
    return most;
}

// Per period: 1 when the period lies in one of the series' bursts.
std::vector<int> burst_periods(const Value& series, const std::vector<std::string>& periods) {
    std::vector<int> in(periods.size(), 0);
    for (const Value& b : series["bursts"].GetArray()) {
        const auto at = [&](const char* key) {
            return std::find(periods.begin(), periods.end(), b[key].GetString()) - periods.begin();
        };
        for (auto p = at("start"); p <= at("end") && p < std::ptrdiff_t(periods.size()); ++p)
            in[p] = 1;
    }
    return in;
}

void print_table(const Value& s, const std::vector<std::string>& periods,
                 const std::vector<std::uint32_t>& documents) {
    fmt::print("{} ({}): {}; visibility growth {:.2f}, diffusion growth {:.2f}\n",
               s["label"].GetString(), s["kind"].GetString(), s["emergence_class"].GetString(),
               s["visibility_growth"].GetDouble(), s["diffusion_growth"].GetDouble());
    if (s["first_seen"].GetStringLength() > 0)
        fmt::print("  first seen {}, last seen {}\n", s["first_seen"].GetString(),
                   s["last_seen"].GetString());
    const std::vector<std::uint32_t> reports = counts(s["reports"]);
    const std::vector<std::uint32_t> occurrences = counts(s["occurrences"]);
    const std::vector<int> burst = burst_periods(s, periods);
    constexpr std::size_t kPerLine = 12;
    for (std::size_t from = 0; from < periods.size(); from += kPerLine) {
        const std::size_t to = std::min(periods.size(), from + kPerLine);
        std::size_t width = 0;
        for (std::size_t p = from; p < to; ++p)
            width = std::max(width, periods[p].size());
        const auto row = [&](const char* name, const auto& cell) {
            std::string line = fmt::format("  {:<12}", name);
            for (std::size_t p = from; p < to; ++p)
                line += fmt::format(" {:>{}}", cell(p), width);
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            fmt::print("{}\n", line);
        };
        row("period", [&](std::size_t p) { return periods[p]; });
        row("reports", [&](std::size_t p) { return fmt::format("{}", documents[p]); });
        row("naming it", [&](std::size_t p) { return fmt::format("{}", reports[p]); });
        row("occurrences", [&](std::size_t p) { return fmt::format("{}", occurrences[p]); });
        if (std::find(burst.begin(), burst.end(), 1) != burst.end())
            row("burst", [&](std::size_t p) { return std::string(burst[p] ? "*" : ""); });
    }
    std::string bursts;
    for (const Value& b : s["bursts"].GetArray()) {
        const std::string start = b["start"].GetString(), end = b["end"].GetString();
        bursts += fmt::format("{}{}{} (strength {:.2f})", bursts.empty() ? "" : ", ", start,
                              start == end ? "" : " to " + end, b["strength"].GetDouble());
    }
    fmt::print("  bursts: {}\n\n", bursts.empty() ? "none" : bursts);
}

void print_csv_rows(const Value& s, const std::vector<std::string>& periods,
                    const std::vector<std::uint32_t>& documents) {
    const std::vector<std::uint32_t> reports = counts(s["reports"]);
    const std::vector<std::uint32_t> occurrences = counts(s["occurrences"]);
    const std::vector<int> burst = burst_periods(s, periods);
    std::string text;
    for (std::size_t p = 0; p < periods.size(); ++p) {
        for (const char* key : {"kind", "label"}) {
            append_csv_field(text, s[key].GetString());
            text += ',';
        }
        text += fmt::format("{},{},{},{},{},", periods[p], documents[p], reports[p], occurrences[p],
                            burst[p]);
        append_csv_field(text, s["emergence_class"].GetString());
        text += '\n';
    }
    fmt::print("{}", text);
}

// Whether `d` has every member print_trends reads, of the right type and length: a file edited
// or cut short must give a message, never a crash.
bool well_formed(const rapidjson::Document& d) {
    const auto strings = [](const Value& v) {
        return v.IsArray() &&
               std::all_of(v.Begin(), v.End(), [](const Value& x) { return x.IsString(); });
    };
    const auto counts_of = [](const Value& v, rapidjson::SizeType n) {
        return v.IsArray() && v.Size() == n &&
               std::all_of(v.Begin(), v.End(), [](const Value& x) { return x.IsUint(); });
    };
    const auto has = [](const Value& v, const char* key, auto test) {
        return v.IsObject() && v.HasMember(key) && test(v[key]);
    };
    const auto is_string = [](const Value& v) { return v.IsString(); };
    const auto is_number = [](const Value& v) { return v.IsNumber(); };
    if (!has(d, "periods", strings) ||
        !has(d, "series", [](const Value& v) { return v.IsArray(); }) ||
        !has(d, "period", is_string) || !has(d, "burst_rate", is_number) ||
        !has(d, "burst_cost", is_number) ||
        !has(d, "undated", [](const Value& v) { return v.IsUint(); }) ||
        !has(d, "too_late", strings))
        return false;
    const rapidjson::SizeType n = d["periods"].Size();
    if (!has(d, "documents", [&](const Value& v) { return counts_of(v, n); })) return false;
    for (const Value& s : d["series"].GetArray()) {
        for (const char* key : {"label", "kind", "emergence_class", "first_seen", "last_seen"})
            if (!has(s, key, is_string)) return false;
        for (const char* key : {"visibility_growth", "diffusion_growth"})
            if (!has(s, key, is_number)) return false;
        for (const char* key : {"reports", "occurrences"})
            if (!has(s, key, [&](const Value& v) { return counts_of(v, n); })) return false;
        if (s.HasMember("aliases") && !strings(s["aliases"])) return false;
        if (!has(s, "bursts", [&](const Value& bursts) {
                return bursts.IsArray() &&
                       std::all_of(bursts.Begin(), bursts.End(), [&](const Value& b) {
                           return has(b, "start", is_string) && has(b, "end", is_string) &&
                                  has(b, "strength", is_number);
                       });
            }))
            return false;
    }
    return true;
}

}  // namespace

int print_trends(const TrendsOptions& options) {
    rapidjson::Document d;
    if (!read_build_json(options.out, "trends.json", "trends", "series", d)) return 2;
    if (!well_formed(d)) {
        fmt::print(stderr,
                   "signalkg: {}: trends.json is not as signalkg writes it (a member "
                   "missing or of another type): build again\n",
                   options.out);
        return 2;
    }
    std::vector<std::string> periods;
    for (const Value& p : d["periods"].GetArray())
        periods.emplace_back(p.GetString());
    const std::vector<std::uint32_t> documents = counts(d["documents"]);
    const Value& all = d["series"];

    std::vector<const Value*> chosen;
    int status = 0;
    for (const std::string& name : options.names) {
        const std::size_t before = chosen.size();
        for (const Value& s : all.GetArray())
            if (named(s, name)) chosen.push_back(&s);
        if (chosen.size() == before) {
            fmt::print(stderr,
                       "signalkg: no entity, signal, concern or driving force named '{}' "
                       "in {}\n",
                       name, options.out);
            status = 2;
        }
    }
    if (options.names.empty()) {  // the strongest bursts, then the fastest growth
        for (const Value& s : all.GetArray())
            chosen.push_back(&s);
        std::stable_sort(chosen.begin(), chosen.end(), [](const Value* a, const Value* b) {
            const double x = strongest_burst(*a), y = strongest_burst(*b);
            if (x != y) return x > y;
            return (*a)["visibility_growth"].GetDouble() > (*b)["visibility_growth"].GetDouble();
        });
        if (options.top > 0 && chosen.size() > options.top) chosen.resize(options.top);
    }

    if (options.format == "csv") {
        fmt::print("kind,label,period,reports,naming_it,occurrences,burst,emergence_class\n");
        for (const Value* s : chosen)
            print_csv_rows(*s, periods, documents);
        return status;
    }
    fmt::print("{} periods of a {} ({} to {}); bursts: Kleinberg, s = {:g}, γ = {:g}\n",
               periods.size(), d["period"].GetString(), periods.empty() ? "" : periods.front(),
               periods.empty() ? "" : periods.back(), d["burst_rate"].GetDouble(),
               d["burst_cost"].GetDouble());
    // What the periods leave out, said as report.md says it (but not the latest date itself:
    // by default the day of the build, and this output reads the same later).
    std::string left_out;
    if (const unsigned undated = d["undated"].GetUint(); undated > 0)
        left_out = counted(undated, "report has no date", "reports have no date");
    if (const unsigned late = d["too_late"].Size(); late > 0)
        left_out += fmt::format(
            "{}{} after the latest date (the day of the build, or trends: latest_date)",
            left_out.empty() ? "" : "; ", counted(late, "report is dated", "reports are dated"));
    if (!left_out.empty()) fmt::print("Left out of the periods: {}.\n", left_out);
    fmt::print("\n");
    for (const Value* s : chosen)
        print_table(*s, periods, documents);
    return status;
}

}  // namespace signalkg::cli
