#include "batch/data_set.h"

#include <filesystem>

#include "attnmap/error.h"

namespace attnmap::batch {

DataSet::DataSet(const std::string& input, const std::string& format, const Columns& columns, Selection selection,
                 const std::string& select)
    : format_(input_format(input, format)) {
  if (input != "-") {
    std::error_code ec;
    if (!std::filesystem::exists(input, ec)) throw Error::io("no such file", input);
    file_.open(input, std::ios::binary);
    if (!file_) throw Error::io("cannot open the data set", input);
  }
  std::streambuf& source = input == "-" ? static_cast<std::streambuf&>(stdin_) : *file_.rdbuf();
  bytes_ = std::make_unique<TransparentGunzip>(source, input == "-" ? "standard input" : input);
  stream_ = std::make_unique<std::istream>(bytes_.get());
  stream_->exceptions(std::ios::badbit);  // a corrupt .gz is an error, not a quiet end of the rows
  reader_ = std::make_unique<RowReader>(*stream_, format_, columns);
  if (!reader_->has_labels() && selection != Selection::kAll)
    throw Error::usage("the data set has no '" + columns.label + "' column, and --select " + select +
                       " needs gold labels (name the column with --label-col, or use --select all)");
}

}  // namespace attnmap::batch
