// The command-line description of which organisation or network to build:
// a generated firm (the default) or one of the classic network families.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/org_graph.hpp"
#include "cli_support.hpp"

namespace adoptsim::cli {

struct NetworkOptions {
  std::string network = "org";  // org, complete, erdos_renyi, watts_strogatz, barabasi_albert, ring_lattice
  // Flags are read as signed or text so that a negative or malformed value
  // gets our message, naming the flag, rather than a parser's.
  std::int64_t headcount = 180;
  std::string departments;  // "Engineering=0.3,Sales=0.2,..."; empty means the defaults
  double span_of_control = 7.0;
  std::int64_t department_ties = 6;
  double department_rewiring = 0.1;
  double cross_ties = 0.5;
  std::int64_t people = 1000;
  double mean_degree = 10.0;
  std::int64_t neighbours = 10;
  double rewiring = 0.1;
  std::int64_t ties_per_newcomer = 3;
  // The verb these flags were added to, to tell a flag given from its default.
  const CLI::App* command = nullptr;
};

// Adds --network, the organisation flags and the classic-family flags.
void add_network_options(CLI::App& command, NetworkOptions& options);

// Adds every problem with the flags to `problems` (a value out of range, a
// flag that does not apply to --network); returns the spec to use when the
// network is a generated organisation.
org::OrgSpec check_network_options(const NetworkOptions& options, ProblemList& problems);

// Adds "FLAG <why>" for --network and each family flag given on `command`:
// for a verb where another input (a scenario, a file) names the network.
void check_network_flags_unused(const CLI::App& command, const std::string& why, ProblemList& problems);

// The people and ties the network will have, for a memory check before it
// is built. Precondition: check_network_options reported nothing.
MemoryEstimate estimate_network_memory(const NetworkOptions& options, const org::OrgSpec& spec);

// Builds the network. Precondition: check_network_options reported nothing.
org::OrgGraph build_network(const NetworkOptions& options, const org::OrgSpec& spec, std::uint64_t seed);

// One line saying what was built: "a generated organisation of 180 people ...".
std::string describe_network(const NetworkOptions& options, const org::OrgGraph& graph);

}  // namespace adoptsim::cli
