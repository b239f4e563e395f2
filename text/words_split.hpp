// Splitting a text into words (header-only so callers can pass any visitor); see text/words.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The first position from `i` on whose byte is not a word byte (or text.size()). Sixteen bytes at
// a time where SSE2 is there (every x86-64): a byte at a time, each word's end was a mispredicted
// branch, and splitting took 21 ns a word.
inline std::size_t skip_word_bytes(std::string_view text, std::size_t i) {
#if defined(__SSE2__)
    const __m128i letter_low = _mm_set1_epi8('a' - 1), letter_high = _mm_set1_epi8('z' + 1);
    const __m128i digit_low = _mm_set1_epi8('0' - 1), digit_high = _mm_set1_epi8('9' + 1);
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i lead_c2 = _mm_set1_epi8(static_cast<char>(0xC2));
    const __m128i lead_e2 = _mm_set1_epi8(static_cast<char>(0xE2));
    for (; i + 16 <= text.size(); i += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
        // Signed compares: bytes from 0x80 up are negative, so neither letters nor digits.
        const __m128i lower = _mm_or_si128(bytes, case_bit);
        const __m128i letter =
            _mm_and_si128(_mm_cmpgt_epi8(lower, letter_low), _mm_cmplt_epi8(lower, letter_high));
        const __m128i digit =
            _mm_and_si128(_mm_cmpgt_epi8(bytes, digit_low), _mm_cmplt_epi8(bytes, digit_high));
        const __m128i lead =
            _mm_or_si128(_mm_cmpeq_epi8(bytes, lead_c2), _mm_cmpeq_epi8(bytes, lead_e2));
        const __m128i high = _mm_andnot_si128(lead, _mm_cmplt_epi8(bytes, _mm_setzero_si128()));
        const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), high);
        const unsigned others = ~static_cast<unsigned>(_mm_movemask_epi8(word)) & 0xFFFFu;
        if (others != 0) return i + static_cast<std::size_t>(__builtin_ctz(others));
    }
#endif
    while (i < text.size() && kByteClasses[static_cast<unsigned char>(text[i])] == kWordByte)
        ++i;
    return i;
}

}  // namespace detail

// Calls visit(word) for each word of `text`, in order (what a word is: text/words.hpp).
template <typename Visit>
void for_each_word(std::string_view text, Visit&& visit) {
    std::size_t start = 0, i = 0;
    while ((i = detail::skip_word_bytes(text, i)) < text.size()) {
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
