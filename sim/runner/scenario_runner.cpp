#include "adoptsim/runner/scenario_runner.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <mutex>

#include "adoptsim/metrics/recorder.hpp"
#include "adoptsim/model/observer.hpp"
#include "adoptsim/model/reference.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/import.hpp"

namespace adoptsim::runner {
namespace {

// One scenario's state while its replicates run.
struct Job {
  ScenarioResult result;
  std::unique_ptr<metrics::SummaryAccumulator> accumulator;
  std::shared_ptr<const metrics::SeriesLayout> layout;  // shared by every replicate
  std::mutex mutex;                                     // guards accumulator and result vectors
};

metrics::KpiSettings kpi_settings_for(const scenario::Scenario& scenario) {
  metrics::KpiSettings settings;
  // Reference models have no usage, only adoption: their headline is the adopted count.
  settings.headline = metrics::GroupMetric::Adopted;
  settings.target_share = scenario.kpi.target_share;
  settings.target_by_day = static_cast<std::int32_t>(scenario.kpi.by_day);
  return settings;
}

void run_one_replicate(Job& job, std::uint32_t replicate, const RunSettings& settings) {
  const scenario::Scenario& scenario = *job.result.scenario;
  const org::OrgGraph& graph = *job.result.graph;
  const model::ReplicateInput input{job.result.seed, replicate, static_cast<double>(scenario.horizon_days)};
  const model::ReplicateOutcome outcome = model::run_reference_model(graph, scenario.model, input);
  metrics::SeriesRecorder recorder(graph, job.layout);
  model::replay_adoptions(outcome.adoption_day, static_cast<std::int32_t>(scenario.horizon_days), recorder);
  metrics::ReplicateSeries series = recorder.take_series();
  metrics::KpiValues kpis = metrics::compute_kpis(series, job.result.kpi_settings);
  // Reference models neither spend nor use the tool day to day: these KPIs
  // are not defined for them, rather than zero.
  for (const metrics::Kpi kpi : {metrics::Kpi::DailyActiveShareDay90, metrics::Kpi::TotalSpendUsd,
                                 metrics::Kpi::ChangeManagementShare, metrics::Kpi::CostPerActiveUsd}) {
    kpis[static_cast<std::size_t>(kpi)] = std::numeric_limits<double>::quiet_NaN();
  }

  std::lock_guard lock(job.mutex);
  job.result.events_processed += outcome.events_processed;
  if (job.result.kpis.size() <= replicate) job.result.kpis.resize(replicate + 1);
  job.result.kpis[replicate] = kpis;
  if (settings.keep_replicate_series) {
    if (job.result.replicate_series.size() <= replicate) job.result.replicate_series.resize(replicate + 1);
    job.result.replicate_series[replicate] = series;
  }
  job.accumulator->add(replicate, std::move(series), kpis);
}

}  // namespace

org::OrgGraph build_organisation(const scenario::Scenario& scenario) {
  if (scenario.organisation_source == scenario::OrganisationSource::File) {
    return org::import_organisation(scenario.organisation_import).graph;
  }
  return org::generate_organisation(scenario.organisation, scenario.organisation_seed);
}

std::vector<std::string> check_runnable(const scenario::Scenario& scenario, const org::OrgGraph& graph) {
  return model::validate(scenario.model, graph);
}

std::vector<ScenarioResult> run_scenarios(const std::vector<const scenario::Scenario*>& scenarios,
                                          const RunSettings& settings) {
  std::vector<std::unique_ptr<Job>> jobs;
  for (const scenario::Scenario* scenario : scenarios) {
    auto job = std::make_unique<Job>();
    job->result.scenario = scenario;
    job->result.seed = settings.seed.value_or(scenario->seed);
    job->result.graph = std::make_shared<const org::OrgGraph>(build_organisation(*scenario));
    job->result.headline_metric = "adopted";
    job->result.kpi_settings = kpi_settings_for(*scenario);
    job->accumulator = std::make_unique<metrics::SummaryAccumulator>(metrics::Kpi::ActiveShareDay90);
    job->layout = std::make_shared<const metrics::SeriesLayout>(
        *job->result.graph, static_cast<std::int32_t>(scenario->horizon_days));
    jobs.push_back(std::move(job));
  }

  std::optional<tbb::global_control> thread_limit;
  if (settings.threads > 0)
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, settings.threads);

  // Which replicates each scenario still has to run: [first, end).
  std::vector<std::uint32_t> planned(jobs.size());
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    const std::uint32_t wanted = settings.replicates.value_or(jobs[index]->result.scenario->replicates);
    planned[index] = settings.precision ? std::min(wanted, settings.precision_batch) : wanted;
  }
  std::vector<std::uint32_t> done_per_job(jobs.size(), 0);
  std::atomic<std::uint32_t> done{0};

  while (true) {
    struct Task {
      std::size_t job;
      std::uint32_t replicate;
    };
    std::vector<Task> tasks;
    std::uint32_t planned_total = 0;
    for (std::size_t index = 0; index < jobs.size(); ++index) {
      for (std::uint32_t replicate = done_per_job[index]; replicate < planned[index]; ++replicate) {
        tasks.push_back({index, replicate});
      }
      planned_total += planned[index];
    }
    if (tasks.empty()) break;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t task = range.begin(); task != range.end(); ++task) {
                          if (settings.stop != nullptr && settings.stop->load()) return;
                          run_one_replicate(*jobs[tasks[task].job], tasks[task].replicate, settings);
                          const std::uint32_t finished = ++done;
                          if (settings.progress) settings.progress(finished, planned_total);
                        }
                      });
    if (settings.stop != nullptr && settings.stop->load()) throw Interrupted();
    bool more = false;
    for (std::size_t index = 0; index < jobs.size(); ++index) {
      done_per_job[index] = planned[index];
      if (!settings.precision) continue;
      const metrics::MeanInterval interval = jobs[index]->accumulator->headline_interval();
      // A headline that is not defined (e.g. horizon shorter than day 90) has
      // no interval to narrow: precision is moot.
      const bool precise = interval.n == 0 || interval.half_width < *settings.precision;
      jobs[index]->result.precision_reached = precise;
      if (!precise && planned[index] < settings.max_replicates) {
        planned[index] = std::min(settings.max_replicates, planned[index] + settings.precision_batch);
        more = true;
      }
    }
    if (more && settings.same_replicates) {
      const std::uint32_t most = *std::max_element(planned.begin(), planned.end());
      std::fill(planned.begin(), planned.end(), most);
    }
    if (!more) break;
  }

  std::vector<ScenarioResult> results;
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    Job& job = *jobs[index];
    job.result.replicates = planned[index];
    job.result.precision_target = settings.precision.value_or(0.0);
    job.result.summary = job.accumulator->summarise();
    results.push_back(std::move(job.result));
  }
  return results;
}

}  // namespace adoptsim::runner
