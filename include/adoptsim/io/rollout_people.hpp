// rollout_people.csv (`--write-cohorts`): who each workplace replicate's plan
// appointed, so a user can join the pilot and the champions with their own
// records by the pseudonymised ids.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "adoptsim/runner/scenario_runner.hpp"

namespace adoptsim::io {

inline constexpr const char* kRolloutPeopleFile = "rollout_people.csv";

// Columns scenario,replicate,group,person: one row per person a replicate
// appointed, group "pilot" (pilot_then_scale's pilot) or "champion", in
// scenario, replicate, group and PersonId order. person_labels[s][p] is what
// the file says for person p of results[s]: an import's keyed pseudonym, a
// generated organisation's id. Scenarios without kept rollout_people (the
// reference models) have no rows.
void write_rollout_people_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results,
                              const std::vector<std::vector<std::string>>& person_labels);

}  // namespace adoptsim::io
