#pragma once
// A model bundle: a directory holding model.pt, the tokenizer files and attnmap.json, the
// manifest written by scripts/models/export_model.py. This header reads the manifest; loading the
// TorchScript module is the model layer's job (model.h).
//
// attnmap.json, format_version 1:
//   { "format_version": 1, "model_type": "bert", "num_layers": 3, "num_heads": 12,
//     "hidden_size": 384, "max_length": 128, "id2label": {"0": "negative", "1": "positive"},
//     "tokenizer": {"kind": "tokenizer.json", "file": "tokenizer.json", "pad_id": 0},
//     (kind is one of "tokenizer.json", "sentencepiece" (file: the .model), "wordpiece-vocab"
//     (vocab.txt), "bpe-vocab" (vocab.json, with "merges": "merges.txt", the default))
//     "methods": ["forward", "embed", "forward_embeds"],
//     "unavailable_methods": {"alti": "why the family has none", ...} (optional),
//     "source": "...", "torch_version": "...", "transformers_version": "..." }
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "attnmap/tokenizer.h"

namespace attnmap {

struct Manifest {
  int format_version = 1;
  std::string name;        // the bundle directory's name, e.g. "sentiment-bert"
  std::string model_type;  // "bert", "roberta", "xlm-roberta", ...
  int64_t num_layers = 0;
  int64_t num_heads = 0;
  int64_t hidden_size = 0;
  int64_t max_length = 0;
  int64_t vocab_size = 0;  // rows of the word embedding table; 0: learn it from the module
  std::vector<std::string> labels;  // id2label, index = class id; empty for a model with no head
  std::string tokenizer_kind;       // "tokenizer.json", "sentencepiece", "wordpiece-vocab", "bpe-vocab"
  std::string tokenizer_file;       // relative to the bundle directory
  std::string tokenizer_merges;     // bpe-vocab only: merges file, relative; "" means merges.txt
  int64_t pad_id = 0;
  std::vector<std::string> methods;
  // Bundle methods the exporter does not trace for this model, each with the reason (a family
  // whose layers a method's definition does not cover, a model without a classification head).
  std::map<std::string, std::string> unavailable_methods;
  std::string source;
};

struct Bundle {
  std::filesystem::path directory;
  std::filesystem::path model_file;  // directory / "model.pt"
  Manifest manifest;
};

// Reads `directory`/attnmap.json. Throws Error::io when the directory or the manifest cannot be
// read, Error::input when the manifest is malformed or of an unknown format_version.
Bundle load_bundle(const std::filesystem::path& directory);

// The bundle's tokenizer, as its manifest names it (a .model's family from model_type unless
// `options` names one). Throws as Tokenizer::from_kind.
Tokenizer load_tokenizer(const Bundle& bundle, LoadOptions options = {});

// The tokenizer at `path`: a bundle directory's (as above), or anything Tokenizer::from_path takes.
Tokenizer load_tokenizer(const std::filesystem::path& path, LoadOptions options = {});

// A TorchScript file the user traced themselves (e.g. BertForSequenceClassification with
// torchscript=True, traced with output_attentions=True), with its tokenizer named separately. What
// a manifest would say is learned from the module when it is loaded (vocabulary size) and from its
// outputs (layers, heads); max_length is 512 and the labels are the class ids. `tokenizer` is
// anything load_tokenizer(path) takes (a file of any kind, or a directory).
Bundle plain_module_bundle(const std::filesystem::path& model_file, const std::filesystem::path& tokenizer);

// Parses manifest text; `where` names it in errors.
Manifest parse_manifest(const std::string& text, const std::string& where);

}  // namespace attnmap
