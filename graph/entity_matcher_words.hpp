// Word splitting used by EntityMatcher (header-only so callers can pass any visitor).
#pragma once

#include <string_view>

namespace signalkg {

namespace detail {

// Unicode punctuation that separates words although it is not ASCII (UTF-8 lead bytes E2 80/E2 81
// cover U+2000..U+207F: dashes, quotes, ellipsis; C2 A0 is the no-break space, C2 AB/BB
// guillemets).
inline std::size_t separator_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        const bool word =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return word ? 0 : 1;
    }
    if (c == 0xE2 && i + 2 < text.size() && (byte(i + 1) == 0x80 || byte(i + 1) == 0x81)) return 3;
    if (c == 0xC2 && i + 1 < text.size() &&
        (byte(i + 1) == 0xA0 || byte(i + 1) == 0xAB || byte(i + 1) == 0xBB))
        return 2;
    return 0;
}

}  // namespace detail

template <typename Visit>
void for_each_word(std::string_view text, Visit&& visit) {
    std::size_t start = 0, i = 0;
    while (i < text.size()) {
        const std::size_t sep = detail::separator_length(text, i);
        if (sep == 0) {
            ++i;
            continue;
        }
        if (i > start) visit(text.substr(start, i - start));
        i += sep;
        start = i;
    }
    if (i > start) visit(text.substr(start, i - start));
}

}  // namespace signalkg
