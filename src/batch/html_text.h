#pragma once
// Text made safe for the three places the batch report puts data: HTML text and attributes, URLs,
// and JSON inside a <script> element.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace attnmap::batch {

// `text` for HTML character data or a quoted attribute value: & < > " ' become references,
// control characters other than tab, newline and CR and bytes that are not UTF-8 become U+FFFD.
// e.g. "</script>\x01" -> "&lt;/script&gt;\xEF\xBF\xBD".
std::string html_escape(std::string_view text);

// A relative file path as a URL path: each '/'-separated segment percent-encoded byte by byte,
// keeping only RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), so no segment can read as
// a scheme, query or fragment. e.g. "examples/7 a#b?ü/mean.png" -> "examples/7%20a%23b%3F%C3%BC/mean.png",
// "javascript:x" -> "javascript%3Ax".
std::string url_encode_path(std::string_view path);

// `value` as JSON that can sit inside <script type="application/json"> and be read back with
// JSON.parse(element.textContent): < > & U+2028 U+2029 are written as \u escapes (so neither
// "</script>" nor "<!--" can appear), invalid UTF-8 as U+FFFD.
std::string script_json(const nlohmann::json& value);

}  // namespace attnmap::batch
