#include "model/torch_errors.h"

#include <sstream>
#include <vector>

namespace attnmap::model {
namespace {

std::string trimmed(const std::string& s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace

std::string torch_error_text(const std::string& what) {
  std::vector<std::string> lines;
  std::istringstream in(what);
  for (std::string line; std::getline(in, line);)
    if (std::string t = trimmed(line); !t.empty()) lines.push_back(std::move(t));
  if (lines.empty()) return "(no reason given)";
  const bool traceback = what.find("Traceback of TorchScript") != std::string::npos;
  std::string line = traceback ? lines.back() : lines.front();
  const std::string builtins = "builtins.";
  if (line.compare(0, builtins.size(), builtins) == 0) line.erase(0, builtins.size());
  const size_t advice = line.find(" This is an internal miniz error.");
  if (advice != std::string::npos) line.erase(advice);
  return line;
}

}  // namespace attnmap::model
