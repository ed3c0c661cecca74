// check_model_file: the damage a model.pt commonly suffers gets a plain message before libtorch
// sees the file. Run from the repository root (the committed tiny-bert bundle).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "attnmap/model.h"
#include "attnmap/error.h"
#include "attnmap/files.h"

namespace attnmap {
namespace {

namespace fs = std::filesystem;

class ModelFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attnmap-model-file-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& bytes) const {
    fs::path p = dir_ / "model.pt";
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  // "category: message" of what check_model_file throws, "" when it accepts the file.
  static std::string outcome(const fs::path& p) {
    try {
      check_model_file(p);
      return "";
    } catch (const Error& e) {
      return std::to_string(e.exit_code()) + ": " + e.what();
    }
  }
  fs::path dir_;
};

TEST_F(ModelFileTest, AcceptsARealTorchScriptFile) { EXPECT_EQ(outcome("models/tiny-bert/model.pt"), ""); }

TEST_F(ModelFileTest, NamesWhatIsWrong) {
  EXPECT_EQ(outcome(dir_ / "missing.pt"), "5: model file not found");
  EXPECT_EQ(outcome(dir_), "5: model file is a directory");
  EXPECT_EQ(outcome(write("")), "4: model file is empty");
  EXPECT_EQ(outcome(write("a pickle, a checkpoint, random bytes")),
            "4: not a TorchScript file: torch.jit.save writes a zip archive, and this is none");
  const std::string truncated = "4: TorchScript file is truncated: the zip archive has no end record";
  const std::string real = read_file("models/tiny-bert/model.pt");
  EXPECT_EQ(outcome(write(real.substr(0, real.size() / 2))), truncated);
  EXPECT_EQ(outcome(write("PK\x03\x04")), truncated);
}

TEST_F(ModelFileTest, AcceptsTheFlatbufferForm) {
  EXPECT_EQ(outcome(write(std::string("\x18\x00\x00\x00PTMF", 8) + std::string(64, '\0'))), "");
}

}  // namespace
}  // namespace attnmap
