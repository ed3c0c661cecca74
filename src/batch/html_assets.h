#pragma once
// The style sheet and script the batch report inlines, so that index.html needs nothing else.

namespace attnmap::batch::html {

extern const char* const kReportCss;  // html_style.cpp

// html_script.cpp: renders the entries of <script id="report-data"> (see entry_data in
// html_sections.h) a page at a time into <main id="entries">, each <img> loading eagerly; filters
// them by outcome (#outcome-filter) and search text (#search), sorts them (#sort), turns pages
// (.prev, .next, #page-size), and reveals the controls, which stay hidden when scripts are off.
extern const char* const kReportJs;

}  // namespace attnmap::batch::html
