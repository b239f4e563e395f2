#include "exporters/trends.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "text/escape.hpp"

namespace signalkg {

void write_trends_json(const ViewSource& source, const AnalysedView& analysed,
                       const std::filesystem::path& file, DeferredCommits* deferred) {
    const analysis::Trends& t = analysed.analysis.trends;
    const Config::Trends& config = source.graph().config().trends;
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    const auto string = [&](std::string_view s) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    };
    const auto key = string;
    const auto uints = [&](const std::vector<std::uint32_t>& values) {
        w.StartArray();
        for (const std::uint32_t v : values)
            w.Uint(v);
        w.EndArray();
    };
    w.StartObject();
    key("period"), string(analysis::kPeriodNames[static_cast<int>(t.period)]);
    key("periods"), w.StartArray();
    for (const std::string& p : t.periods)
        string(p);
    w.EndArray();
    key("documents"), uints(t.documents);
    key("undated"), w.Uint64(t.undated);
    key("latest_date"), string(t.latest_date);
    key("too_late"), w.StartArray();
    for (const std::uint32_t r : t.too_late)
        string(source.report(r).id);
    w.EndArray();
    key("burst_rate"), w.Double(config.burst_rate);
    key("burst_cost"), w.Double(config.burst_cost);
    key("time_weight"), w.Double(config.time_weight);
    key("series"), w.StartArray();
    for (const analysis::TermSeries* series : {&t.entities, &t.statements}) {
        for (std::size_t i = 0; i < series->size(); ++i) {
            const NodeFacts n = source.node(series->nodes[i]);
            w.StartObject();
            key("id"), string(n.iri);
            key("kind"), string(node_kind_name(n.kind));
            key("label"), string(n.label);
            if (!n.alt_labels.empty()) {
                key("aliases"), w.StartArray();
                for (const std::string& alias : n.alt_labels)
                    string(alias);
                w.EndArray();
            }
            key("first_seen"), string(series->first_seen[i]);
            key("last_seen"), string(series->last_seen[i]);
            key("reports"), uints(series->reports[i]);
            key("occurrences"), uints(series->occurrences[i]);
            key("bursts"), w.StartArray();
            for (const analysis::Burst& b : series->bursts[i].bursts) {
                w.StartObject();
                key("start"), string(t.periods[b.start]);
                key("end"), string(t.periods[b.end]);
                key("strength"), w.Double(b.weight);
                w.EndObject();
            }
            w.EndArray();
            const analysis::Emergence& e = series->emergence[i];
            key("emergence_class"), string(analysis::emergence_class_name(e.emergence_class));
            key("issue_class"), string(analysis::emergence_class_name(e.issue_class));
            key("visibility_growth"), w.Double(e.visibility_growth);
            key("diffusion_growth"), w.Double(e.diffusion_growth);
            key("mean_occurrences"), w.Double(e.mean_occurrences);
            key("mean_reports"), w.Double(e.mean_reports);
            w.EndObject();
        }
    }
    w.EndArray();
    key("new_pairs"), w.StartArray();
    for (const analysis::NewPair& p : t.new_pairs) {
        w.StartObject();
        key("source"), string(source.node(analysed.view[p.a].entity).iri);
        key("target"), string(source.node(analysed.view[p.b].entity).iri);
        key("weight"), w.Double(p.weight);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    buffer.Put('\n');
    write_file_atomically(file, std::string_view(buffer.GetString(), buffer.GetSize()), false,
                          deferred);
}

namespace {

using analysis::EmergenceClass;

// An SVG document under construction; every text goes through append_xml_escaped.
class Svg {
  public:
    Svg(double width, double height) {
        out_ = fmt::format(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
            "viewBox=\"0 0 {0} {1}\" font-family=\"Helvetica, Arial, sans-serif\" "
            "font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
            width, height);
    }
    // `attributes` are the program's own, never report text.
    void text(double x, double y, std::string_view text, std::string_view attributes = "") {
        out_ += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {}>", x, y, attributes);
        append_xml_escaped(out_, text);
        out_ += "</text>\n";
    }
    void line(double x1, double y1, double x2, double y2, std::string_view attributes) {
        out_ += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" {}/>\n",
                            x1, y1, x2, y2, attributes);
    }
    void rect(double x, double y, double w, double h, std::string_view fill,
              std::string_view title = "") {
        out_ += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"", x, y,
            w, h, fill);
        close("rect", title);
    }
    void circle(double x, double y, double r, std::string_view fill, std::string_view title) {
        out_ += fmt::format(
            "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"{}\" fill-opacity=\"0.6\"", x, y,
            r, fill);
        close("circle", title);
    }
    std::string finish() {
        out_ += "</svg>\n";
        return std::move(out_);
    }

  private:
    // Ends an element; a title becomes its tooltip.
    void close(std::string_view element, std::string_view title) {
        if (title.empty()) {
            out_ += "/>\n";
            return;
        }
        out_ += "><title>";
        append_xml_escaped(out_, title);
        out_ += fmt::format("</title></{}>\n", element);
    }
    std::string out_;
};

constexpr const char* kClassColors[] = {"#d62728", "#ff7f0e", "#7f7f7f", "#1f77b4"};

// Ticks 1, 2, 5 x 10^k between lo and hi (both > 0).
std::vector<double> log_ticks(double lo, double hi) {
    std::vector<double> ticks;
    for (double decade = std::pow(10, std::floor(std::log10(lo))); decade <= hi; decade *= 10)
        for (const double m : {1.0, 2.0, 5.0})
            if (m * decade >= lo && m * decade <= hi) ticks.push_back(m * decade);
    return ticks;
}

// Round values between lo and hi for an axis in asinh scale (linear near 0, logarithmic
// beyond 1 either way: growth rates run from -1 to tens).
std::vector<double> asinh_ticks(double lo, double hi) {
    std::vector<double> ticks;
    for (const double v :
         {-1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0})
        if (v >= lo && v <= hi) ticks.push_back(v);
    return ticks;
}

}  // namespace

std::string emergence_map_svg(const ViewSource& source, const AnalysedView& analysed) {
    const analysis::TermSeries& s = analysed.analysis.trends.entities;
    constexpr double kWidth = 960, kHeight = 640, kLeft = 70, kRight = 30, kTop = 50, kBottom = 60,
                     kCharWidth = 6.2;
    Svg svg(kWidth, kHeight);
    std::vector<std::size_t> placed;  // dated entities
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.emergence[i].mean_occurrences > 0) placed.push_back(i);
    svg.text(kLeft, 28,
             "Keyword emergence map (Yoon 2012): growth of visibility against mean occurrences "
             "per period",
             "font-size=\"14\" font-weight=\"bold\"");
    if (placed.empty()) {
        svg.text(kLeft, kTop + 40, "No entity occurs in a dated report.");
        return svg.finish();
    }
    double x_lo = INFINITY, x_hi = 0, y_lo = 0, y_hi = 0;
    for (const std::size_t i : placed) {
        x_lo = std::min(x_lo, s.emergence[i].mean_occurrences);
        x_hi = std::max(x_hi, s.emergence[i].mean_occurrences);
        y_lo = std::min(y_lo, s.emergence[i].visibility_growth);
        y_hi = std::max(y_hi, s.emergence[i].visibility_growth);
    }
    x_lo /= 1.3, x_hi *= 1.3;
    y_lo = std::asinh(y_lo), y_hi = std::asinh(std::max(y_hi, 1.0));
    const double y_pad = (y_hi - y_lo) * 0.05;
    y_lo -= y_pad, y_hi += y_pad;
    const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
    const auto x_of = [&](double v) {
        return kLeft + (std::log(v) - std::log(x_lo)) / (std::log(x_hi) - std::log(x_lo)) * plot_w;
    };
    const auto y_of = [&](double v) {
        return kTop + (y_hi - std::asinh(v)) / (y_hi - y_lo) * plot_h;
    };

    svg.rect(kLeft, kTop, plot_w, plot_h, "#fafafa");
    for (const double tick : log_ticks(x_lo, x_hi)) {
        svg.line(x_of(tick), kTop + plot_h, x_of(tick), kTop + plot_h + 5, "stroke=\"#444\"");
        svg.text(x_of(tick), kTop + plot_h + 18, fmt::format("{:g}", tick),
                 "text-anchor=\"middle\"");
    }
    for (const double tick : asinh_ticks(std::sinh(y_lo), std::sinh(y_hi))) {
        svg.line(kLeft - 5, y_of(tick), kLeft, y_of(tick), "stroke=\"#444\"");
        svg.text(kLeft - 8, y_of(tick) + 4, fmt::format("{:g}", tick), "text-anchor=\"end\"");
    }
    svg.text(kLeft + plot_w / 2, kHeight - 18, "mean occurrences per period (log scale)",
             "text-anchor=\"middle\"");
    svg.text(18, kTop + plot_h / 2, "growth of visibility (mean rate per period, asinh scale)",
             fmt::format("text-anchor=\"middle\" transform=\"rotate(-90 18 {:.1f})\"",
                         kTop + plot_h / 2));
    const double mx = x_of(s.medians.occurrences), my = y_of(s.medians.visibility_growth);
    svg.line(mx, kTop, mx, kTop + plot_h, "stroke=\"#999\" stroke-dasharray=\"4 3\"");
    svg.line(kLeft, my, kLeft + plot_w, my, "stroke=\"#999\" stroke-dasharray=\"4 3\"");
    const auto corner = [&](double x, double y, EmergenceClass c, const char* anchor) {
        svg.text(x, y,
                 std::string(analysis::emergence_class_name(c)) +
                     std::string(c == EmergenceClass::WellKnown ? "" : "s"),
                 fmt::format("text-anchor=\"{}\" font-size=\"13\" fill=\"{}\"", anchor,
                             kClassColors[static_cast<int>(c)]));
    };
    corner(kLeft + 8, kTop + 18, EmergenceClass::WeakSignal, "start");
    corner(kLeft + plot_w - 8, kTop + 18, EmergenceClass::StrongSignal, "end");
    corner(kLeft + 8, kTop + plot_h - 8, EmergenceClass::LatentSignal, "start");
    corner(kLeft + plot_w - 8, kTop + plot_h - 8, EmergenceClass::WellKnown, "end");

    for (const std::size_t i : placed) {
        const analysis::Emergence& e = s.emergence[i];
        svg.circle(x_of(e.mean_occurrences), y_of(e.visibility_growth), 3.5,
                   kClassColors[static_cast<int>(e.emergence_class)],
                   source.node(s.nodes[i]).label);
    }

    // Names: per class the entities farthest from the medians (in plot units), placed greedily
    // where they overlap no name already placed.
    std::vector<std::pair<double, std::size_t>> ranked;
    for (const std::size_t i : placed) {
        const analysis::Emergence& e = s.emergence[i];
        const double dx = (x_of(e.mean_occurrences) - mx) / plot_w;
        const double dy = (y_of(e.visibility_growth) - my) / plot_h;
        ranked.emplace_back(-(dx * dx + dy * dy), i);
    }
    std::sort(ranked.begin(), ranked.end());
    struct Box {
        double x0, y0, x1, y1;
    };
    std::vector<Box> boxes;
    std::size_t per_class[4] = {};
    constexpr std::size_t kNamesPerClass[] = {8, 8, 4, 8};  // latent signals: the least telling
    for (const auto& [distance, i] : ranked) {
        const analysis::Emergence& e = s.emergence[i];
        const auto c = static_cast<std::size_t>(e.emergence_class);
        if (c >= 4 || per_class[c] == kNamesPerClass[c]) continue;
        const std::string label(source.node(s.nodes[i]).label);
        const double x = x_of(e.mean_occurrences), y = y_of(e.visibility_growth);
        const double w = kCharWidth * static_cast<double>(std::min<std::size_t>(label.size(), 40));
        // To the right of the point, else to its left.
        const auto free = [&](const Box& box) {
            return box.x0 >= kLeft && box.x1 <= kLeft + plot_w &&
                   std::none_of(boxes.begin(), boxes.end(), [&](const Box& b) {
                       return box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1;
                   });
        };
        const Box right{x + 6, y - 9, x + 6 + w, y + 3}, left{x - 6 - w, y - 9, x - 6, y + 3};
        const bool on_right = free(right);
        if (!on_right && !free(left)) continue;
        boxes.push_back(on_right ? right : left);
        ++per_class[c];
        svg.text(on_right ? x + 6 : x - 6, y + 2,
                 label.size() > 40 ? label.substr(0, 39) + "…" : label,
                 on_right ? "" : "text-anchor=\"end\"");
    }
    return svg.finish();
}

std::string bursts_svg(const ViewSource& source, const AnalysedView& analysed, std::size_t top) {
    const analysis::Trends& t = analysed.analysis.trends;
    const analysis::TermSeries& s = t.entities;
    const analysis::Result& r = analysed.analysis;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (r.burst_strength[i] > 0) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return r.burst_strength[a] > r.burst_strength[b];
    });
    if (order.size() > top) order.resize(top);
    constexpr double kLabelWidth = 220, kRow = 30, kTop = 44, kBarsWidth = 640, kBottom = 40;
    const std::size_t n = t.periods.size();
    const double height = kTop + kRow * double(std::max<std::size_t>(order.size(), 1)) + kBottom;
    Svg svg(kLabelWidth + kBarsWidth + 20, height);
    svg.text(10, 24,
             "The strongest bursts (Kleinberg): share of each period's reports, bursts in red",
             "font-size=\"14\" font-weight=\"bold\"");
    if (order.empty() || n == 0) {
        svg.text(10, kTop + 20, "No entity bursts.");
        return svg.finish();
    }
    const double slot = kBarsWidth / double(n), bar = std::max(1.0, slot * 0.8);
    for (std::size_t row = 0; row < order.size(); ++row) {
        const std::size_t i = order[row];
        const double base = kTop + kRow * double(row + 1) - 6;
        const std::string label(source.node(s.nodes[i]).label);
        svg.text(kLabelWidth - 8, base - 4, label.size() > 34 ? label.substr(0, 33) + "…" : label,
                 "text-anchor=\"end\"");
        double most = 0;
        for (std::size_t p = 0; p < n; ++p)
            if (t.documents[p]) most = std::max(most, double(s.reports[i][p]) / t.documents[p]);
        for (std::size_t p = 0; p < n; ++p) {
            const double share = t.documents[p] ? double(s.reports[i][p]) / t.documents[p] : 0;
            const double h = most > 0 ? share / most * (kRow - 10) : 0;
            svg.rect(
                kLabelWidth + slot * double(p), base - std::max(h, 0.5), bar, std::max(h, 0.5),
                s.bursts[i].state[p] ? "#d62728" : "#9aa5b1",
                fmt::format("{}: {} of {} reports", t.periods[p], s.reports[i][p], t.documents[p]));
        }
    }
    const double axis = kTop + kRow * double(order.size()) + 4;
    const std::size_t every =
        std::max<std::size_t>(1, (n * 60 + std::size_t(kBarsWidth) - 1) / std::size_t(kBarsWidth));
    for (std::size_t p = 0; p < n; p += every)
        svg.text(kLabelWidth + slot * (double(p) + 0.4), axis + 14, t.periods[p],
                 "text-anchor=\"middle\" font-size=\"10\"");
    return svg.finish();
}

}  // namespace signalkg
