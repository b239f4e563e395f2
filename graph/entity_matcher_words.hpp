// Word splitting used by EntityMatcher (header-only so callers can pass any visitor).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace signalkg {

namespace detail {

// What a byte can be: part of a word (letters, digits, bytes of non-ASCII letters), an ASCII
// separator, or the lead byte of a multi-byte separator (E2 80/E2 81: U+2000..U+207F dashes,
// quotes, ellipsis; C2 A0 no-break space, C2 AB/BB guillemets). One table lookup a byte: every
// statement text of the corpus goes through here.
enum ByteClass : std::uint8_t { kWordByte, kSeparator, kMaybeSeparator };
inline constexpr std::array<std::uint8_t, 256> kByteClasses = [] {
    std::array<std::uint8_t, 256> classes{};
    for (int c = 0; c < 0x80; ++c) {
        const bool word =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        classes[c] = word ? kWordByte : kSeparator;
    }
    classes[0xC2] = classes[0xE2] = kMaybeSeparator;
    return classes;
}();

inline std::size_t separator_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    switch (kByteClasses[byte(i)]) {
        case kWordByte:
            return 0;
        case kSeparator:
            return 1;
    }
    if (byte(i) == 0xE2 && i + 2 < text.size() && (byte(i + 1) == 0x80 || byte(i + 1) == 0x81))
        return 3;
    if (byte(i) == 0xC2 && i + 1 < text.size() &&
        (byte(i + 1) == 0xA0 || byte(i + 1) == 0xAB || byte(i + 1) == 0xBB))
        return 2;
    return 0;
}

}  // namespace detail

template <typename Visit>
void for_each_word(std::string_view text, Visit&& visit) {
    std::size_t start = 0, i = 0;
    while (i < text.size()) {
        if (detail::kByteClasses[static_cast<unsigned char>(text[i])] == detail::kWordByte) {
            ++i;
            continue;
        }
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
