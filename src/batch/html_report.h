#pragma once
// index.html of `attnmap batch --out-dir`: a gallery of the selected examples that opens from disk
// (file://) with no server and nothing fetched: the style sheet and script are inline, images are
// linked by their paths relative to the output directory.
#include <string>
#include <vector>

#include "batch/records.h"
#include "batch/summary.h"

namespace attnmap::batch {

// The whole page (UTF-8 HTML5) for the run's summary and the manifest records that were
// selected, in manifest order. The header (input, rows, each model's accuracy and confusion
// matrix, the comparison of two models) is HTML; the records are embedded as JSON, which no text
// can break out of, and the inline script shows them a page at a time (100 by default), sorted by
// input line, with filters by outcome and search text, and sorting by id or confidence. Values
// from the data are HTML-escaped or set as text; image paths are percent-encoded per segment.
// A value the page cannot show (no views, a non-finite probability) is shown as "—"; never throws.
//
// Hooks that tests/integration/check_index_html.py relies on: #controls; in #outcome-filter,
// button[data-all] and one button[data-outcome] per outcome ("" for none), each with a .count;
// select#sort (line, id, confidence-asc, confidence-desc); input#search; select#page-size;
// button.next and button.prev; and per shown record an article.entry[data-line] in #entries, with
// .entry-id and .entry-text.
std::string index_html(const Summary& summary, const std::vector<ManifestRecord>& selected_records);

}  // namespace attnmap::batch
