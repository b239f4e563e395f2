// RapidJSON's writer into its string buffer (its fast path), as the JSON writers use it.
#pragma once

#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace signalkg {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// A string value (or, after Key, any text), escaped by RapidJSON.
inline void json_string(JsonWriter& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

}  // namespace signalkg
