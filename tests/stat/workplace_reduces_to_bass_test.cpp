// With every workplace-specific term switched off, the workplace model is the
// Bass model: its adoption curve matches run_bass on the same graph and the
// Bass closed form on a complete graph.
#include <catch2/catch.hpp>

#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/model/workplace.hpp"
#include "adoptsim/org/generator.hpp"

using namespace adoptsim;

namespace {

// Mean and standard error of the adopted share by day over replicates.
struct Curve {
  std::vector<double> mean;
  std::vector<double> standard_error;
};

Curve summarise(const std::vector<std::vector<double>>& shares) {
  const std::size_t days = shares.front().size();
  Curve curve{std::vector<double>(days, 0.0), std::vector<double>(days, 0.0)};
  const auto n = static_cast<double>(shares.size());
  for (std::size_t day = 0; day < days; ++day) {
    double sum = 0.0;
    double sum_squares = 0.0;
    for (const auto& replicate : shares) {
      sum += replicate[day];
      sum_squares += replicate[day] * replicate[day];
    }
    curve.mean[day] = sum / n;
    curve.standard_error[day] =
        std::sqrt(std::max(0.0, sum_squares / n - curve.mean[day] * curve.mean[day]) / (n - 1));
  }
  return curve;
}

Curve workplace_curve(const org::OrgGraph& graph, double p, double q, std::uint64_t seed, int replicates,
                      std::int32_t horizon) {
  const model::WorkplaceParams params = model::bass_equivalent_params(p, q, 4.0);
  const model::RolloutPlan plan = model::everyone_at_day_zero(graph);
  std::vector<std::vector<double>> shares;
  for (int replicate = 0; replicate < replicates; ++replicate) {
    metrics::SeriesRecorder recorder(graph, horizon);
    model::run_workplace(graph, params, plan, {seed, static_cast<std::uint32_t>(replicate), double(horizon)},
                         recorder);
    const auto series = recorder.take_series();
    const auto adopted = series.series(metrics::GroupMetric::Adopted);
    std::vector<double> share;
    for (float value : adopted) share.push_back(value / static_cast<double>(graph.person_count()));
    shares.push_back(share);
  }
  return summarise(shares);
}

}  // namespace

TEST_CASE("the workplace model with its workplace terms off matches the Bass model",
          "[model][workplace][stat][slow]") {
  const std::uint64_t seed = 424242;
  UNSCOPED_INFO("seed " << seed);
  const org::OrgGraph graph = org::generate_organisation(org::OrgSpec{}, 1);
  const double p = 0.01;
  const double q = 0.3;
  const std::int32_t horizon = 60;
  const int replicates = 400;
  const Curve workplace = workplace_curve(graph, p, q, seed, replicates, horizon);

  model::BassParams bass;
  bass.innovation_p = p;
  bass.imitation_q = q;
  std::vector<std::vector<double>> shares;
  for (int replicate = 0; replicate < replicates; ++replicate) {
    const auto outcome =
        model::run_bass(graph, bass, {seed + 1, static_cast<std::uint32_t>(replicate), double(horizon)});
    const auto adopted = model::adopted_by_day(outcome.adoption_day, static_cast<std::uint32_t>(horizon));
    std::vector<double> share;
    for (auto value : adopted) share.push_back(value / static_cast<double>(graph.person_count()));
    shares.push_back(share);
  }
  const Curve reference = summarise(shares);
  // Independent samples: the difference of means has SE sqrt(se1² + se2²);
  // 4 SE at every day (61 days) keeps the false-alarm rate far below 1%.
  for (std::int32_t day = 0; day <= horizon; ++day) {
    const auto d = static_cast<std::size_t>(day);
    const double tolerance =
        4.0 * std::hypot(workplace.standard_error[d], reference.standard_error[d]) + 1e-9;
    INFO("day " << day << ": workplace " << workplace.mean[d] << ", bass " << reference.mean[d]);
    CHECK(std::abs(workplace.mean[d] - reference.mean[d]) <= tolerance);
  }
}

TEST_CASE("the workplace model with its workplace terms off follows the Bass closed form on a complete graph",
          "[model][workplace][stat][slow]") {
  const std::uint64_t seed = 2718;
  UNSCOPED_INFO("seed " << seed);
  const org::OrgGraph graph = org::complete_graph(2000);
  const double p = 0.03;
  const double q = 0.38;
  const Curve curve = workplace_curve(graph, p, q, seed, 8, 30);
  // 2,000 people: the stochastic mean sits within about a point of the
  // mean-field closed form; 1.5 points allows for the finite population.
  for (int day = 0; day <= 30; ++day) {
    INFO("day " << day);
    CHECK(std::abs(curve.mean[static_cast<std::size_t>(day)] - model::bass_closed_form(p, q, day)) < 0.015);
  }
}
