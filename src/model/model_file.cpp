#include <algorithm>
#include <fstream>
#include <string_view>

#include "attnmap/model.h"
#include "attnmap/error.h"

namespace attnmap {
namespace {

// A zip archive starts with a local file header and ends with the end-of-central-directory
// record: 22 bytes, then a comment of up to 65,535 bytes.
constexpr std::string_view kZipStart("PK\x03\x04", 4);
constexpr std::string_view kZipEnd("PK\x05\x06", 4);
constexpr size_t kZipEndMax = 22 + 65535;
// torch.jit.save(..., _use_flatbuffer=True): a flatbuffer whose identifier follows the 4-byte offset.
constexpr std::string_view kFlatbufferId("PTMF", 4);

std::string read_at(std::ifstream& in, std::streamoff offset, size_t count) {
  std::string bytes(count, '\0');
  in.seekg(offset);
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  in.clear();
  return bytes;
}

}  // namespace

void check_model_file(const std::filesystem::path& model_file) {
  const std::string where = model_file.string();
  std::error_code ec;
  if (std::filesystem::is_directory(model_file, ec)) throw Error::io("model file is a directory", where);
  if (!std::filesystem::is_regular_file(model_file, ec)) throw Error::io("model file not found", where);
  const auto size = static_cast<size_t>(std::filesystem::file_size(model_file, ec));
  if (ec) throw Error::io("cannot read model file: " + ec.message(), where);
  if (size == 0) throw Error::model("model file is empty", where);
  std::ifstream in(model_file, std::ios::binary);
  if (!in) throw Error::io("cannot open model file", where);
  const std::string head = read_at(in, 0, 8);
  if (head.size() == 8 && head.compare(4, 4, kFlatbufferId) == 0) return;
  if (head.compare(0, 4, kZipStart) != 0)
    throw Error::model("not a TorchScript file: torch.jit.save writes a zip archive, and this is none", where);
  const size_t tail = std::min(size, kZipEndMax);
  if (read_at(in, static_cast<std::streamoff>(size - tail), tail).rfind(kZipEnd) == std::string::npos)
    throw Error::model("TorchScript file is truncated: the zip archive has no end record", where);
}

}  // namespace attnmap
