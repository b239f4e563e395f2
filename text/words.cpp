#include "text/words.hpp"

#include <algorithm>

namespace signalkg {

std::string normalize_key(std::string_view label) {
    std::string out;
    append_normalized_key(out, label);
    return out;
}

void append_normalized_key(std::string& out, std::string_view label) {
    const std::size_t start = out.size();
    out.reserve(start + label.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < label.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(label[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending_space = out.size() > start;
            continue;
        }
        if (pending_space) out += ' ', pending_space = false;
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c + 32);
        } else if (c == 0xC3 && i + 1 < label.size()) {
            // Latin-1 capitals U+00C0..U+00DE (except U+00D7 multiplication sign) lower-case by
            // +0x20.
            unsigned char d = static_cast<unsigned char>(label[i + 1]);
            out += static_cast<char>(c);
            out += static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
            ++i;
        } else if (c == 0xE2 && i + 2 < label.size() && label[i + 1] == '\x80' &&
                   (label[i + 2] == '\x98' || label[i + 2] == '\x99')) {
            out += '\'';  // U+2018, U+2019
            i += 2;
        } else if (c == 0xE2 && i + 2 < label.size() && label[i + 1] == '\x80' &&
                   (label[i + 2] == '\x9C' || label[i + 2] == '\x9D')) {
            out += '"';  // U+201C, U+201D
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
}

void fold_plural(std::string& text, std::size_t word_start) {
    text.resize(word_start + fold_plural(text.data() + word_start, text.size() - word_start));
}

std::string fold_word(std::string_view word) {
    std::string w;
    fold_word_into(w, word);
    return w;
}

void fold_word_into(std::string& w, std::string_view word) {
    w.clear();
    append_normalized_key(w, word);
    fold_plural(w, 0);
}

std::string entity_key(std::string_view label) {
    std::string out;
    append_entity_key(out, label);
    return out;
}

void append_entity_key(std::string& out, std::string_view label) {
    const std::size_t start = out.size();
    for_each_word(label, [&](std::string_view word) {
        if (out.size() > start) out += ' ';
        const std::size_t word_start = out.size();
        append_normalized_key(out, word);
        fold_plural(out, word_start);
    });
    if (out.size() == start) append_normalized_key(out, label);
}

std::string counted(std::size_t n, std::string_view one, std::string_view many) {
    std::string out = std::to_string(n) + ' ';
    if (n == 1)
        out += one;
    else if (many.empty())
        out.append(one) += 's';
    else
        out += many;
    return out;
}

bool looks_like_acronym(std::string_view label) {
    if (label.ends_with('s')) label.remove_suffix(1);
    int capitals = 0;
    for (const char c : label) {
        if (c >= 'A' && c <= 'Z') {
            ++capitals;
        } else if ((c < '0' || c > '9') && c != '-' && c != '.') {
            return false;
        }
    }
    return capitals >= 2;
}

std::string lower_case(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_function_word(std::string_view word) {
    static constexpr std::string_view kFunctionWords[] = {"a",  "an",  "and",  "as", "at",
                                                          "by", "for", "from", "in", "of",
                                                          "on", "or",  "the",  "to", "with"};
    const std::string lower = lower_case(word);
    return std::find(std::begin(kFunctionWords), std::end(kFunctionWords), lower) !=
           std::end(kFunctionWords);
}

}  // namespace signalkg
