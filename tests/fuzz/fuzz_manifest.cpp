// Arbitrary bytes as a bundle manifest (attnmap.json). parse_manifest returns a Manifest or throws
// attnmap::Error; what it returns must be what bundle.h promises: format_version 1, positive sizes,
// a tokenizer.json kind whose file stays inside the bundle.
#include <cstdint>
#include <string>

#include "attnmap/bundle.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  attnmap::fuzz::only_errors_escape([&] {
    const attnmap::Manifest m = attnmap::parse_manifest(text, "attnmap.json");
    ATTNMAP_FUZZ_CHECK(m.format_version == 1, "format_version");
    ATTNMAP_FUZZ_CHECK(m.num_layers > 0 && m.num_heads > 0 && m.hidden_size > 0 && m.max_length > 0 &&
                           m.vocab_size > 0,
                       "sizes must be positive");
    ATTNMAP_FUZZ_CHECK(m.tokenizer_kind == "tokenizer.json", m.tokenizer_kind);
    ATTNMAP_FUZZ_CHECK(m.tokenizer_file.find("..") == std::string::npos &&
                           (m.tokenizer_file.empty() || m.tokenizer_file[0] != '/'),
                       m.tokenizer_file);
  });
  return 0;
}
