#include "unit/html_tree.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/utf8.h"

namespace attnmap::testing {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == ':' || c == '.';
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool one_of(const std::string& tag, std::initializer_list<std::string_view> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}
bool is_void(const std::string& tag) {
  return one_of(tag,
                {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"});
}
// Start tags that close an open <p> in a browser.
bool closes_p(const std::string& tag) {
  return one_of(tag, {"address",  "article",    "aside",  "blockquote", "details", "dialog", "div",  "dl",
                      "fieldset", "figcaption", "figure", "footer",     "form",    "h1",     "h2",   "h3",
                      "h4",       "h5",         "h6",     "header",     "hgroup",  "hr",     "main", "menu",
                      "nav",      "ol",         "p",      "pre",        "section", "table",  "ul"});
}

class HtmlReader {
 public:
  explicit HtmlReader(std::string_view s) : s_(s) {}

  HtmlDocument run() {
    HtmlDocument doc;
    read_doctype(doc.doctype);
    content(doc.root);
    doc.problem = error_;
    return doc;
  }

 private:
  bool bad(const std::string& what, size_t at) {
    if (error_.empty()) error_ = what + " at byte " + std::to_string(at);
    return false;
  }
  bool bad(const std::string& what) { return bad(what, pos_); }
  bool at(std::string_view prefix) const { return s_.substr(pos_, prefix.size()) == prefix; }
  bool at_end_tag_of(const std::string& tag) const {
    return at("</") && lower(std::string(s_.substr(pos_ + 2, tag.size()))) == tag;
  }
  bool skip_space() {
    const size_t start = pos_;
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    return pos_ > start;
  }
  std::string name() {
    const size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    return lower(std::string(s_.substr(start, pos_ - start)));
  }

  void read_doctype(std::string& doctype) {
    skip_space();
    if (lower(std::string(s_.substr(pos_, 9))) != "<!doctype") return;
    const size_t end = s_.find('>', pos_);
    if (end == std::string_view::npos) return void(bad("unterminated doctype"));
    doctype = lower(collapse_whitespace(s_.substr(pos_ + 9, end - pos_ - 9)));
    pos_ = end + 1;
  }

  // At '&': one reference, decoded onto `out`.
  bool reference(std::string& out) {
    const size_t end = s_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 10) return bad("'&' that starts no reference");
    const std::string ref(s_.substr(pos_ + 1, end - pos_ - 1));
    static const std::pair<const char*, char> kNamed[] = {
        {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (const auto& [entity, c] : kNamed) {
      if (ref == entity) return out += c, pos_ = end + 1, true;
    }
    const bool hex = ref.size() > 2 && (ref[1] == 'x' || ref[1] == 'X');
    const std::string digits = ref.size() > 1 && ref[0] == '#' ? ref.substr(hex ? 2 : 1) : "";
    const auto is_digit = [&](char c) {
      const auto u = static_cast<unsigned char>(c);
      return hex ? std::isxdigit(u) != 0 : std::isdigit(u) != 0;
    };
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) {
      return bad("unknown reference &" + ref + ";");
    }
    const unsigned long code = std::stoul(digits, nullptr, hex ? 16 : 10);
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return bad("reference &" + ref + "; to no character");
    }
    utf8::append(out, static_cast<char32_t>(code));
    pos_ = end + 1;
    return true;
  }

  // Character data up to the next '<' or the end, as a text node of `parent`.
  bool text(HtmlNode& parent) {
    HtmlNode node;
    node.kind = HtmlNode::Kind::kText;
    node.offset = pos_;
    while (pos_ < s_.size() && s_[pos_] != '<') {
      if (s_[pos_] == '\0') return bad("NUL");
      if (s_[pos_] == '&') {
        if (!reference(node.text)) return false;
      } else {
        node.text += s_[pos_++];
      }
    }
    if (!node.text.empty()) parent.children.push_back(std::move(node));
    return true;
  }

  bool quoted_value(std::string& value) {
    const char quote = pos_ < s_.size() ? s_[pos_] : '\0';
    if (quote != '"' && quote != '\'') return bad("unquoted attribute value");
    for (++pos_; pos_ < s_.size() && s_[pos_] != quote;) {
      if (s_[pos_] == '<') return bad("'<' in an attribute value");
      if (s_[pos_] == '\0') return bad("NUL");
      if (s_[pos_] == '&') {
        if (!reference(value)) return false;
      } else {
        value += s_[pos_++];
      }
    }
    if (pos_ >= s_.size()) return bad("unterminated attribute value");
    ++pos_;
    return true;
  }

  // After the tag name, up to and including '>' or "/>".
  bool attributes(HtmlNode& node, bool& self_closing) {
    for (;;) {
      const bool spaced = skip_space();
      if (pos_ >= s_.size()) return bad("unterminated <" + node.tag + ">", node.offset);
      if (s_[pos_] == '>') return ++pos_, true;
      if (at("/>")) return self_closing = true, pos_ += 2, true;
      if (!spaced) return bad("no space before an attribute");
      const size_t start = pos_;
      const std::string key = name();
      if (key.empty()) return bad("not an attribute name");
      if (node.attribute(key)) return bad("repeated attribute " + key, start);
      std::string value;
      const size_t after_name = pos_;
      skip_space();
      if (at("=")) {
        ++pos_;
        skip_space();
        if (!quoted_value(value)) return false;
      } else {
        pos_ = after_name;  // a bare attribute
      }
      node.attributes.emplace_back(key, std::move(value));
    }
  }

  // At "</": the end tag of `parent`.
  bool end_tag(const HtmlNode& parent) {
    const size_t start = pos_;
    pos_ += 2;
    const std::string tag = name();
    if (parent.kind != HtmlNode::Kind::kElement) return bad("</" + tag + "> closes nothing", start);
    if (tag != parent.tag) return bad("</" + tag + "> closes <" + parent.tag + ">", start);
    skip_space();
    if (!at(">")) return bad("unterminated </" + tag + ">", start);
    ++pos_;
    return true;
  }

  // <script> and <style>: everything up to the end tag is one text node, as written.
  bool raw_text(HtmlNode& node) {
    size_t end = pos_;
    while ((end = s_.find("</", end)) != std::string_view::npos &&
           lower(std::string(s_.substr(end + 2, node.tag.size()))) != node.tag) {
      end += 2;
    }
    if (end == std::string_view::npos) return bad("<" + node.tag + "> is never closed", node.offset);
    if (end > pos_) {
      HtmlNode text_node;
      text_node.kind = HtmlNode::Kind::kText;
      text_node.offset = pos_;
      text_node.text = std::string(s_.substr(pos_, end - pos_));
      node.children.push_back(std::move(text_node));
    }
    pos_ = end;
    return end_tag(node);
  }

  // <title> and <textarea>: text only, its references decoded.
  bool text_only(HtmlNode& node) {
    if (!text(node)) return false;
    if (pos_ >= s_.size()) return bad("<" + node.tag + "> is never closed", node.offset);
    if (!at_end_tag_of(node.tag)) return bad("a tag inside <" + node.tag + ">");
    return end_tag(node);
  }

  // At '<' and a letter: the element and everything in it, as a child of `parent`.
  bool element(HtmlNode& parent) {
    HtmlNode node;
    node.kind = HtmlNode::Kind::kElement;
    node.offset = pos_++;
    node.tag = name();
    bool self_closing = false;
    if (!attributes(node, self_closing)) return false;
    if (open_paragraphs_ > 0 && closes_p(node.tag)) return bad("<" + node.tag + "> inside <p>", node.offset);
    bool ok = true;
    if (is_void(node.tag)) {
      // nothing inside, no end tag
    } else if (self_closing) {
      return bad("<" + node.tag + "/>: only void elements close themselves", node.offset);
    } else if (node.tag == "script" || node.tag == "style") {
      ok = raw_text(node);
    } else if (node.tag == "title" || node.tag == "textarea") {
      ok = text_only(node);
    } else {
      open_paragraphs_ += node.tag == "p";
      ok = content(node);
      open_paragraphs_ -= node.tag == "p";
    }
    parent.children.push_back(std::move(node));
    return ok;
  }

  // The children of `parent` up to its end tag (read too), or to the end of the page for the document.
  bool content(HtmlNode& parent) {
    while (pos_ < s_.size()) {
      if (s_[pos_] != '<') {
        if (!text(parent)) return false;
      } else if (at("</")) {
        return end_tag(parent);
      } else if (at("<!")) {
        return bad("a comment or <!...>");
      } else if (pos_ + 1 < s_.size() && is_alpha(s_[pos_ + 1])) {
        if (!element(parent)) return false;
      } else {
        return bad("'<' that starts no tag");
      }
    }
    if (parent.kind == HtmlNode::Kind::kDocument) return true;
    return bad("<" + parent.tag + "> is never closed", parent.offset);
  }

  std::string_view s_;
  size_t pos_ = 0;
  int open_paragraphs_ = 0;
  std::string error_;
};

// --- Selectors -----------------------------------------------------------------------------------

struct Compound {
  std::string tag;  // "" for any
  std::vector<std::string> classes;
  std::vector<std::pair<std::string, std::optional<std::string>>> attributes;  // #id is [id=...]
};

class SelectorReader {
 public:
  explicit SelectorReader(std::string_view s) : s_(s) {}

  std::vector<Compound> run() {
    std::vector<Compound> chain;
    for (skip_space(); pos_ < s_.size(); skip_space()) chain.push_back(compound());
    if (chain.empty()) fail("empty");
    return chain;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("selector \"" + std::string(s_) + "\": " + what + " at " + std::to_string(pos_));
  }
  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }
  std::string identifier() {
    const size_t start = pos_;
    while (pos_ < s_.size() && (is_name_char(s_[pos_]) && s_[pos_] != '.' && s_[pos_] != ':')) ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }
  // After '[': name, optional =value or ="value", and ']'.
  std::pair<std::string, std::optional<std::string>> attribute() {
    std::string key = lower(identifier());
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, std::pair(key, std::nullopt);
    if (pos_ >= s_.size() || s_[pos_] != '=') fail("expected '=' or ']'");
    std::string value;
    if (++pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
      const size_t end = s_.find(s_[pos_], pos_ + 1);
      if (end == std::string_view::npos) fail("unterminated value");
      value = std::string(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
    } else {
      const size_t end = s_.find(']', pos_);
      value = std::string(s_.substr(pos_, end == std::string_view::npos ? end : end - pos_));
      pos_ = end == std::string_view::npos ? s_.size() : end;
    }
    if (pos_ >= s_.size() || s_[pos_] != ']') fail("expected ']'");
    ++pos_;
    return {key, value};
  }
  Compound compound() {
    Compound c;
    if (s_[pos_] == '*') {
      ++pos_;
    } else if (is_alpha(s_[pos_])) {
      c.tag = lower(identifier());
    }
    while (pos_ < s_.size() && !is_space(s_[pos_])) {
      const char kind = s_[pos_++];
      if (kind == '.') {
        c.classes.push_back(identifier());
      } else if (kind == '#') {
        c.attributes.emplace_back("id", identifier());
      } else if (kind == '[') {
        c.attributes.push_back(attribute());
      } else {
        --pos_;
        fail(std::string("unexpected '") + kind + "'");
      }
    }
    return c;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

bool has_class(const HtmlNode& node, const std::string& name) {
  const std::string classes = " " + collapse_whitespace(node.attribute("class").value_or("")) + " ";
  return classes.find(" " + name + " ") != std::string::npos;
}

bool matches(const HtmlNode& node, const Compound& c) {
  if (!node.is_element() || (!c.tag.empty() && node.tag != c.tag)) return false;
  for (const std::string& name : c.classes) {
    if (!has_class(node, name)) return false;
  }
  for (const auto& [key, value] : c.attributes) {
    const std::optional<std::string> actual = node.attribute(key);
    if (!actual || (value && *actual != *value)) return false;
  }
  return true;
}

// Whether chain[0 .. last) match ancestors of the element, nearest first, in order.
bool ancestors_match(const std::vector<Compound>& chain, const std::vector<const HtmlNode*>& ancestors) {
  size_t wanted = chain.size() - 1;
  for (auto it = ancestors.rbegin(); it != ancestors.rend() && wanted > 0; ++it) {
    if (matches(**it, chain[wanted - 1])) --wanted;
  }
  return wanted == 0;
}

void collect(const HtmlNode& node, const std::vector<Compound>& chain, std::vector<const HtmlNode*>& ancestors,
             std::vector<const HtmlNode*>& out) {
  for (const HtmlNode& child : node.children) {
    if (!child.is_element()) continue;
    if (matches(child, chain.back()) && ancestors_match(chain, ancestors)) out.push_back(&child);
    ancestors.push_back(&child);
    collect(child, chain, ancestors, out);
    ancestors.pop_back();
  }
}

}  // namespace

std::optional<std::string> HtmlNode::attribute(std::string_view name) const {
  for (const auto& [key, value] : attributes) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string HtmlNode::raw_text() const {
  if (kind == Kind::kText) return text;
  std::string out;
  for (const HtmlNode& child : children) out += child.raw_text();
  return out;
}

std::string HtmlNode::text_content() const {
  return collapse_whitespace(raw_text());
}

std::vector<const HtmlNode*> HtmlNode::elements() const {
  std::vector<const HtmlNode*> out;
  for (const HtmlNode& child : children) {
    if (child.is_element()) out.push_back(&child);
  }
  return out;
}

std::vector<const HtmlNode*> HtmlNode::select(std::string_view selector) const {
  const std::vector<Compound> chain = SelectorReader(selector).run();
  std::vector<const HtmlNode*> ancestors = {this}, out;
  collect(*this, chain, ancestors, out);
  return out;
}

const HtmlNode& HtmlNode::only(std::string_view selector) const {
  const std::vector<const HtmlNode*> found = select(selector);
  if (found.size() != 1) {
    throw std::runtime_error(std::to_string(found.size()) + " elements match \"" + std::string(selector) +
                             "\", not one");
  }
  return *found[0];
}

HtmlDocument parse_html(std::string_view html) {
  return HtmlReader(html).run();
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

}  // namespace attnmap::testing
