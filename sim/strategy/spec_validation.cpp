// The checks of a strategy spec against an organisation (strategy::validate):
// errors for what cannot be built, warnings for what will not be what the
// plan likely means.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "adoptsim/strategy/presets.hpp"
#include "strategy_helpers.hpp"

namespace adoptsim::strategy {

using analysis::ChampionRule;
using detail::find_department;
using detail::needs_champions;
using org::PersonId;

namespace {

constexpr std::uint32_t kPilotMin = 8;
constexpr std::uint32_t kPilotMax = 15;

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string known_departments(const org::OrgGraph& graph) {
  std::string names;
  for (const std::string& name : graph.department_names()) {
    if (!names.empty()) names += ", ";
    names += "'" + name + "'";
  }
  return names;
}

void check_gate(const model::Gate& gate, const std::string& where, const std::string& field,
                SpecValidation& report) {
  const double threshold = gate.weekly_active_share_of_access;
  if (!(threshold > 0.0 && threshold <= 1.0)) {
    std::string message = where + ": gate threshold " + number(threshold) + " is outside (0, 1]: ";
    if (threshold > 1.0) {
      message += "the weekly active share of access can never reach it, so the phase starts ";
      message +=
          std::isfinite(gate.latest_day) ? "only on its latest_day " + number(gate.latest_day) : "never";
    } else {
      message += "it is met at once, on earliest_day " + number(gate.earliest_day);
    }
    report.warnings.push_back({field, message});
  }
  if (!(gate.earliest_day >= 0.0)) {
    report.errors.push_back(
        {field, where + ": gate earliest_day must be >= 0 (is " + number(gate.earliest_day) + ")"});
  }
  if (gate.latest_day < gate.earliest_day) {
    report.errors.push_back({field, where + ": gate latest_day " + number(gate.latest_day) +
                                        " is before its earliest_day " + number(gate.earliest_day)});
  }
}

void check_people(const std::vector<PersonId>& people, const std::string& where, const std::string& field,
                  const org::OrgGraph& graph, SpecValidation& report) {
  for (const PersonId person : people) {
    if (person >= graph.person_count()) {
      report.errors.push_back({field, where + " names person " + std::to_string(person) +
                                          ", who does not exist (the organisation has " +
                                          std::to_string(graph.person_count()) + " people)"});
      return;
    }
  }
}

void check_department(const std::string& name, const std::string& where, const std::string& field,
                      const org::OrgGraph& graph, SpecValidation& report) {
  if (!find_department(graph, name)) {
    report.errors.push_back({field, where + " names unknown department '" + name +
                                        "' (known: " + known_departments(graph) + ")"});
  }
}

void check_non_negative(double value, const std::string& name, const std::string& field,
                        SpecValidation& report) {
  if (!(std::isfinite(value) && value >= 0.0)) {
    report.errors.push_back({field, name + " must be a finite number >= 0 (is " + number(value) + ")"});
  }
}

void check_selector(const CohortSelector& selector, const std::string& where, const org::OrgGraph& graph,
                    SpecValidation& report) {
  for (const std::string& name : selector.departments) check_department(name, where, "phases", graph, report);
  for (const std::string& role : selector.roles) {
    if (!org::parse_role(role)) {
      report.errors.push_back({"phases", where + " names unknown role '" + role +
                                             "' (known: 'individual_contributor', 'manager', 'executive')"});
    }
  }
  if (!(selector.fraction >= 0.0 && selector.fraction <= 1.0)) {
    report.errors.push_back(
        {"phases", where + ": cohort fraction must be in [0, 1] (is " + number(selector.fraction) + ")"});
  }
  check_people(selector.people, where, "phases", graph, report);
}

std::size_t count_role(const org::OrgGraph& graph, org::Role role) {
  std::size_t count = 0;
  for (PersonId person = 0; person < graph.person_count(); ++person)
    count += graph.role(person) == role ? 1 : 0;
  return count;
}

std::string plural(std::size_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// Where a random pilot of this organisation will not be what a plan is
// likely to mean: smaller than asked, or always the same person of a tiny
// department. Random pilots leave executives out (choose_pilot).
void check_pilot_draw(const StrategySpec& spec, const org::OrgGraph& graph, SpecValidation& report) {
  std::vector<std::size_t> candidates(graph.department_count(), 0);
  for (PersonId person = 0; person < graph.person_count(); ++person)
    candidates[graph.department(person)] += graph.role(person) != org::Role::Executive ? 1 : 0;
  if (spec.pilot_rule == PilotRule::SingleDepartment) {
    const auto department = find_department(graph, spec.pilot_department);
    if (!department || candidates[*department] >= spec.pilot_size) return;
    report.warnings.push_back({"pilot_size", "pilot_department '" + spec.pilot_department + "' has " +
                                                 plural(candidates[*department], "person", "people") +
                                                 " who are not executives, fewer than pilot_size " +
                                                 std::to_string(spec.pilot_size) + ": the pilot will be " +
                                                 plural(candidates[*department], "person", "people")});
  } else if (spec.pilot_rule == PilotRule::CrossDepartmentRandom) {
    std::size_t total = 0;
    std::string tiny;
    std::size_t tiny_count = 0;
    for (std::size_t department = 0; department < candidates.size(); ++department) {
      total += candidates[department];
      if (candidates[department] != 1) continue;
      tiny += (tiny.empty() ? "'" : ", '") +
              graph.department_name(static_cast<org::DepartmentId>(department)) + "'";
      ++tiny_count;
    }
    if (total < spec.pilot_size) {
      report.warnings.push_back({"pilot_size", "only " + plural(total, "person", "people") +
                                                   " who are not executives can be in the pilot, fewer than "
                                                   "pilot_size " +
                                                   std::to_string(spec.pilot_size) + ": the pilot will be " +
                                                   plural(total, "person", "people")});
    } else if (tiny_count > 0 && spec.pilot_size >= graph.department_count()) {
      // Round-robin over departments: with a seat for each department, each is drawn from.
      report.warnings.push_back(
          {"pilot_rule",
           "the cross-department pilot takes one person from each department in turn, and " +
               std::string(tiny_count == 1 ? "department " : "departments ") + tiny +
               (tiny_count == 1 ? " has" : " have") +
               " one person who is not an executive: that person is in the pilot in every replicate"});
    }
  }
}

}  // namespace

double phase_start_day(const CustomPhase& phase) {
  return phase.gated ? phase.gate.earliest_day : phase.start_day;
}

std::vector<PhaseOrderProblem> phases_out_of_order(const std::vector<CustomPhase>& phases) {
  std::vector<PhaseOrderProblem> problems;
  double previous = 0.0;
  for (std::size_t index = 0; index < phases.size(); ++index) {
    const double start = phase_start_day(phases[index]);
    if (start < previous) problems.push_back({index, start, previous});
    previous = std::max(previous, start);
  }
  return problems;
}

SpecValidation validate(const StrategySpec& spec, const org::OrgGraph& graph, double horizon_days) {
  SpecValidation report;
  const std::size_t people = graph.person_count();
  if (people == 0) report.errors.push_back({"", "the organisation has nobody in it"});
  if (!(spec.incentive_level >= -1.0 && spec.incentive_level <= 1.0)) {
    report.errors.push_back(
        {"incentive_level", "incentive_level must be in [-1, 1] (is " + number(spec.incentive_level) + ")"});
  }
  switch (spec.preset) {
    case Preset::PilotThenScale: {
      std::size_t size = spec.pilot_size;
      if (spec.pilot_rule == PilotRule::Named) {
        size = spec.pilot_people.size();
        check_people(spec.pilot_people, "pilot_people", "pilot_people", graph, report);
      } else if (spec.pilot_rule == PilotRule::SingleDepartment) {
        check_department(spec.pilot_department, "pilot_department", "pilot_department", graph, report);
      }
      const std::string size_field = spec.pilot_rule == PilotRule::Named ? "pilot_people" : "pilot_size";
      if (size == 0) {
        report.errors.push_back({size_field, "the pilot has nobody in it"});
      } else if (size > people) {
        report.errors.push_back({size_field, "a pilot of " + std::to_string(size) +
                                                 " people is larger than the organisation (" +
                                                 std::to_string(people) + " people)"});
      } else if (spec.pilot_rule != PilotRule::Named) {
        check_pilot_draw(spec, graph, report);
      }
      if (size > 0 && size <= people && (size < kPilotMin || size > kPilotMax)) {
        report.warnings.push_back({size_field, "a pilot of " + std::to_string(size) +
                                                   " people is outside the 8–15 the seeds report for a "
                                                   "mid-market firm; it runs as asked"});
      }
      check_non_negative(spec.check_in_days, "check_in_days", "check_in_days", report);
      check_non_negative(spec.scale_day, "scale_day", "scale_day", report);
      if (spec.scale_gate) {
        model::Gate gate = *spec.scale_gate;
        gate.latest_day = std::min(gate.latest_day, spec.scale_day);
        check_gate(gate, "scale phase", "scale_gate_share", report);
      }
      break;
    }
    case Preset::PhasedByDepartment: {
      for (const std::string& name : spec.wave_order)
        check_department(name, "wave_order", "wave_order", graph, report);
      std::vector<std::string> sorted = spec.wave_order;
      std::sort(sorted.begin(), sorted.end());
      if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
        report.errors.push_back({"wave_order", "wave_order names a department more than once"});
      }
      check_non_negative(spec.wave_spacing_days, "wave_spacing_days", "wave_spacing_days", report);
      // Waves on or after the horizon never start: their departments never get access.
      const std::size_t waves = graph.department_count();
      std::size_t first_late = waves;
      for (std::size_t wave = 0; wave < waves; ++wave) {
        if (static_cast<double>(wave) * spec.wave_spacing_days >= horizon_days) {
          first_late = wave;
          break;
        }
      }
      if (first_late < waves) {
        report.warnings.push_back(
            {"wave_spacing_days",
             plural(waves - first_late, "department wave", "department waves") + " of " +
                 std::to_string(waves) + " would start on day " +
                 number(static_cast<double>(first_late) * spec.wave_spacing_days) +
                 (waves - first_late == 1 ? "" : " or later") + ", not before the horizon (" +
                 number(horizon_days) + " days): " +
                 (waves - first_late == 1 ? "that department never gets" : "those departments never get") +
                 " access; shorten wave_spacing_days or lengthen horizon_days"});
      }
      break;
    }
    case Preset::ManagerFirst:
      check_non_negative(spec.manager_lead_days, "manager_lead_days", "manager_lead_days", report);
      if (count_role(graph, org::Role::IndividualContributor) == people) {
        report.warnings.push_back(
            {"preset",
             "manager_first needs managers, and this organisation has none (nobody has direct reports or is "
             "an "
             "executive): the managers' phase reaches nobody, and everyone starts with the teams' phase on "
             "day " +
                 number(spec.manager_lead_days)});
      } else if (spec.manager_lead_days >= horizon_days) {
        report.warnings.push_back(
            {"manager_lead_days", "manager_lead_days " + number(spec.manager_lead_days) +
                                      " is not before the horizon (" + number(horizon_days) +
                                      " days): the teams never get access"});
      }
      break;
    case Preset::BigBang:
    case Preset::ChampionNetwork:
    case Preset::Custom:
      break;
  }
  if (needs_champions(spec)) {
    if (!(spec.people_per_champion >= 1.0 && std::isfinite(spec.people_per_champion))) {
      report.errors.push_back(
          {"people_per_champion",
           "people_per_champion must be a finite number >= 1 (is " + number(spec.people_per_champion) + ")"});
    }
    if (analysis::is_centrality(spec.champion_rule) && std::isfinite(spec.people_per_champion) &&
        spec.people_per_champion >= 1.0) {
      const analysis::SelectionConstraints constraints = champion_constraints(spec, graph);
      if (constraints.count > 0) {
        for (std::string& problem : analysis::check_selection(graph, constraints))
          report.errors.push_back(
              {spec.max_champions_per_department > 0 ? "max_champions_per_department" : "people_per_champion",
               "champion_rule " + std::string(analysis::to_string(spec.champion_rule)) + ": " +
                   std::move(problem)});
      }
    }
    if (spec.champion_rule == ChampionRule::Named) {
      if (spec.champion_people.empty())
        report.errors.push_back({"champion_people", "champion_people is empty"});
      check_people(spec.champion_people, "champion_people", "champion_people", graph, report);
    } else if (people > 0 && std::isfinite(spec.people_per_champion) && spec.people_per_champion >= 1.0) {
      const std::size_t eligible = champions_eligible(spec, graph);
      const double wanted = spec.champion_count > 0
                                ? static_cast<double>(spec.champion_count)
                                : std::ceil(static_cast<double>(people) / spec.people_per_champion);
      if (wanted > static_cast<double>(eligible)) {
        report.warnings.push_back(
            {"people_per_champion", "the plan wants " + number(wanted) + " champions but only " +
                                        plural(eligible, "person", "people") +
                                        (spec.champions_include_executives ? "" : " who are not executives") +
                                        " can be one: " + std::to_string(eligible) + " are appointed"});
      }
    }
  }
  if (spec.preset == Preset::Custom) {
    if (spec.phases.empty()) {
      report.errors.push_back(
          {"phases",
           "the custom strategy has no phases: nobody would get access; add phases or pick a preset"});
    }
    for (const PhaseOrderProblem& problem : phases_out_of_order(spec.phases)) {
      const CustomPhase& phase = spec.phases[problem.index];
      report.errors.push_back({"phases", "phase " + std::to_string(problem.index + 1) + " (" + phase.name +
                                             ") starts on day " + number(problem.start_day) +
                                             ", before the phase it follows (day " +
                                             number(problem.previous_start_day) + "); phases run in order"});
    }
    for (std::size_t index = 0; index < spec.phases.size(); ++index) {
      const CustomPhase& phase = spec.phases[index];
      const std::string where = "phase " + std::to_string(index + 1) + " (" + phase.name + ")";
      if (phase.gated) {
        check_gate(phase.gate, where, "phases", report);
      } else {
        check_non_negative(phase.start_day, where + " start_day", "phases", report);
      }
      check_selector(phase.cohort, where, graph, report);
      for (const CustomIntervention& intervention : phase.interventions) {
        const std::string what = where + " " + std::string(model::to_string(intervention.kind));
        check_non_negative(intervention.duration_days, what + " duration_days", "phases", report);
        if (!(intervention.value >= -1.0 && intervention.value <= 1.0)) {
          report.errors.push_back(
              {"phases", what + " value must be in [-1, 1] (is " + number(intervention.value) + ")"});
        }
        if (intervention.intensity && !(*intervention.intensity >= 0.0 && *intervention.intensity <= 1.0)) {
          report.errors.push_back(
              {"phases", what + " intensity must be in [0, 1] (is " + number(*intervention.intensity) + ")"});
        }
      }
    }
  }
  return report;
}

}  // namespace adoptsim::strategy
