// Reading the JSON files a build wrote into OUT, for the commands that print them.
#pragma once

#include <string>

#include <rapidjson/document.h>

namespace signalkg::cli {

// Parses OUT/`name` (or `out_folder` itself when it is a file) into `d`; on a missing or
// unreadable file prints a message naming it and the build `format` that makes it, to stderr,
// and returns false. `member`: a key the file must have.
bool read_build_json(const std::string& out_folder, const char* name, const char* format,
                     const char* member, rapidjson::Document& d);

}  // namespace signalkg::cli
