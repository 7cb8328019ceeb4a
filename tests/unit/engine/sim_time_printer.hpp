// Lets Catch2 print SimTime in failure messages (ticks and days).
#pragma once

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "adoptsim/engine/sim_time.hpp"

namespace Catch {
template <>
struct StringMaker<adoptsim::engine::SimTime> {
  static std::string convert(const adoptsim::engine::SimTime& time) {
    std::ostringstream out;
    out.precision(17);
    out << time.ticks() << " ticks (day " << time.days() << ")";
    return out.str();
  }
};
}  // namespace Catch
