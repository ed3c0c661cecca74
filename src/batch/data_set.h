#pragma once
// A labelled data set opened for reading, as `batch` and `faithfulness` take it: a file (TSV, CSV or
// JSON Lines by its name or --format, gzip-compressed or not) or standard input ("-"), its header
// read and checked at once, so a missing file or a bad header fails before any model loads.
#include <fstream>
#include <memory>
#include <string>

#include "batch/examples.h"
#include "batch/gunzip.h"
#include "batch/stdin_reader.h"
#include "batch/row_reader.h"

namespace attnmap::batch {

class DataSet {
 public:
  // Throws Error::io for a file that cannot be opened, Error::input for a bad header, and
  // Error::usage when `selection` needs gold labels the data set has no column for (`select` is
  // how the user spelled it, for the message).
  DataSet(const std::string& input, const std::string& format, const Columns& columns, Selection selection,
          const std::string& select);
  DataSet(const DataSet&) = delete;
  DataSet& operator=(const DataSet&) = delete;

  RowReader& rows() { return *reader_; }
  InputFormat format() const { return format_; }

 private:
  std::ifstream file_;
  StdinReader stdin_;
  InputFormat format_;
  std::unique_ptr<TransparentGunzip> bytes_;
  std::unique_ptr<std::istream> stream_;
  std::unique_ptr<RowReader> reader_;
};

}  // namespace attnmap::batch
