#include "workplace_tables.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim::model {

OpportunityTable::OpportunityTable(double mean) {
  double mass = std::exp(-mean);
  double total = 0.0;
  for (std::uint32_t count = 0;; ++count) {
    if (count > 0) mass *= mean / static_cast<double>(count);
    total += mass;
    cumulative.push_back(total * 0x1p32);
    if (1.0 - total < 0x1p-34 || (count > mean && mass == 0.0)) break;
  }
  cumulative.back() = 0x1p32;
  for (std::size_t slice = 0; slice < guide.size(); ++slice) {
    const double start = static_cast<double>(slice) * 0x1p24;
    guide[slice] = static_cast<std::uint32_t>(std::upper_bound(cumulative.begin(), cumulative.end(), start) -
                                              cumulative.begin());
  }
}

WorkplaceModel::Tables::Tables(const org::OrgGraph& graph, const WorkplaceParams& params)
    : decide(params.decision.link), witnesses(graph) {
  const double step_days = 1.0 / static_cast<double>(params.dynamics.steps_per_day);
  for (const DepartmentProfile& profile : params.departments)
    opportunities.emplace_back(profile.opportunities_per_working_day * step_days);
  opportunities.emplace_back(params.default_profile.opportunities_per_working_day * step_days);
}

}  // namespace adoptsim::model
