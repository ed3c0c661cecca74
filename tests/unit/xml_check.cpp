#include "unit/xml_check.h"

#include <cctype>
#include <cstring>
#include <stdexcept>

#include "core/utf8.h"

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
    if (!element(-1)) return error_;
    skip_space();
    if (pos_ != s_.size()) return fail("content after the root element");
    return "";
  }

  std::vector<XmlElement>& elements() { return elements_; }

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
  // At '&': one of the five entities or a character reference, appended to `out` resolved.
  bool reference(std::string& out) {
    size_t end = s_.find(';', pos_);
    if (end == std::string::npos) return bad("unterminated reference");
    std::string ref = s_.substr(pos_ + 1, end - pos_ - 1);
    static const std::pair<const char*, char> kEntities[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    bool ok = false;
    for (const auto& [entity, c] : kEntities)
      if (ref == entity) ok = true, out.push_back(c);
    if (!ok && ref.size() > 1 && ref[0] == '#') {
      ok = true;
      for (size_t i = 1; i < ref.size(); ++i) ok = ok && std::isdigit(static_cast<unsigned char>(ref[i]));
      if (ok) utf8::append(out, static_cast<char32_t>(std::stoul(ref.substr(1))));
    }
    if (!ok) return bad("unknown reference &" + ref + ";");
    pos_ = end + 1;
    return true;
  }
  bool attribute(XmlElement& e) {
    std::string key;
    if (!name(key)) return false;
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '=') return bad("attribute without '='");
    ++pos_;
    skip_space();
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return bad("unquoted attribute");
    const char quote = s_[pos_++];
    std::string value;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      if (s_[pos_] == '<') return bad("'<' in an attribute");
      if (s_[pos_] == '&') {
        if (!reference(value)) return false;
      } else {
        value.push_back(s_[pos_++]);
      }
    }
    if (pos_ >= s_.size()) return bad("unterminated attribute");
    ++pos_;
    e.attributes.emplace_back(std::move(key), std::move(value));
    return true;
  }
  bool element(int parent) {
    if (pos_ >= s_.size() || s_[pos_] != '<') return bad("expected '<'");
    ++pos_;
    const size_t index = elements_.size();
    elements_.push_back({});
    elements_[index].parent = parent;
    if (!name(elements_[index].name)) return false;
    for (;;) {
      const size_t before = pos_;
      skip_space();
      if (pos_ >= s_.size()) return bad("unterminated tag");
      if (s_.compare(pos_, 2, "/>") == 0) return pos_ += 2, true;
      if (s_[pos_] == '>') break;
      if (pos_ == before) return bad("attributes need space between them");
      if (!attribute(elements_[index])) return false;
    }
    ++pos_;
    return content(index);
  }
  bool content(size_t index) {
    const std::string tag = elements_[index].name;
    std::string text;
    while (pos_ < s_.size()) {
      if (s_.compare(pos_, 2, "</") == 0) {
        pos_ += 2;
        std::string end;
        if (!name(end)) return false;
        if (end != tag) return bad("</" + end + "> closes <" + tag + ">");
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '>') return bad("bad end tag");
        ++pos_;
        elements_[index].text = std::move(text);
        return true;
      }
      if (s_[pos_] == '<') {
        if (!element(static_cast<int>(index))) return false;
      } else if (s_[pos_] == '&') {
        if (!reference(text)) return false;
      } else if (s_[pos_] == '>' && pos_ >= 2 && s_.compare(pos_ - 2, 2, "]]") == 0) {
        return bad("']]>' in text");
      } else {
        text.push_back(s_[pos_++]);
      }
    }
    return bad("<" + tag + "> is never closed");
  }

  const std::string& s_;
  size_t pos_ = 0;
  std::string error_;
  std::vector<XmlElement> elements_;
};

}  // namespace

std::string XmlElement::attribute(const std::string& key) const {
  for (const auto& [k, v] : attributes)
    if (k == key) return v;
  return "";
}

std::string xml_problem(const std::string& xml) { return Checker(xml).run(); }

std::vector<XmlElement> xml_elements(const std::string& xml) {
  Checker checker(xml);
  const std::string problem = checker.run();
  if (!problem.empty()) throw std::runtime_error("not well-formed XML: " + problem);
  return std::move(checker.elements());
}

}  // namespace attnmap::testing
