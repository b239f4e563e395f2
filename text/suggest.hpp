// "Did you mean ...?": the candidate nearest a word a user mistyped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signalkg {

// The candidate closest to `word` by edit distance, compared case-insensitively, when it is
// near enough to be a slip (at most a third of the word's letters, at least 1, changed) or
// `word` is the start of it ("Klarn" -> "Klarna"); the first such on a tie. None otherwise.
std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string_view>& candidates);

}  // namespace signalkg
