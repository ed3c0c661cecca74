// The torch-free half of attnmap batch: data set readers, labels and outcomes, folder names,
// the summary, the manifest log (torn tails, resume, merge) and the worker pool.
#include <gtest/gtest.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/examples.h"
#include "batch/manifest_log.h"
#include "batch/progress.h"
#include "batch/row_reader.h"
#include "batch/summary.h"
#include "batch/task_pool.h"

namespace attnmap::batch {
namespace {

std::vector<Row> read_rows(const std::string& text, InputFormat format, Columns columns = {}) {
  std::istringstream in(text);
  RowReader reader(in, format, std::move(columns));
  std::vector<Row> rows;
  Row row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

TEST(BatchRows, TsvRowsCarryLineNumbersAndSkipBlankLines) {
  auto rows = read_rows("id\ttext\tlabel\r\nr1\tGood.\tpositive\r\n\nr2\tBad.\t0\n", InputFormat::kTsv);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[0].id, "r1");
  EXPECT_EQ(rows[0].text, "Good.");
  EXPECT_EQ(*rows[0].label, "positive");
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_EQ(rows[1].index, 1u);
  EXPECT_EQ(*rows[1].label, "0");
}

TEST(BatchRows, BadTsvRowsSayWhatIsWrong) {
  auto rows = read_rows("text\tlabel\nonly one\n\tpositive\ncaf\xe9\tnegative\nfine\t \n", InputFormat::kTsv);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].error, "expected 2 tab-separated fields, found 1");
  EXPECT_EQ(rows[1].error, "empty text");
  EXPECT_NE(rows[2].error.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(rows[3].error, "empty label");
}

TEST(BatchRows, WithoutAnIdColumnRowsAreNamedByLine) {
  auto rows = read_rows("text\nfirst\nsecond\n", InputFormat::kTsv);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].id, "3");
  EXPECT_FALSE(rows[1].label.has_value());
}

TEST(BatchRows, AByteOrderMarkIsNotPartOfTheFirstColumn) {
  auto rows = read_rows("\xEF\xBB\xBFtext,label\nok,1\n", InputFormat::kCsv);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text, "ok");
}

TEST(BatchRows, CsvQuotedFieldsHoldCommasQuotesAndNewlines) {
  auto rows = read_rows("id,text,label\nr1,\"He said \"\"fine\"\",\nthen left.\",positive\nr2,plain,negative\n",
                        InputFormat::kCsv);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text, "He said \"fine\",\nthen left.");
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[1].line, 4u);  // the record before it took two lines
  EXPECT_EQ(rows[1].text, "plain");
}

TEST(BatchRows, AnUnterminatedCsvQuoteIsABadRow) {
  auto rows = read_rows("text,label\n\"never closed,1\nmore\n", InputFormat::kCsv);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].error, "quoted field opened on line 2 never closes");
}

TEST(BatchRows, JsonLinesTakeStringsOrWholeNumbers) {
  auto rows = read_rows(
      "{\"id\": 7, \"text\": \"Great.\", \"label\": 1}\n"
      "{\"text\": \"Fine.\", \"label\": \"positive\"}\n"
      "{not json\n"
      "[1, 2]\n"
      "{\"text\": [\"no\"]}\n"
      "{\"text\": \"x\", \"label\": -1}\n",
      InputFormat::kJsonl);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].id, "7");
  EXPECT_EQ(*rows[0].label, "1");
  EXPECT_EQ(rows[1].id, "2");
  EXPECT_EQ(rows[2].error, "not valid JSON (or not UTF-8)");
  EXPECT_EQ(rows[3].error, "not a JSON object");
  EXPECT_EQ(rows[4].error, "field 'text' is not a string");
  EXPECT_EQ(rows[5].error, "field 'label' is neither a string nor a non-negative whole number");
}

TEST(BatchRows, AHeaderWithoutTheTextColumnIsRefused) {
  std::istringstream in("id\tsentence\tlabel\n");
  try {
    RowReader reader(in, InputFormat::kTsv, {});
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_NE(e.message().find("'sentence'"), std::string::npos) << e.message();
  }
  std::istringstream empty("");
  EXPECT_THROW(RowReader(empty, InputFormat::kCsv, {}), Error);
}

TEST(BatchRows, ColumnsNamedOnTheCommandLineMustExist) {
  Columns columns;
  columns.label = "gold";
  columns.label_given = true;
  std::istringstream in("text\tlabel\n");
  EXPECT_THROW(RowReader(in, InputFormat::kTsv, columns), Error);
  std::istringstream unlabelled("text\nx\n");
  RowReader reader(unlabelled, InputFormat::kTsv, {});
  EXPECT_FALSE(reader.has_labels());
}

TEST(BatchRows, FormatsComeFromTheNameOrTheOption) {
  EXPECT_EQ(input_format("data/Test.TSV", ""), InputFormat::kTsv);
  EXPECT_EQ(input_format("x.ndjson", ""), InputFormat::kJsonl);
  EXPECT_EQ(input_format("-", "csv"), InputFormat::kCsv);
  EXPECT_THROW(input_format("-", ""), Error);
  EXPECT_THROW(input_format("data.txt", ""), Error);
}

TEST(BatchShards, ShardsSplitWithoutOverlap) {
  Shard a = parse_shard("0/3"), b = parse_shard("1/3"), c = parse_shard("2/3");
  for (size_t i = 0; i < 30; ++i) EXPECT_EQ(a.takes(i) + b.takes(i) + c.takes(i), 1);
  for (const char* bad : {"3/3", "1", "a/2", "1/0", "-1/2", "1/2/3", ""}) EXPECT_THROW(parse_shard(bad), Error) << bad;
}

TEST(BatchExamples, LabelsByNameOrId) {
  std::vector<std::string> labels = {"negative", "positive"};
  EXPECT_EQ(resolve_label("positive", labels), 1u);
  EXPECT_EQ(resolve_label("0", labels), 0u);
  EXPECT_FALSE(resolve_label("2", labels));
  EXPECT_FALSE(resolve_label("Positive", labels));
  EXPECT_FALSE(resolve_label("1abc", labels));
  EXPECT_EQ(unknown_label_message("neutral", labels),
            "unknown label 'neutral' (classes: negative, positive; or their ids 0..1)");
}

TEST(BatchExamples, OutcomesAndSelection) {
  EXPECT_EQ(outcome({false}, true), "wrong");
  EXPECT_EQ(outcome({true, false}, true), "only_b_wrong");
  EXPECT_EQ(outcome({false, true}, true), "only_a_wrong");
  EXPECT_EQ(outcome({false, false}, true), "both_wrong");
  EXPECT_EQ(outcome({true}, false), "unlabelled");
  EXPECT_TRUE(selected(Selection::kMisclassified, {true, false}, true));
  EXPECT_FALSE(selected(Selection::kMisclassified, {true, true}, true));
  EXPECT_TRUE(selected(Selection::kCorrect, {true, true}, true));
  EXPECT_FALSE(selected(Selection::kMisclassified, {false}, false));
  EXPECT_TRUE(selected(Selection::kAll, {false}, false));
}

TEST(BatchExamples, HostileIdsBecomeOneHarmlessName) {
  EXPECT_EQ(example_folder(12, "test-00011"), "000012-test-00011");
  EXPECT_EQ(example_folder(3, "../../x"), "000003-.._.._x");
  EXPECT_EQ(example_folder(4, "/etc/passwd"), "000004-_etc_passwd");
  EXPECT_EQ(example_folder(5, std::string("a\0b", 3)), "000005-a_b");
  EXPECT_EQ(example_folder(6, "café"), "000006-caf__");
  EXPECT_EQ(example_folder(7, std::string(5000, 'x')).size(), 67u);
  EXPECT_EQ(example_folder(1234567, "x"), "1234567-x");
}

ManifestRecord evaluated(size_t line, const std::string& gold, std::vector<std::string> predicted) {
  ManifestRecord r;
  r.line = line;
  r.id = "row-" + std::to_string(line);
  r.text = "text";
  r.gold = gold;
  std::vector<bool> correct;
  for (const auto& p : predicted) {
    r.models.push_back({"m", p, {{"negative", 0.5}, {"positive", 0.5}}, p == gold});
    correct.push_back(p == gold);
  }
  r.outcome = outcome(correct, true);
  r.selected = !selected(Selection::kCorrect, correct, true);
  return r;
}

ManifestRecord rejected(size_t line, const std::string& error) {
  ManifestRecord r;
  r.line = line;
  r.error = error;
  return r;
}

TEST(BatchSummary, CountsConfusionAndAgreement) {
  SummaryBuilder b({"negative", "positive"}, {"a", "b"});
  b.add(evaluated(2, "negative", {"negative", "negative"}));
  b.add(evaluated(3, "positive", {"negative", "positive"}));
  b.add(evaluated(4, "positive", {"negative", "negative"}));
  b.add(rejected(5, "empty text"));
  Summary run;
  run.complete = true;
  const Summary s = b.finish(run);
  EXPECT_EQ(s.rows.read, 4u);
  EXPECT_EQ(s.rows.rejected, 1u);
  EXPECT_EQ(s.rows.evaluated, 3u);
  EXPECT_EQ(s.rows.labelled, 3u);
  EXPECT_EQ(s.rows.selected, 2u);
  ASSERT_EQ(s.models.size(), 2u);
  EXPECT_EQ(s.models[0].correct, 1u);
  EXPECT_DOUBLE_EQ(*s.models[0].accuracy, 1.0 / 3.0);
  EXPECT_EQ(s.models[0].confusion, (std::vector<std::vector<size_t>>{{1, 0}, {2, 0}}));
  EXPECT_EQ(s.models[1].confusion, (std::vector<std::vector<size_t>>{{1, 0}, {1, 1}}));
  ASSERT_TRUE(s.comparison.has_value());
  EXPECT_EQ(s.comparison->only_a_wrong, 1u);
  EXPECT_EQ(s.comparison->both_wrong, 1u);
  EXPECT_DOUBLE_EQ(s.comparison->agreement, 2.0 / 3.0);
  EXPECT_TRUE(s.complete);
}

TEST(BatchSummary, WithoutGoldLabelsThereIsNoAccuracy) {
  SummaryBuilder b({"negative", "positive"}, {"a"});
  ManifestRecord r = evaluated(2, "negative", {"positive"});
  r.gold.reset();
  r.models[0].correct.reset();
  r.outcome = outcome({}, false);
  b.add(r);
  const Summary s = b.finish({});
  EXPECT_EQ(s.rows.labelled, 0u);
  EXPECT_FALSE(s.models[0].accuracy.has_value());
  EXPECT_FALSE(s.models[0].correct.has_value());
  EXPECT_TRUE(s.models[0].confusion.empty());
  EXPECT_FALSE(s.comparison.has_value()) << "one model";
  EXPECT_EQ(to_json(s)["models"][0], nlohmann::json({{"model", "a"}})) << "nothing it cannot know is written";
}

class BatchManifest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("attnmap-batch-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "examples");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string read(const std::filesystem::path& p) { return read_file(p); }
  // The manifest lines of records for these input lines: the even ones evaluated, the odd ones rejected.
  static std::string lines(const std::vector<size_t>& numbers) {
    std::string out;
    for (size_t n : numbers) out += manifest_line(n % 2 == 0 ? evaluated(n, "negative", {"positive"}) : rejected(n, "bad"));
    return out;
  }
  std::vector<size_t> read_lines(const std::filesystem::path& manifest) {
    std::vector<size_t> out;
    read_manifest(manifest, [&](const ManifestRecord& r) { out.push_back(r.line); });
    return out;
  }
  std::filesystem::path dir_;
};

TEST_F(BatchManifest, ATornLastLineIsCutOff) {
  const std::string whole = lines({2, 3});
  const std::string torn = lines({4});
  write_file_atomic(dir_ / "m.jsonl", whole + torn.substr(0, torn.size() / 2));
  EXPECT_EQ(read_lines(dir_ / "m.jsonl"), (std::vector<size_t>{2, 3}));
  EXPECT_EQ(read(dir_ / "m.jsonl"), whole);
}

TEST_F(BatchManifest, AnEditedLineIsAnErrorThatNamesTheLineAndTheField) {
  auto message = [&](const std::string& second_line) {
    write_file_atomic(dir_ / "m.jsonl", lines({2}) + second_line + "\n");
    try {
      read_lines(dir_ / "m.jsonl");
    } catch (const Error& e) {
      return e.message();
    }
    return std::string("no error");
  };
  EXPECT_NE(message("not json").find("line 2 is not a manifest record, not even JSON"), std::string::npos);
  EXPECT_NE(message(R"({"line": 3})").find("line 2 is not a manifest record: no \"id\""), std::string::npos);
  EXPECT_NE(message(std::string(100000, '[')).find("not even JSON"), std::string::npos) << "deep nesting refused";
  nlohmann::json bad = to_json(evaluated(4, "negative", {"positive", "negative"}));
  bad["models"][1]["predicted"] = 1;
  EXPECT_NE(message(bad.dump()).find(R"("models"[1]."predicted" is not a string)"), std::string::npos);
}

TEST_F(BatchManifest, ResumeTrustsOnlyRecordsWhoseFilesExist) {
  write_file_atomic(dir_ / "examples" / "a.png", "png");
  ManifestRecord kept = evaluated(2, "negative", {"positive"});
  kept.files["matrix"] = "examples/a.png";
  ManifestRecord lost = evaluated(4, "negative", {"positive"});
  lost.files["matrix"] = "examples/gone.png";
  write_file_atomic(dir_ / "m.jsonl", manifest_line(kept) + manifest_line(lost) + manifest_line(rejected(5, "empty")));
  EXPECT_EQ(completed_lines(dir_ / "m.jsonl", dir_), (std::set<size_t>{2, 5}));
  EXPECT_EQ(read(dir_ / "m.jsonl"), manifest_line(kept) + manifest_line(rejected(5, "empty")));
  EXPECT_TRUE(completed_lines(dir_ / "missing.jsonl", dir_).empty());
}

TEST_F(BatchManifest, MergeInterleavesByLine) {
  write_file_atomic(dir_ / "a.jsonl", lines({2, 5}));
  write_file_atomic(dir_ / "b.jsonl", lines({3, 4, 9}));
  std::vector<size_t> seen;
  merge_manifests({dir_ / "a.jsonl", dir_ / "b.jsonl"}, dir_ / "m.jsonl",
                  [&](const ManifestRecord& r) { seen.push_back(r.line); });
  EXPECT_EQ(seen, (std::vector<size_t>{2, 3, 4, 5, 9}));
  EXPECT_EQ(read(dir_ / "m.jsonl"), lines({2, 3, 4, 5, 9}));
  write_file_atomic(dir_ / "c.jsonl", lines({3}));
  EXPECT_THROW(merge_manifests({dir_ / "b.jsonl", dir_ / "c.jsonl"}, dir_ / "m2.jsonl", [](const ManifestRecord&) {}),
               Error);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "m2.jsonl"));
}

TEST(BatchTaskPool, UsableCoresFollowTheAffinityMask) {
  // As under `taskset -c 0`, a Slurm task bound to one core or a pinned Kubernetes pod: a thread
  // allowed one CPU counts one core, not the machine's.
  size_t seen = 0;
  std::thread pinned([&] {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    if (pthread_setaffinity_np(pthread_self(), sizeof(one), &one) == 0) seen = usable_cores();
  });
  pinned.join();
  EXPECT_EQ(seen, 1u);
  EXPECT_GE(usable_cores(), 1u);
  EXPECT_LE(usable_cores(), std::max(1u, std::thread::hardware_concurrency()));
}

TEST(BatchTaskPool, RunsEveryTaskAndReportsTheFirstError) {
  TaskPool pool(3, 2);
  TaskGroup group;
  std::atomic<int> ran{0};
  for (int i = 0; i < 50; ++i) pool.submit(group, [&] { ++ran; });
  group.wait();
  EXPECT_EQ(ran.load(), 50);
  TaskGroup failing;
  pool.submit(failing, [] { throw Error::io("disk full"); });
  pool.submit(failing, [&] { ++ran; });
  EXPECT_THROW(failing.wait(), Error);
  EXPECT_EQ(ran.load(), 51);
}

TEST(BatchProgress, DurationsReadLikeAClock) {
  EXPECT_EQ(Progress::duration_text(5.4), "5s");
  EXPECT_EQ(Progress::duration_text(65), "1m 05s");
  EXPECT_EQ(Progress::duration_text(3725), "1h 02m");
  EXPECT_EQ(Progress::duration_text(-1), "?");
}

}  // namespace
}  // namespace attnmap::batch
