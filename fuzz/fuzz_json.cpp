// The JSON reader, both as one document and as JSON Lines: the first byte picks which.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/json_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto parsed =
        signalkg::parse_json_reports(text, data[0] & 1 ? "fuzz.jsonl" : "fuzz.json");
    // What was read must write back as JSON that reads again.
    for (const signalkg::Report& report : parsed.reports)
        signalkg::parse_json_reports(signalkg::report_to_json(report), "again.json");
    return 0;
}
