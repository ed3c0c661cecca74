// Tokenizes and runs a sentence through an installed attnmap; prints tokens and the layer count.
#include <attnmap/bundle.h>
#include <attnmap/error.h>
#include <attnmap/model.h>
#include <attnmap/tokenizer.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  try {
    attnmap::Bundle bundle = attnmap::load_bundle(argv[1]);
    attnmap::Tokenizer tokenizer = attnmap::Tokenizer::from_file(bundle.directory / bundle.manifest.tokenizer_file);
    attnmap::ModelRunner runner(bundle, {});
    attnmap::Encoding encoding = tokenizer.encode(argv[2]);
    attnmap::RunResult result = runner.run(encoding);
    for (const auto& t : encoding.tokens) std::cout << t << ' ';
    std::cout << "| layers " << result.attention.layers << '\n';
  } catch (const attnmap::Error& e) {
    std::cerr << e.message() << '\n';
    return 1;
  }
  return 0;
}
