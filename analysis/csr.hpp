// Plain-array access to an AnalysisGraph for the hot loops (BFS, power iteration, Louvain).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/analysis_graph.hpp"

namespace signalkg::analysis {

// Boost's CSR keeps its arrays as public members (m_forward.m_rowstart / m_column); reading
// them directly saves an indirection per edge in loops that visit billions of edges.
struct Csr {
    explicit Csr(const AnalysisGraph& g)
        : rowstart(g.m_forward.m_rowstart), column(g.m_forward.m_column) {
        weight.reserve(column.size());
        for (const auto e : boost::make_iterator_range(boost::edges(g)))
            weight.push_back(g[e].weight);
    }
    std::size_t vertices() const { return rowstart.size() - 1; }
    std::span<const std::uint32_t> neighbors(std::uint32_t v) const {
        return {column.data() + rowstart[v], column.data() + rowstart[v + 1]};
    }
    std::uint32_t degree(std::uint32_t v) const { return rowstart[v + 1] - rowstart[v]; }

    const std::vector<std::uint32_t>& rowstart;
    const std::vector<std::uint32_t>& column;
    std::vector<double> weight;  // aligned with column
};

}  // namespace signalkg::analysis
