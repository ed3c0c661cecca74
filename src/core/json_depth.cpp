#include "core/json_depth.h"

#include "attnmap/error.h"

namespace attnmap {

size_t json_depth(std::string_view text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

void check_json_depth(std::string_view text, const std::string& where) {
  if (json_depth(text) > kMaxJsonDepth)
    throw Error::input("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", where);
}

}  // namespace attnmap
