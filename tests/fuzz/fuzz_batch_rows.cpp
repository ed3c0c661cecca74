// Arbitrary bytes as a batch data set, read as TSV, CSV and JSON Lines. The reader may refuse the
// header (attnmap::Error) but never anything else; every row it returns is either an error with a
// message or a usable example: valid UTF-8 text and id, line numbers increasing, record numbers
// counting up from 0. The first byte picks the columns, so labels and ids are reached too.
#include <cstdint>
#include <sstream>
#include <string>

#include "batch/row_reader.h"
#include "core/utf8.h"
#include "fuzz_common.h"

namespace {

bool valid_utf8(const std::string& s) {
  try {
    attnmap::utf8::decode(s);
    return true;
  } catch (const attnmap::Error&) {
    return false;
  }
}

void read_all(const std::string& bytes, attnmap::batch::InputFormat format, const attnmap::batch::Columns& columns) {
  std::istringstream in(bytes);
  attnmap::batch::RowReader reader(in, format, columns);
  attnmap::batch::Row row;
  size_t last_line = 0, expected_index = 0;
  while (reader.next(row)) {
    ATTNMAP_FUZZ_CHECK(row.line > last_line, "line numbers must increase");
    ATTNMAP_FUZZ_CHECK(row.index == expected_index, "record numbers count up");
    last_line = row.line;
    ++expected_index;
    if (!row.error.empty()) continue;
    ATTNMAP_FUZZ_CHECK(!row.text.empty() && valid_utf8(row.text), "a good row has valid text");
    ATTNMAP_FUZZ_CHECK(!row.id.empty() && valid_utf8(row.id), "a good row has a valid id");
    ATTNMAP_FUZZ_CHECK(!row.label || valid_utf8(*row.label), "a label is valid UTF-8");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  attnmap::batch::Columns columns;
  if (data[0] & 1) columns.text = "t";
  if (data[0] & 2) columns.label = "";
  if (data[0] & 4) columns.id = "t";  // the id and the text may be one column
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  using attnmap::batch::InputFormat;
  for (InputFormat format : {InputFormat::kTsv, InputFormat::kCsv, InputFormat::kJsonl})
    attnmap::fuzz::only_errors_escape([&] { read_all(bytes, format, columns); });
  return 0;
}
