#pragma once
// How the explorer page stores its matrices: each matrix quantised on its own range to 16 or 8
// bits, the matrices of one layer entry deflated together (zlib format, which the browser's
// DecompressionStream("deflate") reads) and base64-encoded. The page decodes one layer entry
// when it is first shown.
#include <cstddef>
#include <string>
#include <vector>

namespace attnmap::explorer {

struct PackedMatrices {
  int bits = 16;                    // 16: each value within (hi - lo) / 131070 of the original; 8: / 510
  std::vector<float> lo, hi;        // each matrix's range, [entry][matrix]
  std::vector<std::string> blocks;  // one per entry: base64(deflate(quantised matrices))
  size_t encoded_bytes() const;     // the base64 text of every block together
};

// `values` holds entries × matrices matrices of `cells` values each, entry-major. Quantised to
// q = round((v - lo) / (hi - lo) * (2^bits - 1)); a matrix whose values are all equal has hi == lo
// and q = 0. At 16 bits a matrix's high bytes come first and its low bytes after them: the high
// bytes of attention are mostly equal and deflate well. Throws Error::input for a value that is not
// finite (the page cannot show it), naming `what`.
PackedMatrices pack_matrices(const std::vector<float>& values, size_t entries, size_t matrices, size_t cells, int bits,
                             const std::string& what);

// What the page's script computes from a packed value: lo + q * (hi - lo) / (2^bits - 1). For tests.
std::vector<float> unpack_block(const PackedMatrices& packed, size_t entry, size_t matrices, size_t cells);

}  // namespace attnmap::explorer
