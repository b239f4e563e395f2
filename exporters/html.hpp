// report.html: the entity view to explore in a browser. One self-contained page: sigma.js and
// graphology (from npm, bundled by esbuild and compiled into the binary) draw the view at the
// positions Graphviz computed here; the data is JSON the page reads as text, and its
// Content-Security-Policy lets nothing load and no script run but the page's own two.
#pragma once

#include <cstddef>
#include <string>

#include "exporters/dot.hpp"
#include "exporters/report.hpp"
#include "exporters/view_source.hpp"
#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

inline constexpr std::size_t kHtmlTop = 2000;

// Caps that keep the page small and quick to draw on big corpora (bench/html.py: 8.2 MB and a
// first frame in 2.5 s at 100,000 reports); the page says where they cut.
inline constexpr std::size_t kHtmlMaxLinks = 5000;        // drawn
inline constexpr std::size_t kHtmlLinksPerEntity = 5;     // besides the drawn, for the panel
inline constexpr std::size_t kHtmlStatementsPerLink = 3;  // of a drawn link
inline constexpr std::size_t kHtmlReportsPerStatement = 3;
static_assert(kHtmlReportsPerStatement <= kListedArticles);

// The diagram options of report.html: the whole view, at most kHtmlTop entities drawn, those
// without links too (as entities.graphml has them).
inline DiagramOptions html_diagram_options() {
    DiagramOptions options;
    options.top = kHtmlTop;
    options.unlinked = true;
    return options;
}

struct HtmlOptions {
    // focus and depth: draw that neighbourhood only; top: at most this many entities drawn, by
    // PageRank; min_weight: the page's starting edge filter; title: the page's heading.
    DiagramOptions diagram = html_diagram_options();
    // At most this many links drawn: each drawn entity's heaviest, then the heaviest others.
    std::size_t max_links = kHtmlMaxLinks;
    // Every entity of the view can be found by search, drawn or not (report.html); otherwise
    // only those drawn (a focus page).
    bool list_all = true;
};

// The page. `report`, when given, adds its tables (central entities, communities, concerns,
// signals). Throws DiagramError for a --focus that names no entity.
std::string entity_html(const ViewSource& source, const AnalysedView& view,
                        const HtmlOptions& options, const ReportData* report = nullptr);

// The statements the page lists (those behind its drawn links), in its order, repeats kept: a
// partitioned build's root gathers their reports.
std::vector<std::uint32_t> html_statements(const ViewSource& source, const AnalysedView& view,
                                           const HtmlOptions& options);

}  // namespace signalkg
