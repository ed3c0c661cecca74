#include "unit/xml_check.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace attnmap::testing {
namespace {

class Checker {
 public:
  explicit Checker(const std::string& s) : s_(s) {}

  std::string run() {
    for (unsigned char c : s_)
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return fail("control character");
    if (s_.compare(0, 5, "<?xml") == 0) {
      size_t end = s_.find("?>");
      if (end == std::string::npos) return fail("unterminated XML declaration");
      pos_ = end + 2;
    }
    skip_space();
    if (!element()) return error_;
    skip_space();
    if (pos_ != s_.size()) return fail("content after the root element");
    return "";
  }

 private:
  std::string fail(const std::string& what) {
    if (error_.empty()) error_ = what + " at byte " + std::to_string(pos_);
    return error_;
  }
  bool bad(const std::string& what) { return fail(what), false; }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool name(std::string& out) {
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || std::strchr(":_-.", s_[pos_])))
      ++pos_;
    out = s_.substr(start, pos_ - start);
    return !out.empty() || bad("expected a name");
  }
  // At '&': one of the five entities or a character reference.
  bool reference() {
    size_t end = s_.find(';', pos_);
    if (end == std::string::npos) return bad("unterminated reference");
    std::string ref = s_.substr(pos_ + 1, end - pos_ - 1);
    bool ok = ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos";
    if (!ok && ref.size() > 1 && ref[0] == '#') {
      ok = true;
      for (size_t i = 1; i < ref.size(); ++i) ok = ok && std::isdigit(static_cast<unsigned char>(ref[i]));
    }
    if (!ok) return bad("unknown reference &" + ref + ";");
    pos_ = end + 1;
    return true;
  }
  bool attribute() {
    std::string key;
    if (!name(key)) return false;
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '=') return bad("attribute without '='");
    ++pos_;
    skip_space();
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return bad("unquoted attribute");
    const char quote = s_[pos_++];
    while (pos_ < s_.size() && s_[pos_] != quote) {
      if (s_[pos_] == '<') return bad("'<' in an attribute");
      if (s_[pos_] == '&') {
        if (!reference()) return false;
      } else {
        ++pos_;
      }
    }
    if (pos_ >= s_.size()) return bad("unterminated attribute");
    ++pos_;
    return true;
  }
  bool element() {
    if (pos_ >= s_.size() || s_[pos_] != '<') return bad("expected '<'");
    ++pos_;
    std::string tag;
    if (!name(tag)) return false;
    for (;;) {
      const size_t before = pos_;
      skip_space();
      if (pos_ >= s_.size()) return bad("unterminated tag");
      if (s_.compare(pos_, 2, "/>") == 0) return pos_ += 2, true;
      if (s_[pos_] == '>') break;
      if (pos_ == before) return bad("attributes need space between them");
      if (!attribute()) return false;
    }
    ++pos_;
    return content(tag);
  }
  bool content(const std::string& tag) {
    while (pos_ < s_.size()) {
      if (s_.compare(pos_, 2, "</") == 0) {
        pos_ += 2;
        std::string end;
        if (!name(end)) return false;
        if (end != tag) return bad("</" + end + "> closes <" + tag + ">");
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '>') return bad("bad end tag");
        ++pos_;
        return true;
      }
      if (s_[pos_] == '<') {
        if (!element()) return false;
      } else if (s_[pos_] == '&') {
        if (!reference()) return false;
      } else if (s_[pos_] == '>' && pos_ >= 2 && s_.compare(pos_ - 2, 2, "]]") == 0) {
        return bad("']]>' in text");
      } else {
        ++pos_;
      }
    }
    return bad("<" + tag + "> is never closed");
  }

  const std::string& s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::string xml_problem(const std::string& xml) { return Checker(xml).run(); }

}  // namespace attnmap::testing
