#include "network_options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string_view>
#include <vector>

namespace adoptsim::cli {
namespace {

constexpr std::int64_t kMaxPeople = 100'000'000;

std::string text_of(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Parses "Name=share,Name=share"; adds a problem for each malformed entry.
std::vector<org::DepartmentSpec> parse_departments(const std::string& text, ProblemList& problems) {
  std::vector<org::DepartmentSpec> departments;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string entry =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t equals = entry.rfind('=');
    double share = 0.0;
    bool parsed = false;
    if (equals != std::string::npos) {
      const char* first = entry.data() + equals + 1;
      const char* last = entry.data() + entry.size();
      const auto [end, error] = std::from_chars(first, last, share);
      parsed = error == std::errc() && end == last && equals > 0;
    }
    if (!parsed) {
      problems.add(
          "--departments: \"" + entry +
          "\" is not a department: expected NAME=SHARE, e.g. --departments \"Engineering=0.6,Sales=0.4\"");
    } else {
      departments.push_back({entry.substr(0, equals), share});
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return departments;
}

void check_range(ProblemList& problems, const char* flag, double value, double low, double high,
                 const char* expected) {
  if (!(value >= low && value <= high)) {
    problems.add(std::string(flag) + " " + text_of(value) + ": expected " + expected);
  }
}

// Which --network values each family flag applies to.
struct FlagUse {
  const char* flag;
  std::vector<std::string_view> networks;
};
const std::vector<FlagUse>& flag_uses() {
  static const std::vector<FlagUse> uses = {
      {"--headcount", {"org"}},
      {"--departments", {"org"}},
      {"--span-of-control", {"org"}},
      {"--department-ties", {"org"}},
      {"--department-rewiring", {"org"}},
      {"--cross-ties", {"org"}},
      {"--people", {"complete", "erdos_renyi", "watts_strogatz", "barabasi_albert", "ring_lattice"}},
      {"--mean-degree", {"erdos_renyi"}},
      {"--neighbours", {"watts_strogatz", "ring_lattice"}},
      {"--rewiring", {"watts_strogatz"}},
      {"--ties-per-newcomer", {"barabasi_albert"}},
  };
  return uses;
}

}  // namespace

void check_network_flags_unused(const CLI::App& command, const std::string& why, ProblemList& problems) {
  if (command.count("--network") > 0) problems.add("--network " + why);
  for (const FlagUse& use : flag_uses()) {
    if (command.count(use.flag) > 0) problems.add(std::string(use.flag) + " " + why);
  }
}

namespace {

// Adds a problem for each family flag given that --network does not read.
void check_flags_apply(const NetworkOptions& options, ProblemList& problems) {
  if (options.command == nullptr) return;
  for (const FlagUse& use : flag_uses()) {
    if (options.command->count(use.flag) == 0) continue;
    if (std::find(use.networks.begin(), use.networks.end(), options.network) != use.networks.end()) continue;
    std::string networks;
    for (std::size_t index = 0; index < use.networks.size(); ++index) {
      networks += (index == 0 ? "" : index + 1 == use.networks.size() ? " or " : ", ");
      networks += use.networks[index];
    }
    problems.add(std::string(use.flag) + " applies to --network " + networks + ", not to --network " +
                 options.network + "; leave it out or choose that network");
  }
}

}  // namespace

void add_network_options(CLI::App& command, NetworkOptions& options) {
  options.command = &command;
  command
      .add_option("--network", options.network,
                  "What to run on: org (a generated firm), complete, erdos_renyi, watts_strogatz, "
                  "barabasi_albert or ring_lattice")
      ->capture_default_str()
      ->group("Network");
  command.add_option("--headcount", options.headcount, "People in the generated organisation, CEO included")
      ->capture_default_str()
      ->group("Organisation (--network org)");
  command
      .add_option("--departments", options.departments,
                  "Departments and their shares of headcount, e.g. \"Engineering=0.6,Sales=0.4\" "
                  "(default: six departments of a mid-market firm)")
      ->group("Organisation (--network org)");
  command.add_option("--span-of-control", options.span_of_control, "Mean direct reports per manager")
      ->capture_default_str()
      ->group("Organisation (--network org)");
  command
      .add_option("--department-ties", options.department_ties,
                  "Colleague ties per person within their department (even)")
      ->capture_default_str()
      ->group("Organisation (--network org)");
  command
      .add_option("--department-rewiring", options.department_rewiring,
                  "Probability that a department tie is rewired to a random colleague")
      ->capture_default_str()
      ->group("Organisation (--network org)");
  command.add_option("--cross-ties", options.cross_ties, "Mean ties per person into other departments")
      ->capture_default_str()
      ->group("Organisation (--network org)");
  command.add_option("--people", options.people, "People in a classic network")
      ->capture_default_str()
      ->group("Classic networks");
  command.add_option("--mean-degree", options.mean_degree, "Mean ties per person (erdos_renyi)")
      ->capture_default_str()
      ->group("Classic networks");
  command
      .add_option("--neighbours", options.neighbours,
                  "Ring-lattice ties per person, even (watts_strogatz, ring_lattice)")
      ->capture_default_str()
      ->group("Classic networks");
  command.add_option("--rewiring", options.rewiring, "Rewiring probability (watts_strogatz)")
      ->capture_default_str()
      ->group("Classic networks");
  command
      .add_option("--ties-per-newcomer", options.ties_per_newcomer,
                  "Ties each newcomer makes (barabasi_albert)")
      ->capture_default_str()
      ->group("Classic networks");
}

org::OrgSpec check_network_options(const NetworkOptions& options, ProblemList& problems) {
  org::OrgSpec spec;
  const std::string& network = options.network;
  check_flags_apply(options, problems);
  if (network == "org") {
    if (options.headcount < 1 || options.headcount > kMaxPeople) {
      problems.add("--headcount " + std::to_string(options.headcount) +
                   ": expected a number of people from 1 to " + std::to_string(kMaxPeople));
    } else {
      spec.headcount = static_cast<std::uint32_t>(options.headcount);
    }
    if (!options.departments.empty()) spec.departments = parse_departments(options.departments, problems);
    spec.span_of_control = options.span_of_control;
    if (options.department_ties < 0 || options.department_ties > 1000) {
      problems.add("--department-ties " + std::to_string(options.department_ties) +
                   ": expected an even number of ties per person from 0 to 1000");
    } else {
      spec.department_ties_per_person = static_cast<std::uint32_t>(options.department_ties);
    }
    spec.department_rewiring_probability = options.department_rewiring;
    spec.cross_department_ties_per_person = options.cross_ties;
    // The generator's own checks name its fields; say which flag each is.
    for (const std::string& problem : org::validate(spec)) problems.add("organisation flags: " + problem);
    return spec;
  }
  if (network != "complete" && network != "erdos_renyi" && network != "watts_strogatz" &&
      network != "barabasi_albert" && network != "ring_lattice") {
    problems.add(
        "--network \"" + network +
        "\": expected one of org, complete, erdos_renyi, watts_strogatz, barabasi_albert, ring_lattice");
    return spec;
  }
  const std::int64_t max_people = network == "complete" ? 20'000 : kMaxPeople;
  if (options.people < 2 || options.people > max_people) {
    problems.add("--people " + std::to_string(options.people) + ": expected 2 to " +
                 std::to_string(max_people) + " people for a " + network + " network");
    return spec;
  }
  if (network == "erdos_renyi") {
    check_range(problems, "--mean-degree", options.mean_degree, 0.0, static_cast<double>(options.people - 1),
                "a mean degree from 0 to people - 1");
  }
  if (network == "watts_strogatz" || network == "ring_lattice") {
    if (options.neighbours < 0 || options.neighbours % 2 != 0 || options.neighbours >= options.people) {
      problems.add("--neighbours " + std::to_string(options.neighbours) +
                   ": expected an even number of ties per person, below --people");
    }
  }
  if (network == "watts_strogatz") {
    check_range(problems, "--rewiring", options.rewiring, 0.0, 1.0, "a probability in [0, 1]");
  }
  if (network == "barabasi_albert") {
    if (options.ties_per_newcomer < 1 || options.ties_per_newcomer >= options.people) {
      problems.add("--ties-per-newcomer " + std::to_string(options.ties_per_newcomer) +
                   ": expected at least 1 and fewer than --people");
    }
  }
  return spec;
}

MemoryEstimate estimate_network_memory(const NetworkOptions& options, const org::OrgSpec& spec) {
  MemoryEstimate estimate;
  if (options.network == "org") {
    estimate.people = spec.headcount;
    estimate.ties =
        estimated_generated_ties(spec.headcount, spec.span_of_control, spec.department_ties_per_person,
                                 spec.cross_department_ties_per_person);
    return estimate;
  }
  const auto people = static_cast<double>(options.people);
  estimate.people = people;
  if (options.network == "complete") {
    estimate.ties = people * (people - 1.0) / 2.0;
  } else if (options.network == "erdos_renyi") {
    estimate.ties = people * options.mean_degree / 2.0;
  } else if (options.network == "watts_strogatz" || options.network == "ring_lattice") {
    estimate.ties = people * static_cast<double>(options.neighbours) / 2.0;
  } else if (options.network == "barabasi_albert") {
    estimate.ties = people * static_cast<double>(options.ties_per_newcomer);
  }
  return estimate;
}

org::OrgGraph build_network(const NetworkOptions& options, const org::OrgSpec& spec, std::uint64_t seed) {
  const auto people = static_cast<std::uint32_t>(options.people);
  const auto neighbours = static_cast<std::uint32_t>(options.neighbours);
  if (options.network == "complete") return org::complete_graph(people);
  if (options.network == "erdos_renyi") return org::erdos_renyi_graph(people, options.mean_degree, seed);
  if (options.network == "watts_strogatz") {
    return org::watts_strogatz_graph(people, neighbours, options.rewiring, seed);
  }
  if (options.network == "barabasi_albert") {
    return org::barabasi_albert_graph(people, static_cast<std::uint32_t>(options.ties_per_newcomer), seed);
  }
  if (options.network == "ring_lattice") return org::ring_lattice_graph(people, neighbours);
  return org::generate_organisation(spec, seed);
}

std::string describe_network(const NetworkOptions& options, const org::OrgGraph& graph) {
  std::ostringstream out;
  if (options.network == "org") {
    out << "a generated organisation of " << graph.person_count() << " people in " << graph.department_count()
        << " departments, " << graph.tie_count() << " ties";
  } else {
    out << "a " << options.network << " network of " << graph.person_count() << " people, "
        << graph.tie_count() << " ties";
  }
  return out.str();
}

}  // namespace adoptsim::cli
