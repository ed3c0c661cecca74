#pragma once
// A minimal XML 1.0 well-formedness check for the SVG tests: one root element, balanced and
// properly nested tags, quoted attributes without '<', only known entities and character
// references, no control characters XML forbids. Not a validating parser: no DTDs, CDATA or
// comments (the SVG writer emits none).
//
// xml_elements reads the same documents back as elements, so that tests check structure (how many
// <rect>, which texts in which order) instead of searching for markup.
#include <string>
#include <utility>
#include <vector>

namespace attnmap::testing {

// "" when `xml` is well-formed, else what is wrong and the byte offset.
std::string xml_problem(const std::string& xml);

struct XmlElement {
  // As written, prefix included: "svg", "attnmap:figure".
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // in order, references resolved
  std::string text;  // the character data directly inside (not in child elements), references resolved
  int parent = -1;   // index of the enclosing element in the list; -1 for the root

  // The attribute's value, or "" when the element has none of that name.
  std::string attribute(const std::string& key) const;
};

// Every element of a well-formed document in document order (the root first), e.g.
// "<a x=\"1\">t &amp; u<b/></a>" -> {a, x=1, "t & u", -1}, {b, 0}. Throws std::runtime_error with
// xml_problem's message when the document is not well-formed.
std::vector<XmlElement> xml_elements(const std::string& xml);

}  // namespace attnmap::testing
