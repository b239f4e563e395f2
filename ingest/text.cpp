#include "ingest/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace signalkg {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    // C0 controls other than tab and line ends cannot appear in XML 1.0 (GraphML, GEXF, RDF/XML).
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
    if (c < 0x80) return 1;
    std::size_t n;
    std::uint32_t min;
    if ((c & 0xE0) == 0xC0) {
        n = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    std::uint32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

// The first byte that repair_utf8 replaces, or text.size(). Eight bytes at a time while they are
// ASCII with no control character but tab and line ends (line ends must pass, or every line
// would go a byte at a time); a non-ASCII sequence is checked where it stands, without copying.
std::size_t first_invalid_byte(std::string_view text) {
    constexpr std::uint64_t kOnes = ~std::uint64_t{0} / 255, kHighBits = kOnes * 0x80;
    constexpr std::uint64_t kLowBits = kOnes * 0x7F;
    const auto zero_bytes = [](std::uint64_t w) {  // 0x80 in each byte that is 0, exactly
        return ~(((w & kLowBits) + kLowBits) | w | kLowBits);
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 8 <= text.size()) {
            std::uint64_t w;
            std::memcpy(&w, text.data() + i, 8);
            if ((w & kHighBits) == 0) {
                // All ASCII: adding 0x60 sets the top bit of each byte from 0x20 up, no carries.
                const std::uint64_t controls = ~(w + kOnes * 0x60) & kHighBits;
                const std::uint64_t allowed = zero_bytes(w ^ (kOnes * '\n')) |
                                              zero_bytes(w ^ (kOnes * '\t')) |
                                              zero_bytes(w ^ (kOnes * '\r'));
                if ((controls & ~allowed) == 0) {
                    i += 8;
                    continue;
                }
            }
        }
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return i;
}

}  // namespace

int repair_utf8(std::string_view text, std::string& repaired, int& first_bad_line) {
    std::size_t i = first_invalid_byte(text);
    if (i == text.size()) return 0;  // valid: the common case costs one scan and no copy

    std::string out;
    out.reserve(text.size());
    out.append(text.substr(0, i));
    int replaced = 0;
    int line = 1;
    for (std::size_t k = 0; k < i; ++k)
        line += text[k] == '\n';
    while (i < text.size()) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            if (replaced++ == 0) first_bad_line = line;
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        line += text[i] == '\n';
        out.append(text.substr(i, n));
        i += n;
    }
    if (replaced) repaired = std::move(out);
    return replaced;
}

int repair_utf8(std::string& text, int& first_bad_line) {
    return repair_utf8(std::string_view(text), text, first_bad_line);
}

std::string derive_statement_name(std::string_view description) {
    constexpr std::size_t kMaxWords = 8;
    std::string name;
    std::size_t words = 0;
    std::size_t i = 0;
    description = trim(description);
    while (i < description.size() && words < kMaxWords) {
        const std::size_t end = std::min(description.find(' ', i), description.size());
        const std::string_view word = description.substr(i, end - i);
        if (!word.empty()) {
            if (!name.empty()) name += ' ';
            name += word;
            ++words;
        }
        i = end + 1;
    }
    while (!name.empty() &&
           (name.back() == ',' || name.back() == '.' || name.back() == ';' || name.back() == ':'))
        name.pop_back();
    return name;
}

bool parse_compact_date(std::string_view digits, std::string& iso) {
    if (digits.size() != 8) return false;
    int value[8];
    for (int i = 0; i < 8; ++i) {
        if (digits[i] < '0' || digits[i] > '9') return false;
        value[i] = digits[i] - '0';
    }
    const int year = value[0] * 1000 + value[1] * 100 + value[2] * 10 + value[3];
    const int month = value[4] * 10 + value[5];
    const int day = value[6] * 10 + value[7];
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return false;
    iso.assign(digits.substr(0, 4))
        .append("-")
        .append(digits.substr(4, 2))
        .append("-")
        .append(digits.substr(6, 2));
    return true;
}

}  // namespace signalkg
