#pragma once
// Running a TorchScript model bundle. This header has no torch types: libtorch stays inside the
// model library, and what comes out is plain numbers.
//
//   attnmap::Bundle bundle = attnmap::load_bundle("models/sentiment-bert");
//   attnmap::ModelRunner runner(bundle, {});
//   attnmap::RunResult r = runner.run(encoding);
//   // r.attention: (layers, heads, tokens, tokens); r.predicted_label: "positive"
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/bundle.h"
#include "attnmap/encoding.h"
#include "attnmap/integrated_gradients.h"

namespace attnmap {

struct RunnerOptions {
  std::string device = "cpu";  // "cpu", "cuda" or "cuda:N"
  int threads = 0;             // intra-op threads; 0 leaves libtorch's default
};

struct RunResult {
  std::vector<float> logits;         // one per class; empty for a model without a classifier head
  std::vector<float> probabilities;  // softmax of the logits
  size_t predicted = 0;              // argmax
  std::string predicted_label;       // from the manifest's id2label, or the id as text; "" if no head
  AttentionStack attention;          // padding removed: tokens × tokens of this input only
};

// The gradient of one class's logit with respect to every attention weight, times that weight:
// (d logit / d A) * A for each layer, head, query and key. Gradient-weighted views (Chefer et al.
// 2021) keep its positive part and average it over heads.
struct AttentionGradients {
  RunResult run;  // the forward pass the gradients were taken in
  size_t target = 0;
  AttentionStack gradient_times_attention;  // same shape as run.attention
  // d logit / d A itself, for the views of gradient_attention.h, which multiply by A again. It is
  // recovered as (gradient × attention) / attention, so where an attention weight is exactly 0 it
  // is reported as 0: there the product, all that the views use, is 0 whatever the gradient.
  AttentionStack gradient;
};

// Each token's value vector through each head's slice of the attention output projection, per
// layer (Kobayashi et al. 2020): sum over heads and keys of attention * f, plus output_bias, is the
// attention sub-layer's output. For value-norm views.
struct ValueVectorsResult {
  RunResult run;
  ValueVectors vectors;            // (layers, heads, tokens, hidden)
  std::vector<float> output_bias;  // (layers, hidden)
};

// The decompositions of the model's computation that the exporter traces into a bundle (one method
// of model.pt each, from Hugging Face's own modules; see scripts/models/decompositions.py).
enum class Decomposition {
  kAlti,          // ALTI (Ferrando et al. 2022): each token's share of a layer's attention block output
  kGlobEnc,       // GlobEnc (Modarressi et al. 2022): norms of the same through both LayerNorms (raw)
  kValueZeroing,  // value zeroing (Mohebbi et al. 2023): 1 - cos(output, output with a value zeroed)
};

// The bundle method that computes a decomposition: "alti", "globenc", "value_zeroing".
const char* method_name(Decomposition decomposition);

// DecompX (Modarressi et al. 2023): the logits decomposed into one part per input token, every
// component of the model (attention, residuals, LayerNorms with their std held, the feed-forward
// activations linearised, the classifier head) propagated; biases shared among the tokens.
struct DecompXResult {
  RunResult run;
  size_t classes = 0;
  std::vector<float> shares;  // (tokens, classes): token t's part of class c's logit; columns sum to the logits
};

// Which backward pass a gradient at the model's input takes.
enum class InputGradient {
  kPlain,    // the model's own (bundle method forward_embeds)
  kAttnLrp,  // AttnLRP's rules (Achtibat et al. 2024; forward_attnlrp)
  kCpLrp,    // CP-LRP's rules (Ali et al. 2022; forward_cplrp)
};

// The bundle method an input gradient runs: "forward_embeds", "forward_attnlrp", "forward_cplrp".
const char* method_name(InputGradient gradient);

// The gradient of one class's logit at each token's input, summed two ways.
struct InputGradientResult {
  size_t target = 0;
  double logit = 0;                  // the target's logit, for the relevance's share of it
  std::vector<float> gradient_norm;  // ||g_t||_2, g_t the gradient at token t's word embedding
  // sum_d x_td g_td. kPlain: x is the word embedding (Gradient × Input). The LRP rules: x is the
  // token's whole input, word + position + token-type embedding before the embedding LayerNorm (the
  // gradient is the same at both), so that the relevances add up to the logit less the biases' share.
  std::vector<float> times_input;
};

class ModelRunner {
 public:
  // Loads bundle.model_file onto the device. Throws Error::io when the file is missing,
  // Error::model when it is not a loadable TorchScript module, and Error::usage when the device
  // is unknown or CUDA is asked for but not available.
  ModelRunner(const Bundle& bundle, const RunnerOptions& options);
  ~ModelRunner();
  ModelRunner(const ModelRunner&) = delete;
  ModelRunner& operator=(const ModelRunner&) = delete;

  // Runs a padded batch; results come back in input order, each with its padding removed.
  // Throws Error::input when a token id does not fit the embedding table (checked before the
  // model runs) and Error::model when the model fails or returns no usable attention.
  std::vector<RunResult> run(const std::vector<Encoding>& batch);
  RunResult run(const Encoding& encoding);

  // Needs the bundle's forward_scaled method. `target` is a class id; unset: the predicted class.
  // Throws Error::usage for a model without a classifier head or a target out of range.
  AttentionGradients attention_gradients(const Encoding& encoding, std::optional<size_t> target = {});

  // Needs the bundle's value_vectors method.
  ValueVectorsResult value_vectors(const Encoding& encoding);

  // Every layer's token × token matrix of a decomposition, (layers, 1, tokens, tokens): row i says
  // how much each of the layer's input tokens makes up token i's output. Needs the bundle's method
  // (method_name); a bundle exported before it existed gets Error::model naming the re-export.
  AttentionStack decomposition(const Encoding& encoding, Decomposition decomposition);

  // Needs the bundle's decompx method, and a model with a classifier head.
  DecompXResult decompx(const Encoding& encoding);

  // One backward pass of the target's logit (unset: the predicted class) to the input. Needs the
  // bundle's embed and the method of `gradient`; Error::usage without a classifier head.
  InputGradientResult input_gradients(const Encoding& encoding, std::optional<size_t> target, InputGradient gradient);

  // Integrated Gradients of one class's logit (or probability) with respect to the word
  // embeddings, one attribution per token; needs the bundle's embed and forward_embeds methods.
  IgResult integrated_gradients(const Encoding& encoding, const IgOptions& options);

  std::string device() const;
  // The bundle's manifest, with what loading learned filled in (vocab_size of a plain module).
  const Manifest& manifest() const;
  // Which of the bundle methods (forward, embed, forward_embeds, forward_scaled, value_vectors)
  // the module has, and how many parameters it holds.
  std::vector<std::string> methods() const;
  int64_t parameter_count() const;
  static std::string torch_version();
  static bool cuda_available();

  struct Impl;  // the model library's own (src/model/runner_impl.h)

 private:
  std::unique_ptr<Impl> impl_;
};

// Looks at a TorchScript file before libtorch does, so that the common damage gets a plain message:
// Error::io when it is missing or no regular file; Error::model when it is empty, not a
// TorchScript archive (the zip file torch.jit.save writes, or its flatbuffer form), or a zip cut
// short (no end-of-archive record). Reads the first and last few bytes only; torch-free.
void check_model_file(const std::filesystem::path& model_file);

}  // namespace attnmap
