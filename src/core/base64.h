#pragma once
// Standard base64 (RFC 4648, alphabet A-Z a-z 0-9 + /, '=' padding): the charsmap inside a
// tokenizer.json, the PNG cells embedded in an SVG.
#include <string>
#include <string_view>

namespace attnmap {

// Bytes to base64, padded with '=' to a multiple of 4 characters.
std::string base64_encode(std::string_view bytes);

// base64 to bytes. Padding is optional, but nothing may follow it; throws Error::input
// "WHAT is not valid base64" for any other character.
std::string base64_decode(std::string_view text, const std::string& what);

}  // namespace attnmap
