// The rules across keys of a scenario, checked once it is resolved: budget
// shares, departments and people named by the strategy, phases in order,
// pilot size, imported files, gates and incidents, the KPI day within the
// horizon, threshold bounds in order.
#include "cross_checks.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/org/generator.hpp"

namespace adoptsim::scenario {
namespace {

namespace fs = std::filesystem;

constexpr double kShareTolerance = 1e-6;

// Rules that involve several keys, checked on the resolved scenario.
class CrossChecker {
 public:
  CrossChecker(std::vector<ScenarioError>& errors, std::vector<ScenarioError>& warnings,
               const std::map<std::string, Found>& found, std::string root_file)
      : errors_(errors), warnings_(warnings), found_(found), root_file_(std::move(root_file)) {}

  void check(const Scenario& scenario) {
    if (scenario.workplace) check_workplace(scenario, *scenario.workplace);
    if (scenario.organisation_source == OrganisationSource::File) {
      check_import(scenario);
    } else {
      check_generated(scenario);
    }
    if (scenario.kpi.by_day > scenario.horizon_days) {
      report({"kpi.by_day", "horizon_days"}, "kpi.by_day", std::to_string(scenario.kpi.by_day),
             "is after the horizon (horizon_days = " + std::to_string(scenario.horizon_days) + ")",
             "a day in [1, horizon_days]");
    }
    // A default day after a short horizon just leaves its KPI empty; a day the file asks for is checked.
    if (found_.count("kpi.days") > 0 && scenario.kpi.from_phase.empty() &&
        scenario.kpi.days.back() > scenario.horizon_days) {
      report({"kpi.days", "horizon_days"}, "kpi.days",
             to_toml_literal(
                 Value{std::vector<std::int64_t>(scenario.kpi.days.begin(), scenario.kpi.days.end())}),
             "has a day after the horizon (horizon_days = " + std::to_string(scenario.horizon_days) + ")",
             "days in [1, horizon_days]");
    }
    if (found_.count("kpi.hard_review_day") > 0 && scenario.kpi.hard_review_day > scenario.horizon_days) {
      report({"kpi.hard_review_day", "horizon_days"}, "kpi.hard_review_day",
             std::to_string(scenario.kpi.hard_review_day),
             "is after the horizon (horizon_days = " + std::to_string(scenario.horizon_days) + ")",
             "a day in [30, horizon_days]");
    }
    if (const auto* threshold = std::get_if<model::ThresholdParams>(&scenario.model)) {
      if (threshold->threshold_low > threshold->threshold_high) {
        report(
            {"model.threshold.threshold_low", "model.threshold.threshold_high"},
            "model.threshold.threshold_low", to_toml_literal(Value{threshold->threshold_low}),
            "is above model.threshold.threshold_high = " + to_toml_literal(Value{threshold->threshold_high}),
            "threshold_low <= threshold_high");
      }
    }
  }

 private:
  // An import's files must exist; its people are counted only when it runs.
  void check_import(const Scenario& scenario) {
    const org::ImportOptions& import = scenario.organisation_import;
    if (import.file.empty()) {
      report({"organisation.source"}, "organisation.source", "\"file\"", "needs organisation.file",
             "the path of the people file, relative to the scenario file",
             "add `file = \"people.csv\"` under [organisation]");
    } else {
      check_readable("organisation.file", import.file);
    }
    if (import.ties_file) {
      if (import.format != org::ImportFormat::Csv && import.format != org::ImportFormat::Snap) {
        report({"organisation.ties_file"}, "organisation.ties_file",
               to_toml_literal(Value{import.ties_file->string()}),
               "is not read for format \"" + std::string(org::to_string(import.format)) + "\"",
               "ties_file only with format \"csv\" or \"snap\"",
               "GraphML files hold their own edges; Krackhardt's ties are read beside attributes.csv");
      } else {
        check_readable("organisation.ties_file", *import.ties_file);
      }
    }
    if (!scenario.pseudonym_key_file.empty())
      check_readable("organisation.pseudonym_key_file", scenario.pseudonym_key_file);
    const bool has_columns =
        import.format == org::ImportFormat::Csv || import.format == org::ImportFormat::GraphMl;
    if (!has_columns) {
      for (const char* key : {"organisation.role_rules", "organisation.unknown_manager"}) {
        if (found_.count(key) == 0) continue;
        if (std::string(key) == "organisation.unknown_manager" &&
            import.format == org::ImportFormat::Krackhardt)
          continue;
        report({key}, key, {},
               "is not read for format \"" + std::string(org::to_string(import.format)) + "\"",
               "only with format \"csv\" or \"graphml\"",
               "SNAP and Krackhardt files carry no job titles (Krackhardt's LEVEL gives the roles)");
      }
    }
    for (const auto& [variant, name] : import.department_aliases) {
      if (name.empty()) {
        report({"organisation.department_aliases"}, "organisation.department_aliases.\"" + variant + "\"",
               "\"\"", "is empty", "the canonical department name");
      } else if (variant == name) {
        warn({"organisation.department_aliases"}, "organisation.department_aliases.\"" + variant + "\"",
             to_toml_literal(Value{name}), "maps the name to itself, which changes nothing");
      }
    }
  }

  // The file must open as a regular file under its kind's size limit (a
  // FIFO or a device would block or never end); nothing is read.
  void check_readable(const std::string& key, const fs::path& path) {
    const std::uintmax_t limit =
        key == "organisation.pseudonym_key_file" ? common::kMaxKeyFileBytes : common::kMaxDataFileBytes;
    const auto problem = common::input_file_problem(path, limit);
    if (!problem) return;
    report({key}, key, {}, "names a file that cannot be read: " + path.string() + " " + *problem, {},
           "paths are relative to the scenario file that sets them");
  }

  void check_generated(const Scenario& scenario) {
    for (const char* key : {"organisation.ties_file", "organisation.file", "organisation.format"}) {
      if (const auto it = found_.find(key); it != found_.end()) {
        report({key}, key, to_toml_literal(it->second.value),
               "is set but organisation.source is \"generated\"", {},
               "add `source = \"file\"` under [organisation] to import the organisation");
      }
    }
    const org::OrgSpec& organisation = scenario.organisation;
    const std::size_t department_count = organisation.departments.size();
    if (department_count == 0) {
      report({"organisation.departments"}, "organisation.departments", "[]", "is empty",
             "at least one department");
    }
    double share_sum = 0.0;
    std::set<std::string> names;
    for (std::size_t i = 0; i < department_count; ++i) {
      share_sum += organisation.departments[i].headcount_share;
      if (!names.insert(organisation.departments[i].name).second) {
        report({"organisation.departments"}, "organisation.departments[" + std::to_string(i) + "].name",
               to_toml_literal(Value{organisation.departments[i].name}),
               "repeats an earlier department's name", "a name used by one department only");
      }
    }
    if (department_count > 0 && std::fabs(share_sum - 1.0) > kShareTolerance) {
      std::ostringstream sum;
      sum << share_sum;
      report({"organisation.departments"}, "organisation.departments", {},
             "has shares that sum to " + sum.str(), "shares that sum to 1",
             "adjust the `share` of one or more departments");
    }
    if (organisation.headcount < 1 + department_count) {
      report({"organisation.headcount", "organisation.departments"}, "organisation.headcount",
             std::to_string(organisation.headcount),
             "is too small for " + std::to_string(department_count) + " departments",
             "at least " + std::to_string(1 + department_count) + " (the CEO and one head per department)");
    }

    const model::InitialAdopters& initial = std::visit(
        [](const auto& params) -> const model::InitialAdopters& { return params.initial; }, scenario.model);
    const std::size_t named = scenario.named_people.initial_adopters.size();
    if (initial.random_count + named > organisation.headcount) {
      report({"model.initial_adopters.random_count", "model.initial_adopters.people"},
             "model.initial_adopters.random_count", std::to_string(initial.random_count),
             "with " + std::to_string(named) + " named people exceeds the headcount",
             "at most " + std::to_string(organisation.headcount) + " initial adopters in all");
    }

    if (const auto* threshold = std::get_if<model::ThresholdParams>(&scenario.model)) {
      if (!threshold->thresholds.empty() && threshold->thresholds.size() != organisation.headcount) {
        report({"model.threshold.thresholds"}, "model.threshold.thresholds", {},
               "has " + std::to_string(threshold->thresholds.size()) + " entries",
               "one per person: " + std::to_string(organisation.headcount) +
                   " (organisation.headcount), or none");
      }
    }
  }

  void check_workplace(const Scenario& scenario, const WorkplaceScenario& workplace) {
    const strategy::StrategySpec& spec = workplace.strategy;
    const bool generated = scenario.organisation_source == OrganisationSource::Generated;
    const auto horizon = static_cast<double>(scenario.horizon_days);

    // Lever shares.
    const double share_sum = workplace.budget.shares.sum();
    if (std::fabs(share_sum - 1.0) > kShareTolerance) {
      std::ostringstream sum;
      sum << share_sum;
      report({"budget.shares.training", "budget.shares.champions", "budget.shares.communications",
              "budget.shares.leadership", "budget.shares.governance", "budget.shares.support",
              "budget.shares.incentives", "budget.shares.knowledge"},
             "budget.shares", {}, "sum to " + sum.str(), "eight shares that sum to 1",
             "they split the change-management money; licences are paid from the rest of the total");
    }

    // Department names a generated organisation does not have.
    std::vector<std::string_view> departments;
    for (const auto& department : scenario.organisation.departments) departments.push_back(department.name);
    const auto check_department = [&](std::string_view at_key, const std::string& shown,
                                      const std::string& name) {
      if (!generated || std::find(departments.begin(), departments.end(), name) != departments.end()) return;
      std::string hint;
      if (const auto suggestion = closest_choice(name, departments)) {
        hint = "did you mean \"" + std::string(*suggestion) + "\"?";
      } else {
        hint = "the departments are";
        for (std::size_t i = 0; i < departments.size(); ++i)
          hint.append(i == 0 ? " \"" : ", \"").append(departments[i]).append("\"");
      }
      report({at_key}, shown, to_toml_literal(Value{name}), "is not a department of the organisation",
             "a name from organisation.departments", std::move(hint));
    };
    for (std::size_t i = 0; i < workplace.department_profiles.size(); ++i) {
      check_department("model.workplace.departments",
                       "model.workplace.departments[" + std::to_string(i) + "].name",
                       workplace.department_profiles[i].department);
    }

    const auto people = scenario.organisation.headcount;
    switch (spec.preset) {
      case strategy::Preset::PilotThenScale:
        if (spec.pilot_rule == strategy::PilotRule::SingleDepartment) {
          if (spec.pilot_department.empty()) {
            report({"strategy.pilot_rule"}, "strategy.pilot_rule", "\"single_department\"",
                   "needs strategy.pilot_department", "the name of the pilot's department");
          } else {
            check_department("strategy.pilot_department", "strategy.pilot_department", spec.pilot_department);
          }
        } else if (spec.pilot_rule == strategy::PilotRule::Named) {
          if (scenario.named_people.pilot.empty()) {
            report({"strategy.pilot_rule"}, "strategy.pilot_rule", "\"named\"", "needs strategy.pilot_people",
                   "the pilot's person ids");
          }
        }
        if (generated && spec.pilot_rule != strategy::PilotRule::Named && spec.pilot_size > people) {
          report({"strategy.pilot_size", "organisation.headcount"}, "strategy.pilot_size",
                 std::to_string(spec.pilot_size), "is larger than the organisation",
                 "at most organisation.headcount = " + std::to_string(people));
        }
        if (spec.scale_gate && spec.scale_day < spec.scale_gate->earliest_day) {
          report({"strategy.scale_day"}, "strategy.scale_day", to_toml_literal(Value{spec.scale_day}),
                 "is before strategy.scale_gate_earliest_day = " +
                     to_toml_literal(Value{spec.scale_gate->earliest_day}),
                 "with a scale gate, scale_day is the latest day of the scale-up: a day on or after the "
                 "gate's earliest day");
        } else if (spec.scale_gate && spec.scale_gate->earliest_day >= horizon) {
          warn({"strategy.scale_gate_earliest_day"}, "strategy.scale_gate_earliest_day",
               to_toml_literal(Value{spec.scale_gate->earliest_day}),
               "is not before the horizon (horizon_days = " + std::to_string(scenario.horizon_days) +
                   "): the scale-up never happens");
        } else if (spec.scale_gate && spec.scale_day >= horizon) {
          warn({"strategy.scale_day"}, "strategy.scale_day", to_toml_literal(Value{spec.scale_day}),
               "is the scale-up's latest day and not before the horizon (horizon_days = " +
                   std::to_string(scenario.horizon_days) +
                   "): in replicates where the scale gate is not met, the scale-up never happens");
        } else if (spec.scale_day >= horizon) {
          warn({"strategy.scale_day"}, "strategy.scale_day", to_toml_literal(Value{spec.scale_day}),
               "is not before the horizon: the scale-up never happens");
        }
        break;
      case strategy::Preset::PhasedByDepartment: {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < spec.wave_order.size(); ++i) {
          const std::string shown = "strategy.wave_order[" + std::to_string(i) + "]";
          check_department("strategy.wave_order", shown, spec.wave_order[i]);
          if (!seen.insert(spec.wave_order[i]).second) {
            report({"strategy.wave_order"}, shown, to_toml_literal(Value{spec.wave_order[i]}),
                   "repeats an earlier wave", "each department once");
          }
        }
        break;
      }
      case strategy::Preset::Custom: {
        const bool phases_rejected = std::any_of(errors_.begin(), errors_.end(), [](const ScenarioError& e) {
          return e.key.rfind("strategy.phases", 0) == 0;
        });
        if (spec.phases.empty() && !phases_rejected) {
          report({"strategy.preset"}, "strategy.preset", "\"custom\"", "has no phases",
                 "at least one [[strategy.phases]] table", "add the phases, or pick a preset");
        }
        for (const strategy::PhaseOrderProblem& problem : strategy::phases_out_of_order(spec.phases)) {
          report({"strategy.phases"}, "strategy.phases[" + std::to_string(problem.index) + "].start_day",
                 to_toml_literal(Value{problem.start_day}),
                 "is before the start of the phase above (day " +
                     to_toml_literal(Value{problem.previous_start_day}) + ")",
                 "phases in the order they start", "reorder the phases or fix the day");
        }
        for (std::size_t i = 0; i < spec.phases.size(); ++i) {
          const strategy::CustomPhase& phase = spec.phases[i];
          const std::string shown = "strategy.phases[" + std::to_string(i) + "]";
          const double start = strategy::phase_start_day(phase);
          for (std::size_t d = 0; d < phase.cohort.departments.size(); ++d) {
            check_department("strategy.phases", shown + ".departments[" + std::to_string(d) + "]",
                             phase.cohort.departments[d]);
          }
          if (phase.interventions.empty()) {
            report({"strategy.phases"}, shown + ".interventions", "[]", "is empty",
                   "at least one intervention");
          }
          if (start >= horizon) {
            warn({"strategy.phases"}, shown + ".start_day", to_toml_literal(Value{start}),
                 "is not before the horizon (horizon_days = " + std::to_string(scenario.horizon_days) +
                     "): the phase never starts");
          } else if (phase.gated && phase.gate.weekly_active_share_of_access >= 1.0 &&
                     !std::isfinite(phase.gate.latest_day)) {
            warn({"strategy.phases"}, shown + ".gate_share", "1.0",
                 "asks for everyone with access to be weekly active and has no gate_latest_day: the "
                 "phase may never start");
          }
        }
        break;
      }
      case strategy::Preset::BigBang:
      case strategy::Preset::ChampionNetwork:
      case strategy::Preset::ManagerFirst:
        break;
    }
    if (spec.champion_rule == analysis::ChampionRule::Named) {
      if (scenario.named_people.champions.empty()) {
        report({"strategy.champion_rule"}, "strategy.champion_rule", "\"named\"",
               "needs strategy.champion_people", "the champions' person ids");
      }
    }
    for (std::size_t i = 0; i < workplace.incidents.size(); ++i) {
      if (workplace.incidents[i].day >= horizon) {
        warn({"model.workplace.incidents"}, "model.workplace.incidents[" + std::to_string(i) + "].day",
             to_toml_literal(Value{workplace.incidents[i].day}),
             "is not before the horizon: the incident never happens");
      }
    }
    const auto& dynamics = workplace.params.dynamics;
    if (dynamics.quality_start > dynamics.quality_max) {
      report(
          {"model.workplace.dynamics.quality_start"}, "model.workplace.dynamics.quality_start",
          to_toml_literal(Value{dynamics.quality_start}),
          "is above model.workplace.dynamics.quality_max = " + to_toml_literal(Value{dynamics.quality_max}),
          "quality_start <= quality_max");
    }
  }

  Location location_of_first(std::initializer_list<std::string_view> keys) const {
    for (const std::string_view candidate : keys) {
      if (const auto it = found_.find(std::string(candidate)); it != found_.end()) return it->second.where;
    }
    return Location{root_file_, 0, 0};
  }

  // Reports at the first of `keys` the files set; at the scenario file when
  // every one of them is a default.
  void report(std::initializer_list<std::string_view> keys, std::string key, std::string value,
              std::string problem, std::string expected, std::string hint = {}) {
    errors_.push_back(make_error(location_of_first(keys), std::move(key), std::move(value),
                                 std::move(problem), std::move(expected), std::move(hint)));
  }
  void warn(std::initializer_list<std::string_view> keys, std::string key, std::string value,
            std::string problem) {
    warnings_.push_back(
        make_error(location_of_first(keys), std::move(key), std::move(value), std::move(problem)));
  }

  std::vector<ScenarioError>& errors_;
  std::vector<ScenarioError>& warnings_;
  const std::map<std::string, Found>& found_;
  std::string root_file_;
};

}  // namespace

void check_across_keys(const Scenario& scenario, const std::map<std::string, Found>& found,
                       const std::string& root_file, std::vector<ScenarioError>& errors,
                       std::vector<ScenarioError>& warnings) {
  CrossChecker(errors, warnings, found, root_file).check(scenario);
}

}  // namespace adoptsim::scenario
