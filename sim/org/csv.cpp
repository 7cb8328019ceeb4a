#include "adoptsim/org/csv.hpp"

#include <charconv>
#include <string>
#include <string_view>

namespace adoptsim::org {
namespace {

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its
// quotes doubled. Lines end in "\n" rather than RFC 4180's "\r\n", as the
// tools reading these files (pandas, our importers) expect.
void write_field(std::ostream& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << text;
    return;
  }
  out << '"';
  for (char character : text) {
    if (character == '"') out << '"';
    out << character;
  }
  out << '"';
}

// Shortest text that parses back to exactly `value`.
void write_weight(std::ostream& out, float value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.write(buffer, result.ptr - buffer);
}

}  // namespace

void write_people_csv(const OrgGraph& graph, std::ostream& out) {
  out << "id,department,role,manager_id\n";
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    out << person << ',';
    write_field(out, graph.department_name(graph.department(person)));
    out << ',' << to_string(graph.role(person)) << ',';
    if (graph.manager(person) != kNoPerson) out << graph.manager(person);
    out << '\n';
  }
}

void write_ties_csv(const OrgGraph& graph, std::ostream& out) {
  out << "source,target,weight,kind\n";
  for (PersonId person = 0; person < graph.person_count(); ++person) {
    const auto neighbours = graph.neighbours(person);
    const auto weights = graph.tie_weights(person);
    const auto kinds = graph.tie_kinds(person);
    for (std::size_t index = 0; index < neighbours.size(); ++index) {
      if (neighbours[index] < person) continue;
      out << person << ',' << neighbours[index] << ',';
      write_weight(out, weights[index]);
      out << ',' << to_string(kinds[index]) << '\n';
    }
  }
}

}  // namespace adoptsim::org
