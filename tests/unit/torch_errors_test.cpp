// The line of a libtorch error the user sees (src/model/torch_errors.cpp, built into this binary
// though it belongs to the model library: it has no torch headers). The messages are libtorch
// 2.13's own, shortened.
#include "model/torch_errors.h"

#include <gtest/gtest.h>

namespace attnmap::model {
namespace {

TEST(TorchErrorText, ARaisedExceptionIsTheLastLineOfItsTraceback) {
  const std::string what = R"(The following operation failed in the TorchScript interpreter.
Traceback of TorchScript, serialized code (most recent call last):
  File "code/__torch__.py", line 11, in forward
    ops.prim.RaiseException("boom from the model", "builtins.RuntimeError")
    ~~~~~~~~~~~~~~~~~~~~~~~ <--- HERE

Traceback of TorchScript, original code (most recent call last):
  File "mk.py", line 17, in forward
        raise RuntimeError("boom from the model")
builtins.RuntimeError: boom from the model
)";
  EXPECT_EQ(torch_error_text(what), "RuntimeError: boom from the model");
}

TEST(TorchErrorText, OtherErrorsAreTheirFirstLineWithoutTheAdvice) {
  EXPECT_EQ(torch_error_text("\nUnknown type name '__torch__.export_model.M':\n__torch__.export_model.M"),
            "Unknown type name '__torch__.export_model.M':");
  EXPECT_EQ(torch_error_text("PytorchStreamReader failed locating file data.pkl: file not found. This is an internal "
                             "miniz error. If you are seeing this error, there is a high likelihood that your "
                             "checkpoint file is corrupted."),
            "PytorchStreamReader failed locating file data.pkl: file not found.");
  EXPECT_EQ(torch_error_text("Expected PROTO opcode at the start of pickle archive, found 34"),
            "Expected PROTO opcode at the start of pickle archive, found 34");
  EXPECT_EQ(torch_error_text(""), "(no reason given)");
  EXPECT_EQ(torch_error_text(" \n\n"), "(no reason given)");
}

}  // namespace
}  // namespace attnmap::model
