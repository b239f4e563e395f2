// The markdown parser must turn any bytes into a report or diagnostics, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    signalkg::parse_markdown(std::string(reinterpret_cast<const char*>(data), size), "fuzz.md");
    return 0;
}
