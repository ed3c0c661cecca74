#pragma once
// Ids written as JSON object keys ({"0": "negative"}, added_tokens_decoder {"30522": ...}).
#include <cstdint>
#include <optional>
#include <string_view>

namespace attnmap {

// The value of `text` when it is a plain decimal number from 0 to `max`: digits only, no sign,
// space or leading zero ("7", "0"; not "07", "+7", " 7", "7abc", "7.0"). std::stoul would accept
// all of those, and "1" and "01" would then name the same id.
std::optional<uint64_t> parse_decimal_id(std::string_view text, uint64_t max);

}  // namespace attnmap
