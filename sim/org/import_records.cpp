// What the text importers share: issues and their collector, the id index,
// cell parsers, the chunked record reader (CSV or whitespace, UTF-8 checked)
// and the people table's departments.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "import_internal.hpp"

namespace adoptsim::org::detail {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{8} << 20;

}  // namespace

ImportIssue issue_at(const std::string& file, std::size_t line, std::size_t column, std::string message) {
  ImportIssue issue;
  issue.file = file;
  issue.line = line;
  issue.column = column;
  issue.message = std::move(message);
  return issue;
}

IdIndex::IdIndex(const std::vector<std::string>& ids) : ids_(ids) {
  std::size_t capacity = 16;
  while (capacity < 2 * ids.size()) capacity *= 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
}

std::optional<PersonId> IdIndex::insert(PersonId row) {
  const std::uint64_t hash = std::hash<std::string_view>{}(ids_[row]);
  const std::uint64_t tag = hash & 0xffffffff00000000ull;
  for (std::uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const std::uint64_t word = slots_[slot];
    if (word == 0) {
      slots_[slot] = tag | (static_cast<std::uint64_t>(row) + 1);
      return std::nullopt;
    }
    const auto other = static_cast<PersonId>((word & 0xffffffffull) - 1);
    if ((word & 0xffffffff00000000ull) == tag && ids_[other] == ids_[row]) return other;
  }
}

std::optional<PersonId> IdIndex::find(std::string_view id) const {
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  const std::uint64_t tag = hash & 0xffffffff00000000ull;
  for (std::uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const std::uint64_t word = slots_[slot];
    if (word == 0) return std::nullopt;
    const auto row = static_cast<PersonId>((word & 0xffffffffull) - 1);
    if ((word & 0xffffffff00000000ull) == tag && ids_[row] == id) return row;
  }
}

void IssueCollector::error(std::string_view kind, ImportIssue issue) {
  ++error_count_;
  auto found = kinds_.find(kind);
  if (found == kinds_.end()) found = kinds_.emplace(std::string(kind), Capped{}).first;
  Capped& capped = found->second;
  if (capped.shown >= kMaxPerKind) {
    ++capped.hidden;
    capped.file = issue.file;
    return;
  }
  ++capped.shown;
  errors_.push_back(std::move(issue));
}

void IssueCollector::warning(ImportIssue issue) {
  issue.warning = true;
  warnings_.push_back(std::move(issue));
}

std::vector<ImportIssue> IssueCollector::take_errors() {
  std::vector<ImportIssue> all = std::move(errors_);
  for (const auto& [kind, capped] : kinds_) {
    if (capped.hidden == 0) continue;
    all.push_back(issue_at(capped.file, 0, 0,
                           "and " + std::to_string(capped.hidden) + " more problems of this kind (" + kind +
                               ") not shown; fix the ones above and run again"));
  }
  for (ImportIssue& warning : warnings_) all.push_back(std::move(warning));
  warnings_.clear();
  return all;
}

std::optional<std::string_view> wrong_delimiter(std::string_view header) {
  if (header.find(';') != std::string_view::npos) return "semicolons (;)";
  if (header.find('\t') != std::string_view::npos) return "tabs";
  if (header.find('|') != std::string_view::npos) return "vertical bars (|)";
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string normalised_name(std::string_view text) {
  std::string result;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) result += static_cast<char>(std::tolower(byte));
  }
  return result;
}

namespace {

// Words of `text`, lower-cased: runs of letters and digits.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) {
      word += static_cast<char>(std::tolower(byte));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Header names HR systems use for each column, normalised.
std::vector<std::string_view> synonyms_of(std::string_view what) {
  if (what == "id")
    return {"employeeid", "employeenumber", "empid", "staffid", "personid", "personnelnumber", "workerid"};
  if (what == "manager_id")
    return {"manager", "managerid", "reportsto", "supervisor", "supervisorid", "linemanager", "boss"};
  if (what == "department")
    return {"dept", "departmentname", "division", "orgunit", "businessunit", "unit", "function"};
  if (what == "role") return {"level", "joblevel", "rolelevel", "grade"};
  if (what == "title") return {"jobtitle", "position", "job", "businesstitle"};
  if (what == "team") return {"teamname", "group", "squad"};
  if (what == "location") return {"office", "site", "city", "country"};
  if (what == "tenure") return {"tenureyears", "yearsofservice", "seniority"};
  if (what == "source") return {"from", "sender", "ego"};
  if (what == "target") return {"to", "recipient", "alter"};
  if (what == "weight") return {"count", "messages", "strength", "value"};
  if (what == "kind") return {"type", "tietype", "relation"};
  return {};
}

}  // namespace

bool abbreviates(std::string_view short_name, std::string_view long_name) {
  if (short_name.size() < 3 || short_name.size() >= long_name.size()) return false;
  if (short_name.front() != long_name.front()) return false;
  std::size_t at = 0;
  for (const char c : long_name) {
    if (at < short_name.size() && short_name[at] == c) ++at;
  }
  return at == short_name.size();
}

std::optional<std::string> closest_column(const std::vector<std::string>& header, std::string_view wanted,
                                          std::string_view what) {
  const std::string target = normalised_name(wanted);
  std::vector<std::string> names{target};
  for (std::string_view synonym : synonyms_of(what)) names.emplace_back(synonym);
  // Score: 0 same normalised name, 1 containment or abbreviation or
  // initials, 2 + edits for a likely typo; the lowest wins, the first on ties.
  std::optional<std::size_t> best_score;
  std::optional<std::size_t> best;
  for (std::size_t index = 0; index < header.size(); ++index) {
    const std::string column = normalised_name(header[index]);
    if (column.empty()) continue;
    std::string initials;
    for (const std::string& word : words_of(header[index])) initials += word.front();
    for (const std::string& name : names) {
      if (name.empty()) continue;
      std::optional<std::size_t> score;
      if (column == name) {
        score = 0;
      } else if ((name.size() >= 3 && column.find(name) != std::string::npos) ||
                 (column.size() >= 3 && name.find(column) != std::string::npos) ||
                 abbreviates(column, name) || abbreviates(name, column) ||
                 (initials.size() >= 2 && initials == name)) {
        score = 1;
      } else {
        const std::size_t edits = edit_distance(column, name);
        if (edits <= std::max<std::size_t>(1, std::min(column.size(), name.size()) / 3)) score = 2 + edits;
      }
      if (score && (!best_score || *score < *best_score)) {
        best_score = score;
        best = index;
      }
    }
  }
  if (!best) return std::nullopt;
  return header[*best];
}

void report_missing_column(IssueCollector& issues, const std::string& file, std::string_view what,
                           std::string_view name, const std::vector<std::string>& header,
                           std::string_view key, std::string_view header_has, std::size_t line) {
  std::string listed;
  for (std::size_t index = 0; index < header.size() && index < 16; ++index) {
    std::string cell = header[index].size() > 40 ? header[index].substr(0, 37) + "..." : header[index];
    listed += (index == 0 ? "\"" : ", \"") + cell + "\"";
  }
  if (header.size() > 16) listed += ", ... (" + std::to_string(header.size()) + " in all)";
  if (header.empty()) listed = "none";
  std::string message = "has no " + std::string(what) + " column \"" + std::string(name) + "\" (" +
                        std::string(header_has) + " " + listed + ")";
  const auto closest = closest_column(header, name, what);
  if (closest) {
    message += "; the closest is \"" + *closest + "\": map it with [" + std::string(key) + "] " +
               std::string(what) + " = \"" + *closest + "\", or rename the column";
  } else {
    message += "; map the column that holds it with [" + std::string(key) + "] " + std::string(what) +
               " = \"<header name>\", or rename the column";
  }
  if (what == "title") {
    message += " (organisation.role_rules read job titles from it)";
  } else if (what == "manager_id") {
    message +=
        ". If the export has no reporting lines, say so with manager_id = \"\" in [" + std::string(key) + "]";
  } else if (key == "organisation.columns" && what != "id" && what != "department") {
    message += ", or remove " + std::string(what) + " from [" + std::string(key) + "] if the file has none";
  }
  issues.error("missing column", issue_at(file, line, 0, std::move(message)));
}

}  // namespace adoptsim::org::detail

namespace adoptsim::org {

std::string role_pattern_problem(std::string_view pattern) {
  std::string_view body = pattern;
  auto flags = std::regex::ECMAScript;
  if (body.substr(0, 4) == "(?i)") {
    body.remove_prefix(4);
    flags |= std::regex::icase;
  }
  if (body.empty()) return "is empty; a pattern such as \"(?i)\\bvp\\b|vice president\" is expected";
  try {
    std::regex compiled(body.begin(), body.end(), flags);
  } catch (const std::regex_error& error) {
    return std::string("is not a valid regular expression (ECMAScript syntax): ") + error.what();
  }
  return {};
}

}  // namespace adoptsim::org

namespace adoptsim::org::detail {

CompiledRoleRules compile_role_rules(const std::vector<RoleRule>& rules, const std::string& file,
                                     IssueCollector& issues) {
  CompiledRoleRules compiled;
  for (const RoleRule& rule : rules) {
    if (std::string problem = role_pattern_problem(rule.pattern); !problem.empty()) {
      issues.error("role rule",
                   issue_at(file, 0, 0, "role rule pattern \"" + rule.pattern + "\" " + problem));
      continue;
    }
    std::string_view body = rule.pattern;
    auto flags = std::regex::ECMAScript | std::regex::optimize;
    if (body.substr(0, 4) == "(?i)") {
      body.remove_prefix(4);
      flags |= std::regex::icase;
    }
    compiled.patterns.emplace_back(body.begin(), body.end(), flags);
    compiled.roles.push_back(rule.role);
  }
  return compiled;
}

std::optional<Role> CompiledRoleRules::match(std::string_view title) {
  for (std::size_t index = 0; index < patterns.size(); ++index) {
    if (std::regex_search(title.begin(), title.end(), patterns[index])) {
      ++counts[static_cast<std::size_t>(roles[index])];
      return roles[index];
    }
  }
  ++unmatched;
  return std::nullopt;
}

std::optional<Role> parse_role_cell(std::string_view text) {
  std::string word = lower(trim(text));
  for (char& c : word) {
    if (c == ' ' || c == '-') c = '_';
  }
  static constexpr std::string_view kContributor[] = {"individual_contributor", "ic", "employee", "staff"};
  static constexpr std::string_view kManager[] = {"manager", "mgr", "supervisor", "lead"};
  static constexpr std::string_view kExecutive[] = {"executive",      "exec",    "director", "vp",
                                                    "vice_president", "c_level", "ceo"};
  const auto in = [&word](const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
  };
  if (in(kContributor)) return Role::IndividualContributor;
  if (in(kManager)) return Role::Manager;
  if (in(kExecutive)) return Role::Executive;
  return std::nullopt;
}

// --- RecordReader

RecordReader::RecordReader(const std::filesystem::path& path, std::string display, Mode mode,
                           IssueCollector& issues)
    : display_(std::move(display)), mode_(mode), issues_(issues) {
  try {
    input_.emplace(path, common::kMaxDataFileBytes);
    file_ = input_->get();
  } catch (const common::InputFileError& error) {
    std::string message = error.what();
    if (!std::filesystem::exists(path)) message += " (paths in a scenario are relative to the scenario file)";
    issues_.error("unreadable", issue_at(display_, 0, 0, std::move(message)));
  }
}

RecordReader::~RecordReader() = default;

bool RecordReader::refill() {
  if (eof_ || file_ == nullptr) return false;
  // Keep the unread tail, then append a chunk (growing for very long records).
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    buffer_file_offset_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() < end_ + kChunkBytes) buffer_.resize(end_ + kChunkBytes);
  const std::size_t read = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  if (read == 0) {
    eof_ = true;
    return false;
  }
  bytes_read_ += read;
  if (bytes_read_ > common::kMaxDataFileBytes) {
    // The file grew past the limit after it was opened and checked.
    issues_.error("unreadable", issue_at(display_, 0, 0,
                                         "grew past the " + common::format_bytes(common::kMaxDataFileBytes) +
                                             " adoptsim reads for a data file while it was read"));
    eof_ = true;
    file_ = nullptr;
    return false;
  }
  end_ += read;
  if (first_chunk_) {
    first_chunk_ = false;
    if (end_ >= 3 && static_cast<unsigned char>(buffer_[0]) == 0xef &&
        static_cast<unsigned char>(buffer_[1]) == 0xbb && static_cast<unsigned char>(buffer_[2]) == 0xbf) {
      begin_ = 3;  // a UTF-8 byte order mark, as spreadsheets write
    }
  }
  return true;
}

std::size_t RecordReader::find_record_end(std::size_t from) const {
  if (mode_ == Mode::Whitespace) {
    // memchr may not be given a null pointer, even for no bytes (an empty buffer has no data()).
    if (from >= end_) return std::string::npos;
    const void* newline = std::memchr(buffer_.data() + from, '\n', end_ - from);
    return newline == nullptr ? std::string::npos
                              : static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data());
  }
  bool quoted = false;
  for (std::size_t index = from; index < end_; ++index) {
    const char c = buffer_[index];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '\n' && !quoted) {
      return index;
    }
  }
  return std::string::npos;
}

void RecordReader::check_utf8(std::size_t begin, std::size_t end) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(buffer_.data());
  std::size_t line = next_line_;
  for (std::size_t index = begin; index < end;) {
    const unsigned char c = bytes[index];
    if (c < 0x80) {
      if (c == '\n') ++line;
      ++index;
      continue;
    }
    std::size_t length = 0;
    unsigned min_second = 0x80, max_second = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      length = 3;
      if (c == 0xe0) min_second = 0xa0;
      if (c == 0xed) max_second = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      length = 4;
      if (c == 0xf0) min_second = 0x90;
      if (c == 0xf4) max_second = 0x8f;
    }
    bool valid = length > 0 && index + length <= end;
    for (std::size_t k = 1; valid && k < length; ++k) {
      const unsigned char next = bytes[index + k];
      valid = k == 1 ? (next >= min_second && next <= max_second) : (next >= 0x80 && next <= 0xbf);
    }
    if (!valid) {
      if (bad_utf8_++ == 0) {
        first_bad_line_ = line;
        first_bad_offset_ = buffer_file_offset_ + index;
        first_bad_byte_ = c;
      }
      ++index;
      continue;
    }
    index += length;
  }
}

void RecordReader::split(std::size_t begin, std::size_t end, std::vector<std::string_view>& fields) {
  fields.clear();
  char* data = buffer_.data();
  if (mode_ == Mode::Whitespace) {
    std::size_t index = begin;
    while (index < end) {
      while (index < end && (data[index] == ' ' || data[index] == '\t')) ++index;
      const std::size_t start = index;
      while (index < end && data[index] != ' ' && data[index] != '\t') ++index;
      if (index > start) fields.emplace_back(data + start, index - start);
    }
    return;
  }
  std::size_t index = begin;
  while (true) {
    // Leading spaces of a field are dropped, then a quoted or a plain field.
    while (index < end && (data[index] == ' ' || data[index] == '\t')) ++index;
    if (index < end && data[index] == '"') {
      std::size_t write = index;
      const std::size_t start = index;
      ++index;
      while (index < end) {
        if (data[index] == '"') {
          if (index + 1 < end && data[index + 1] == '"') {
            data[write++] = '"';
            index += 2;
            continue;
          }
          ++index;
          break;
        }
        data[write++] = data[index++];
      }
      // Anything between the closing quote and the delimiter is kept as written.
      while (index < end && data[index] != ',') data[write++] = data[index++];
      fields.push_back(trim(std::string_view(data + start, write - start)));
    } else {
      const std::size_t start = index;
      const void* comma = std::memchr(data + index, ',', end - index);
      index = comma == nullptr ? end : static_cast<std::size_t>(static_cast<const char*>(comma) - data);
      fields.push_back(trim(std::string_view(data + start, index - start)));
    }
    if (index >= end) break;
    ++index;  // the comma
    if (index == end) {
      fields.emplace_back();
      break;
    }
  }
}

bool RecordReader::next(std::vector<std::string_view>& fields) {
  if (file_ == nullptr) return false;
  while (true) {
    std::size_t record_end = find_record_end(begin_);
    while (record_end == std::string::npos) {
      if (!refill()) {
        if (begin_ == end_ || file_ == nullptr) return false;
        record_end = end_;  // the last line has no line end
        break;
      }
      record_end = find_record_end(begin_);
    }
    if (record_end == end_ && mode_ == Mode::Csv) {
      if (const std::size_t opened = unclosed_quote_line(begin_, end_); opened > 0) {
        issues_.error("unclosed quote",
                      issue_at(display_, opened, 0,
                               "a quoted field opens on this line and never closes, so the rest of the file "
                               "would be one cell; add the closing double quote (a double quote inside a "
                               "quoted cell is written twice: \"\")"));
        check_utf8(begin_, end_);
        begin_ = end_;
        file_ = nullptr;
        return false;
      }
    }
    const std::size_t record_begin = begin_;
    const std::size_t next_begin = record_end < end_ ? record_end + 1 : end_;
    check_utf8(record_begin, record_end);
    record_line_ = next_line_;
    next_line_ += 1 + static_cast<std::size_t>(
                          std::count(buffer_.data() + record_begin, buffer_.data() + record_end, '\n'));
    begin_ = next_begin;
    std::size_t content_end = record_end;
    if (content_end > record_begin && buffer_[content_end - 1] == '\r') --content_end;
    // Blank lines, and comments in whitespace-separated files, are skipped.
    std::string_view content(buffer_.data() + record_begin, content_end - record_begin);
    if (trim(content).empty()) continue;
    if (mode_ == Mode::Whitespace && trim(content).front() == '#') continue;
    split(record_begin, content_end, fields);
    return true;
  }
}

std::size_t RecordReader::unclosed_quote_line(std::size_t begin, std::size_t end) const {
  bool quoted = false;
  std::size_t line = next_line_;
  std::size_t opened = 0;
  for (std::size_t index = begin; index < end; ++index) {
    const char c = buffer_[index];
    if (c == '"') {
      quoted = !quoted;
      if (quoted) opened = line;
    } else if (c == '\n') {
      ++line;
    }
  }
  return quoted ? opened : 0;
}

bool RecordReader::read_all(std::string& text) {
  text.clear();
  if (file_ == nullptr) return false;
  while (refill()) {
  }
  if (file_ == nullptr) return false;
  check_utf8(begin_, end_);
  text.assign(buffer_.data() + begin_, end_ - begin_);
  begin_ = end_;
  buffer_.clear();
  buffer_.shrink_to_fit();
  const bool had_errors = bad_utf8_ > 0;
  finish();
  return !had_errors;
}

void RecordReader::finish() {
  if (bad_utf8_ == 0) return;
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", first_bad_byte_);
  ImportIssue issue = issue_at(
      display_, first_bad_line_, 0,
      "is not UTF-8: byte " + std::string(hex) + " at byte offset " + std::to_string(first_bad_offset_) +
          (bad_utf8_ > 1 ? " (and " + std::to_string(bad_utf8_ - 1) + " more bytes like it)" : "") +
          "; save the export as UTF-8 (in a spreadsheet: \"CSV UTF-8\"), or convert it, e.g. "
          "`iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`");
  issue.byte_offset = first_bad_offset_;
  issues_.error("encoding", std::move(issue));
}

// --- RawPeople

std::uint32_t RawPeople::intern_department(const std::string& name) {
  const auto [found, inserted] =
      department_index.emplace(name, static_cast<std::uint32_t>(department_names.size()));
  if (inserted) department_names.push_back(name);
  return found->second;
}

std::int32_t RawPeople::intern(std::string_view name, std::vector<std::string>& names,
                               std::unordered_map<std::string, std::int32_t>& index) {
  if (name.empty()) return -1;
  const auto [found, inserted] = index.emplace(std::string(name), static_cast<std::int32_t>(names.size()));
  if (inserted) names.emplace_back(name);
  return found->second;
}

}  // namespace adoptsim::org::detail
