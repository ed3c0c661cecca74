#pragma once
// What batch mode decides about one labelled example: the class its gold label names, the
// outcome of each model's prediction, whether it is selected, and the folder its figures go to.
#include <optional>
#include <string>
#include <vector>

namespace attnmap::batch {

// A gold label as written: a class name from id2label, or a class id in digits. nullopt when it
// is neither; `labels` are the class names in id order.
std::optional<size_t> resolve_label(const std::string& label, const std::vector<std::string>& labels);

// "unknown label 'neutral' (classes: negative, positive; or their ids 0..1)"
std::string unknown_label_message(const std::string& label, const std::vector<std::string>& labels);

enum class Selection { kMisclassified, kCorrect, kAll };
Selection parse_selection(const std::string& text);

// One model: "right" / "wrong"; two: "both_right", "only_a_wrong", "only_b_wrong", "both_wrong";
// "unlabelled" when there is no gold label.
std::string outcome(const std::vector<bool>& correct, bool labelled);
bool selected(Selection selection, const std::vector<bool>& correct, bool labelled);

// The folder (below out-dir/examples) of the example on `line` with id `id`: "000012-test-00011".
// The line number keeps folders unique and ordered; the id is reduced to [A-Za-z0-9._-] (others
// become '_') and 60 bytes, so whatever the data set holds — "../../x", "/etc/passwd", NUL,
// a megabyte of text — the name is one harmless path component.
std::string example_folder(size_t line, const std::string& id);

}  // namespace attnmap::batch
