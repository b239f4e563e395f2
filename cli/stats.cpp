#include "cli/stats.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/build_files.hpp"

namespace signalkg::cli {

namespace {

// Whether every member print_stats reads is there with its type: a file edited or cut short
// must give a message, never a crash.
bool well_formed(const rapidjson::Document& d) {
    using Value = rapidjson::Value;
    const auto at = [](const Value& v, const char* a, const char* b = nullptr) -> const Value* {
        if (!v.IsObject() || !v.HasMember(a)) return nullptr;
        const Value& x = v[a];
        if (!b) return &x;
        return x.IsObject() && x.HasMember(b) ? &x[b] : nullptr;
    };
    const auto labelled = [](const Value* list) {
        return list && list->IsArray() &&
               std::all_of(list->Begin(), list->End(), [](const Value& item) {
                   return item.IsObject() && item.HasMember("label") && item["label"].IsString();
               });
    };
    for (const auto& [a, b] : {std::pair{"full_view", "nodes"},
                               {"full_view", "edges"},
                               {"entity_view", "nodes"},
                               {"entity_view", "edges"},
                               {"analysis", "components"},
                               {"analysis", "communities"},
                               {"documents", nullptr}})
        if (const Value* v = at(d, a, b); !v || !v->IsUint64()) return false;
    const Value* modularity = at(d, "analysis", "modularity");
    const Value* first = at(d, "first_date");
    const Value* last = at(d, "last_date");
    return modularity && modularity->IsNumber() && first && first->IsString() && last &&
           last->IsString() && labelled(at(d, "top_entities", "pagerank")) &&
           labelled(at(d, "top_concerns")) && labelled(at(d, "top_signals"));
}

}  // namespace

bool print_stats(const std::string& out_folder) {
    rapidjson::Document d;
    if (!read_build_json(out_folder, "report.json", "report", "analysis", d)) return false;
    if (!well_formed(d)) {
        fmt::print(stderr,
                   "signalkg: {}: report.json is not as signalkg writes it (a member missing or "
                   "of another type): build again\n",
                   out_folder);
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
