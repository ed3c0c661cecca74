#pragma once
// A bound on how deeply a JSON input nests, checked before nlohmann parses it. nlohmann parses
// without recursion, but copying, dumping or comparing a value recurses once per level: a hostile
// file of 100,000 '[' would overflow the stack long after the parse succeeded.
#include <cstddef>
#include <string>
#include <string_view>

namespace attnmap {

// Far beyond any real file: tokenizer.json nests 5 levels, attnmap.json 2.
constexpr size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text`, brackets inside strings not counted
// ("[{\"a\": [1]}]" -> 3). Meant for text about to be parsed: on malformed JSON the count is only a
// bound for the parser to refuse the text anyway.
size_t json_depth(std::string_view text);

// Throws Error::input naming `where` when `text` nests deeper than kMaxJsonDepth.
void check_json_depth(std::string_view text, const std::string& where);

}  // namespace attnmap
