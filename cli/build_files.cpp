#include "cli/build_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <rapidjson/error/en.h>

namespace signalkg::cli {

bool read_build_json(const std::string& out_folder, const char* name, const char* format,
                     const char* member, rapidjson::Document& d) {
    std::error_code ec;
    if (!std::filesystem::exists(out_folder, ec)) {
        fmt::print(stderr, "signalkg: {}: no such folder\n", out_folder);
        return false;
    }
    const std::filesystem::path file = std::filesystem::is_directory(out_folder, ec)
                                           ? std::filesystem::path(out_folder) / name
                                           : std::filesystem::path(out_folder);
    std::ifstream in(file);
    if (!in) {
        fmt::print(stderr,
                   "signalkg: {}: no {} (build with the {} format: signalkg build INPUT -o {} "
                   "-f {}, or all)\n",
                   out_folder, name, format, out_folder, format);
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    d.Parse(text.str().c_str());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember(member)) {
        fmt::print(
            stderr, "signalkg: {}: not a signalkg {} ({})\n", file.string(), name,
            d.HasParseError() ? rapidjson::GetParseError_En(d.GetParseError()) : "missing fields");
        return false;
    }
    return true;
}

}  // namespace signalkg::cli
