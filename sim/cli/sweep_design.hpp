// A sweep's design from its flags, or from the scenario's [sweep] table when
// no flag gives one: shared by `sweep` (which runs it) and `validate` (which
// checks a [sweep] table without running it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adoptsim/experiment/design.hpp"
#include "adoptsim/runner/kpi_runner.hpp"
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

// Every point of `design` as a scenario (the file with `base_overrides`
// and then the point's, checked as a file's keys are), its organisation
// built once per distinct organisation and checked as run checks it, and a
// KpiRunner for it on `seed`. Problems name the point ("sweep point 3
// (KEY = VALUE)"), at most ten points' worth and then a count, and are
// thrown as BadInput; warnings are printed once, with how many points have
// them. Every point must measure its KPIs on the base's days.
struct PreparedPoints {
  std::vector<scenario::Scenario> points;
  std::vector<runner::KpiRunner> runners;  // by point; they refer to `points`
};
PreparedPoints prepare_points(const std::string& file, const std::vector<std::string>& base_overrides,
                              const experiment::Design& design, const scenario::Scenario& base,
                              std::uint64_t seed, ProblemList& problems);

}  // namespace adoptsim::cli
