#include "batch/data_set.h"

#include <filesystem>
#include <iostream>

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
  reader_ = std::make_unique<RowReader>(input == "-" ? std::cin : file_, format_, columns);
  if (!reader_->has_labels() && selection != Selection::kAll)
    throw Error::usage("the data set has no '" + columns.label + "' column, and --select " + select +
                       " needs gold labels (name the column with --label-col, or use --select all)");
}

}  // namespace attnmap::batch
