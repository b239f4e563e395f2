// Parsed files on the wire: a rank that parsed a file sends its reports and diagnostics on.
#pragma once

#include <cstddef>
#include <string>

#include "distributed/wire.hpp"
#include "ingest/report.hpp"

namespace signalkg::distributed {

// Appends file number `file` and what parsing it gave.
void encode_file(std::size_t file, const ParsedReports& parsed, std::string& out);
// Reads what encode_file wrote into `parsed` (whose reports then own their texts) and returns
// the file number. Throws WireError on a damaged message.
std::size_t decode_file(WireReader& in, ParsedReports& parsed);

}  // namespace signalkg::distributed
