#pragma once
// The explorer page's style sheet and script, embedded at build time from explorer.css and
// explorer.js beside this header (cmake/EmbedText.cmake writes the definitions).

namespace attnmap::explorer {

extern const char* const kExplorerCss;
extern const char* const kExplorerJs;

}  // namespace attnmap::explorer
