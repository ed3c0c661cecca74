#include "core/json_fields.h"

namespace attnmap {

JsonFields::JsonFields(const nlohmann::json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) throw Error::input(path_.empty() ? std::string("not an object") : path_ + " is not an object");
}

const nlohmann::json* JsonFields::find(const char* key) const {
  auto it = object_.find(key);
  return it == object_.end() || it->is_null() ? nullptr : &*it;
}

std::string JsonFields::name(const char* key) const {
  return (path_.empty() ? "" : path_ + ".") + "\"" + key + "\"";
}

}  // namespace attnmap
