#include "adoptsim/experiment/sensitivity_design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "adoptsim/engine/random.hpp"

namespace adoptsim::experiment {

SaltelliDesign saltelli_design(const std::vector<KeyVariation>& ranges, std::uint32_t base_rows) {
  check_ranges(ranges, "a sobol sensitivity");
  if (base_rows < 2) throw DesignError("Sobol indices need at least 2 base rows (-N)");
  const std::size_t k = ranges.size();
  if (k == 0) throw DesignError("the analysis varies nothing: add --vary KEY=low..high");
  const double points = static_cast<double>(base_rows) * static_cast<double>(k + 2);
  if (points > static_cast<double>(kMaxDesignPoints))
    throw DesignError("-N " + std::to_string(base_rows) + " with " + std::to_string(k) + " keys is " +
                      number_text(points) + " points, more than " + std::to_string(kMaxDesignPoints));
  SaltelliDesign result;
  result.base_rows = base_rows;
  result.inputs = k;
  Design& design = result.design;
  design.kind = DesignKind::Sobol;
  for (const KeyVariation& range : ranges) design.keys.push_back(range.key);
  design.points.assign(static_cast<std::size_t>(points), std::vector<std::string>(k));
  boost::random::sobol sequence(2 * k);
  std::vector<double> u(2 * k);
  for (std::size_t row = 0; row < base_rows; ++row) {
    for (double& coordinate : u) coordinate = std::ldexp(static_cast<double>(sequence()), -64);
    for (std::size_t key = 0; key < k; ++key) {
      const std::string a = value_in_range(ranges[key], u[key]);
      const std::string b = value_in_range(ranges[key], u[k + key]);
      design.points[row][key] = a;
      design.points[base_rows + row][key] = b;
      for (std::size_t moved = 0; moved < k; ++moved)
        design.points[(2 + moved) * base_rows + row][key] = moved == key ? b : a;
    }
  }
  return result;
}

analysis::SaltelliOutputs saltelli_outputs(const SaltelliDesign& design, const std::vector<double>& outputs) {
  const std::size_t n = design.base_rows;
  analysis::SaltelliOutputs split;
  split.y_a.assign(outputs.begin(), outputs.begin() + static_cast<std::ptrdiff_t>(n));
  split.y_b.assign(outputs.begin() + static_cast<std::ptrdiff_t>(n),
                   outputs.begin() + static_cast<std::ptrdiff_t>(2 * n));
  for (std::size_t input = 0; input < design.inputs; ++input) {
    const auto first = outputs.begin() + static_cast<std::ptrdiff_t>((2 + input) * n);
    split.y_ab.emplace_back(first, first + static_cast<std::ptrdiff_t>(n));
  }
  return split;
}

MorrisDesign morris_design(const std::vector<KeyVariation>& ranges, std::uint32_t trajectories,
                           std::uint32_t levels, std::uint64_t seed) {
  check_ranges(ranges, "a morris screening");
  if (levels < 2 || levels % 2 != 0)
    throw DesignError("--levels " + std::to_string(levels) +
                      ": Morris's grid needs an even number of levels, 2 or more");
  if (trajectories == 0)
    throw DesignError("--trajectories 0: Morris screening needs at least one trajectory");
  const std::size_t k = ranges.size();
  if (k == 0) throw DesignError("the analysis varies nothing: add --vary KEY=low..high");
  if (static_cast<double>(trajectories) * static_cast<double>(k + 1) > static_cast<double>(kMaxDesignPoints))
    throw DesignError("--trajectories " + std::to_string(trajectories) + " is more points than " +
                      std::to_string(kMaxDesignPoints));
  MorrisDesign result;
  result.levels = levels;
  Design& design = result.design;
  design.kind = DesignKind::Points;
  for (const KeyVariation& range : ranges) design.keys.push_back(range.key);
  const double step = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
  for (std::uint32_t t = 0; t < trajectories; ++t) {
    engine::RandomStream stream(engine::StreamKey{seed, 0, t, kMorrisPurpose});
    std::vector<std::uint32_t> level(k);
    for (std::uint32_t& value : level) value = stream.below(levels);
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t index = k; index > 1; --index)  // Fisher–Yates
      std::swap(order[index - 1], order[stream.below(static_cast<std::uint32_t>(index))]);
    std::vector<double> x(k);
    for (std::size_t key = 0; key < k; ++key) x[key] = static_cast<double>(level[key]) / (levels - 1);
    const auto add_point = [&] {
      std::vector<std::string> values(k);
      for (std::size_t key = 0; key < k; ++key) values[key] = value_in_range(ranges[key], x[key]);
      design.points.push_back(std::move(values));
    };
    analysis::MorrisTrajectory trajectory;
    add_point();
    for (const std::size_t key : order) {
      const double delta = level[key] < levels / 2 ? step : -step;
      x[key] = std::clamp(x[key] + delta, 0.0, 1.0);
      trajectory.step_input.push_back(key);
      trajectory.step_delta.push_back(delta);
      add_point();
    }
    result.trajectories.push_back(std::move(trajectory));
  }
  return result;
}

std::vector<analysis::MorrisTrajectory> morris_with_outputs(const MorrisDesign& design,
                                                            const std::vector<double>& outputs) {
  std::vector<analysis::MorrisTrajectory> trajectories = design.trajectories;
  std::size_t point = 0;
  for (analysis::MorrisTrajectory& trajectory : trajectories) {
    trajectory.outputs.assign(
        outputs.begin() + static_cast<std::ptrdiff_t>(point),
        outputs.begin() + static_cast<std::ptrdiff_t>(point + trajectory.step_input.size() + 1));
    point += trajectory.step_input.size() + 1;
  }
  return trajectories;
}

}  // namespace adoptsim::experiment
