#include "adoptsim/io/rollout_people.hpp"

#include "adoptsim/io/results.hpp"

namespace adoptsim::io {

void write_rollout_people_csv(std::ostream& out, const std::vector<runner::ScenarioResult>& results,
                              const std::vector<std::vector<std::string>>& person_labels) {
  out << "scenario,replicate,group,person\n";
  for (std::size_t index = 0; index < results.size(); ++index) {
    const runner::ScenarioResult& result = results[index];
    const std::string scenario = csv_text(scenario_name(result));
    const std::vector<std::string>& labels = person_labels.at(index);
    for (std::size_t replicate = 0; replicate < result.rollout_people.size(); ++replicate) {
      const runner::RolloutPeople& people = result.rollout_people[replicate];
      const auto rows = [&](const char* group, const std::vector<org::PersonId>& members) {
        for (const org::PersonId person : members)
          out << scenario << ',' << replicate << ',' << group << ',' << csv_text(labels.at(person)) << '\n';
      };
      rows("pilot", people.pilot);
      rows("champion", people.champions);
    }
  }
}

}  // namespace adoptsim::io
