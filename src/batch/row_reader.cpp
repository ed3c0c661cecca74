#include "batch/row_reader.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "core/utf8.h"

namespace attnmap::batch {
namespace {

std::string lower_extension(const std::string& path) {
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// "" when `value` is valid UTF-8, else why not.
std::string utf8_problem(const std::string& value, const std::string& what) {
  try {
    utf8::decode(value, what);
    return "";
  } catch (const Error& e) {
    return e.message();
  }
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

std::optional<size_t> find_column(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<size_t>(it - header.begin());
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + ("'" + n + "'");
  return out;
}

// The checks every format shares, once the fields are out.
void check_row(Row& row) {
  if (!row.error.empty()) return;
  if (blank(row.text)) {
    row.error = "empty text";
    return;
  }
  if (row.label && blank(*row.label)) {
    row.error = "empty label";
    return;
  }
  for (auto [value, what] : {std::pair{&row.text, "text"}, {&row.id, "id"}, {row.label ? &*row.label : nullptr, "label"}}) {
    if (value == nullptr) continue;
    row.error = utf8_problem(*value, what);
    if (!row.error.empty()) return;
  }
}

}  // namespace

InputFormat input_format(const std::string& path, const std::string& explicit_format) {
  std::string name = explicit_format;
  if (name.empty()) {  // data.tsv.gz is a TSV file
    name = lower_extension(path);
    if (name == "gz") name = lower_extension(path.substr(0, path.size() - 3));
  }
  if (name == "tsv") return InputFormat::kTsv;
  if (name == "csv") return InputFormat::kCsv;
  if (name == "jsonl" || name == "ndjson") return InputFormat::kJsonl;
  if (!explicit_format.empty()) throw Error::usage("unknown input format '" + explicit_format + "' (tsv, csv or jsonl)");
  throw Error::usage("cannot tell the input's format from its name: name it *.tsv, *.csv or *.jsonl (or *.tsv.gz ...), or give --format",
                     path);
}

const char* format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kTsv: return "tsv";
    case InputFormat::kCsv: return "csv";
    case InputFormat::kJsonl: return "jsonl";
  }
  return "?";
}

RowReader::RowReader(std::istream& in, InputFormat format, Columns columns)
    : in_(in), format_(format), columns_(std::move(columns)) {
  // A UTF-8 byte order mark (spreadsheets write one) is not part of the first column's name.
  std::streambuf* sb = in_.rdbuf();
  if (sb->sgetc() == 0xEF) {
    sb->sbumpc();
    if (sb->sgetc() == 0xBB) {
      sb->sbumpc();
      if (sb->sgetc() == 0xBF) sb->sbumpc();
    }
  }
  if (format_ != InputFormat::kJsonl) read_header();
}

bool RowReader::read_line(std::string& out, bool& too_long) {
  out.clear();
  too_long = false;
  std::streambuf* sb = in_.rdbuf();
  int c = sb->sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  ++line_;
  for (; c != std::char_traits<char>::eof() && c != '\n'; c = sb->sbumpc()) {
    if (out.size() < kMaxRecordBytes) out.push_back(static_cast<char>(c));
    else too_long = true;
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

// One RFC 4180 record; line_ advances past every newline it holds. `error` is set for an
// unterminated quote or a stray character after a closing quote.
bool RowReader::read_csv_record(std::vector<std::string>& fields, std::string& error) {
  fields.assign(1, "");
  error.clear();
  std::streambuf* sb = in_.rdbuf();
  const int eof = std::char_traits<char>::eof();
  int c = sb->sgetc();
  if (c == eof) return false;
  ++line_;
  record_line_ = line_;
  size_t bytes = 0;
  bool quoted = false, after_quote = false;
  while ((c = sb->sbumpc()) != eof) {
    if (++bytes > kMaxRecordBytes && error.empty())
      error = "record longer than " + std::to_string(kMaxRecordBytes >> 20) + " MiB";
    if (quoted) {
      if (c == '"') {
        if (sb->sgetc() == '"') {
          sb->sbumpc();
          fields.back().push_back('"');
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        if (error.empty()) fields.back().push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == '\n') break;
    if (c == '\r' && sb->sgetc() == '\n') continue;
    if (c == ',') {
      fields.emplace_back();
      after_quote = false;
    } else if (c == '"' && fields.back().empty() && !after_quote) {
      quoted = true;
    } else if (after_quote) {
      if (error.empty()) error = "unexpected character after a closing quote";
    } else if (error.empty()) {
      fields.back().push_back(static_cast<char>(c));
    }
  }
  if (quoted && error.empty()) error = "quoted field opened on line " + std::to_string(record_line_) + " never closes";
  return true;
}

void RowReader::read_header() {
  std::string error;
  bool found = false;
  if (format_ == InputFormat::kTsv) {
    std::string line;
    bool too_long = false;
    while ((found = read_line(line, too_long)) && blank(line)) {
    }
    if (found) header_ = split_tabs(line);
  } else {
    while ((found = read_csv_record(header_, error)) && header_.size() == 1 && blank(header_[0])) {
    }
  }
  if (!found) throw Error::input("the data set is empty: no header line");
  if (!error.empty()) throw Error::input("bad header: " + error + " (line " + std::to_string(line_) + ")");
  text_col_ = find_column(header_, columns_.text);
  if (!text_col_)
    throw Error::input("no column '" + columns_.text + "' in the header (columns: " + joined(header_) +
                       "); name the text column with --text-col");
  label_col_ = columns_.label.empty() ? std::nullopt : find_column(header_, columns_.label);
  if (!label_col_ && columns_.label_given)
    throw Error::input("no column '" + columns_.label + "' in the header (columns: " + joined(header_) + ")");
  id_col_ = find_column(header_, columns_.id);
  if (!id_col_ && columns_.id_given)
    throw Error::input("no column '" + columns_.id + "' in the header (columns: " + joined(header_) + ")");
  has_labels_ = label_col_.has_value();
}

void RowReader::fill_from_fields(const std::vector<std::string>& fields, Row& row) const {
  if (fields.size() != header_.size()) {
    row.error = "expected " + std::to_string(header_.size()) + (format_ == InputFormat::kTsv ? " tab-separated" : "") +
                " fields, found " + std::to_string(fields.size());
    return;
  }
  row.text = fields[*text_col_];
  if (label_col_) row.label = fields[*label_col_];
  if (id_col_) row.id = fields[*id_col_];
}

void RowReader::fill_from_json(const std::string& line, Row& row) const {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    row.error = "not valid JSON (or not UTF-8)";
    return;
  }
  if (!j.is_object()) {
    row.error = "not a JSON object";
    return;
  }
  auto text = j.find(columns_.text);
  if (text == j.end() || !text->is_string()) {
    row.error = text == j.end() ? "no field '" + columns_.text + "'" : "field '" + columns_.text + "' is not a string";
    return;
  }
  row.text = text->get<std::string>();
  // A label or an id may be a string or a whole number (a class id, a row number).
  auto scalar = [&](const std::string& key, std::optional<std::string>& out) {
    auto it = j.find(key);
    if (key.empty() || it == j.end() || it->is_null()) return true;
    if (it->is_string()) out = it->get<std::string>();
    else if (it->is_number_unsigned()) out = std::to_string(it->get<uint64_t>());
    else return false;
    return true;
  };
  if (!scalar(columns_.label, row.label)) {
    row.error = "field '" + columns_.label + "' is neither a string nor a non-negative whole number";
    return;
  }
  std::optional<std::string> id;
  if (!scalar(columns_.id, id)) {
    row.error = "field '" + columns_.id + "' is neither a string nor a non-negative whole number";
    return;
  }
  if (id) row.id = *id;
}

bool RowReader::next(Row& row) {
  row = Row{};
  bool too_long = false;
  if (format_ == InputFormat::kCsv) {
    std::vector<std::string> fields;
    std::string error;
    do {
      if (!read_csv_record(fields, error)) return false;
    } while (error.empty() && fields.size() == 1 && blank(fields[0]));
    row.line = record_line_;
    row.error = error;
    if (row.error.empty()) fill_from_fields(fields, row);
  } else {
    std::string line;
    do {
      if (!read_line(line, too_long)) return false;
    } while (!too_long && blank(line));
    row.line = line_;
    if (too_long) row.error = "record longer than " + std::to_string(kMaxRecordBytes >> 20) + " MiB";
    else if (format_ == InputFormat::kTsv) fill_from_fields(split_tabs(line), row);
    else fill_from_json(line, row);
  }
  row.index = index_++;
  if (row.id.empty() && row.error.empty()) row.id = std::to_string(row.line);
  check_row(row);
  return true;
}

Shard parse_shard(const std::string& text) {
  size_t slash = text.find('/');
  auto number = [&](const std::string& s, size_t& out) {
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
      return false;
    out = std::stoul(s);
    return true;
  };
  Shard shard;
  if (slash == std::string::npos || !number(text.substr(0, slash), shard.index) ||
      !number(text.substr(slash + 1), shard.count) || shard.count == 0 || shard.index >= shard.count)
    throw Error::usage("--shard wants K/N with 0 <= K < N, e.g. 0/4 (got '" + text + "')", "--shard");
  return shard;
}

}  // namespace attnmap::batch
