#include "cli/stats.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace signalkg::cli {

bool print_stats(const std::string& out_folder) {
    // OUT, or its report.json itself.
    std::error_code ec;
    if (!std::filesystem::exists(out_folder, ec)) {
        fmt::print(stderr, "signalkg: {}: no such folder\n", out_folder);
        return false;
    }
    const std::filesystem::path file = std::filesystem::is_directory(out_folder, ec)
                                           ? std::filesystem::path(out_folder) / "report.json"
                                           : std::filesystem::path(out_folder);
    std::ifstream in(file);
    if (!in) {
        fmt::print(stderr,
                   "signalkg: {}: no report.json (build with the report format: signalkg build "
                   "INPUT -o {} -f report, or all)\n",
                   out_folder, out_folder);
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document d;
    d.Parse(text.str().c_str());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("analysis")) {
        fmt::print(
            stderr, "signalkg: {}: not a signalkg report ({})\n", file.string(),
            d.HasParseError() ? rapidjson::GetParseError_En(d.GetParseError()) : "missing fields");
        return false;
    }
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
