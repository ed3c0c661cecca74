#include "tokenizer/albert_preprocess.h"

#include "tokenizer/python_unicode.h"

namespace attnmap::tokenizer {
namespace {

void collapse_spaces(NormalizedString& s) {
  NormalizedString out;
  bool pending_space = false;
  Alignment space_align;
  for (size_t i = 0; i < s.size(); ++i) {
    if (unicode::python_is_space(s.chars[i])) {
      if (!pending_space) space_align = s.align[i];
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) {
      out.chars.push_back(U' ');
      out.align.push_back(space_align);
    }
    pending_space = false;
    out.chars.push_back(s.chars[i]);
    out.align.push_back(s.align[i]);
  }
  s = std::move(out);
}

// str.replace(pair, '"'): left to right, matches do not overlap.
void replace_pair(NormalizedString& s, char32_t c) {
  NormalizedString out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.chars[i] == c && i + 1 < s.size() && s.chars[i + 1] == c) {
      out.chars.push_back(U'"');
      out.align.push_back({s.align[i].begin, s.align[i + 1].end});
      ++i;
    } else {
      out.chars.push_back(s.chars[i]);
      out.align.push_back(s.align[i]);
    }
  }
  s = std::move(out);
}

}  // namespace

void PythonLowercase::normalize(NormalizedString& text) const {
  text.transform([](char32_t c, std::u32string& out) { unicode::append_python_lower(c, out); });
}

std::vector<NormalizedString> AlbertPreprocess::split(const NormalizedString& segment) const {
  NormalizedString text = segment;
  if (options_.remove_space) collapse_spaces(text);
  replace_pair(text, U'`');
  replace_pair(text, U'\'');
  const AlbertPreprocessOptions o = options_;
  std::u32string decomposed;
  text.transform([&](char32_t c, std::u32string& out) {
    decomposed.clear();
    if (o.keep_accents) decomposed.push_back(c);
    else unicode::append_nfkd_without_marks(c, decomposed);
    if (!o.do_lower_case) {
      out += decomposed;
      return;
    }
    for (char32_t d : decomposed) unicode::append_python_lower(d, out);
  });
  if (text.empty()) return {};
  return {std::move(text)};
}

}  // namespace attnmap::tokenizer
