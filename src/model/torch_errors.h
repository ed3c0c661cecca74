#pragma once
// What of a libtorch error message the user sees. Plain string work, no torch headers: the unit
// tests check it without libtorch.
#include <string>

namespace attnmap::model {

// The one line of `what` that says what went wrong:
//   - an exception raised while TorchScript code ran (torch::jit::JITException) carries a traceback
//     and ends with the Python exception: its last line, "RuntimeError: index out of range in self";
//   - other messages (c10::Error) say it first, sometimes after a blank line; libtorch's advice
//     after a zip reader's error ("This is an internal miniz error. If you are seeing ...") is cut.
// "(no reason given)" when `what` has no text at all.
std::string torch_error_text(const std::string& what);

}  // namespace attnmap::model
