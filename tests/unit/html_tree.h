#pragma once
// A small HTML reader for the tests of the batch report page (src/batch/html_*.cpp): it parses the
// HTML5 that writer emits into a tree and answers what the tests ask of it, so that they assert
// what a browser would see (which value sits under which heading) rather than exact markup.
//
// It reads: a leading <!DOCTYPE html>; elements, their tag and attribute names folded to lower
// case; void elements (meta, img, input, br, link, ...), with or without "/>"; attribute values
// quoted with " or ', and bare attributes (`data-all`, `hidden`: value ""); the contents of
// <script> and <style> as one text node, kept as written, and those of <title> and <textarea> as
// text only; the character references &lt; &gt; &amp; &quot; &apos; &#NN; &#xNN;, decoded in text
// and attribute values.
//
// Where HTML recovers from an error, this reader stops with a problem instead of guessing: what our
// writer never emits is a bug in it. Problems: an end tag that closes nothing or another element
// than the innermost open one; an element never closed (no end tag is implied); a block (<div>,
// <table>, ...) inside a <p>, which a browser would close there; a '<' that starts no tag; an '&'
// that starts no reference this reader knows; an unquoted or repeated attribute, or a '<' in an
// attribute value; a comment or other <!...> after the doctype; a NUL.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attnmap::testing {

struct HtmlNode {
  enum class Kind { kDocument, kElement, kText };
  Kind kind = Kind::kDocument;
  std::string tag;                                              // an element's name, lower case
  std::vector<std::pair<std::string, std::string>> attributes;  // an element's, in page order, decoded
  std::string text;                                             // a text node's characters, decoded
  std::vector<HtmlNode> children;
  size_t offset = 0;  // byte offset of its first character in the page

  bool is_element() const { return kind == Kind::kElement; }
  // The value of attribute `name` (lower case; "" for a bare attribute), nullopt without one.
  std::optional<std::string> attribute(std::string_view name) const;
  // The characters of every text node below this one, in page order (the DOM's textContent).
  std::string raw_text() const;
  // raw_text() with each run of ASCII whitespace made one space, and trimmed:
  // <p>\n  <b>83.0%</b>  accuracy\n</p> -> "83.0% accuracy".
  std::string text_content() const;
  // The element children in order, without the text between them.
  std::vector<const HtmlNode*> elements() const;

  // The elements below this node that match `selector`, in page order. A selector is one or more
  // compound selectors separated by spaces, each a descendant of the one before; a compound is a
  // tag name or '*' followed by any of .class, #id, [attr], [attr=value] and [attr="value"], or
  // those alone: "table.confusion td", "button[data-outcome]", "#outcome-filter [data-all]".
  // Ancestors are looked for up to this node, itself included. Throws std::invalid_argument for
  // a selector outside that grammar.
  std::vector<const HtmlNode*> select(std::string_view selector) const;
  // The one element below this node that matches `selector`; throws std::runtime_error, naming the
  // selector and the number found, when there is not exactly one.
  const HtmlNode& only(std::string_view selector) const;
};

struct HtmlDocument {
  HtmlNode root;        // Kind::kDocument; the page's top-level nodes are its children
  std::string doctype;  // "html" after <!DOCTYPE html>, "" without a doctype
  std::string problem;  // "" when the page parsed, else the first problem and its byte offset;
                        // the tree then holds what was read before it
};

// e.g. parse_html("<p>a</b>").problem == "</b> closes <p> at byte 4".
HtmlDocument parse_html(std::string_view html);

// Each run of ASCII whitespace (space, tab, LF, FF, CR) as one space, none at either end.
std::string collapse_whitespace(std::string_view text);

}  // namespace attnmap::testing
