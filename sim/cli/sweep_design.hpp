// A sweep's design from its flags, or from the scenario's [sweep] table when
// no flag gives one: shared by `sweep` (which runs it) and `validate` (which
// checks a [sweep] table without running it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adoptsim/experiment/design.hpp"
#include "adoptsim/scenario/scenario.hpp"
#include "cli_support.hpp"

namespace adoptsim::cli {

// The design flags as given (nullopt: not given).
struct DesignFlags {
  std::vector<std::string> vary;  // --vary KEY=SPEC, in order
  std::optional<std::string> design;
  std::optional<std::int64_t> points;
  std::optional<std::string> design_seed;
  std::string points_file;
};

struct ResolvedDesign {
  experiment::DesignSpec spec;
  std::vector<std::string> specs;            // each key's SPEC as written
  std::optional<experiment::Design> design;  // nullopt when `problems` got one
};

// --vary or --points-file replace the table's design; --design, --points
// and --design-seed override its design, points and design_seed. Every
// problem goes to `problems`, a [sweep.vary] entry's named by the table's
// line in `base`.
ResolvedDesign resolve_design(const DesignFlags& flags, const scenario::Scenario& base,
                              const std::string& file, ProblemList& problems);

}  // namespace adoptsim::cli
