// GraphML: nodes are people (data keyed by the people CSV's column names),
// edges are ties (weight and kind). Read by a small XML reader of our own
// for the subset GraphML uses, so that every problem names its line and
// column (Boost's reader, on property_tree's XML parser, gives neither), no
// entity is ever expanded and no DTD is ever read.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "import_internal.hpp"

namespace adoptsim::org::detail {
namespace {

constexpr std::size_t kMaxDepth = 64;

struct Position {
  std::size_t line = 0;
  std::size_t column = 0;
};

// Line and column (1-based, in bytes) of offsets into the text, asked in
// increasing order (a smaller offset restarts the count).
class PositionTracker {
 public:
  explicit PositionTracker(const std::string& text) : text_(text) {}
  Position at(std::size_t offset) {
    if (offset < scanned_) {
      scanned_ = 0;
      line_ = 1;
      line_start_ = 0;
    }
    offset = std::min(offset, text_.size());
    while (scanned_ < offset) {
      const void* newline = std::memchr(text_.data() + scanned_, '\n', offset - scanned_);
      if (newline == nullptr) {
        scanned_ = offset;
        break;
      }
      scanned_ = static_cast<std::size_t>(static_cast<const char*>(newline) - text_.data()) + 1;
      ++line_;
      line_start_ = scanned_;
    }
    return {line_, offset - line_start_ + 1};
  }

 private:
  const std::string& text_;
  std::size_t scanned_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
};

// The columns a GraphML key can feed; anything else (names, e-mail
// addresses, drawing data) is never stored.
enum Slot : std::uint8_t { kDepartment, kManager, kRole, kTeam, kLocation, kTitle, kNodeSlots };
enum EdgeSlot : std::uint8_t { kWeight, kKind, kEdgeSlots };
constexpr std::uint8_t kNoSlot = 0xff;

enum class KeyFor : std::uint8_t { Node, Edge, Graph, All, Other };

struct Key {
  std::string name;  // attr.name, else the id
  KeyFor for_what = KeyFor::All;
  std::uint8_t node_slot = kNoSlot;
  std::uint8_t edge_slot = kNoSlot;
  std::optional<std::string> default_value;
  Position at;
};

struct Node {
  std::string id;
  Position at;
  std::array<std::optional<std::string>, kNodeSlots> values;
};

struct Edge {
  std::string source;
  std::string target;
  Position at;
  std::array<std::optional<std::string>, kEdgeSlots> values;
};

struct Attribute {
  std::string_view name;
  std::string value;
  std::size_t offset = 0;
};

bool same_name(std::string_view a, std::string_view b) { return a == b || lower(a) == lower(b); }

bool is_name_start(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalpha(byte) != 0 || c == '_' || c == ':' || byte >= 0x80;
}
bool is_name_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return is_name_start(c) || std::isdigit(byte) != 0 || c == '-' || c == '.';
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The local part of a qualified name: "y:ShapeNode" -> "ShapeNode".
std::string_view local_name(std::string_view name) {
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string shown(std::string_view text) {
  if (text.size() > 40) return std::string(text.substr(0, 37)) + "...";
  return std::string(text);
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xc0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xe0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  }
}

class GraphMlReader {
 public:
  GraphMlReader(const std::string& text, const std::string& display, const ImportOptions& options,
                IssueCollector& issues)
      : text_(text), display_(display), options_(options), issues_(issues), positions_(text) {}

  // Reads the document; false after a problem that stops reading (the
  // document is not well-formed, or not GraphML that adoptsim reads).
  bool read();

  std::vector<Key> keys;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  bool saw_graph = false;

 private:
  struct Open {
    std::string name;
    std::size_t offset;
    bool skipped;  // inside an element adoptsim does not read (desc, port, a tool's own data)
  };

  bool fail(std::size_t offset, const std::string& message) {
    const Position at = positions_.at(offset);
    issues_.error("graphml", issue_at(display_, at.line, at.column, message));
    return false;
  }
  void problem(std::string_view kind, const Position& at, const std::string& message) {
    issues_.error(kind, issue_at(display_, at.line, at.column, message));
  }

  bool starts_with(std::string_view prefix) const { return text_.compare(pos_, prefix.size(), prefix) == 0; }
  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  bool skip_past(std::string_view end, std::size_t from, const std::string& what) {
    const std::size_t found = text_.find(end, pos_);
    if (found == std::string::npos) return fail(from, what + " never ends (no \"" + std::string(end) + "\")");
    pos_ = found + end.size();
    return true;
  }
  // Decodes character data or an attribute value: the five predefined
  // entities and character references; any other entity is an error.
  bool decode(std::string_view raw, std::size_t offset, std::string& out);
  bool read_doctype(std::size_t start);
  bool read_tag();
  bool start_element(std::string_view name, std::vector<Attribute>& attributes, std::size_t offset,
                     bool self_closing);
  // Closes an element: the text of a <data> or <default> being read is stored.
  void end_element();
  const Attribute* attribute(const std::vector<Attribute>& attributes, std::string_view name) const {
    for (const Attribute& a : attributes) {
      if (a.name == name) return &a;
    }
    return nullptr;
  }
  std::string_view parent() const {
    return open_.empty() ? std::string_view{} : local_name(open_.back().name);
  }

  const std::string& text_;
  const std::string& display_;
  const ImportOptions& options_;
  IssueCollector& issues_;
  PositionTracker positions_;
  std::size_t pos_ = 0;
  std::vector<Open> open_;
  bool saw_root_ = false;
  std::unordered_map<std::string, std::size_t> key_index_;
  // The <data> or <default> being read: where its text goes.
  std::optional<std::string>* text_target_ = nullptr;
  std::string text_buffer_;
  std::size_t text_depth_ = 0;
};

bool GraphMlReader::decode(std::string_view raw, std::size_t offset, std::string& out) {
  for (std::size_t index = 0; index < raw.size(); ++index) {
    const char c = raw[index];
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t semicolon = raw.find(';', index);
    if (semicolon == std::string_view::npos || semicolon - index > 12) {
      return fail(offset + index,
                  "a bare \"&\": write it as &amp; (XML reserves & for entities such as &lt;)");
    }
    const std::string_view entity = raw.substr(index + 1, semicolon - index - 1);
    if (!entity.empty() && entity.front() == '#') {
      std::uint32_t code = 0;
      const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      const auto [end, error] =
          std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
      const bool valid = !digits.empty() && error == std::errc() && end == digits.data() + digits.size() &&
                         code != 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) &&
                         (code >= 0x20 || code == 0x9 || code == 0xa || code == 0xd);
      if (!valid) {
        return fail(offset + index,
                    "the character reference &" + shown(entity) + "; is not a character XML allows");
      }
      append_utf8(out, code);
    } else if (entity == "amp") {
      out += '&';
    } else if (entity == "lt") {
      out += '<';
    } else if (entity == "gt") {
      out += '>';
    } else if (entity == "quot") {
      out += '"';
    } else if (entity == "apos") {
      out += '\'';
    } else {
      return fail(offset + index, "the entity &" + shown(entity) +
                                      "; is not one of XML's five (&amp; &lt; &gt; &quot; &apos;) or a "
                                      "character reference; adoptsim never expands other entities: write the "
                                      "text itself");
    }
    index = semicolon;
  }
  return true;
}

bool GraphMlReader::read_doctype(std::size_t start) {
  // A DOCTYPE naming an external DTD is skipped with a warning (the DTD is
  // never read); one with an internal subset may declare entities and is refused.
  for (std::size_t index = pos_; index < text_.size(); ++index) {
    const char c = text_[index];
    if (c == '[') {
      return fail(
          start,
          "declares a DTD with an internal subset (<!DOCTYPE ... [ ... ]>), which may define entities; "
          "adoptsim reads no DTD and expands no entities: delete the <!DOCTYPE ...> declaration");
    }
    if (c == '"' || c == '\'') {
      const std::size_t close = text_.find(c, index + 1);
      if (close == std::string::npos) break;
      index = close;
      continue;
    }
    if (c == '>') {
      pos_ = index + 1;
      const Position at = positions_.at(start);
      issues_.warning(issue_at(display_, at.line, at.column,
                               "the <!DOCTYPE ...> declaration is ignored (adoptsim reads no DTD; GraphML "
                               "needs none)"));
      return true;
    }
  }
  return fail(start, "the <!DOCTYPE declaration never ends (no \">\")");
}

bool GraphMlReader::read() {
  while (true) {
    const std::size_t scan = text_.find('<', pos_);
    const std::size_t stop = scan == std::string::npos ? text_.size() : scan;
    // Character data between tags.
    if (stop > pos_) {
      const std::string_view raw(text_.data() + pos_, stop - pos_);
      const bool blank = std::all_of(raw.begin(), raw.end(), is_space);
      if (open_.empty() && !blank) {
        return fail(pos_, saw_root_ ? "text after the end of the <graphml> element"
                                    : "text before the <graphml> element; a GraphML file starts with "
                                      "<?xml ...?> or <graphml>");
      }
      if (text_target_ != nullptr && open_.size() == text_depth_) {
        if (!decode(raw, pos_, text_buffer_)) return false;
      } else if (!open_.empty() && raw.find('&') != std::string_view::npos) {
        std::string ignored;
        if (!decode(raw, pos_, ignored)) return false;
      }
    }
    pos_ = stop;
    if (pos_ >= text_.size()) break;
    const std::size_t start = pos_;
    if (starts_with("<!--")) {
      pos_ += 4;
      if (!skip_past("-->", start, "a comment")) return false;
    } else if (starts_with("<?")) {
      pos_ += 2;
      if (!skip_past("?>", start, "a processing instruction (<?...)")) return false;
    } else if (starts_with("<![CDATA[")) {
      if (open_.empty()) return fail(start, "a CDATA section outside the <graphml> element");
      const std::size_t body = pos_ + 9;
      const std::size_t end = text_.find("]]>", body);
      if (end == std::string::npos) return fail(start, "a CDATA section never ends (no \"]]>\")");
      if (text_target_ != nullptr && open_.size() == text_depth_)
        text_buffer_.append(text_, body, end - body);
      pos_ = end + 3;
    } else if (starts_with("<!DOCTYPE")) {
      if (saw_root_ || !open_.empty()) return fail(start, "a <!DOCTYPE declaration inside the document");
      pos_ += 9;
      if (!read_doctype(start)) return false;
    } else if (starts_with("<!")) {
      return fail(start, "a markup declaration (<!...) that GraphML does not use; delete it");
    } else {
      if (!read_tag()) return false;
    }
  }
  if (!open_.empty()) {
    return fail(open_.back().offset, "the <" + shown(open_.back().name) +
                                         "> element opened here never ends (no </" +
                                         shown(open_.back().name) + ">); the file may be cut short");
  }
  if (!saw_root_) {
    const Position at{0, 0};
    problem("graphml", at,
            text_.find_first_not_of(" \t\r\n") == std::string::npos
                ? "is empty; expected a GraphML document (<graphml> with one <graph> of <node>s and <edge>s)"
                : "has no <graphml> element; expected a GraphML document");
    return false;
  }
  return true;
}

bool GraphMlReader::read_tag() {
  const std::size_t start = pos_;
  ++pos_;
  const bool closing = pos_ < text_.size() && text_[pos_] == '/';
  if (closing) ++pos_;
  const std::size_t name_start = pos_;
  if (pos_ >= text_.size() || !is_name_start(text_[pos_]))
    return fail(start, "a \"<\" that starts no element; write it as &lt;");
  while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
  const std::string_view name(text_.data() + name_start, pos_ - name_start);
  if (closing) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '>')
      return fail(start, "the end tag </" + shown(name) + " never closes (no \">\")");
    ++pos_;
    if (open_.empty()) return fail(start, "the end tag </" + shown(name) + "> closes no element");
    if (open_.back().name != name) {
      const Position opened = positions_.at(open_.back().offset);
      return fail(start, "the end tag </" + shown(name) + "> does not match <" + shown(open_.back().name) +
                             "> opened on line " + std::to_string(opened.line));
    }
    open_.pop_back();
    end_element();
    return true;
  }
  std::vector<Attribute> attributes;
  while (true) {
    const std::size_t before = pos_;
    skip_space();
    if (pos_ >= text_.size()) return fail(start, "the tag <" + shown(name) + " never closes (no \">\")");
    if (text_[pos_] == '>' || text_[pos_] == '/') break;
    if (pos_ == before) return fail(pos_, "attributes of <" + shown(name) + "> must be separated by spaces");
    const std::size_t attribute_start = pos_;
    if (!is_name_start(text_[pos_])) return fail(pos_, "an attribute of <" + shown(name) + "> has no name");
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    const std::string_view attribute_name(text_.data() + attribute_start, pos_ - attribute_start);
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '=')
      return fail(attribute_start,
                  "the attribute " + shown(attribute_name) + " has no value (expected =\"...\")");
    ++pos_;
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\''))
      return fail(attribute_start, "the value of attribute " + shown(attribute_name) + " is not in quotes");
    const char quote = text_[pos_];
    const std::size_t value_start = pos_ + 1;
    const std::size_t value_end = text_.find(quote, value_start);
    if (value_end == std::string::npos)
      return fail(attribute_start,
                  "the value of attribute " + shown(attribute_name) + " never ends (no closing quote)");
    const std::string_view raw(text_.data() + value_start, value_end - value_start);
    if (raw.find('<') != std::string_view::npos)
      return fail(attribute_start,
                  "the value of attribute " + shown(attribute_name) + " contains \"<\"; write it as &lt;");
    if (attribute(attributes, attribute_name) != nullptr)
      return fail(attribute_start,
                  "<" + shown(name) + "> has the attribute " + shown(attribute_name) + " twice");
    Attribute parsed{attribute_name, {}, attribute_start};
    if (!decode(raw, value_start, parsed.value)) return false;
    attributes.push_back(std::move(parsed));
    pos_ = value_end + 1;
  }
  bool self_closing = false;
  if (text_[pos_] == '/') {
    if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '>')
      return fail(pos_, "a \"/\" in <" + shown(name) + "> not followed by \">\"");
    self_closing = true;
    ++pos_;
  }
  ++pos_;
  return start_element(name, attributes, start, self_closing);
}

bool GraphMlReader::start_element(std::string_view name, std::vector<Attribute>& attributes,
                                  std::size_t offset, bool self_closing) {
  const std::string_view local = local_name(name);
  const bool root = open_.empty();
  if (root && saw_root_) return fail(offset, "a second root element <" + shown(name) + "> after </graphml>");
  if (open_.size() >= kMaxDepth) {
    return fail(offset, "elements nest more than " + std::to_string(kMaxDepth) +
                            " deep; GraphML needs a handful of levels");
  }
  const bool skipped_parent = !open_.empty() && open_.back().skipped;
  bool skipped = skipped_parent;
  const Position at = positions_.at(offset);
  const std::string_view up = parent();
  if (root) {
    saw_root_ = true;
    if (local != "graphml") {
      return fail(offset,
                  "the root element is <" + shown(name) + ">, not <graphml>; this is not a GraphML file");
    }
  } else if (skipped) {
    // Inside an element adoptsim does not read: anything goes, but a graph
    // there would be a nested graph, which adoptsim cannot honour.
    if (local == "graph") {
      return fail(offset, "a nested graph (a <graph> inside <" + shown(open_.back().name) +
                              ">); adoptsim reads one flat graph per file: flatten it in the network tool");
    }
  } else if (local == "key" && up == "graphml") {
    const Attribute* id = attribute(attributes, "id");
    if (id == nullptr || id->value.empty()) return fail(offset, "a <key> has no id");
    if (key_index_.count(id->value) > 0) {
      const Position first = keys[key_index_[id->value]].at;
      return fail(offset, "the key id \"" + shown(id->value) + "\" is declared twice (first on line " +
                              std::to_string(first.line) + ")");
    }
    Key key;
    const Attribute* attr_name = attribute(attributes, "attr.name");
    key.name = attr_name != nullptr ? attr_name->value : id->value;
    const Attribute* for_what = attribute(attributes, "for");
    const std::string domain = for_what != nullptr ? for_what->value : "all";
    key.for_what = domain == "node"    ? KeyFor::Node
                   : domain == "edge"  ? KeyFor::Edge
                   : domain == "graph" ? KeyFor::Graph
                   : domain == "all"   ? KeyFor::All
                                       : KeyFor::Other;
    const PeopleColumns& columns = options_.columns;
    const std::string* node_names[kNodeSlots] = {&columns.department, &columns.manager_id, &columns.role,
                                                 &columns.team,       &columns.location,   &columns.title};
    if (key.for_what == KeyFor::Node || key.for_what == KeyFor::All) {
      for (std::uint8_t slot = 0; slot < kNodeSlots; ++slot) {
        if (!node_names[slot]->empty() && same_name(key.name, *node_names[slot])) key.node_slot = slot;
      }
    }
    if (key.for_what == KeyFor::Edge || key.for_what == KeyFor::All) {
      if (same_name(key.name, options_.tie_columns.weight)) key.edge_slot = kWeight;
      if (same_name(key.name, options_.tie_columns.kind)) key.edge_slot = kKind;
    }
    key.at = at;
    key_index_[id->value] = keys.size();
    keys.push_back(std::move(key));
  } else if (local == "default" && up == "key") {
    Key& key = keys.back();
    if (key.node_slot != kNoSlot || key.edge_slot != kNoSlot) {
      text_buffer_.clear();
      text_target_ = &key.default_value;
      text_depth_ = open_.size() + 1;
    }
  } else if (local == "graph") {
    if (up != "graphml") {
      return fail(offset, "a nested graph (a <graph> inside <" + std::string(up) +
                              ">); adoptsim reads one flat graph per file: flatten it in the network tool");
    }
    if (saw_graph) {
      return fail(offset,
                  "a second <graph>; adoptsim reads one graph per file: put each network in its own "
                  "file");
    }
    saw_graph = true;
  } else if (local == "node" && up == "graph") {
    const Attribute* id = attribute(attributes, "id");
    Node node;
    node.at = at;
    if (id == nullptr || id->value.empty()) {
      problem("empty id", at, "a <node> has no id; every person needs one");
    } else {
      node.id = id->value;
    }
    nodes.push_back(std::move(node));
  } else if (local == "edge" && up == "graph") {
    const Attribute* source = attribute(attributes, "source");
    const Attribute* target = attribute(attributes, "target");
    if (source == nullptr || target == nullptr) {
      problem("graphml", at, "an <edge> needs both a source and a target attribute");
    }
    Edge edge;
    edge.at = at;
    edge.source = source != nullptr ? source->value : std::string();
    edge.target = target != nullptr ? target->value : std::string();
    edges.push_back(std::move(edge));
  } else if ((local == "node" || local == "edge") && up != "graph") {
    return fail(offset, "a <" + std::string(local) + "> outside the <graph> (inside <" + std::string(up) +
                            ">); nodes and edges belong directly in the one <graph>");
  } else if (local == "hyperedge") {
    return fail(offset,
                "a <hyperedge>: adoptsim reads ties between two people; export the hyperedge as "
                "edges between its members");
  } else if (local == "data" && (up == "node" || up == "edge" || up == "graph" || up == "graphml")) {
    const Attribute* key_attribute = attribute(attributes, "key");
    if (key_attribute == nullptr) {
      problem("graphml", at, "a <data> element has no key attribute");
      skipped = true;
    } else if (const auto found = key_index_.find(key_attribute->value); found == key_index_.end()) {
      problem("graphml", at,
              "<data key=\"" + shown(key_attribute->value) +
                  "\"> names no declared <key>; declare the key (before the <graph>) or remove the data");
      skipped = true;
    } else {
      const Key& key = keys[found->second];
      std::optional<std::string>* target = nullptr;
      if (up == "node") {
        if (key.for_what != KeyFor::Node && key.for_what != KeyFor::All) {
          problem("graphml", at,
                  "<data key=\"" + shown(key_attribute->value) +
                      "\"> is on a node but the key is declared for another element (for=\"...\")");
        } else if (key.node_slot != kNoSlot && !nodes.empty()) {
          target = &nodes.back().values[key.node_slot];
        }
      } else if (up == "edge") {
        if (key.for_what != KeyFor::Edge && key.for_what != KeyFor::All) {
          problem("graphml", at,
                  "<data key=\"" + shown(key_attribute->value) +
                      "\"> is on an edge but the key is declared for another element (for=\"...\")");
        } else if (key.edge_slot != kNoSlot && !edges.empty()) {
          target = &edges.back().values[key.edge_slot];
        }
      }
      if (target != nullptr) {
        if (target->has_value()) {
          problem(
              "graphml", at,
              "a second <data key=\"" + shown(key_attribute->value) + "\"> on the same " + std::string(up));
        }
        text_buffer_.clear();
        text_target_ = target;
        text_depth_ = open_.size() + 1;
      } else {
        skipped = true;
      }
    }
  } else {
    // desc, port, locator, and tools' own elements: not read.
    skipped = true;
  }
  if (self_closing) {
    end_element();
  } else {
    open_.push_back(Open{std::string(name), offset, skipped});
  }
  return true;
}

void GraphMlReader::end_element() {
  if (text_target_ != nullptr && open_.size() + 1 == text_depth_) {
    // XML white space around a value is layout (pretty-printed files), not data.
    const std::size_t first = text_buffer_.find_first_not_of(" \t\r\n");
    const std::size_t last = text_buffer_.find_last_not_of(" \t\r\n");
    *text_target_ = first == std::string::npos ? std::string() : text_buffer_.substr(first, last - first + 1);
    text_target_ = nullptr;
    text_buffer_.clear();
  }
}

// A weight cell of an edge, with a message saying what is wrong.
std::optional<float> edge_weight(std::string_view cell, std::string& problem) {
  const std::string_view text = trim(cell);
  double value = 0.0;
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || end != digits.data() + digits.size() || std::isnan(value) ||
      (error != std::errc() && error != std::errc::result_out_of_range)) {
    problem = "is not a number; tie weights are numbers such as 1 or 0.5 (a decimal point, not a comma)";
    return std::nullopt;
  }
  if (error == std::errc::result_out_of_range || !std::isfinite(value) || value > 3.0e38) {
    problem =
        "is out of range; tie weights are numbers >= 0 and below 3e38 (how much a colleague's use is "
        "seen through the tie)";
    return std::nullopt;
  }
  if (value < 0.0) {
    problem = "is negative; tie weights are numbers >= 0";
    return std::nullopt;
  }
  return static_cast<float>(value);
}

}  // namespace

void read_graphml(const ImportOptions& options, RawPeople& people, RawTies& ties, IssueCollector& issues) {
  const std::string display = options.file.string();
  people.file = display;
  people.id_column = 0;
  std::string text;
  {
    RecordReader file(options.file, display, RecordReader::Mode::Whitespace, issues);
    if (!file.is_open() || !file.read_all(text)) return;
  }
  GraphMlReader reader(text, display, options, issues);
  if (!reader.read() || issues.has_errors()) return;
  if (!reader.saw_graph) {
    issues.error("graphml",
                 issue_at(display, 0, 0, "has no <graph>; expected one <graph> of <node>s and <edge>s"));
    return;
  }
  // Columns: which node keys the file declares.
  const PeopleColumns& names = options.columns;
  bool declared[kNodeSlots] = {};
  std::vector<std::string> node_keys;
  for (const Key& key : reader.keys) {
    if (key.for_what == KeyFor::Node || key.for_what == KeyFor::All) node_keys.push_back(key.name);
    if (key.node_slot != kNoSlot) declared[key.node_slot] = true;
  }
  const std::string* slot_names[kNodeSlots] = {&names.department, &names.manager_id, &names.role,
                                               &names.team,       &names.location,   &names.title};
  const char* slot_columns[kNodeSlots] = {"department", "manager_id", "role", "team", "location", "title"};
  const std::string header_kind = "its node keys are named";
  if (!declared[kDepartment]) {
    report_missing_column(issues, display, "department", names.department, node_keys, "organisation.columns",
                          header_kind, 0);
  }
  if (!names.manager_id.empty() && !declared[kManager]) {
    report_missing_column(issues, display, "manager_id", names.manager_id, node_keys, "organisation.columns",
                          header_kind, 0);
  }
  for (std::uint8_t slot = kRole; slot < kNodeSlots; ++slot) {
    if (!declared[slot] && names.is_mapped(slot_columns[slot])) {
      report_missing_column(issues, display, slot_columns[slot], *slot_names[slot], node_keys,
                            "organisation.columns", header_kind, 0);
    }
  }
  if (!options.role_rules.empty() && !declared[kTitle] && !names.is_mapped("title")) {
    report_missing_column(issues, display, "title", names.title, node_keys, "organisation.columns",
                          header_kind, 0);
  }
  if (issues.has_errors()) return;
  // Defaults of the keys.
  std::array<const std::optional<std::string>*, kNodeSlots> node_defaults{};
  std::array<const std::optional<std::string>*, kEdgeSlots> edge_defaults{};
  for (const Key& key : reader.keys) {
    if (!key.default_value) continue;
    if (key.node_slot != kNoSlot) node_defaults[key.node_slot] = &key.default_value;
    if (key.edge_slot != kNoSlot) edge_defaults[key.edge_slot] = &key.default_value;
  }
  const auto value = [](const std::optional<std::string>& own, const std::optional<std::string>* fallback) {
    if (own) return std::string_view(*own);
    if (fallback != nullptr && *fallback) return std::string_view(**fallback);
    return std::string_view{};
  };

  CompiledRoleRules rules = compile_role_rules(options.role_rules, display, issues);
  people.has_roles = true;
  people.has_hierarchy = declared[kManager];
  people.has_team = declared[kTeam];
  people.manager_column = 0;
  for (Node& node : reader.nodes) {
    const std::string prefix = "node \"" + shown(node.id) + "\": ";
    const std::string_view department = value(node.values[kDepartment], node_defaults[kDepartment]);
    if (department.empty()) {
      issues.error("empty department",
                   issue_at(display, node.at.line, node.at.column,
                            prefix + "has no " + names.department +
                                "; give every node a department attribute (a <data> element with the key "
                                "whose attr.name is \"" +
                                names.department + "\")"));
    }
    std::optional<Role> role;
    if (const std::string_view cell = value(node.values[kRole], node_defaults[kRole]); !cell.empty()) {
      role = parse_role_cell(cell);
      if (!role) {
        issues.error("role",
                     issue_at(display, node.at.line, node.at.column,
                              prefix + names.role + " \"" + shown(cell) +
                                  "\" is not a role; use individual_contributor, manager or executive"));
      }
    } else if (!rules.empty()) {
      const std::string_view title = value(node.values[kTitle], node_defaults[kTitle]);
      if (title.size() > 256) {
        issues.error("title", issue_at(display, node.at.line, node.at.column,
                                       prefix + names.title + " is " + std::to_string(title.size()) +
                                           " bytes long; a job title is at most 256 (is this the right "
                                           "attribute?)"));
      } else if (!title.empty()) {
        role = rules.match(title);
      }
    }
    people.ids.push_back(std::move(node.id));
    people.lines.push_back(node.at.line);
    people.columns.push_back(node.at.column);
    people.manager_ids.emplace_back(value(node.values[kManager], node_defaults[kManager]));
    people.department.push_back(people.intern_department(std::string(department)));
    people.roles.push_back(role);
    people.team.push_back(declared[kTeam] ? RawPeople::intern(value(node.values[kTeam], node_defaults[kTeam]),
                                                              people.team_names, people.team_index)
                                          : -1);
    people.location.push_back(declared[kLocation]
                                  ? RawPeople::intern(value(node.values[kLocation], node_defaults[kLocation]),
                                                      people.location_names, people.location_index)
                                  : -1);
  }
  people.roles_from_titles = rules.counts;
  people.titles_unmatched = rules.unmatched;

  // Edges name nodes by id, declared before or after them.
  std::unordered_map<std::string_view, std::size_t> row_of;
  row_of.reserve(people.ids.size());
  for (std::size_t row = 0; row < people.ids.size(); ++row) {
    if (!people.ids[row].empty()) row_of.emplace(people.ids[row], row);
  }
  ties.present = !reader.edges.empty();
  for (const Edge& edge : reader.edges) {
    if (edge.source.empty() || edge.target.empty()) continue;  // reported while reading
    const std::string where = "edge \"" + shown(edge.source) + "\" -> \"" + shown(edge.target) + "\": ";
    const auto source = row_of.find(edge.source);
    const auto target = row_of.find(edge.target);
    if (source == row_of.end()) {
      issues.error("unknown person", issue_at(display, edge.at.line, edge.at.column,
                                              where + "source \"" + shown(edge.source) +
                                                  "\" is not a declared <node>; declare the node or remove "
                                                  "the edge"));
    }
    if (target == row_of.end()) {
      issues.error("unknown person", issue_at(display, edge.at.line, edge.at.column,
                                              where + "target \"" + shown(edge.target) +
                                                  "\" is not a declared <node>; declare the node or remove "
                                                  "the edge"));
    }
    float weight = 1.0f;
    const bool has_weight = edge.values[kWeight].has_value() ||
                            (edge_defaults[kWeight] != nullptr && edge_defaults[kWeight]->has_value());
    if (has_weight) {
      const std::string_view cell = value(edge.values[kWeight], edge_defaults[kWeight]);
      std::string problem;
      const auto parsed = edge_weight(cell, problem);
      if (!parsed) {
        issues.error("weight", issue_at(display, edge.at.line, edge.at.column,
                                        where + "weight \"" + shown(cell) + "\" " + problem));
        continue;
      }
      weight = *parsed;
    }
    TieKind kind = TieKind::Collaboration;
    if (const std::string_view cell = value(edge.values[kKind], edge_defaults[kKind]); !cell.empty()) {
      const auto parsed = parse_tie_kind(lower(cell));
      if (!parsed) {
        issues.error("kind",
                     issue_at(display, edge.at.line, edge.at.column,
                              where + "kind \"" + shown(cell) +
                                  "\" is not a tie kind; use collaboration, reporting_line, teammate, "
                                  "department or cross_department"));
        continue;
      }
      kind = *parsed;
    }
    if (source == row_of.end() || target == row_of.end()) continue;
    ++ties.counts.rows;
    if (weight == 0.0f) {
      ++ties.counts.zero_weight_dropped;
      continue;
    }
    if (source->second == target->second) {
      ++ties.counts.self_ties_dropped;
      continue;
    }
    ++ties.kept;
    ties.ties.push_back(
        Tie{static_cast<PersonId>(source->second), static_cast<PersonId>(target->second), weight, kind});
  }
}

}  // namespace adoptsim::org::detail
