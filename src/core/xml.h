#pragma once
// Escaping text for XML 1.0: SVG figures, HTML pages, JUnit reports.
#include <string>
#include <string_view>

namespace attnmap {

// `text` made safe for XML character data and for attribute values in double or single quotes:
//   & < > " '            -> &amp; &lt; &gt; &quot; &apos;
//   tab, newline, CR     -> &#9; &#10; &#13;   (kept through attribute normalisation)
//   other C0 controls, U+FFFE, U+FFFF, bytes that are not UTF-8   -> U+FFFD
// e.g. "<s>\x01" -> "&lt;s&gt;\xEF\xBF\xBD". Never throws on bad input: a token is drawn, not refused.
std::string xml_escape(std::string_view text);

}  // namespace attnmap
