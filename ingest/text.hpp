// Small text helpers of the parsers: trimming, UTF-8 repair, derived names and dates. The key
// and word rules are text/words.hpp.
#pragma once

#include <string>
#include <string_view>

#include "text/words.hpp"  // normalize_key, used by the parsers for headings and keys

namespace signalkg {

// Without surrounding white space; inline, as parsing trims every cell of every table.
inline std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Replaces every invalid UTF-8 sequence, and every character XML 1.0 forbids (C0 controls but
// tab and line ends, U+FFFE, U+FFFF), with U+FFFD. Returns the number of replacements and sets
// first_bad_line (1-based) to the line of the first one.
int repair_utf8(std::string& text, int& first_bad_line);
// The same without changing `text`: when it has something to replace, the repaired text goes
// into `repaired` (which may be `text` itself); else `repaired` is left alone.
int repair_utf8(std::string_view text, std::string& repaired, int& first_bad_line);

// A statement's name when its table has none: the first eight words of its description.
std::string derive_statement_name(std::string_view description);

// True for a real calendar date given as eight digits yyyymmdd; writes yyyy-mm-dd to iso.
bool parse_compact_date(std::string_view digits, std::string& iso);

}  // namespace signalkg
