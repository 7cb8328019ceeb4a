#include <catch2/catch.hpp>

#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/clustering_coefficient.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/property_map/property_map.hpp>

#include "adoptsim/org/generator.hpp"
#include "adoptsim/org/stats.hpp"

using namespace adoptsim::org;

namespace {

// Two departments, two triangles joined by one cross-department tie, and an
// isolated person:
//   A = {0, 1, 3}: ties 0-1, 1-3, 0-3      managers 1->0, 3->1
//   B = {2, 4, 5, 6}: ties 2-4, 4-5, 2-5   managers 2->0, 4->2, 5->4; 6 has none
//   cross: 0-2
OrgGraph hand_built() {
  OrgGraphBuilder builder({"A", "B"});
  builder.add_person(Role::Executive, 0);
  builder.add_person(Role::Manager, 0, 0);
  builder.add_person(Role::Manager, 1, 0);
  builder.add_person(Role::IndividualContributor, 0, 1);
  builder.add_person(Role::Manager, 1, 2);
  builder.add_person(Role::IndividualContributor, 1, 4);
  builder.add_person(Role::IndividualContributor, 1);
  builder.add_tie(0, 1, 1.0f, TieKind::ReportingLine);
  builder.add_tie(1, 3, 1.0f, TieKind::ReportingLine);
  builder.add_tie(0, 3, 0.35f, TieKind::Department);
  builder.add_tie(0, 2, 1.0f, TieKind::ReportingLine);
  builder.add_tie(2, 4, 1.0f, TieKind::ReportingLine);
  builder.add_tie(4, 5, 1.0f, TieKind::ReportingLine);
  builder.add_tie(5, 2, 0.35f, TieKind::Department);
  return builder.build();
}

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

BoostGraph to_boost(const OrgGraph& graph) {
  BoostGraph copy(graph.person_count());
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    for (PersonId neighbour : graph.neighbours(person)) {
      if (neighbour > person) boost::add_edge(person, neighbour, copy);
    }
  }
  return copy;
}

}  // namespace

TEST_CASE("statistics of a hand-built organisation are exact", "[org]") {
  const OrgStats stats = compute_stats(hand_built());
  CHECK(stats.people == 7);
  CHECK(stats.ties == 7);
  CHECK(stats.department_sizes == std::vector<std::size_t>{3, 4});
  CHECK(stats.people_by_role[static_cast<int>(Role::Executive)] == 1);
  CHECK(stats.people_by_role[static_cast<int>(Role::Manager)] == 3);
  CHECK(stats.people_by_role[static_cast<int>(Role::IndividualContributor)] == 3);
  CHECK(stats.ties_by_kind[static_cast<int>(TieKind::ReportingLine)] == 5);
  CHECK(stats.ties_by_kind[static_cast<int>(TieKind::Department)] == 2);
  CHECK(stats.ties_by_kind[static_cast<int>(TieKind::Teammate)] == 0);
  // Local clustering: 1/3 for 0 and 2, 1 for 1, 3, 4, 5, 0 for the isolated 6.
  CHECK(stats.average_clustering == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(stats.cross_department_tie_share == Approx(1.0 / 7.0).epsilon(1e-12));
  CHECK(stats.hierarchy_depth == 4);  // 0 -> 2 -> 4 -> 5
  CHECK(stats.reporting_roots == 2);
  CHECK(stats.connected_components == 2);
  CHECK(stats.largest_component == 6);
  // Degrees 3, 2, 3, 2, 2, 2, 0.
  CHECK(stats.degree.min == 0);
  CHECK(stats.degree.max == 3);
  CHECK(stats.degree.median == 2.0);
  CHECK(stats.degree.mean == Approx(2.0));
  CHECK(stats.degree.p90 == 3);
  CHECK(stats.degree.bin_edges == std::vector<std::size_t>{0, 1, 2, 4});
  CHECK(stats.degree.histogram == std::vector<std::size_t>{1, 0, 6});
}

TEST_CASE("statistics of an empty and of a one-person organisation", "[org]") {
  const OrgStats empty = compute_stats(OrgGraphBuilder({"x"}).build());
  CHECK(empty.people == 0);
  CHECK(empty.hierarchy_depth == 0);
  CHECK(empty.connected_components == 0);
  CHECK(empty.average_clustering == 0.0);
  CHECK(empty.degree.histogram.empty());

  OrgGraphBuilder builder({"x"});
  builder.add_person(Role::Executive, 0);
  const OrgStats lone = compute_stats(builder.build());
  CHECK(lone.hierarchy_depth == 1);
  CHECK(lone.connected_components == 1);
  CHECK(lone.largest_component == 1);
  CHECK(lone.degree.histogram == std::vector<std::size_t>{1});
}

TEST_CASE("degree median averages the middle pair for an even count", "[org]") {
  // A path 0-1-2-3: degrees 1, 2, 2, 1.
  OrgGraphBuilder builder({"x"});
  for (int person = 0; person < 4; ++person) builder.add_person(Role::IndividualContributor, 0);
  builder.add_tie(0, 1, 1.0f, TieKind::Collaboration);
  builder.add_tie(1, 2, 1.0f, TieKind::Collaboration);
  builder.add_tie(2, 3, 1.0f, TieKind::Collaboration);
  builder.add_person(Role::IndividualContributor, 0);
  builder.add_person(Role::IndividualContributor, 0);
  // Degrees 1, 2, 2, 1, 0, 0: sorted 0, 0, 1, 1, 2, 2.
  const OrgStats stats = compute_stats(builder.build());
  CHECK(stats.degree.median == 1.0);
  CHECK(stats.degree.p90 == 2);
  CHECK(stats.connected_components == 3);
  CHECK(stats.average_clustering == 0.0);
}

TEST_CASE("clustering and components agree with Boost.Graph", "[org]") {
  const std::vector<OrgGraph> graphs = [] {
    std::vector<OrgGraph> list;
    list.push_back(generate_organisation(OrgSpec{}, 4));
    list.push_back(erdos_renyi_graph(1500, 1.2, 4));  // below-critical pieces and a giant component
    list.push_back(watts_strogatz_graph(800, 8, 0.3, 4));
    list.push_back(barabasi_albert_graph(800, 4, 4));
    return list;
  }();
  for (std::size_t index = 0; index < graphs.size(); ++index) {
    CAPTURE(index);
    const OrgGraph& graph = graphs[index];
    const OrgStats stats = compute_stats(graph);
    const BoostGraph copy = to_boost(graph);

    std::vector<double> coefficients(graph.person_count());
    const double boost_clustering = boost::all_clustering_coefficients(
        copy, boost::make_iterator_property_map(coefficients.begin(), boost::get(boost::vertex_index, copy)));
    CHECK(stats.average_clustering == Approx(boost_clustering).epsilon(1e-9));

    std::vector<int> component(graph.person_count());
    const int components = boost::connected_components(copy, component.data());
    CHECK(stats.connected_components == static_cast<std::size_t>(components));
    std::vector<std::size_t> sizes(static_cast<std::size_t>(components), 0);
    for (int label : component) ++sizes[static_cast<std::size_t>(label)];
    CHECK(stats.largest_component == *std::max_element(sizes.begin(), sizes.end()));
  }
}
