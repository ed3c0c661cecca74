#include "batch/given_scores.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "core/json_depth.h"

namespace attnmap::batch {
namespace {

constexpr size_t kLongestMethodName = 64;

// FNV-1a, 64 bits: a stable fingerprint of the file for --resume, not a security check (a
// cryptographic hash would need a dependency for no gain here).
uint64_t fnv1a(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

bool valid_method_name(const std::string& name) {
  if (name.empty() || name.size() > kLongestMethodName) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '+' || c == '-';
  });
}

std::vector<float> scores_of(const nlohmann::json& values, const std::string& method, const std::string& where) {
  if (!values.is_array()) throw Error::input(where + "'" + method + "' is not an array of numbers");
  std::vector<float> out;
  out.reserve(values.size());
  for (const nlohmann::json& v : values) {
    if (!v.is_number()) throw Error::input(where + "'" + method + "' has a value that is not a number: " + v.dump());
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::abs(d) > std::numeric_limits<float>::max())
      throw Error::input(where + "'" + method + "' has a value out of float range: " + v.dump());
    out.push_back(static_cast<float>(d));
  }
  if (out.empty()) throw Error::input(where + "'" + method + "' has no scores");
  return out;
}

}  // namespace

const GivenMethodScores* GivenScores::find(size_t line, const std::string& id) const {
  if (auto it = by_line.find(line); it != by_line.end()) return &it->second;
  if (!id.empty())
    if (auto it = by_id.find(id); it != by_id.end()) return &it->second;
  return nullptr;
}

GivenScores parse_given_scores(std::string_view text, const std::string& source) {
  GivenScores given;
  given.digest = fnv1a(text);
  size_t number = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = source + ":" + std::to_string(number) + ": ";
    check_json_depth(line, where + "the JSON");
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw Error::input(where + "not a JSON object");
    const bool by_line = j.contains("line"), by_id = j.contains("id");
    if (by_line == by_id) throw Error::input(where + "give the example's \"line\" (its line number) or its \"id\", one of them");
    auto scores = j.find("scores");
    if (scores == j.end() || !scores->is_object() || scores->empty())
      throw Error::input(where + "\"scores\" must be an object of method names and their per-token scores");
    GivenMethodScores methods;
    for (const auto& [method, values] : scores->items()) {
      if (!valid_method_name(method))
        throw Error::input(where + "the method name '" + method + "' is not letters, digits and _.+- (at most " +
                           std::to_string(kLongestMethodName) + ")");
      methods[method] = scores_of(values, method, where);
      if (std::find(given.methods.begin(), given.methods.end(), method) == given.methods.end())
        given.methods.push_back(method);
    }
    if (by_line) {
      const nlohmann::json& l = j["line"];
      if (!l.is_number_unsigned() || l.get<uint64_t>() == 0)
        throw Error::input(where + "\"line\" must be a line number of the data set (1 or more)");
      if (!given.by_line.emplace(l.get<size_t>(), std::move(methods)).second)
        throw Error::input(where + "line " + l.dump() + " is given twice");
    } else {
      const nlohmann::json& i = j["id"];
      if (!i.is_string() || i.get<std::string>().empty()) throw Error::input(where + "\"id\" must be a non-empty string");
      if (!given.by_id.emplace(i.get<std::string>(), std::move(methods)).second)
        throw Error::input(where + "id " + i.dump() + " is given twice");
    }
  }
  if (given.by_line.empty() && given.by_id.empty()) throw Error::input("the scores file has no example", source);
  return given;
}

GivenScores read_given_scores(const std::filesystem::path& path) {
  return parse_given_scores(read_file(path), path.string());
}

}  // namespace attnmap::batch
