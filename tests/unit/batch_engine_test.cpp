// The batch engine (explain/batch_run.h) with a fake predictor: a crash at every window boundary
// and a torn manifest tail resume to the same bytes as an uninterrupted run, shards merge into
// it, and a resume with other settings is refused. Deterministic: the "crash" is an exception
// the fake throws on a given batch, not a timed signal.
#include "explain/batch_run.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "attnmap/error.h"
#include "attnmap/files.h"

namespace attnmap::explain {
namespace {

namespace fs = std::filesystem;

struct Crash : std::runtime_error {
  Crash() : std::runtime_error("the fake model crashed") {}
};

// Words in, "positive" when "good" outnumbers "bad"; uniform attention over the tokens. Throws
// Crash on batch number `crash_at` (counted from 1 across the run), if set.
class FakePredictor : public Predictor {
 public:
  explicit FakePredictor(int crash_at = 0) : crash_at_(crash_at) {
    manifest_.name = "fake";
    manifest_.labels = {"negative", "positive"};
    manifest_.max_length = 64;
    manifest_.num_layers = manifest_.num_heads = 1;
  }
  const Manifest& manifest() const override { return manifest_; }
  void encode(Example& example, const EncodingOptions&) const override {
    Encoding e;
    std::istringstream words(example.text);
    std::vector<std::string> tokens = {"[CLS]"};
    for (std::string w; words >> w;) tokens.push_back(w);
    tokens.push_back("[SEP]");
    if (tokens.size() == 2) throw Error::input("the text is empty or only whitespace: there is nothing to show", "");
    for (size_t i = 0; i < tokens.size(); ++i) {
      const bool special = i == 0 || i + 1 == tokens.size();
      e.ids.push_back(static_cast<int64_t>(i));
      e.type_ids.push_back(0);
      e.tokens.push_back(tokens[i]);
      e.offsets.emplace_back(0, 0);
      e.special_tokens_mask.push_back(special ? 1 : 0);
      e.attention_mask.push_back(1);
      e.sequence_ids.push_back(special ? -1 : 0);
    }
    example.labels = e.tokens;
    example.encoding = std::move(e);
  }
  std::vector<RunResult> predict(const std::vector<Encoding>& batch) override {
    if (++batches_ == crash_at_) throw Crash();
    std::vector<RunResult> out;
    for (const Encoding& e : batch) {
      float good = 0, bad = 0;
      for (const std::string& t : e.tokens) good += t == "good", bad += t == "bad";
      RunResult r;
      r.logits = {bad, good + 0.5f};
      const float z = std::exp(r.logits[0]) + std::exp(r.logits[1]);
      r.probabilities = {std::exp(r.logits[0]) / z, std::exp(r.logits[1]) / z};
      r.predicted = r.logits[1] > r.logits[0] ? 1 : 0;
      r.predicted_label = manifest_.labels[r.predicted];
      const size_t n = e.size();
      r.attention = {1, 1, n, n, std::vector<float>(n * n, 1.0f / static_cast<float>(n))};
      out.push_back(std::move(r));
    }
    return out;
  }
  ModelRunner* runner() override { return nullptr; }

 private:
  Manifest manifest_;
  int crash_at_ = 0, batches_ = 0;
};

PredictorLoader fake(int crash_at = 0) {
  return [crash_at](const BatchOptions&) {
    std::vector<std::unique_ptr<Predictor>> models;
    models.push_back(std::make_unique<FakePredictor>(crash_at));
    return models;
  };
}

// Every file under `dir`, by relative path, with its bytes.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out[fs::relative(entry.path(), dir).string()] = read_file(entry.path());
  return out;
}

size_t lines_of(const fs::path& file) {
  std::ifstream in(file);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

class BatchEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("attnmap-batch-engine-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    std::ofstream tsv(root_ / "rows.tsv");
    tsv << "id\ttext\tlabel\n";
    const char* texts[] = {"good film", "bad bad plot", "good and bad", "not good at all", "bad", "good good"};
    for (int i = 0; i < kRows; ++i)
      tsv << "r" << i << "\t" << texts[i % 6] << " take " << i << "\t" << (i % 3 == 0 ? "negative" : "positive") << "\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  BatchOptions options(const std::string& out) const {
    BatchOptions o;
    o.model.model = "fake";
    o.input = (root_ / "rows.tsv").string();
    o.out_dir = (root_ / out).string();
    o.select = "all";
    o.views = "matrix";
    o.batch_size = 2;  // windows of 16 rows: 4 of them, the last short
    o.jobs = 1;
    o.no_progress = true;
    return o;
  }

  // An uninterrupted run, for comparison.
  std::map<std::string, std::string> whole() {
    EXPECT_TRUE(run_batch(options("whole"), fake()));
    return files_of(root_ / "whole");
  }

  static constexpr int kRows = 50, kWindowRows = 16, kBatchesPerWindow = kWindowRows / 2;
  fs::path root_;
};

TEST_F(BatchEngine, ResumesAfterACrashAtEveryWindowBoundaryToTheSameBytes) {
  const auto expected = whole();
  ASSERT_FALSE(expected.empty());
  for (int window = 1; window <= 3; ++window) {
    SCOPED_TRACE("crash in the first batch of window " + std::to_string(window));
    const std::string out = "crashed-" + std::to_string(window);
    BatchOptions o = options(out);
    EXPECT_THROW(run_batch(o, fake(window * kBatchesPerWindow + 1)), Crash);
    // Window `window - 1` was predicted and drawn but is committed only once the next one is:
    // the windows before it are in the manifest, nothing more.
    EXPECT_EQ(lines_of(root_ / out / "manifest.jsonl"), static_cast<size_t>((window - 1) * kWindowRows));
    o.resume = true;
    EXPECT_TRUE(run_batch(o, fake()));
    EXPECT_EQ(files_of(root_ / out), expected);
  }
}

TEST_F(BatchEngine, ResumeCutsATornManifestTailAndSweepsTemporaries) {
  const auto expected = whole();
  BatchOptions o = options("torn");
  EXPECT_THROW(run_batch(o, fake(2 * kBatchesPerWindow + 1)), Crash);
  {
    std::ofstream manifest(root_ / "torn" / "manifest.jsonl", std::ios::app);
    manifest << "{\"line\": 40, \"id\": \"r3";  // a write cut short: no closing quote, no newline
  }
  std::ofstream(root_ / "torn" / "examples" / ".matrix.png.tmp-Ab12Cd") << "partial";
  o.resume = true;
  EXPECT_TRUE(run_batch(o, fake()));
  EXPECT_EQ(files_of(root_ / "torn"), expected);
}

TEST_F(BatchEngine, TwoShardsMergedEqualOneRun) {
  const auto expected = whole();
  BatchOptions o = options("sharded");
  for (const char* shard : {"1/2", "0/2"}) {
    o.shard = shard;
    EXPECT_TRUE(run_batch(o, fake()));
  }
  o.shard.clear();
  merge_batch_shards(o);
  auto merged = files_of(root_ / "sharded");
  for (auto it = merged.begin(); it != merged.end();) it = it->first.find(".shard-") != std::string::npos ? merged.erase(it) : ++it;
  EXPECT_EQ(merged, expected);
}

TEST_F(BatchEngine, MergingWithAShardMissingNamesIt) {
  BatchOptions o = options("half");
  o.shard = "1/2";
  EXPECT_TRUE(run_batch(o, fake()));
  o.shard.clear();
  try {
    merge_batch_shards(o);
    FAIL() << "merged with shard 0/2 missing";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_NE(e.message().find("shard 0/2 has not run"), std::string::npos) << e.message();
  }
}

TEST_F(BatchEngine, ResumeWithOtherSettingsIsRefusedNamingThem) {
  whole();
  BatchOptions o = options("whole");
  EXPECT_THROW(run_batch(o, fake()), Error) << "an existing run is not overwritten without --resume";
  o.resume = true;
  o.select = "misclassified";
  o.views = "cls";
  try {
    run_batch(o, fake());
    FAIL() << "resumed with other settings";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kUsage);
    EXPECT_NE(e.message().find("select, views"), std::string::npos) << e.message();
  }
}

TEST_F(BatchEngine, RecordsEachRowWithItsPredictionAndFigure) {
  const auto files = whole();
  EXPECT_EQ(lines_of(root_ / "whole" / "manifest.jsonl"), static_cast<size_t>(kRows));
  size_t figures = 0;
  for (const auto& [path, bytes] : files) {
    if (path.size() <= 11 || path.compare(path.size() - 11, 11, "/matrix.png") != 0) continue;
    ++figures;
    EXPECT_EQ(bytes.substr(1, 3), "PNG") << path;
  }
  EXPECT_EQ(figures, static_cast<size_t>(kRows));
  const std::string manifest = files.at("manifest.jsonl");
  EXPECT_NE(manifest.find("\"predicted\":\"positive\""), std::string::npos);
  EXPECT_NE(manifest.find("\"predicted\":\"negative\""), std::string::npos);
}

TEST_F(BatchEngine, AViewThatRunsTheModelAgainIsSkippedPerRowWithoutARunner) {
  BatchOptions o = options("gradattn");
  o.views = "matrix,gradattn";
  EXPECT_TRUE(run_batch(o, fake()));
  const std::string manifest = read_file(root_ / "gradattn" / "manifest.jsonl");
  EXPECT_NE(manifest.find("\"skipped\":{\"gradattn\":"), std::string::npos) << manifest.substr(0, 400);
}

}  // namespace
}  // namespace attnmap::explain
