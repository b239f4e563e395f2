// The one text rule of signalkg: how a label or a text becomes words, and words become keys.
// Merging (an entity's key), matching (EntityMatcher), the stop list and the thesaurus all go
// through these functions, so two labels merge exactly when the matcher cannot tell them apart.
//
//   normalize  : ASCII and Latin-1 capitals lower-cased, typographic quotes made ASCII, runs of
//                white space one space (the key of themes, categories and statements)
//   split      : words are runs of letters, digits and non-ASCII letters; every other ASCII
//                byte, and Unicode dashes, quotes, no-break space and guillemets, separate them
//   fold       : a word normalized, then its English plural reduced ("cuts" -> "cut",
//                "companies" -> "company", "F35s" -> "f35"; "ss", "us", "is" endings kept)
//   entity key : the folded words joined by one space ("Job-Cuts" -> "job cut")
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "text/words_split.hpp"  // for_each_word(text, visit)

namespace signalkg {

// The key of a label of any kind but entity: see normalize above.
std::string normalize_key(std::string_view label);
// normalize_key(label) appended to `out` (no allocation when `out` has room).
void append_normalized_key(std::string& out, std::string_view label);

// Reduces the English plural of a lower-case word in place; returns its new size.
inline std::size_t fold_plural(char* word, std::size_t size) {
    const std::string_view w(word, size);
    if (size > 4 && w.ends_with("ies")) {
        word[size - 3] = 'y';
        return size - 2;
    }
    if (size > 3 && w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("us") &&
        !w.ends_with("is"))
        return size - 1;
    return size;
}
// The same on the last word of `text`, which starts at `word_start`.
void fold_plural(std::string& text, std::size_t word_start);

// The folded form of one word: see fold above.
std::string fold_word(std::string_view word);
// fold_word(word) into `out`, replacing what it held (no allocation when it has room).
void fold_word_into(std::string& out, std::string_view word);

// The merge key of an entity label: see entity key above. A label with no word at all ("+++")
// keeps normalize_key(label), so that it is still a key of its own.
std::string entity_key(std::string_view label);
// entity_key(label) appended to `out`.
void append_entity_key(std::string& out, std::string_view label);

// An acronym as authors write one: two or more capitals (and digits, '-', '.'), perhaps a plural
// "s": AI, LLMs, EVs, COVID-19.
bool looks_like_acronym(std::string_view label);

// ASCII capitals lower-cased, nothing else changed (format names, file extensions, types).
std::string lower_case(std::string_view text);

// A word that carries no subject of its own ("of", "and", "the"), in any case.
bool is_function_word(std::string_view word);

// A count with its noun: "1 report", "3 reports"; `many` for irregular plurals ("entities").

std::string counted(std::size_t n, std::string_view one, std::string_view many = {});

}  // namespace signalkg
