#pragma once
// The one exception type of attnmap. Every failure that reaches the user is an attnmap::Error:
// third-party exceptions (libtorch, nlohmann_json, libpng, FreeType) are caught by the adapter
// that calls the library and re-thrown as an Error with context.
#include <stdexcept>
#include <string>

namespace attnmap {

// The category decides the process exit code (see exit_code()).
enum class ErrorCategory {
  kUsage,  // bad command-line use: exit 2
  kInput,  // bad text, data set, tokenizer or manifest: exit 3
  kModel,  // the model cannot be loaded or run, or returned something unusable: exit 4
  kIO,     // a file cannot be read or written: exit 5
};

class Error : public std::runtime_error {
 public:
  // `what` says what went wrong; `where` says where (a path, an option, a byte offset), may be empty.
  Error(ErrorCategory category, std::string what, std::string where = {});

  static Error usage(std::string what, std::string where = {});
  static Error input(std::string what, std::string where = {});
  static Error model(std::string what, std::string where = {});
  static Error io(std::string what, std::string where = {});

  ErrorCategory category() const { return category_; }
  const std::string& where() const { return where_; }
  // "what (where)", or just "what" when there is no where.
  std::string message() const;
  int exit_code() const;

 private:
  ErrorCategory category_;
  std::string where_;
};

}  // namespace attnmap
