// Runs scenarios: the replicates of several scenarios at once, in parallel
// (TBB), each reduced to its daily series and KPIs as it finishes. Results
// are identical for any thread count: replicate r of a scenario draws from
// the streams of (seed, r) and is reduced in replicate order.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "adoptsim/metrics/budget_summary.hpp"
#include "adoptsim/metrics/kpi.hpp"
#include "adoptsim/metrics/summary.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/org/org_graph.hpp"
#include "adoptsim/scenario/scenario.hpp"

namespace adoptsim::runner {

// Thrown when the stop flag was raised: the run ended early and nothing
// it computed should be written.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

struct RunSettings {
  // Worker threads; 0 means every core.
  std::uint32_t threads = 0;
  // Overrides every scenario's replicates / seed when set.
  std::optional<std::uint32_t> replicates;
  std::optional<std::uint64_t> seed;
  // Adaptive replicates: add replicates in batches until the 90% interval of
  // each scenario's headline KPI mean is narrower than ±precision (a share,
  // e.g. 0.01 for ±1 percentage point), or max_replicates is reached.
  std::optional<double> precision;
  std::uint32_t max_replicates = 5000;
  // With precision, replicates are added this many at a time; fixed, so the
  // count reached does not depend on the thread count.
  std::uint32_t precision_batch = 50;
  // With precision: keep every scenario at the same count (needed to pair
  // replicates in a comparison): when one needs more, all get more.
  bool same_replicates = false;
  // Keep every replicate's series (for --per-replicate output); costs
  // replicates × series × days × 4 bytes.
  bool keep_replicate_series = false;
  // Keep who was in each replicate's pilot and who its champions were
  // (ScenarioResult::rollout_people), for --write-cohorts.
  bool keep_rollout_people = false;
  // Checked before each replicate starts; when it becomes true the run
  // throws Interrupted.
  const std::atomic<bool>* stop = nullptr;
  // Called from worker threads after each replicate with (done, planned);
  // `planned` may grow under precision. Must be thread-safe and cheap.
  std::function<void(std::uint32_t done, std::uint32_t planned)> progress;
};

// A rollout event a figure marks: a phase start (a gated phase starts on a
// different day in each replicate) or a trust incident.
struct Milestone {
  std::string name;
  std::string kind;  // "phase", "gate" (a phase started by a KPI gate) or "incident"
  // Over the replicates in which it happened: median, 5% and 95% day.
  double median_day = 0.0;
  double q05_day = 0.0;
  double q95_day = 0.0;
  double share_of_replicates = 0.0;  // in which it happened within the horizon
};

// Who a workplace replicate's plan appointed, sorted by PersonId: the pilot
// of pilot_then_scale, and everyone an AssignChampions phase made a champion
// (after seats ran out: people the plan could not seat are not counted).
struct RolloutPeople {
  std::vector<org::PersonId> pilot;
  std::vector<org::PersonId> champions;
};

struct ScenarioResult {
  const scenario::Scenario* scenario = nullptr;  // as given to run_scenarios
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0;
  // Whether precision was requested and reached within max_replicates.
  bool precision_reached = false;
  // The --precision target this run was asked for (0 when none).
  double precision_target = 0.0;
  std::shared_ptr<const org::OrgGraph> graph;
  // "weekly_active" for the workplace model, "adopted" for reference models.
  std::string headline_metric;
  metrics::KpiSettings kpi_settings;
  metrics::Summary summary;
  std::vector<metrics::KpiValues> kpis;                    // by replicate
  std::vector<metrics::ReplicateSeries> replicate_series;  // by replicate, when kept
  std::vector<RolloutPeople> rollout_people;               // by replicate, when kept (workplace only)
  std::uint64_t events_processed = 0;
  // Workplace scenarios: phase starts and trust incidents, in plan order.
  std::vector<Milestone> milestones;
  // Workplace scenarios: planned and spent money per category, why money
  // stayed unspent, and the seats, champions and pilot members appointed.
  metrics::BudgetSummary budget;
};

// The organisation a scenario describes, with each person's id as its file
// writes it.
struct Organisation {
  org::OrgGraph graph;
  // By PersonId: the people file's id (generated organisations: "0" … "N−1").
  // For an import these are personal data: match named people against them,
  // never print or write them (pass them through an org::Pseudonymiser).
  std::vector<std::string> person_ids;
};

// Generated from the scenario's spec and organisation seed, or imported
// (throws org::ImportError with every data problem of the files). An
// import's warnings (several roots, dropped self-ties, ...) go to `warnings`
// when given.
Organisation load_organisation(const scenario::Scenario& scenario,
                               std::vector<org::ImportIssue>* warnings = nullptr);
// load_organisation's graph alone.
org::OrgGraph build_organisation(const scenario::Scenario& scenario,
                                 std::vector<org::ImportIssue>* warnings = nullptr);

// The people a scenario names (scenario::NamedPeople), as PersonIds of the
// organisation, list by list in the order written; `problems` gets one
// sentence per id the organisation does not have and per person named twice
// in one list, starting with where the scenario sets the key.
struct ResolvedPeople {
  std::vector<org::PersonId> initial_adopters;
  std::vector<org::PersonId> pilot;
  std::vector<org::PersonId> champions;
  std::vector<std::vector<org::PersonId>> phase_people;
};
ResolvedPeople resolve_named_people(const scenario::Scenario& scenario, const Organisation& organisation,
                                    std::vector<std::string>* problems = nullptr);

// Every problem with running `scenario` on the organisation (e.g. more
// initial adopters than people, a strategy naming a department or a person
// the organisation lacks), one sentence each, starting with where the
// scenario says it.
std::vector<std::string> check_runnable(const scenario::Scenario& scenario, const Organisation& organisation);
// What will run, but not as the scenario may mean it (e.g. a pilot outside
// 8–15, a plan that reaches nobody).
std::vector<std::string> runnable_warnings(const scenario::Scenario& scenario,
                                           const Organisation& organisation);

// The workplace model's inputs for `scenario` on the organisation:
// department profiles by department id, named people resolved, and
// champions (or the pilot) chosen by a centrality resolved into named
// people. Precondition: scenario.workplace and check_runnable is empty.
struct WorkplaceInputs {
  model::WorkplaceParams params;
  strategy::StrategySpec strategy;
};
WorkplaceInputs prepare_workplace(const scenario::Scenario& scenario, const Organisation& organisation,
                                  std::uint64_t seed);

// Runs every scenario. Precondition: check_runnable is empty for each.
// Throws Interrupted when settings.stop is raised.
std::vector<ScenarioResult> run_scenarios(const std::vector<const scenario::Scenario*>& scenarios,
                                          const RunSettings& settings);

}  // namespace adoptsim::runner
