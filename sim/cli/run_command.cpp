#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include "adoptsim/metrics/quantile.hpp"
#include "adoptsim/runner/replicates.hpp"
#include "adoptsim/scenario/parameters.hpp"
#include "adoptsim/version.hpp"
#include "commands.hpp"
#include "network_options.hpp"
#include "scenario_runs.hpp"

namespace adoptsim::cli {
namespace {

constexpr std::int64_t kMaxHorizonDays = 3650;

// The parameter table's row for a reference-model flag: the flags take
// their defaults and bounds from it, so `run --model bass` and a file with
// model.kind = "bass" run the same model.
const scenario::Parameter& row(std::string_view key) {
  const scenario::Parameter* parameter = scenario::find_parameter(key);
  if (parameter == nullptr || !parameter->default_value)
    throw std::logic_error("a reference-model flag names a key without a default: " + std::string(key));
  return *parameter;
}
template <typename T>
T default_of(std::string_view key) {
  return std::get<T>(*row(key).default_value);
}

struct RunFlags {
  NetworkOptions network;
  std::string model = "bass";
  double innovation_p = default_of<double>("model.bass.innovation_p");
  double imitation_q = default_of<double>("model.bass.imitation_q");
  std::string bass_form = default_of<std::string>("model.bass.form");
  double per_tie_beta = default_of<double>("model.bass.per_tie_rate_beta");
  double threshold_low = default_of<double>("model.threshold.threshold_low");
  double threshold_high = default_of<double>("model.threshold.threshold_high");
  // One flag for both models' delays, which share their default and bounds
  // (a test holds them equal).
  double delay_days = default_of<double>("model.threshold.adoption_delay_days");
  double activation_probability = default_of<double>("model.cascade.activation_probability");
  bool weighted = default_of<bool>("model.cascade.use_tie_weights");
  // Deliberately not the table's 0: the threshold and cascade models need
  // someone to start from (said in --help).
  std::int64_t initial_adopters = -1;  // -1: 0 for bass, 5 otherwise
  // Deliberately shorter than a scenario's 180 days (said in --help).
  std::int64_t horizon_days = 90;
  // Shared with scenario runs: files, -r, -j, --seed, -o ...
  ScenarioRunFlags common;
};

constexpr std::int64_t kDefaultReplicates = 200;

// The reference-model flags, the models that read each and, for a number,
// the flag's value and the table's key it stands for (by model).
struct ModelFlag {
  const char* flag;
  std::vector<std::string_view> models;
  double RunFlags::*number = nullptr;
  std::vector<std::string_view> keys{};  // parallel to `models`; empty: no row (the flag's own bounds)
};
const std::vector<ModelFlag>& model_flags() {
  static const std::vector<ModelFlag> flags = {
      {"--p", {"bass"}, &RunFlags::innovation_p, {"model.bass.innovation_p"}},
      {"--q", {"bass"}, &RunFlags::imitation_q, {"model.bass.imitation_q"}},
      {"--form", {"bass"}},
      {"--beta", {"bass"}, &RunFlags::per_tie_beta, {"model.bass.per_tie_rate_beta"}},
      {"--threshold-low", {"threshold"}, &RunFlags::threshold_low, {"model.threshold.threshold_low"}},
      {"--threshold-high", {"threshold"}, &RunFlags::threshold_high, {"model.threshold.threshold_high"}},
      {"--delay-days",
       {"threshold", "cascade"},
       &RunFlags::delay_days,
       {"model.threshold.adoption_delay_days", "model.cascade.activation_delay_days"}},
      {"--activation-probability",
       {"cascade"},
       &RunFlags::activation_probability,
       {"model.cascade.activation_probability"}},
      {"--weighted", {"cascade"}},
      {"--initial-adopters", {"bass", "threshold", "cascade"}},
      {"--horizon", {"bass", "threshold", "cascade"}},
  };
  return flags;
}

std::string text_of(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Every reference-model flag's value, and that each given flag is one the
// chosen model reads.
void check_model_flags(const RunFlags& flags, const CLI::App& run, ProblemList& problems) {
  const bool known = flags.model == "bass" || flags.model == "threshold" || flags.model == "cascade";
  for (const ModelFlag& model_flag : model_flags()) {
    if (!known || run.count(model_flag.flag) == 0) continue;
    if (std::find(model_flag.models.begin(), model_flag.models.end(), flags.model) != model_flag.models.end())
      continue;
    std::string models;
    for (std::size_t index = 0; index < model_flag.models.size(); ++index)
      models += (index == 0 ? "" : " or ") + std::string(model_flag.models[index]);
    problems.add(std::string(model_flag.flag) + " applies to --model " + models + ", not to --model " +
                 flags.model + "; leave it out or choose that model");
  }
  // Each number within its row's bounds, said as a file's key would be.
  for (const ModelFlag& model_flag : model_flags()) {
    for (std::size_t index = 0; index < model_flag.keys.size(); ++index) {
      if (model_flag.models[index] != flags.model) continue;
      const scenario::Parameter& parameter = row(model_flag.keys[index]);
      const double value = flags.*model_flag.number;
      if (parameter.in_bounds(value)) continue;
      problems.add(std::string(model_flag.flag) + " " + text_of(value) + ": expected " +
                   parameter.expected() + " (as " + std::string(parameter.key) + " in a scenario file)");
    }
  }
  if (flags.model == "threshold" && flags.threshold_low > flags.threshold_high) {
    problems.add("--threshold-low " + text_of(flags.threshold_low) + " is above --threshold-high " +
                 text_of(flags.threshold_high) + ": the thresholds are drawn from [low, high]");
  }
}

// Builds the model from the flags; adds a problem for each bad flag.
model::ReferenceModel model_from_flags(const RunFlags& flags, ProblemList& problems) {
  const auto seeds_or = [&](std::uint32_t fallback) {
    return flags.initial_adopters < 0 ? fallback : static_cast<std::uint32_t>(flags.initial_adopters);
  };
  if (flags.model == "bass") {
    model::BassParams params;
    params.innovation_p = flags.innovation_p;
    params.imitation_q = flags.imitation_q;
    params.per_tie_rate_beta = flags.per_tie_beta;
    if (const auto form = model::parse_bass_form(flags.bass_form)) {
      params.form = *form;
    } else {
      std::string hint;
      if (const auto suggestion = scenario::closest_choice(flags.bass_form, row("model.bass.form").choices))
        hint = "; did you mean " + std::string(*suggestion) + "?";
      problems.add("--form \"" + flags.bass_form +
                   "\": expected neighbour_fraction (p + q · adopting share of neighbours) "
                   "or per_tie (p + β · adopting neighbours)" +
                   hint);
    }
    params.initial.random_count = seeds_or(0);
    return params;
  }
  if (flags.model == "threshold") {
    model::ThresholdParams params;
    params.threshold_low = flags.threshold_low;
    params.threshold_high = flags.threshold_high;
    params.adoption_delay_days = flags.delay_days;
    params.initial.random_count = seeds_or(5);
    return params;
  }
  if (flags.model == "cascade") {
    model::CascadeParams params;
    params.activation_probability = flags.activation_probability;
    params.use_tie_weights = flags.weighted;
    params.activation_delay_days = flags.delay_days;
    params.initial.random_count = seeds_or(5);
    return params;
  }
  problems.add("--model \"" + flags.model + "\": expected bass, threshold or cascade");
  return model::BassParams{};
}

std::string describe_model(const model::ReferenceModel& reference_model) {
  std::ostringstream out;
  if (const auto* bass = std::get_if<model::BassParams>(&reference_model)) {
    if (bass->form == model::BassForm::NeighbourFraction) {
      out << "bass: hazard p + q · adopting share of neighbours, p = " << bass->innovation_p
          << "/day, q = " << bass->imitation_q << "/day";
    } else {
      out << "bass (per tie, SI): hazard p + β · adopting neighbours, p = " << bass->innovation_p
          << "/day, β = " << bass->per_tie_rate_beta << "/day";
    }
    out << ", " << bass->initial.random_count << " initial adopters";
  } else if (const auto* threshold = std::get_if<model::ThresholdParams>(&reference_model)) {
    out << "threshold: adopt once the adopting share of neighbours reaches a threshold in ["
        << threshold->threshold_low << ", " << threshold->threshold_high << "], after "
        << threshold->adoption_delay_days << " day(s); " << threshold->initial.random_count
        << " initial adopters";
  } else if (const auto* cascade = std::get_if<model::CascadeParams>(&reference_model)) {
    out << "independent cascade: one chance per tie with probability " << cascade->activation_probability
        << (cascade->use_tie_weights ? " × tie weight" : "") << ", " << cascade->activation_delay_days
        << " day(s) later; " << cascade->initial.random_count << " initial adopters";
  }
  return out.str();
}

void print_weekly_table(const runner::ReferenceRunResult& result, std::uint32_t horizon_days,
                        std::size_t people, std::ostream& out) {
  const double levels[] = {0.05, 0.5, 0.95};
  out << "\n  week   day   adopted (median)   5%–95% band\n";
  std::vector<double> shares(result.adopted_by_day.size());
  const auto row = [&](std::uint32_t day) {
    for (std::size_t replicate = 0; replicate < shares.size(); ++replicate) {
      shares[replicate] =
          static_cast<double>(result.adopted_by_day[replicate][day]) / static_cast<double>(people);
    }
    const std::vector<double> band = metrics::quantiles(shares, levels);
    char line[96];
    std::snprintf(line, sizeof line, "  %4u  %4u   %13.1f%%   %6.1f%% – %5.1f%%\n", day / 7, day,
                  100.0 * band[1], 100.0 * band[0], 100.0 * band[2]);
    out << line;
  };
  for (std::uint32_t day = 0; day <= horizon_days; day += 7) row(day);
  if (horizon_days % 7 != 0) row(horizon_days);

  // Days until half the organisation has adopted, per replicate.
  std::vector<double> days_to_half;
  for (const auto& series : result.adopted_by_day) {
    for (std::uint32_t day = 0; day < series.size(); ++day) {
      if (2 * static_cast<std::size_t>(series[day]) >= people) {
        days_to_half.push_back(day);
        break;
      }
    }
  }
  out << "\n";
  if (days_to_half.size() * 2 > result.adopted_by_day.size()) {
    const std::vector<double> band = metrics::quantiles(days_to_half, levels);
    char line[160];
    std::snprintf(line, sizeof line,
                  "Half adopted by day %.0f (median; 5%%–95%%: day %.0f – %.0f) in %zu of %zu replicates\n",
                  band[1], band[0], band[2], days_to_half.size(), result.adopted_by_day.size());
    out << line;
  } else {
    out << "Half adopted within " << horizon_days << " days in only " << days_to_half.size() << " of "
        << result.adopted_by_day.size() << " replicates\n";
  }
}

}  // namespace

Verb add_run_command(CLI::App& app) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* run = app.add_subcommand(
      "run",
      "Forecast adoption for scenario files (or a reference model given by flags) over many replicates");
  run->footer(
      "Examples:\n"
      "  adoptsim run scenarios/workplace/pilot_then_scale.toml -o results/ --plot\n"
      "  adoptsim run scenarios/base.toml -o results/\n"
      "  adoptsim run scenarios/reference/bass.toml --precision 0.01\n"
      "  adoptsim run --model bass -r 500 --seed 42\n"
      "  adoptsim run --model threshold --threshold-low 0.1 --threshold-high 0.4 --initial-adopters 9\n"
      "  adoptsim run --model bass --form per_tie --p 0 --beta 0.1 --initial-adopters 10 "
      "--network erdos_renyi --people 100000 --horizon 100");
  run->add_option("scenarios", flags->common.files, "Scenario files (TOML) to run");
  run->add_option(
         "--model", flags->model,
         "Without scenario files: run this reference model (bass, threshold or cascade) set by flags")
      ->capture_default_str()
      ->group("Reference model by flags");
  run->add_option("--p", flags->innovation_p, "Bass innovation rate p, per day, in [0, 1]")
      ->capture_default_str()
      ->group("Bass");
  run->add_option("--q", flags->imitation_q, "Bass imitation rate q, per day, in [0, 1]")
      ->capture_default_str()
      ->group("Bass");
  run->add_option("--form", flags->bass_form,
                  "neighbour_fraction: p + q · adopting share of neighbours; per_tie: p + β · adopting "
                  "neighbours")
      ->capture_default_str()
      ->group("Bass");
  run->add_option("--beta", flags->per_tie_beta,
                  "Per-tie rate β, per day per unit tie weight (--form per_tie)")
      ->capture_default_str()
      ->group("Bass");
  run->add_option("--threshold-low", flags->threshold_low, "Lowest adoption threshold, in [0, 1]")
      ->capture_default_str()
      ->group("Threshold");
  run->add_option("--threshold-high", flags->threshold_high, "Highest adoption threshold, in [0, 1]")
      ->capture_default_str()
      ->group("Threshold");
  run->add_option("--delay-days", flags->delay_days,
                  "Days from being convinced to adopting (threshold, cascade)")
      ->capture_default_str()
      ->group("Threshold");
  run->add_option("--activation-probability", flags->activation_probability,
                  "Chance an adopter converts a neighbour, in [0, 1]")
      ->capture_default_str()
      ->group("Cascade");
  run->add_flag("--weighted,!--unweighted", flags->weighted,
                "Multiply the activation probability by the tie weight (the default, as "
                "model.cascade.use_tie_weights); --unweighted: do not")
      ->group("Cascade");
  run->add_option("--initial-adopters", flags->initial_adopters,
                  "People who adopt on day 0, chosen at random (default: 0 for bass, 5 otherwise, where "
                  "a scenario file's model.initial_adopters.random_count is 0: by flags, threshold and "
                  "cascade get someone to start from)");
  run->add_option("--horizon", flags->horizon_days,
                  "Days to simulate (reference model by flags; shorter than a scenario file's "
                  "horizon_days of 180, and -r defaults to 200 rather than the file's replicates)")
      ->capture_default_str()
      ->group("Reference model by flags");
  add_scenario_run_options(*run, flags->common);
  add_network_options(*run, flags->network);

  return {
      run, [flags, run]() {
        if (!flags->common.files.empty()) {
          ProblemList problems;
          const std::string why =
              "sets up a reference model from flags; with scenario files, set it in the scenario "
              "instead (see scenarios/README.md)";
          if (run->count("--model") > 0) problems.add("--model " + why);
          for (const ModelFlag& model_flag : model_flags()) {
            if (run->count(model_flag.flag) > 0) problems.add(std::string(model_flag.flag) + " " + why);
          }
          check_network_flags_unused(*run, why, problems);
          problems.throw_if_any();
          return run_scenario_files(flags->common, false);
        }
        ProblemList problems;
        const std::string scenario_only =
            " applies to scenario runs, which write result files: put the model in a scenario file "
            "(e.g. scenarios/reference/bass.toml) and run that";
        for (const char* flag : {"--output", "--force", "--precision", "--max-replicates", "--per-replicate",
                                 "--plot", "--series", "--write-cohorts", "--key-file", "--set"}) {
          if (run->count(flag) > 0) problems.add(std::string(flag) + scenario_only);
        }
        std::uint32_t replicates = kDefaultReplicates;
        if (run->count("--replicates") > 0) {
          replicates = check_replicates_flag(flags->common.replicates, problems).value_or(1);
        }
        const std::uint32_t threads = check_threads_flag(flags->common.threads, problems).value_or(1);
        std::uint64_t seed = 1;
        if (run->count("--seed") > 0) seed = parse_seed_flag(flags->common.seed, problems).value_or(1);
        const org::OrgSpec spec = check_network_options(flags->network, problems);
        if (flags->horizon_days < 1 || flags->horizon_days > kMaxHorizonDays) {
          problems.add("--horizon " + std::to_string(flags->horizon_days) + ": expected 1 to " +
                       std::to_string(kMaxHorizonDays) + " days");
        }
        if (flags->initial_adopters < 0 && run->count("--initial-adopters") > 0) {
          problems.add("--initial-adopters " + std::to_string(flags->initial_adopters) +
                       ": expected a number of people, 0 or more");
        }
        check_model_flags(*flags, *run, problems);
        problems.throw_if_any();
        {
          // Each replicate's daily counts are kept for the table; the graph
          // and one model state per worker are held while it runs.
          MemoryEstimate estimate = estimate_network_memory(flags->network, spec);
          estimate.replicates = replicates;
          estimate.kept_bytes_per_replicate = 4.0 * static_cast<double>(flags->horizon_days + 1);
          const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
          estimate.threads = std::min<double>(threads == 0 ? cores : threads, replicates);
          check_memory_fits(estimate.bytes(),
                            "this run (" + describe_size(estimate) + ", " + std::to_string(replicates) +
                                " replicates of " + std::to_string(flags->horizon_days) + " days)",
                            "use fewer --people (or --headcount), fewer ties, fewer replicates (-r) or "
                            "fewer threads (-j)",
                            problems);
        }
        problems.throw_if_any();
        const model::ReferenceModel reference_model = model_from_flags(*flags, problems);
        problems.throw_if_any();

        const org::OrgGraph graph = build_network(flags->network, spec, seed);
        for (const std::string& problem : model::validate(reference_model, graph)) {
          problems.add("--model " + flags->model + ": " + problem);
        }
        problems.throw_if_any();

        runner::ReplicatePlan plan;
        plan.seed = seed;
        plan.replicates = replicates;
        plan.horizon_days = static_cast<std::uint32_t>(flags->horizon_days);
        plan.threads = threads;

        std::cout << "adoptsim " << kVersion << " (" << kGitRevision << ")\n"
                  << "Network: " << describe_network(flags->network, graph) << "\n"
                  << "Model:   " << describe_model(reference_model) << "\n"
                  << "Run:     " << plan.replicates << " replicates, seed " << plan.seed << ", "
                  << plan.horizon_days << " days\n"
                  << std::flush;

        const auto start = std::chrono::steady_clock::now();
        runner::ReferenceRunResult result;
        {
          ProgressBar progress("replicates", plan.replicates);
          result = runner::run_reference_replicates(
              graph, reference_model, plan, [&progress](std::uint32_t done) { progress.update(done); });
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        print_weekly_table(result, plan.horizon_days, graph.person_count(), std::cout);
        std::cout << "Simulated " << result.events_processed << " events in " << format_seconds(seconds)
                  << "\n";
        return kExitOk;
      }};
}

}  // namespace adoptsim::cli
