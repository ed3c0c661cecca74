#include "attnmap/error.h"

#include <utility>

namespace attnmap {

Error::Error(ErrorCategory category, std::string what, std::string where)
    : std::runtime_error(std::move(what)), category_(category), where_(std::move(where)) {}

Error Error::usage(std::string what, std::string where) {
  return Error(ErrorCategory::kUsage, std::move(what), std::move(where));
}
Error Error::input(std::string what, std::string where) {
  return Error(ErrorCategory::kInput, std::move(what), std::move(where));
}
Error Error::model(std::string what, std::string where) {
  return Error(ErrorCategory::kModel, std::move(what), std::move(where));
}
Error Error::io(std::string what, std::string where) {
  return Error(ErrorCategory::kIO, std::move(what), std::move(where));
}

std::string Error::message() const {
  if (where_.empty()) return what();
  return std::string(what()) + " (" + where_ + ")";
}

int Error::exit_code() const {
  switch (category_) {
    case ErrorCategory::kUsage: return 2;
    case ErrorCategory::kInput: return 3;
    case ErrorCategory::kModel: return 4;
    case ErrorCategory::kIO: return 5;
  }
  return 1;
}

}  // namespace attnmap
