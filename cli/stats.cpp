#include "cli/stats.hpp"

#include <fmt/format.h>

#include "cli/build_files.hpp"

namespace signalkg::cli {

bool print_stats(const std::string& out_folder) {
    rapidjson::Document d;
    if (!read_build_json(out_folder, "report.json", "report", "analysis", d)) return false;
    // Values are read through Get*(): comparing a Value with a scalar recurses under C++20.
    const auto& full = d["full_view"];
    const auto& entities = d["entity_view"];
    const auto& analysis = d["analysis"];
    fmt::print("{} reports", d["documents"].GetUint64());
    if (d["first_date"].GetStringLength() > 0)
        fmt::print(", {} to {}", d["first_date"].GetString(), d["last_date"].GetString());
    fmt::print("\nfull graph:  {} nodes, {} edges\n", full["nodes"].GetUint64(),
               full["edges"].GetUint64());
    fmt::print(
        "entity view: {} entities, {} edges, {} components, {} communities (modularity {:.4f})\n",
        entities["nodes"].GetUint64(), entities["edges"].GetUint64(),
        analysis["components"].GetUint64(), analysis["communities"].GetUint64(),
        analysis["modularity"].GetDouble());
    const auto list = [&](const char* title, const rapidjson::Value& items, std::size_t count) {
        std::string line;
        for (rapidjson::SizeType i = 0; i < items.Size() && i < count; ++i)
            line += fmt::format("{}{}", i ? ", " : "", items[i]["label"].GetString());
        fmt::print("{}: {}\n", title, line);
    };
    list("top entities (PageRank)", d["top_entities"]["pagerank"], 10);
    list("top concerns", d["top_concerns"], 5);
    list("top signals", d["top_signals"], 5);
    return true;
}

}  // namespace signalkg::cli
