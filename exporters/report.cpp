#include "exporters/report.hpp"

#include "text/escape.hpp"
#include "text/words.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "exporters/atomic_file.hpp"

namespace signalkg {

namespace {

// The `top` entries of a per-vertex measure, highest first (ties: lower vertex first).
template <typename Values>
std::vector<RankedItem> top_of(const ViewSource& source, const EntityGraph& view,
                               const Values& values, std::size_t top) {
    std::vector<std::uint32_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t count = std::min(top, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count),
                      order.end(), [&](std::uint32_t a, std::uint32_t b) {
                          return values[a] != values[b] ? values[a] > values[b] : a < b;
                      });
    std::vector<RankedItem> items;
    for (std::size_t i = 0; i < count; ++i)
        items.push_back({std::string(source.node(view[order[i]].entity).label),
                         static_cast<double>(values[order[i]])});
    return items;
}

// A term of a series over time, from what analyze_trends found.
EmergingTerm emerging(const ViewSource& source, const analysis::Trends& t,
                      const analysis::TermSeries& series, std::size_t i) {
    EmergingTerm e;
    const NodeFacts node = source.node(series.nodes[i]);
    e.label = node.label;
    e.kind = node_kind_name(node.kind);
    if (const analysis::Burst* strongest = analysis::strongest_burst(series.bursts[i])) {
        e.burst_start = t.periods[strongest->start];
        e.burst_end = t.periods[strongest->end];
        e.burst_weight = strongest->weight;
    }
    const analysis::Emergence& em = series.emergence[i];
    e.emergence_class = analysis::emergence_class_name(em.emergence_class);
    e.visibility_growth = em.visibility_growth;
    e.mean_occurrences = em.mean_occurrences;
    e.reports = series.reports[i];
    return e;
}

// The report's view of the trends: the entities with the strongest bursts, the fastest-growing
// weak signals, how many entities each emergence class holds, the recurring statements that
// rise, and the entity pairs new in the last period.
void add_trends(const ViewSource& source, const AnalysedView& analysed, std::size_t top,
                ReportData& d) {
    const KnowledgeGraph& kg = source.graph();
    const analysis::Trends& t = analysed.analysis.trends;
    d.period = analysis::kPeriodNames[static_cast<int>(t.period)];
    d.periods = t.periods;
    d.period_documents = t.documents;
    d.burst_rate = kg.config().trends.burst_rate;
    d.burst_cost = kg.config().trends.burst_cost;
    d.undated = t.undated;
    d.latest_date = t.latest_date;
    for (const std::uint32_t r : t.too_late)
        d.too_late.emplace_back(source.report(r).id, source.report(r).date);
    // Ties in label order (`all` is in view order, which follows the full view's).
    const auto by_label = [](const EmergingTerm& a, const EmergingTerm& b) {
        return a.label < b.label;
    };
    const auto by_burst = [](const auto& a, const auto& b) {
        return a.burst_weight > b.burst_weight;
    };
    const auto by_growth = [](const auto& a, const auto& b) {
        return a.visibility_growth > b.visibility_growth;
    };
    std::vector<EmergingTerm> all;
    std::map<std::string, std::size_t> classes;
    for (std::uint32_t v = 0; v < t.entities.size(); ++v) {
        all.push_back(emerging(source, t, t.entities, v));
        ++classes[all.back().emergence_class];
    }
    for (const std::string_view name : analysis::kEmergenceClassNames)
        d.emergence_classes.emplace_back(name, classes[std::string(name)]);
    std::sort(all.begin(), all.end(), by_label);
    for (const EmergingTerm& e : all) {
        if (e.burst_weight > 0) d.bursting.push_back(e);
        // One report cannot show a term growing: its series is a rise from 0 and nothing else.
        const auto reports = std::accumulate(e.reports.begin(), e.reports.end(), 0u);
        if (e.emergence_class == "weak signal" && reports >= 2) d.weak_signals.push_back(e);
    }
    std::stable_sort(d.bursting.begin(), d.bursting.end(), by_burst);
    std::stable_sort(d.weak_signals.begin(), d.weak_signals.end(), by_growth);
    if (d.bursting.size() > top) d.bursting.resize(top);
    if (d.weak_signals.size() > top) d.weak_signals.resize(top);

    d.recurring_statements = t.statements.size();
    std::vector<EmergingTerm> bursting, growing;
    for (std::uint32_t i = 0; i < t.statements.size(); ++i) {
        EmergingTerm e = emerging(source, t, t.statements, i);
        if (e.burst_weight > 0) {
            bursting.push_back(std::move(e));
        } else if (e.visibility_growth > 0) {
            growing.push_back(std::move(e));
        }
    }
    std::sort(bursting.begin(), bursting.end(), by_label);
    std::sort(growing.begin(), growing.end(), by_label);
    std::stable_sort(bursting.begin(), bursting.end(), by_burst);
    std::stable_sort(growing.begin(), growing.end(), by_growth);
    d.rising_statements = std::move(bursting);
    d.rising_statements.insert(d.rising_statements.end(), growing.begin(), growing.end());
    if (d.rising_statements.size() > top) d.rising_statements.resize(top);

    for (const analysis::NewPair& p : t.new_pairs) {
        if (d.new_pairs.size() == top) break;
        d.new_pairs.emplace_back(source.node(analysed.view[p.a].entity).label,
                                 source.node(analysed.view[p.b].entity).label, p.weight);
    }
}

}  // namespace

ReportData make_report(const ViewSource& source, const AnalysedView& analysed, std::size_t top) {
    const KnowledgeGraph& kg = source.graph();
    const EntityGraph& view = analysed.view;
    const analysis::Result& r = analysed.analysis;
    ReportData d;
    static_cast<CorpusSummary&>(d) = source.summary(top);
    d.entity_nodes = boost::num_vertices(view);
    d.entity_edges = boost::num_edges(view);
    std::vector<std::size_t> per_kind(kLinkKinds, 0);
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view)))
        ++per_kind[static_cast<int>(view[e].kind)];
    for (int k = 0; k < kLinkKinds; ++k)
        d.entity_edges_by_kind.emplace_back(link_kind_name(static_cast<LinkKind>(k)), per_kind[k]);

    for (const MeasureColumn& m : measure_columns(r)) {
        if (std::string_view(m.name) == "component" || std::string_view(m.name) == "community" ||
            m.trend)
            continue;
        d.top_entities.emplace_back(m.name, m.real ? top_of(source, view, *m.real, top)
                                                   : top_of(source, view, *m.integer, top));
        const auto ties = [](const auto& values) {
            if (values.empty()) return std::size_t{0};
            const auto best = *std::max_element(values.begin(), values.end());
            return static_cast<std::size_t>(std::count(values.begin(), values.end(), best));
        };
        d.tied_at_top.push_back(m.real ? ties(*m.real) : ties(*m.integer));
    }
    d.communities.resize(r.communities);
    for (std::uint32_t c = 0; c < r.communities; ++c)
        d.communities[c].id = c;
    std::vector<std::uint32_t> by_rank(r.pagerank.size());
    std::iota(by_rank.begin(), by_rank.end(), 0);
    std::stable_sort(by_rank.begin(), by_rank.end(), [&](std::uint32_t a, std::uint32_t b) {
        return r.pagerank[a] > r.pagerank[b];
    });
    for (const std::uint32_t v : by_rank) {
        CommunitySummary& c = d.communities[r.community[v]];
        ++c.size;
        if (c.top_members.size() < 10)
            c.top_members.emplace_back(source.node(view[v].entity).label);
    }
    d.modularity = r.modularity;
    d.resolution = r.resolution;
    d.transitivity = r.transitivity;
    d.betweenness_sources = r.betweenness_sources;
    d.betweenness_sampled = r.betweenness_sampled;
    d.component_sizes.assign(r.components, 0);
    for (const std::uint32_t c : r.component)
        ++d.component_sizes[c];
    d.entity_threshold = kg.config().entity_threshold;
    std::vector<const Worthiness*> demoted;
    for (const Worthiness& w : kg.worthiness())
        if (!w.is_entity()) demoted.push_back(&w);
    d.terms = demoted.size();
    const auto shown = static_cast<std::ptrdiff_t>(std::min(top, demoted.size()));
    std::partial_sort(demoted.begin(), demoted.begin() + shown, demoted.end(),
                      [](const Worthiness* a, const Worthiness* b) {
                          return a->mentioning_reports != b->mentioning_reports
                                     ? a->mentioning_reports > b->mentioning_reports
                                     : a->vertex < b->vertex;
                      });
    for (std::ptrdiff_t i = 0; i < shown; ++i)
        d.demoted.emplace_back(kg.graph()[demoted[i]->vertex].label, *demoted[i]);
    add_trends(source, analysed, top, d);
    return d;
}

std::string report_json(const ReportData& d) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    const auto key = [&](const std::string& k) {
        w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
    };
    const auto string = [&](const std::string& s) {
        w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    };
    const auto counts = [&](const std::vector<std::pair<std::string, std::size_t>>& items) {
        w.StartObject();
        for (const auto& [name, count] : items)
            key(name), w.Uint64(count);
        w.EndObject();
    };
    const auto statements = [&](const std::vector<RecurringStatement>& items) {
        w.StartArray();
        for (const RecurringStatement& s : items) {
            w.StartObject();
            key("label"), string(s.label);
            key("reports"), w.Uint64(s.reports);
            key("mean_relevancy"), w.Double(s.mean_relevancy);
            w.EndObject();
        }
        w.EndArray();
    };
    w.StartObject();
    key("documents"), w.Uint64(d.documents);
    key("first_date"), string(d.first_date);
    key("last_date"), string(d.last_date);
    key("documents_per_year"), counts(d.documents_per_year);
    key("full_view");
    w.StartObject();
    key("nodes"), w.Uint64(d.full_nodes);
    key("edges"), w.Uint64(d.full_edges);
    key("nodes_by_kind"), counts(d.nodes_by_kind);
    key("edges_by_kind"), counts(d.edges_by_kind);
    w.EndObject();
    key("entity_view");
    w.StartObject();
    key("nodes"), w.Uint64(d.entity_nodes);
    key("edges"), w.Uint64(d.entity_edges);
    key("edges_by_kind"), counts(d.entity_edges_by_kind);
    w.EndObject();
    key("analysis");
    w.StartObject();
    key("modularity"), w.Double(d.modularity);
    key("resolution"), w.Double(d.resolution);
    key("transitivity"), w.Double(d.transitivity);
    key("communities"), w.Uint64(d.communities.size());
    key("components"), w.Uint64(d.component_sizes.size());
    key("betweenness_sources"), w.Uint64(d.betweenness_sources);
    key("betweenness_sampled"), w.Bool(d.betweenness_sampled);
    w.EndObject();
    key("top_entities");
    w.StartObject();
    for (const auto& [measure, items] : d.top_entities) {
        key(measure);
        w.StartArray();
        for (const RankedItem& item : items) {
            w.StartObject();
            key("label"), string(item.label);
            key("value"), w.Double(item.value);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    key("communities");
    w.StartArray();
    for (const CommunitySummary& c : d.communities) {
        w.StartObject();
        key("id"), w.Uint(c.id);
        key("size"), w.Uint64(c.size);
        key("top_members");
        w.StartArray();
        for (const std::string& m : c.top_members)
            string(m);
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    key("top_concerns"), statements(d.top_concerns);
    key("top_signals"), statements(d.top_signals);
    const auto ranked = [&](const std::vector<RankedItem>& items) {
        w.StartArray();
        for (const RankedItem& item : items) {
            w.StartObject();
            key("label"), string(item.label);
            key("statements"), w.Uint64(static_cast<std::uint64_t>(item.value));
            w.EndObject();
        }
        w.EndArray();
    };
    key("concern_subjects"), ranked(d.concern_subjects);
    key("signal_subjects"), ranked(d.signal_subjects);
    key("top_ties");
    w.StartObject();
    for (std::size_t i = 0; i < d.top_entities.size(); ++i)
        key(d.top_entities[i].first), w.Uint64(d.tied_at_top[i]);
    w.EndObject();
    key("component_sizes");
    w.StartArray();
    for (const std::size_t s : d.component_sizes)
        w.Uint64(s);
    w.EndArray();
    key("terms");
    w.StartObject();
    key("entity_threshold"), w.Double(d.entity_threshold);
    key("count"), w.Uint64(d.terms);
    key("most_mentioned");
    w.StartArray();
    for (const auto& [label, e] : d.demoted) {
        w.StartObject();
        key("label"), string(label);
        key("why"), string(verdict_name(e.verdict));
        key("keyword_reports"), w.Uint64(e.keyword_reports);
        key("mentioning_reports"), w.Uint64(e.mentioning_reports);
        key("keyphraseness"), w.Double(e.keyphraseness);
        key("specificity"), w.Double(e.specificity);
        key("name"), w.Double(e.name);
        key("part_of_speech"), string(part_of_speech_name(e.part_of_speech));
        key("familiarity"), w.Int(e.familiarity);
        key("worthiness"), w.Double(e.score);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    key("emerging");
    w.StartObject();
    key("period"), string(d.period);
    key("periods");
    w.StartArray();
    for (const std::string& p : d.periods)
        string(p);
    w.EndArray();
    const auto uints = [&](const std::vector<std::uint32_t>& values) {
        w.StartArray();
        for (const std::uint32_t n : values)
            w.Uint(n);
        w.EndArray();
    };
    key("documents"), uints(d.period_documents);
    key("emergence_classes"), counts(d.emergence_classes);
    const auto entities = [&](const std::vector<EmergingTerm>& items) {
        w.StartArray();
        for (const EmergingTerm& e : items) {
            w.StartObject();
            key("label"), string(e.label);
            key("kind"), string(e.kind);
            if (!e.burst_start.empty()) {
                key("burst_start"), string(e.burst_start);
                key("burst_end"), string(e.burst_end);
                key("burst_weight"), w.Double(e.burst_weight);
            }
            key("emergence_class"), string(e.emergence_class);
            key("visibility_growth"), w.Double(e.visibility_growth);
            key("mean_occurrences"), w.Double(e.mean_occurrences);
            key("reports"), uints(e.reports);
            w.EndObject();
        }
        w.EndArray();
    };
    key("bursting"), entities(d.bursting);
    key("weak_signals"), entities(d.weak_signals);
    key("recurring_statements"), w.Uint64(d.recurring_statements);
    key("rising_statements"), entities(d.rising_statements);
    key("new_pairs");
    w.StartArray();
    for (const auto& [a, b, weight] : d.new_pairs) {
        w.StartObject();
        key("source"), string(a);
        key("target"), string(b);
        key("weight"), w.Double(weight);
        w.EndObject();
    }
    w.EndArray();
    key("undated"), w.Uint64(d.undated);
    key("latest_date"), string(d.latest_date);
    key("too_late");
    w.StartArray();
    for (const auto& [id, date] : d.too_late) {
        w.StartObject();
        key("report"), string(id);
        key("date"), string(date);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
    std::string text(buffer.GetString(), buffer.GetSize());
    text += '\n';
    return text;
}

void write_report_json(const ReportData& report, const std::filesystem::path& file,
                       DeferredCommits* deferred) {
    write_file_atomically(file, report_json(report), false, deferred);
}

namespace {

std::string cell(std::string_view text) {
    std::string out;
    append_markdown_cell(out, text);
    return out;
}

// A series as a line of eighth blocks, the highest value a full block (▁ for 0).
std::string sparkline(const std::vector<std::uint32_t>& values) {
    static constexpr std::string_view kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    const std::uint32_t most = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
    std::string line;
    for (const std::uint32_t v : values)
        line += kBlocks[most == 0 ? 0 : (v * 7 + most - 1) / most];
    return line;
}

void write_emerging(const ReportData& d, const ReportPictures& pictures, std::string& md) {
    md += "\n## Emerging\n\n";
    std::string left_out;
    if (d.undated > 0) left_out = counted(d.undated, "report has no date", "reports have no date");
    if (!d.too_late.empty()) {
        std::string which;
        for (const auto& [id, date] : d.too_late)
            which += fmt::format("{}{} ({})", which.empty() ? "" : ", ", cell(id), date);
        left_out +=
            fmt::format("{}{} after {}, a year typed wrong: {}", left_out.empty() ? "" : "; ",
                        counted(d.too_late.size(), "report is dated", "reports are dated"),
                        d.latest_date, which);
    }
    if (!left_out.empty()) left_out = " Left out of the periods: " + left_out + ".";
    if (d.periods.empty()) {
        md += "No report is dated: nothing to say over time." + left_out + "\n";
        return;
    }
    md += fmt::format(
        "{} of a {} from {} to {}, dated reports per {}: {} ({}). Bursts are Kleinberg's (two "
        "states, s = {}, γ = {}) over the reports that name an entity; classes are Yoon's keyword "
        "emergence map (growth of the time-weighted visibility against mean occurrences, each "
        "split at its median).{}\n\n",
        counted(d.periods.size(), "period", "periods"), d.period, d.periods.front(),
        d.periods.back(), d.period, sparkline(d.period_documents),
        fmt::join(d.period_documents, " "), d.burst_rate, d.burst_cost, left_out);
    if (!pictures.emergence_map.empty())
        md += fmt::format("![Emergence map]({})\n\n", pictures.emergence_map);
    const auto table = [&](const std::vector<EmergingTerm>& items, bool bursts) {
        md += bursts
                  ? "| # | entity | burst | strength | class | reports per period |\n"
                    "|--:|:--|:--|--:|:--|:--|\n"
                  : "| # | entity | visibility growth | mean occurrences | reports per period |\n"
                    "|--:|:--|--:|--:|:--|\n";
        for (std::size_t i = 0; i < items.size(); ++i) {
            const EmergingTerm& e = items[i];
            const std::string series = sparkline(e.reports);
            md += bursts ? fmt::format("| {} | {} | {}{} | {:.2f} | {} | {} |\n", i + 1,
                                       cell(e.label), e.burst_start,
                                       e.burst_end == e.burst_start ? "" : " – " + e.burst_end,
                                       e.burst_weight, e.emergence_class, series)
                         : fmt::format("| {} | {} | {:.2f} | {:.2f} | {} |\n", i + 1, cell(e.label),
                                       e.visibility_growth, e.mean_occurrences, series);
        }
    };
    if (d.bursting.empty()) {
        md += "No entity bursts.\n";
    } else {
        md += "The strongest bursts:\n\n";
        table(d.bursting, true);
        if (!pictures.bursts.empty())
            md += fmt::format("\n![The strongest bursts, period by period]({})\n", pictures.bursts);
    }
    std::string classes;
    for (const auto& [name, count] : d.emergence_classes)
        classes += fmt::format("{}{}", classes.empty() ? "" : ", ",
                               counted(count, name, name.ends_with("signal") ? name + "s" : name));
    md += fmt::format("\nEmergence classes: {}.", classes);
    if (!d.weak_signals.empty()) {
        md +=
            " The weak signals (growth above the median, occurrences below) that two dated reports "
            "or more name, fastest-growing first:\n\n";
        table(d.weak_signals, false);
    } else {
        md += "\n";
    }

    md += "\n### Rising signals, concerns and driving forces\n\n";
    if (d.recurring_statements == 0) {
        md += "No signal, concern or driving force recurs (by name) in two dated reports.\n";
    } else if (d.rising_statements.empty()) {
        md += fmt::format("Of {} that recur in two dated reports or more, none bursts or grows.\n",
                          counted(d.recurring_statements, "signal, concern or driving force",
                                  "signals, concerns and driving forces"));
    } else {
        md += fmt::format(
            "Of {} that recur in two dated reports or more, those that burst (strongest first), "
            "then those that grow (fastest first):\n\n"
            "| # | kind | name | burst | strength | visibility growth | reports per period |\n"
            "|--:|:--|:--|:--|--:|--:|:--|\n",
            counted(d.recurring_statements, "signal, concern or driving force",
                    "signals, concerns and driving forces"));
        for (std::size_t i = 0; i < d.rising_statements.size(); ++i) {
            const EmergingTerm& e = d.rising_statements[i];
            const std::string burst =
                e.burst_start.empty()
                    ? "– | –"
                    : fmt::format("{}{} | {:.2f}", e.burst_start,
                                  e.burst_end == e.burst_start ? "" : " – " + e.burst_end,
                                  e.burst_weight);
            const std::string kind =
                e.kind == "DrivingForce" ? "driving force" : lower_case(e.kind);
            md += fmt::format("| {} | {} | {} | {} | {:.2f} | {} |\n", i + 1, kind, cell(e.label),
                              burst, e.visibility_growth, sparkline(e.reports));
        }
    }

    md += fmt::format("\n### New links in {}\n\n", d.periods.back());
    if (d.new_pairs.empty()) {
        md += "No two entities were first linked in the last period.\n";
    } else {
        md +=
            "Entities first linked in the last period, heaviest first (the weight of all their "
            "links):\n\n| # | entity | entity | weight |\n|--:|:--|:--|--:|\n";
        for (std::size_t i = 0; i < d.new_pairs.size(); ++i) {
            const auto& [a, b, weight] = d.new_pairs[i];
            md += fmt::format("| {} | {} | {} | {:g} |\n", i + 1, cell(a), cell(b), weight);
        }
    }
}

}  // namespace

void write_report_markdown(const ReportData& d, const ReportPictures& pictures,
                           const std::filesystem::path& file, DeferredCommits* deferred) {
    std::string md = "# signalkg report\n\n";
    md += counted(d.documents, "report");
    if (!d.first_date.empty()) md += fmt::format(", dated {} to {}", d.first_date, d.last_date);
    md += fmt::format(". Full graph: {} nodes, {} edges. Entity view: {} entities, {} edges.\n\n",
                      d.full_nodes, d.full_edges, d.entity_nodes, d.entity_edges);
    if (!pictures.overview.empty())
        md += fmt::format("![Entity view overview]({})\n\n", pictures.overview);

    md += "## Corpus\n\n| reports per year | |\n|:--|--:|\n";
    for (const auto& [year, count] : d.documents_per_year)
        md += fmt::format("| {} | {} |\n", year, count);
    md += "\n| node kind | count |\n|:--|--:|\n";
    for (const auto& [kind, count] : d.nodes_by_kind)
        md += fmt::format("| {} | {} |\n", kind, count);
    md += "\n| edge kind | count |\n|:--|--:|\n";
    for (const auto& [kind, count] : d.edges_by_kind)
        md += fmt::format("| {} | {} |\n", kind, count);
    md += "\n| entity-view edge kind | count |\n|:--|--:|\n";
    for (const auto& [kind, count] : d.entity_edges_by_kind)
        if (count) md += fmt::format("| {} | {} |\n", kind, count);

    md += "\n## Central entities\n\n";
    md += fmt::format("Betweenness {} from {} BFS sources. Transitivity {:.4f}.\n\n",
                      d.betweenness_sampled ? "estimated" : "exact", d.betweenness_sources,
                      d.transitivity);
    for (std::size_t m = 0; m < d.top_entities.size(); ++m) {
        const auto& [measure, items] = d.top_entities[m];
        if (!items.empty() && d.tied_at_top[m] >= items.size()) {  // a table of ties says nothing
            md += fmt::format(
                "### Top by {}\n\n{} share the highest {}, {:.6g}: no ranking to "
                "show.\n\n",
                measure, counted(d.tied_at_top[m], "entity", "entities"), measure,
                items.front().value);
            continue;
        }
        md += fmt::format("### Top {} by {}\n\n| # | entity | {} |\n|--:|:--|--:|\n", items.size(),
                          measure, measure);
        for (std::size_t i = 0; i < items.size(); ++i)
            md +=
                fmt::format("| {} | {} | {:.6g} |\n", i + 1, cell(items[i].label), items[i].value);
        md += "\n";
    }

    md += fmt::format(
        "## Communities\n\n{} Louvain communities, modularity {:.4f} (resolution {}).\n\n"
        "| community | entities | top members (by PageRank) |\n|--:|--:|:--|\n",
        d.communities.size(), d.modularity, d.resolution);
    for (const CommunitySummary& c : d.communities) {
        if (c.size < 2) continue;  // singletons are listed by count below
        std::string members;
        for (const std::string& m : c.top_members)
            members += (members.empty() ? "" : ", ") + cell(m);
        md += fmt::format("| {} | {} | {} |\n", c.id, c.size, members);
    }
    const std::size_t singletons = std::count_if(d.communities.begin(), d.communities.end(),
                                                 [](const auto& c) { return c.size == 1; });
    if (singletons)
        md += fmt::format("\nand {} of a single entity each (not listed).\n",
                          counted(singletons, "community", "communities"));

    // Statements raised by two or more reports (by name), then what they are about: a table of
    // statements each raised once, ranked by relevancy, said nothing about recurrence.
    const auto statements = [&](const char* title, const char* kind,
                                const std::vector<RecurringStatement>& items,
                                const std::vector<RankedItem>& about) {
        const auto recurring_end =
            std::find_if(items.begin(), items.end(), [](const auto& s) { return s.reports < 2; });
        md += fmt::format("\n## {}\n\n", title);
        if (recurring_end == items.begin()) {
            md += fmt::format("No {} is raised by more than one report (by name).\n", kind);
        } else {
            md += fmt::format(
                "Raised by two or more reports, most first (then by mean "
                "relevancy):\n\n| # | {} | reports | mean relevancy |\n"
                "|--:|:--|--:|--:|\n",
                kind);
            for (auto it = items.begin(); it != recurring_end; ++it)
                md += fmt::format(
                    "| {} | {} | {} | {} |\n", it - items.begin() + 1, cell(it->label), it->reports,
                    it->mean_relevancy > 0 ? fmt::format("{:.2f}", it->mean_relevancy) : "–");
        }
        if (about.empty()) return;
        md += fmt::format(
            "\nThe entities most {}s are about:\n\n| # | entity | {}s |\n"
            "|--:|:--|--:|\n",
            kind, kind);
        for (std::size_t i = 0; i < about.size(); ++i)
            md += fmt::format("| {} | {} | {} |\n", i + 1, cell(about[i].label), about[i].value);
    };
    statements("Concerns", "concern", d.top_concerns, d.concern_subjects);
    statements("Signals", "signal", d.top_signals, d.signal_subjects);

    md += fmt::format("\n## Components\n\n{} connected components", d.component_sizes.size());
    if (!d.component_sizes.empty()) {
        md +=
            fmt::format("; the largest holds {} of {} entities. Sizes: ", d.component_sizes.front(),
                        d.entity_nodes);
        std::map<std::size_t, std::size_t, std::greater<>> histogram;
        for (const std::size_t s : d.component_sizes)
            ++histogram[s];
        std::string sizes;
        for (const auto& [size, count] : histogram)
            sizes += fmt::format("{}{} × {}", sizes.empty() ? "" : ", ", count, size);
        md += sizes;
    }
    md += ".\n";

    md += fmt::format(
        "\n## Terms: keywords that are not entities\n\n{} below the entity-worthiness "
        "threshold ({}): still nodes their articles mention, not found in statement texts, not "
        "in the entity view.",
        counted(d.terms, "keyword is", "keywords are"), d.entity_threshold);
    if (!d.demoted.empty()) {
        md +=
            " The most mentioned, with the evidence (K: reports listing it as a keyword; M: "
            "reports naming it; capitalised: where it does not start a sentence; familiarity: "
            "WordNet's count in everyday English):\n\n"
            "| # | term | why | K | M | keyphraseness | specificity | capitalised | "
            "part of speech | familiarity | worthiness |\n"
            "|--:|:--|:--|--:|--:|--:|--:|--:|:--|--:|--:|\n";
        for (std::size_t i = 0; i < d.demoted.size(); ++i) {
            const auto& [label, e] = d.demoted[i];
            md += fmt::format(
                "| {} | {} | {} | {} | {} | {:.3f} | {:.3f} | {}/{} | {} | {} | {:.3f} |\n", i + 1,
                cell(label), verdict_name(e.verdict), e.keyword_reports, e.mentioning_reports,
                e.keyphraseness, e.specificity, e.capitalised, e.mid_sentence,
                part_of_speech_name(e.part_of_speech), e.familiarity, e.score);
        }
    } else {
        md += "\n";
    }
    write_emerging(d, pictures, md);
    write_file_atomically(file, md, false, deferred);
}

}  // namespace signalkg
