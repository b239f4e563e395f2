// The YAML configuration: any text is a Config or a ConfigError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        signalkg::parse_config(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const signalkg::ConfigError&) {
    }
    return 0;
}
