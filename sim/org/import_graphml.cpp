// GraphML through Boost.Graph's reader: nodes are people (attributes named
// as the people CSV's columns), edges are ties (weight and kind attributes).
#include <boost/graph/graphml.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "import_internal.hpp"

namespace adoptsim::org::detail {
namespace {

bool same_name(std::string_view a, std::string_view b) { return a == b || lower(a) == lower(b); }

// Receives Boost's callbacks: vertices are row numbers, edges index `edges`.
class Collector : public boost::mutate_graph {
 public:
  explicit Collector(bool directed) : directed_(directed) {}

  bool is_directed() const override { return directed_; }
  boost::any do_add_vertex() override {
    vertex_properties_.emplace_back();
    return boost::any(vertex_properties_.size() - 1);
  }
  std::pair<boost::any, bool> do_add_edge(boost::any source, boost::any target) override {
    edges_.push_back({boost::any_cast<std::size_t>(source), boost::any_cast<std::size_t>(target)});
    edge_properties_.emplace_back();
    return {boost::any(edges_.size() - 1), true};
  }
  void set_graph_property(const std::string&, const std::string&, const std::string&) override {}
  void set_vertex_property(const std::string& name, boost::any vertex, const std::string& value,
                           const std::string&) override {
    vertex_properties_[boost::any_cast<std::size_t>(vertex)][name] = value;
  }
  void set_edge_property(const std::string& name, boost::any edge, const std::string& value,
                         const std::string&) override {
    edge_properties_[boost::any_cast<std::size_t>(edge)][name] = value;
  }

  using Properties = std::map<std::string, std::string>;
  std::vector<Properties> vertex_properties_;
  std::vector<Properties> edge_properties_;
  std::vector<std::pair<std::size_t, std::size_t>> edges_;

 private:
  bool directed_;
};

const std::string* property(const Collector::Properties& properties, std::string_view name) {
  for (const auto& [key, value] : properties) {
    if (same_name(key, name)) return &value;
  }
  return nullptr;
}

std::string unescape_xml(std::string_view text) {
  std::string result;
  for (std::size_t index = 0; index < text.size(); ++index) {
    if (text[index] != '&') {
      result += text[index];
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool replaced = false;
    for (const auto& [entity, character] : kEntities) {
      if (text.substr(index, entity.size()) == entity) {
        result += character;
        index += entity.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) result += '&';
  }
  return result;
}

// The id attribute of every <node> element, in document order: the order in
// which Boost's reader creates the vertices.
struct Position {
  std::size_t line = 0;
  std::size_t column = 0;
};

// Line and column (1-based) of each `<name` element, in document order, for
// messages that point into the file.
std::vector<Position> element_positions(const std::string& text, std::string_view name) {
  std::vector<Position> positions;
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t scanned = 0;
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + name.size())) {
    const char after = at + name.size() < text.size() ? text[at + name.size()] : '\0';
    if (after != ' ' && after != '\t' && after != '\n' && after != '\r' && after != '>' && after != '/')
      continue;
    for (; scanned < at; ++scanned) {
      if (text[scanned] == '\n') {
        ++line;
        line_start = scanned + 1;
      }
    }
    positions.push_back({line, at - line_start + 1});
  }
  return positions;
}

std::vector<std::string> node_ids(const std::string& text) {
  std::vector<std::string> ids;
  for (std::size_t at = text.find("<node"); at != std::string::npos; at = text.find("<node", at + 5)) {
    const char after = at + 5 < text.size() ? text[at + 5] : '\0';
    if (after != ' ' && after != '\t' && after != '\n' && after != '\r' && after != '>' && after != '/')
      continue;
    const std::size_t close = text.find('>', at);
    const std::string_view tag(text.data() + at, (close == std::string::npos ? text.size() : close) - at);
    std::size_t id = std::string_view::npos;
    for (std::size_t k = tag.find("id"); k != std::string_view::npos; k = tag.find("id", k + 2)) {
      if (k > 0 && (tag[k - 1] == ' ' || tag[k - 1] == '\t' || tag[k - 1] == '\n' || tag[k - 1] == '\r')) {
        std::size_t equals = k + 2;
        while (equals < tag.size() && tag[equals] == ' ') ++equals;
        if (equals < tag.size() && tag[equals] == '=') {
          id = equals + 1;
          break;
        }
      }
    }
    if (id == std::string_view::npos) {
      ids.emplace_back();
      continue;
    }
    while (id < tag.size() && tag[id] == ' ') ++id;
    const char quote = id < tag.size() ? tag[id] : '"';
    const std::size_t end = tag.find(quote, id + 1);
    ids.push_back(unescape_xml(tag.substr(id + 1, end == std::string_view::npos ? 0 : end - id - 1)));
  }
  return ids;
}

bool default_directed(const std::string& text) {
  const std::size_t at = text.find("edgedefault");
  if (at == std::string::npos) return true;  // GraphML has no default; Boost reads a missing one as directed
  const std::size_t quote = text.find_first_of("\"'", at);
  return quote != std::string::npos && text.compare(quote + 1, 8, "directed") == 0;
}

}  // namespace

void read_graphml(const ImportOptions& options, RawPeople& people, RawTies& ties, IssueCollector& issues) {
  const std::string display = options.file.string();
  people.file = display;
  people.id_column = 0;
  {
    // Encoding and readability first, through the record reader.
    RecordReader check(options.file, display, RecordReader::Mode::Whitespace, issues);
    if (!check.is_open()) return;
    std::vector<std::string_view> fields;
    while (check.next(fields)) {
    }
    check.finish();
    if (issues.has_errors()) return;
  }
  std::ifstream in(options.file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  Collector collector(default_directed(text));
  try {
    std::istringstream stream(text);
    boost::read_graphml(stream, collector, 0);
  } catch (const std::exception& error) {
    issues.error("graphml", issue_at(display, 0, 0,
                                     "is not GraphML that can be read: " + std::string(error.what()) +
                                         "; export it again from the network tool (GraphML 1.0, one graph)"));
    return;
  }
  const std::vector<std::string> ids = node_ids(text);
  const std::size_t count = collector.vertex_properties_.size();
  if (ids.size() != count) {
    issues.error("graphml", issue_at(display, 0, 0,
                                     "declares " + std::to_string(ids.size()) + " nodes but its edges name " +
                                         std::to_string(count) +
                                         "; every edge's source and target must be a declared <node>"));
    return;
  }
  const std::vector<Position> node_positions = element_positions(text, "<node");
  const std::vector<Position> edge_positions = element_positions(text, "<edge");
  const auto node_at = [&](std::size_t row) {
    return row < node_positions.size() ? node_positions[row] : Position{};
  };
  const auto edge_at = [&](std::size_t edge) {
    return edge_positions.size() == collector.edges_.size() ? edge_positions[edge] : Position{};
  };
  const PeopleColumns& names = options.columns;
  bool any_manager = false;
  people.has_roles = true;
  for (std::size_t row = 0; row < count; ++row) {
    const auto& properties = collector.vertex_properties_[row];
    const std::string node = "node \"" + ids[row] + "\": ";
    const Position at = node_at(row);
    if (ids[row].empty()) {
      issues.error("empty id",
                   issue_at(display, at.line, at.column, "a <node> has no id; every person needs one"));
    }
    const std::string* department = property(properties, names.department);
    if (department == nullptr || department->empty()) {
      issues.error("empty department",
                   issue_at(display, at.line, at.column,
                            node + "has no " + names.department +
                                "; give every node a department attribute (a <data> element with the key "
                                "whose attr.name is \"" +
                                names.department + "\")"));
    }
    std::optional<Role> role;
    if (const std::string* cell = property(properties, names.role); cell != nullptr && !cell->empty()) {
      role = parse_role_cell(*cell);
      if (!role) {
        issues.error("role",
                     issue_at(display, at.line, at.column,
                              node + names.role + " \"" + *cell +
                                  "\" is not a role; use individual_contributor, manager or executive"));
      }
    }
    const std::string* manager = property(properties, names.manager_id);
    if (manager == nullptr) manager = property(properties, "manager");
    any_manager = any_manager || manager != nullptr;
    people.ids.push_back(ids[row]);
    people.lines.push_back(at.line);
    people.manager_ids.push_back(manager != nullptr ? *manager : std::string());
    people.department.push_back(
        people.intern_department(department != nullptr ? *department : std::string()));
    people.roles.push_back(role);
    const std::string* team = property(properties, names.team);
    people.has_team = people.has_team || team != nullptr;
    people.team.push_back(team != nullptr ? RawPeople::intern(*team, people.team_names, people.team_index)
                                          : -1);
    const std::string* location = property(properties, names.location);
    people.location.push_back(location != nullptr
                                  ? RawPeople::intern(*location, people.location_names, people.location_index)
                                  : -1);
  }
  people.has_hierarchy = any_manager;
  people.manager_column = 0;

  ties.present = !collector.edges_.empty();
  for (std::size_t edge = 0; edge < collector.edges_.size(); ++edge) {
    const auto& [source, target] = collector.edges_[edge];
    const auto& properties = collector.edge_properties_[edge];
    const std::string where = "edge " + ids[source] + " -> " + ids[target] + ": ";
    const Position at = edge_at(edge);
    float weight = 1.0f;
    if (const std::string* cell = property(properties, options.tie_columns.weight); cell != nullptr) {
      const auto number = parse_number(*cell);
      if (!number || *number < 0.0) {
        issues.error("weight",
                     issue_at(display, at.line, at.column,
                              where + "weight \"" + *cell +
                                  "\" is not a number >= 0; tie weights are numbers such as 1 or 0.5"));
        continue;
      }
      weight = static_cast<float>(*number);
    }
    TieKind kind = TieKind::Collaboration;
    if (const std::string* cell = property(properties, options.tie_columns.kind);
        cell != nullptr && !cell->empty()) {
      const auto parsed = parse_tie_kind(lower(*cell));
      if (!parsed) {
        issues.error("kind",
                     issue_at(display, at.line, at.column,
                              where + "kind \"" + *cell +
                                  "\" is not a tie kind; use collaboration, reporting_line, teammate, "
                                  "department or cross_department"));
        continue;
      }
      kind = *parsed;
    }
    ++ties.counts.rows;
    if (weight == 0.0f) {
      ++ties.counts.zero_weight_dropped;
      continue;
    }
    if (source == target) {
      ++ties.counts.self_ties_dropped;
      continue;
    }
    ++ties.kept;
    ties.ties.push_back(Tie{static_cast<PersonId>(source), static_cast<PersonId>(target), weight, kind});
  }
}

}  // namespace adoptsim::org::detail
