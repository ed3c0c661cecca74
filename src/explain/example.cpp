#include "explain/example.h"

#include <algorithm>
#include <iostream>

#include "attnmap/display.h"
#include "attnmap/error.h"

namespace attnmap::explain {

void encode_example(Example& example, const EncodingOptions& o, const Tokenizer& tokenizer, const Manifest& manifest) {
  EncodeOptions options;
  options.max_length = static_cast<size_t>(o.max_length > 0 ? o.max_length : manifest.max_length);
  options.truncate = !o.no_truncate;
  Encoding e = example.pair.empty() ? tokenizer.encode(example.text, options)
                                    : tokenizer.encode_pair(example.text, example.pair, options);
  const auto& special = e.special_tokens_mask;
  if (std::all_of(special.begin(), special.end(), [](uint8_t s) { return s != 0; }))
    throw Error::input("the text is empty or only whitespace: there is nothing to show", example.source);
  if (e.truncated && o.warn_truncation)
    std::cerr << "attnmap: warning: text truncated to " << e.size()
              << " tokens (the model's maximum; --no-truncate refuses instead)\n";
  const DisplayForm form = parse_display_form(o.tokens);
  example.labels = example.pair.empty() ? display_tokens(e, example.text, form)
                                        : display_tokens(e, example.text, example.pair, form);
  example.encoding = std::move(e);
}

std::optional<int64_t> mask_token_id(const Tokenizer& tokenizer) {
  for (const char* token : {"[MASK]", "<mask>"})
    if (auto id = tokenizer.token_to_id(token)) return id;
  return std::nullopt;
}

}  // namespace attnmap::explain
