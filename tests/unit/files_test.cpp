#include "attnmap/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "attnmap/error.h"

namespace attnmap {
namespace {

namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attnmap-files-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }
  fs::path dir_;
};

TEST_F(FilesTest, WritesAndReplacesAtomically) {
  fs::path out = dir_ / "figure.png";
  write_file_atomic(out, "first");
  write_file_atomic(out, "second version");
  EXPECT_EQ(read_file(out), "second version");
  EXPECT_EQ(entries(), 1u) << "no temporary file may be left behind";
}

TEST_F(FilesTest, MissingDirectoryIsAnIoErrorAndLeavesNothing) {
  try {
    write_file_atomic(dir_ / "missing" / "x.png", "data");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kIO);
    EXPECT_NE(e.message().find("missing/x.png"), std::string::npos);
  }
  EXPECT_EQ(entries(), 0u);
}

TEST_F(FilesTest, FifoIsWrittenDirectlyNotReplaced) {
  fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  pid_t child = ::fork();
  if (child == 0) {
    std::ifstream in(fifo);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    _exit(s == "through the pipe" ? 0 : 1);
  }
  write_file_atomic(fifo, "through the pipe");
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  struct stat st {};
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO must not be replaced by a regular file";
}

TEST_F(FilesTest, ReadingMissingFileNamesIt) {
  try {
    read_file(dir_ / "nope.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 5);
    EXPECT_NE(e.message().find("nope.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace attnmap
