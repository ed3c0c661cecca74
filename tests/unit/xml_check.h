#pragma once
// A minimal XML 1.0 well-formedness check for the SVG tests: one root element, balanced and
// properly nested tags, quoted attributes without '<', only known entities and character
// references, no control characters XML forbids. Not a validating parser: no DTDs, CDATA or
// comments (the SVG writer emits none).
#include <string>

namespace attnmap::testing {

// "" when `xml` is well-formed, else what is wrong and the byte offset.
std::string xml_problem(const std::string& xml);

}  // namespace attnmap::testing
