#include "sweep_design.hpp"

namespace adoptsim::cli {

ResolvedDesign resolve_design(const DesignFlags& flags, const scenario::Scenario& base,
                              const std::string& file, ProblemList& problems) {
  const scenario::SweepTable& table = base.sweep;
  const bool from_flags = !flags.vary.empty() || !flags.points_file.empty();
  const std::string table_at = [&] {
    const auto found = base.set_at.find("sweep.vary");
    return (found == base.set_at.end() ? file : found->second) + ": [sweep.vary] ";
  }();
  const std::size_t problems_before = problems.size();
  // How a problem names a setting: by its flag when given, else by the table's key and line.
  const auto named = [&](const char* flag, const char* key, const std::string& value) {
    if (from_flags) return std::string(flag) + " " + value;
    const auto found = base.set_at.find(key);
    return (found == base.set_at.end() ? file : found->second) + ": " + key + " = " + value;
  };

  const std::string design_name = flags.design.value_or(from_flags ? "grid" : table.design);
  const std::string points_file = !flags.points_file.empty()
                                      ? flags.points_file
                                      : (from_flags ? std::string() : table.points_file.string());
  const std::int64_t sample_points = flags.points.value_or(from_flags ? 0 : table.points);
  std::uint64_t lhs_seed = from_flags ? 1 : table.design_seed;
  if (flags.design_seed) lhs_seed = parse_seed_flag(*flags.design_seed, problems).value_or(1);

  ResolvedDesign resolved;
  experiment::DesignSpec& spec = resolved.spec;
  if (!points_file.empty()) {
    spec.kind = experiment::DesignKind::Points;
    spec.points_file = points_file;
    if (flags.design && *flags.design != "points")
      problems.add("--points-file is the whole design: leave out --design " + *flags.design);
  } else if (const auto kind = experiment::parse_design_kind(design_name);
             kind && *kind != experiment::DesignKind::Points) {
    spec.kind = *kind;
  } else {
    problems.add((flags.design ? "--design " + design_name : named("--design", "sweep.design", design_name)) +
                 ": expected grid, zip, lhs or sobol (or a --points-file)");
  }
  const bool sampled =
      spec.kind == experiment::DesignKind::LatinHypercube || spec.kind == experiment::DesignKind::Sobol;
  if (flags.points && !sampled)
    problems.add("--points sets how many points lhs and sobol sample; a " + design_name +
                 " design has as many as its values make");
  if (flags.design_seed && spec.kind != experiment::DesignKind::LatinHypercube)
    problems.add("--design-seed seeds the Latin hypercube (--design lhs) only");
  if (sampled) {
    if (sample_points < 1 || sample_points > static_cast<std::int64_t>(experiment::kMaxDesignPoints)) {
      const std::string points_text = std::to_string(sample_points);
      problems.add(
          (flags.points ? "--points " + points_text : named("--points", "sweep.points", points_text)) +
          (design_name == "lhs" ? ": an " : ": a ") + design_name + " design needs 1 to " +
          with_thousands(experiment::kMaxDesignPoints) + " points (--points N, or sweep.points)");
    } else {
      spec.points = static_cast<std::uint32_t>(sample_points);
    }
  }
  spec.seed = lhs_seed;
  try {
    if (from_flags) {
      for (const std::string& text : flags.vary) {
        spec.variations.push_back(experiment::parse_variation(text));
        resolved.specs.push_back(spec.variations.back().spec);
      }
    } else if (spec.kind != experiment::DesignKind::Points) {
      for (const auto& [key, text] : table.vary) {
        spec.variations.push_back(
            experiment::parse_variation(key + "=" + text, table_at + "\"" + key + "\" = \"" + text + "\""));
        resolved.specs.push_back(text);
      }
    }
    if (problems.size() == problems_before) resolved.design = experiment::build_design(spec);
  } catch (const experiment::DesignError& error) {
    problems.add(error.what());
  }
  return resolved;
}

}  // namespace adoptsim::cli
