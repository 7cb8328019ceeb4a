#include "sweep_design.hpp"

#include <iostream>
#include <map>
#include <memory>

#include "adoptsim/org/import.hpp"
#include "adoptsim/runner/scenario_runner.hpp"

namespace adoptsim::cli {
namespace {

// A point's problems are named by the point and its overrides.
std::string point_label(const experiment::Design& design, std::size_t point) {
  std::string text = "sweep point " + std::to_string(point) + " (";
  for (std::size_t key = 0; key < design.keys.size(); ++key)
    text += (key == 0 ? "" : ", ") + design.keys[key] + " = " + design.points[point][key];
  return text + ")";
}

// At most this many points' problems and warnings are listed; the rest are counted.
constexpr std::size_t kMaxPointProblems = 10;
constexpr std::size_t kMaxPointWarnings = 10;

}  // namespace

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

PreparedPoints prepare_points(const std::string& file, const std::vector<std::string>& base_overrides,
                              const experiment::Design& design, const scenario::Scenario& base,
                              std::uint64_t seed, ProblemList& problems) {
  // Every point as a scenario, checked as a file with these --set flags would be.
  PreparedPoints prepared;
  std::vector<scenario::Scenario>& points = prepared.points;
  points.reserve(design.points.size());
  std::size_t bad_points = 0;
  std::map<std::string, std::size_t> warning_counts;
  std::vector<std::string> warning_order;
  for (std::size_t point = 0; point < design.points.size(); ++point) {
    std::vector<std::string> overrides = base_overrides;
    for (const std::string& text : design.overrides(point)) overrides.push_back(text);
    scenario::LoadResult loaded = scenario::load_scenario(file, overrides);
    if (!loaded.ok()) {
      if (++bad_points <= kMaxPointProblems) {
        for (const scenario::ScenarioError& error : loaded.errors)
          problems.add(point_label(design, point) + ": " + error.message());
      }
      continue;
    }
    const scenario::KpiTarget& kpi = loaded.scenario->kpi;
    if (kpi.days != base.kpi.days || kpi.from_phase != base.kpi.from_phase) {
      if (++bad_points <= kMaxPointProblems)
        problems.add(point_label(design, point) +
                     ": changes the days its KPIs are measured on (kpi.days, kpi.from_phase); a sweep "
                     "tabulates every point's KPIs under one set of names, so vary other keys");
      continue;
    }
    for (const scenario::ScenarioError& warning : loaded.warnings) {
      if (warning_counts[warning.message()]++ == 0) warning_order.push_back(warning.message());
    }
    points.push_back(std::move(*loaded.scenario));
  }
  if (bad_points > kMaxPointProblems)
    problems.add("... and " + std::to_string(bad_points - kMaxPointProblems) + " more points with problems");
  problems.throw_if_any();

  // One organisation per distinct organisation, checked as run checks it.
  std::map<std::string, std::shared_ptr<const runner::Organisation>> organisations;
  std::vector<std::shared_ptr<const runner::Organisation>> point_organisation;
  for (std::size_t point = 0; point < points.size(); ++point) {
    std::shared_ptr<const runner::Organisation>& shared =
        organisations[runner::organisation_key(points[point])];
    if (!shared) {
      std::vector<org::ImportIssue> import_warnings;
      shared = std::make_shared<const runner::Organisation>(
          runner::load_organisation(points[point], &import_warnings));
      for (const org::ImportIssue& warning : import_warnings)
        std::cerr << "adoptsim: " << warning.text() << "\n";
    }
    point_organisation.push_back(shared);
    const std::vector<std::string> point_problems = runner::check_runnable(points[point], *shared);
    if (!point_problems.empty() && ++bad_points <= kMaxPointProblems)
      problems.add_all(point_problems, point_label(design, point) + ": ");
    for (const std::string& warning : runner::runnable_warnings(points[point], *shared)) {
      if (warning_counts[warning]++ == 0) warning_order.push_back(warning);
    }
  }
  if (bad_points > kMaxPointProblems)
    problems.add("... and " + std::to_string(bad_points - kMaxPointProblems) + " more points with problems");
  problems.throw_if_any();
  // A warning that differs by point (it names the value) is said for the
  // first few points and then counted.
  for (std::size_t index = 0; index < warning_order.size(); ++index) {
    if (index == kMaxPointWarnings) {
      std::cerr << "adoptsim: warning: ... and " << warning_order.size() - kMaxPointWarnings
                << " more warnings about other points (validate a point's overrides with adoptsim validate "
                << file << " --set KEY=VALUE)\n";
      break;
    }
    const std::string& warning = warning_order[index];
    const std::size_t count = warning_counts[warning];
    std::cerr << "adoptsim: warning: " << warning;
    if (count < points.size()) std::cerr << " (in " << count << " of " << points.size() << " points)";
    std::cerr << "\n";
  }

  prepared.runners.reserve(points.size());
  for (std::size_t point = 0; point < points.size(); ++point)
    prepared.runners.emplace_back(points[point], point_organisation[point], seed);
  return prepared;
}

}  // namespace adoptsim::cli
