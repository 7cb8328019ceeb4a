// Writes an organisation as two CSV files: people (id, department, role,
// manager_id) and ties (source, target, weight, kind). Ids are the dense
// person indices; manager_id is empty for people without a manager.
#pragma once

#include <ostream>

#include "adoptsim/org/org_graph.hpp"

namespace adoptsim::org {

// Header: id,department,role,manager_id
void write_people_csv(const OrgGraph& graph, std::ostream& out);
// Header: source,target,weight,kind — each undirected tie once, source < target.
void write_ties_csv(const OrgGraph& graph, std::ostream& out);

}  // namespace adoptsim::org
