// The Levenshtein distance behind every "did you mean" hint (scenario keys
// and choices, the columns of an import's header).
#pragma once

#include <cstddef>
#include <string_view>

namespace adoptsim::common {

// Insertions, deletions and substitutions of single bytes that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace adoptsim::common
