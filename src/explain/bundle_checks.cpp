#include "explain/bundle_checks.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "attnmap/error.h"
#include "attnmap/figure.h"
#include "attnmap/figure_output.h"
#include "attnmap/files.h"
#include "attnmap/model.h"
#include "attnmap/views.h"
#include "core/json_depth.h"

namespace attnmap::explain {
namespace {

const std::vector<std::string> kSentences = {
    "Fine.",
    "The film was not bad at all, but the ending dragged on for far too long.",
    "Café crème, 東京 and naïve résumés: a sentence with accents, CJK and numbers like 3.14 and 42!",
};

double worst_difference(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return INFINITY;
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(static_cast<double>(a[i]) - b[i]));
  return worst;
}

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The golden file's cases, run through our tokenizer and runner as one padded batch per case.
std::string check_golden(const std::string& path, const Tokenizer& tokenizer, ModelRunner& runner,
                         const CheckOptions& o) {
  const std::string text = read_file(path);
  check_json_depth(text, path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error::input(std::string("golden file is not valid JSON: ") + e.what(), path);
  }
  double worst_attention = 0, worst_logit = 0;
  size_t examples = 0;
  try {
    for (const auto& c : j.at("cases")) {
      const auto texts = c.at("texts").get<std::vector<std::string>>();
      const auto pairs = c.value("pairs", std::vector<std::string>{});
      std::vector<Encoding> batch;
      for (size_t i = 0; i < texts.size(); ++i)
        batch.push_back(pairs.empty() ? tokenizer.encode(texts[i]) : tokenizer.encode_pair(texts[i], pairs.at(i)));
      std::vector<RunResult> results = runner.run(batch);
      for (size_t i = 0; i < results.size(); ++i) {
        const auto& want = c.at("examples").at(i);
        if (batch[i].ids != want.at("ids").get<std::vector<int64_t>>())
          throw Error::model("token ids differ from the reference for '" + texts[i] + "'");
        worst_logit = std::max(worst_logit, worst_difference(results[i].logits, want.at("logits").get<std::vector<float>>()));
        worst_attention = std::max(worst_attention,
                                   worst_difference(results[i].attention.values, want.at("attentions").get<std::vector<float>>()));
        ++examples;
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error::input(std::string("golden file is malformed: ") + e.what(), path);
  }
  std::string detail = std::to_string(examples) + " examples, max |logit diff| " + fmt(worst_logit) +
                       ", max |attention diff| " + fmt(worst_attention);
  if (!(worst_logit <= o.logit_tolerance) || !(worst_attention <= o.attention_tolerance))
    throw Error::model(detail + " (tolerances " + fmt(o.logit_tolerance) + ", " + fmt(o.attention_tolerance) + ")");
  return detail;
}

}  // namespace

std::string check_bundle(const CheckOptions& o, batch::Checklist& list) {
  std::optional<Bundle> bundle;
  std::optional<Tokenizer> tokenizer;
  std::unique_ptr<ModelRunner> runner;
  const std::string model_name = o.model.model.empty() ? "default" : o.model.model;
  list.run("manifest", [&] {
    bundle = open_bundle(o.model);
    const Manifest& m = bundle->manifest;
    return m.name + ": " + m.model_type + ", " + std::to_string(m.num_layers) + " layers, " +
           std::to_string(m.num_heads) + " heads, " + std::to_string(m.labels.size()) + " classes";
  });
  if (bundle) list.run("module loads", [&] {
    runner = std::make_unique<ModelRunner>(*bundle, RunnerOptions{o.model.device, o.model.threads});
    return "on " + runner->device() + ", " + std::to_string(runner->parameter_count()) + " parameters";
  });
  if (bundle) list.run("tokenizer loads", [&] {
    tokenizer = load_tokenizer(*bundle);
    return bundle->manifest.tokenizer_kind + ", ids 0.." + std::to_string(tokenizer->id_limit() - 1);
  });
  if (runner && tokenizer) {
    const Manifest& m = runner->manifest();
    list.run("methods the manifest lists are in the module", [&] {
      std::vector<std::string> have = runner->methods();
      for (const auto& name : m.methods)
        if (std::find(have.begin(), have.end(), name) == have.end())
          throw Error::model("the manifest lists '" + name + "' but the module has no such method");
      return std::to_string(have.size()) + " methods";
    });
    list.run("token ids fit the embedding table", [&] {
      if (m.vocab_size > 0 && tokenizer->id_limit() > m.vocab_size)
        throw Error::model("the tokenizer produces ids up to " + std::to_string(tokenizer->id_limit() - 1) +
                           " but the embedding table has " + std::to_string(m.vocab_size) + " rows");
      return std::to_string(tokenizer->id_limit()) + " ids ≤ " + std::to_string(m.vocab_size) + " rows";
    });
    std::vector<Encoding> encodings;
    std::vector<RunResult> singles;
    list.run("forward on sentences of several lengths and a pair", [&] {
      EncodeOptions limit;
      limit.max_length = static_cast<size_t>(m.max_length);
      for (const auto& s : kSentences) encodings.push_back(tokenizer->encode(s, limit));
      std::string longest;
      while (longest.size() < static_cast<size_t>(m.max_length) * 8) longest += "a long input keeps going ";
      encodings.push_back(tokenizer->encode(longest, limit));
      encodings.push_back(tokenizer->encode_pair("Is the soup good?", "It was cold and bland.", limit));
      std::string lengths;
      for (const auto& e : encodings) {
        singles.push_back(runner->run(e));
        lengths += (lengths.empty() ? "" : ", ") + std::to_string(e.size());
      }
      return std::to_string(encodings.size()) + " inputs of " + lengths + " tokens";
    });
    if (!singles.empty()) {
      list.run("manifest agrees with the module's outputs", [&] {
        const AttentionStack& a = singles.front().attention;
        // A plain TorchScript file has no manifest of its own (sizes 0): nothing to disagree with.
        const bool sizes_listed = m.num_layers > 0;
        if (sizes_listed && (static_cast<int64_t>(a.layers) != m.num_layers || static_cast<int64_t>(a.heads) != m.num_heads))
          throw Error::model("the module returns " + std::to_string(a.layers) + " layers × " + std::to_string(a.heads) +
                             " heads; the manifest says " + std::to_string(m.num_layers) + " × " +
                             std::to_string(m.num_heads));
        // The runner takes the embedding table's rows from the module; the manifest may say otherwise.
        const int64_t listed = bundle->manifest.vocab_size;
        if (listed > 0 && listed != m.vocab_size)
          throw Error::model("the manifest's vocab_size is " + std::to_string(listed) +
                             " but the module's embedding table has " + std::to_string(m.vocab_size) + " rows");
        if (!m.labels.empty() && singles.front().logits.size() != m.labels.size())
          throw Error::model("the module returns " + std::to_string(singles.front().logits.size()) +
                             " logits; the manifest names " + std::to_string(m.labels.size()) + " classes");
        return std::to_string(a.layers) + " layers × " + std::to_string(a.heads) + " heads, " +
               std::to_string(singles.front().logits.size()) + " logits";
      });
      list.run("attention rows are probability distributions", [&] {
        double worst = 0, lowest = 0;
        for (const auto& r : singles) {
          const AttentionStack& a = r.attention;
          for (size_t row = 0; row < a.values.size() / a.keys; ++row) {
            double sum = 0;
            for (size_t k = 0; k < a.keys; ++k) {
              sum += a.values[row * a.keys + k];
              lowest = std::min(lowest, static_cast<double>(a.values[row * a.keys + k]));
            }
            worst = std::max(worst, std::abs(sum - 1));
          }
        }
        if (worst > 1e-4 || lowest < 0) throw Error::model("a row sums to 1 ± " + fmt(worst) + ", lowest weight " + fmt(lowest));
        return "every row sums to 1 within " + fmt(worst);
      });
      list.run("a padded batch equals single runs", [&] {
        std::vector<RunResult> batched = runner->run(encodings);
        double worst = 0;
        for (size_t i = 0; i < batched.size(); ++i) {
          worst = std::max(worst, worst_difference(batched[i].attention.values, singles[i].attention.values));
          worst = std::max(worst, worst_difference(batched[i].logits, singles[i].logits));
        }
        if (worst > 1e-4) throw Error::model("padding changes the numbers by up to " + fmt(worst));
        return "max |diff| " + fmt(worst);
      });
      list.run("a figure renders", [&] {
        HeatmapFigure figure;
        figure.matrix = reduce_heads(singles[1].attention, singles[1].attention.layers - 1, HeadReduction::kMean);
        label_axes(figure.matrix, encodings[1].tokens);
        figure.title = m.name;
        std::string png = encode_figure(figure, {}, ImageFormat::kPng);
        return std::to_string(png.size()) + " bytes of PNG";
      });
    }
    if (!o.golden.empty()) list.run("matches the golden reference outputs", [&] {
      return check_golden(o.golden, *tokenizer, *runner, o);
    });
  }
  return bundle ? bundle->manifest.name : model_name;
}

}  // namespace attnmap::explain
