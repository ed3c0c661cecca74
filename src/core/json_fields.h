#pragma once
// Reading the fields of JSON objects (batch manifest records, summary.json, saliency results)
// into typed structs, with errors that name the field: `"models"[1]."predicted" is not a string`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attnmap/error.h"

namespace attnmap {

// One JSON object being read, and where it sits in its file ("" for the top level).
class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& object, std::string path = "");

  // The field as T; throws Error::input when it is missing, null or not a T. Unsigned integers
  // (size_t) take only whole numbers >= 0.
  template <typename T>
  T required(const char* key) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr) throw Error::input("no " + name(key));
    return as<T>(*value, name(key));
  }

  // The field as T, or nullopt when it is missing or null.
  template <typename T>
  std::optional<T> optional(const char* key) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    return as<T>(*value, name(key));
  }

  // The field as an array of Ts; throws Error::input when it is missing, is not an array or an
  // element is not a T.
  template <typename T>
  std::vector<T> list(const char* key) const {
    const nlohmann::json* value = find(key);
    if (value == nullptr) throw Error::input(name(key) + " is not an array");
    return as_list<T>(*value, name(key));
  }

  // A nested object or array member, for reading it in turn; nullptr when missing or null.
  const nlohmann::json* member(const char* key) const { return find(key); }

  // `"models"[1]` style names for the members of a nested value.
  std::string name(const char* key) const;

  // `value` as T, or Error::input("NAME is not a TYPE").
  template <typename T>
  static T as(const nlohmann::json& value, const std::string& name) {
    if (!holds<T>(value)) throw Error::input(name + " is not " + kind<T>());
    return value.get<T>();
  }

  // `value` as an array of Ts, its elements named NAME[i] in errors.
  template <typename T>
  static std::vector<T> as_list(const nlohmann::json& value, const std::string& name) {
    if (!value.is_array()) throw Error::input(name + " is not an array");
    std::vector<T> out;
    for (size_t i = 0; i < value.size(); ++i) out.push_back(as<T>(value[i], name + "[" + std::to_string(i) + "]"));
    return out;
  }

 private:
  const nlohmann::json* find(const char* key) const;
  template <typename T>
  static bool holds(const nlohmann::json& value);
  template <typename T>
  static const char* kind();

  const nlohmann::json& object_;
  std::string path_;
};

template <>
inline bool JsonFields::holds<std::string>(const nlohmann::json& v) { return v.is_string(); }
template <>
inline bool JsonFields::holds<bool>(const nlohmann::json& v) { return v.is_boolean(); }
template <>
inline bool JsonFields::holds<size_t>(const nlohmann::json& v) {
  return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
}
template <>
inline bool JsonFields::holds<int64_t>(const nlohmann::json& v) {
  return v.is_number_integer() && (!v.is_number_unsigned() || v.get<uint64_t>() <= INT64_MAX);
}
template <>
inline bool JsonFields::holds<int>(const nlohmann::json& v) {
  return v.is_number_integer() && v.get<int64_t>() >= INT32_MIN && v.get<int64_t>() <= INT32_MAX;
}
template <>
inline bool JsonFields::holds<double>(const nlohmann::json& v) { return v.is_number(); }
template <>
inline const char* JsonFields::kind<std::string>() { return "a string"; }
template <>
inline const char* JsonFields::kind<bool>() { return "true or false"; }
template <>
inline const char* JsonFields::kind<size_t>() { return "a whole number"; }
template <>
inline const char* JsonFields::kind<int64_t>() { return "a whole number"; }
template <>
inline const char* JsonFields::kind<int>() { return "a whole number"; }
template <>
inline const char* JsonFields::kind<double>() { return "a number"; }

}  // namespace attnmap
