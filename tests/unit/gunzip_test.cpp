// Data sets read through TransparentGunzip: gzip inflated (one member or several, across buffer
// boundaries, from a source that trickles one byte at a time), anything else passed through
// byte for byte, and broken gzip data refused with a message instead of rows made up of garbage.
#include <gtest/gtest.h>
#include <zlib.h>

#include <sstream>
#include <string>

#include "attnmap/error.h"
#include "batch/gunzip.h"
#include "batch/row_reader.h"

namespace attnmap::batch {
namespace {

std::string gzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string read_all(std::streambuf& source) {
  TransparentGunzip bytes(source, "data.tsv.gz");
  std::string out;  // byte by byte, as RowReader reads: `<<` of a streambuf would swallow the error
  for (int c = bytes.sbumpc(); c != std::char_traits<char>::eof(); c = bytes.sbumpc()) out.push_back(static_cast<char>(c));
  return out;
}

std::string read_all(const std::string& raw) {
  std::stringbuf source(raw);
  return read_all(source);
}

// A source that hands out one byte per underflow, as a slow pipe might.
class Trickle : public std::streambuf {
 public:
  explicit Trickle(std::string data) : data_(std::move(data)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ == data_.size()) return traits_type::eof();
    char* at = data_.data() + next_++;
    setg(at, at, at + 1);
    return traits_type::to_int_type(*at);
  }

 private:
  std::string data_;
  size_t next_ = 0;
};

// Text long enough to cross several 64 KiB buffers, not a single repeated byte.
std::string long_text() {
  std::string text = "id\ttext\tlabel\n";
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + "\tSentence number " + std::to_string(i * 7919 % 10007) + ".\tpositive\n";
  return text;
}

std::string message_of(const std::string& raw) {
  try {
    read_all(raw);
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    return e.message();
  }
  return "(no error)";
}

TEST(Gunzip, PlainBytesPassThroughUnchanged) {
  for (std::string plain : {std::string(), std::string("x"), std::string("\x1f"), std::string("\x1f\x8a rest"),
                            std::string("id\ttext\n1\thello\n"), long_text()}) {
    std::stringbuf source(plain);
    TransparentGunzip bytes(source, "in");
    EXPECT_FALSE(bytes.compressed());
    EXPECT_EQ(read_all(plain), plain);
  }
}

TEST(Gunzip, InflatesAcrossBufferBoundaries) {
  std::string text = long_text();
  ASSERT_GT(text.size(), 4u << 16);
  std::string packed = gzip(text);
  std::stringbuf source(packed);
  TransparentGunzip bytes(source, "in");
  EXPECT_TRUE(bytes.compressed());
  EXPECT_EQ(read_all(packed), text);
  EXPECT_EQ(read_all(gzip("")), "");
}

TEST(Gunzip, ConcatenatedMembersAreOneStream) {
  std::string a = "id\ttext\n", b = long_text(), c = "last\tline\n";
  EXPECT_EQ(read_all(gzip(a) + gzip(b) + gzip("") + gzip(c)), a + b + c);
}

TEST(Gunzip, ASourceThatTricklesGivesTheSameBytes) {
  std::string text = long_text().substr(0, 100000);
  Trickle compressed(gzip(text));
  EXPECT_EQ(read_all(compressed), text);
  Trickle plain(text);
  EXPECT_EQ(read_all(plain), text);
}

TEST(Gunzip, BrokenDataIsRefusedWithItsName) {
  std::string packed = gzip(long_text());
  std::string truncated = packed.substr(0, packed.size() / 2);
  EXPECT_NE(message_of(truncated).find("ends in the middle"), std::string::npos) << message_of(truncated);
  EXPECT_NE(message_of(truncated).find("data.tsv.gz"), std::string::npos);
  std::string no_trailer = packed.substr(0, packed.size() - 4);
  EXPECT_NE(message_of(no_trailer).find("ends in the middle"), std::string::npos);
  std::string bad_crc = packed;
  bad_crc[bad_crc.size() - 6] ^= 0x55;  // inside the CRC-32 of the trailer
  EXPECT_NE(message_of(bad_crc).find("not valid gzip data"), std::string::npos) << message_of(bad_crc);
  std::string garbage_after = packed + "trailing text";
  EXPECT_NE(message_of(garbage_after).find("not valid gzip data"), std::string::npos);
  std::string only_magic = "\x1f\x8b";
  EXPECT_NE(message_of(only_magic).find("ends in the middle"), std::string::npos);
}

TEST(Gunzip, CompressedNamesKeepTheirFormat) {
  EXPECT_EQ(input_format("rows.tsv.gz", ""), InputFormat::kTsv);
  EXPECT_EQ(input_format("dir.v2/rows.CSV.GZ", ""), InputFormat::kCsv);
  EXPECT_EQ(input_format("rows.jsonl.gz", ""), InputFormat::kJsonl);
  EXPECT_EQ(input_format("rows.gz", "tsv"), InputFormat::kTsv);
  EXPECT_THROW(input_format("rows.gz", ""), Error);
  EXPECT_THROW(input_format(".gz", ""), Error);
}

TEST(Gunzip, AnIstreamOverItRethrowsWithBadbitSet) {
  std::string packed = gzip(long_text());
  std::stringbuf source(packed.substr(0, packed.size() / 2));
  TransparentGunzip bytes(source, "data.tsv.gz");
  std::istream in(&bytes);
  in.exceptions(std::ios::badbit);  // as DataSet sets it
  std::string line;
  EXPECT_THROW(
      while (std::getline(in, line)) {}, Error);
}

TEST(Gunzip, RowsReadFromCompressedDataEqualThePlainOnes) {
  std::string text = long_text();
  std::string packed = gzip(text);
  std::stringbuf source(packed);
  TransparentGunzip bytes(source, "in");
  std::istream in(&bytes);
  RowReader reader(in, InputFormat::kTsv, {});
  Row row;
  size_t count = 0;
  while (reader.next(row)) {
    ASSERT_TRUE(row.error.empty()) << row.error;
    EXPECT_EQ(row.id, std::to_string(count));
    ++count;
  }
  EXPECT_EQ(count, 20000u);
}

}  // namespace
}  // namespace attnmap::batch
