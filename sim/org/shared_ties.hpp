// Tie rules shared by the generator and the importer, so that a generated
// firm and an imported one get teammate and within-department ties the same way.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "adoptsim/engine/random.hpp"
#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::org::detail {

// Adds the ties of a team of `size` people, member(i) being the i-th: all
// pairs, or a ring of kMaxTeammatesPerPerson for a very large team. Returns
// the number of ties added.
template <typename Member>
std::size_t add_team_ties(OrgGraphBuilder& builder, std::uint32_t size, Member member, float weight) {
  std::size_t added = 0;
  if (size <= kMaxTeammatesPerPerson + 1) {
    for (std::uint32_t a = 0; a < size; ++a) {
      for (std::uint32_t b = a + 1; b < size; ++b, ++added)
        builder.add_tie(member(a), member(b), weight, TieKind::Teammate);
    }
    return added;
  }
  for (std::uint32_t a = 0; a < size; ++a) {
    for (std::uint32_t step = 1; step <= kMaxTeammatesPerPerson / 2; ++step, ++added) {
      builder.add_tie(member(a), member((a + step) % size), weight, TieKind::Teammate);
    }
  }
  return added;
}

// The within-department small world: a ring lattice of `lattice_neighbours`
// (even) over `members` in a random order (order_stream), each lattice tie's
// far end replaced with probability rewiring_probability by a uniformly
// random other member (rewiring_stream). A department of at most
// lattice_neighbours people is tied all to all instead. Adds nothing when
// lattice_neighbours is 0. Returns the number of ties added (before merging).
std::size_t add_department_small_world(OrgGraphBuilder& builder, std::span<const PersonId> members,
                                       std::uint32_t lattice_neighbours, double rewiring_probability,
                                       float weight, engine::RandomStream& order_stream,
                                       engine::RandomStream& rewiring_stream);

}  // namespace adoptsim::org::detail
