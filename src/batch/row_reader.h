#pragma once
// Streaming readers of labelled data sets for attnmap batch: TSV (a header line, tab-separated
// fields, no quoting), CSV (RFC 4180: quoted fields may hold commas, quotes and newlines) and
// JSON Lines (one object per line). One row at a time, so memory does not grow with the file.
//
// A row that cannot be used (wrong field count, no text, invalid UTF-8, malformed JSON, a record
// over kMaxRecordBytes) comes back with `error` set and its line number, so the caller can report
// it and go on; only a header without the text column stops the reader (Error::input).
#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace attnmap::batch {

enum class InputFormat { kTsv, kCsv, kJsonl };

// The format `explicit_format` names ("tsv", "csv", "jsonl"), else the one the path's extension
// names (.tsv, .csv, .jsonl, .ndjson, each maybe followed by .gz). Error::usage when neither says.
InputFormat input_format(const std::string& path, const std::string& explicit_format);
const char* format_name(InputFormat format);

struct Columns {
  std::string text = "text";
  std::string label = "label";  // "" : the data set has no labels
  std::string id = "id";        // absent from the data: rows are named by their line number
  bool id_given = false, label_given = false;  // named on the command line: must exist
};

struct Row {
  size_t line = 0;   // 1-based line of the input where the record starts
  size_t index = 0;  // 0-based number of the data record (header and blank lines not counted)
  std::string id;    // the id column, else the line number as text
  std::string text;
  std::optional<std::string> label;  // the label as written (a name, or a class id as digits)
  std::string error;                 // non-empty: a bad row, with what is wrong with it
};

class RowReader {
 public:
  static constexpr size_t kMaxRecordBytes = 16u << 20;

  // Reads the header of a TSV or CSV input at once. Throws Error::input when the header has no
  // text column, or lacks a column that --label-col / --id-col named.
  RowReader(std::istream& in, InputFormat format, Columns columns);

  // The next data record, good or bad; false at the end of the input.
  bool next(Row& row);

  // Whether records carry labels: the header has the label column (TSV, CSV); always for JSONL,
  // where each record is checked on its own.
  bool has_labels() const { return has_labels_; }

 private:
  // One physical line (without its newline) into `out`, or a whole CSV record; false at the end.
  bool read_line(std::string& out, bool& too_long);
  bool read_csv_record(std::vector<std::string>& fields, std::string& error);
  void read_header();
  void fill_from_fields(const std::vector<std::string>& fields, Row& row) const;
  void fill_from_json(const std::string& line, Row& row) const;

  std::istream& in_;
  InputFormat format_;
  Columns columns_;
  size_t line_ = 0;         // lines consumed so far
  size_t record_line_ = 0;  // where the last CSV record started
  size_t index_ = 0;
  bool has_labels_ = true;
  std::vector<std::string> header_;
  std::optional<size_t> text_col_, label_col_, id_col_;
};

// Splits "K/N" (0 <= K < N): shard K of N takes the data records whose index % N == K.
struct Shard {
  size_t index = 0, count = 1;
  bool takes(size_t record_index) const { return record_index % count == index; }
  bool whole() const { return count == 1; }
};
Shard parse_shard(const std::string& text);

}  // namespace attnmap::batch
