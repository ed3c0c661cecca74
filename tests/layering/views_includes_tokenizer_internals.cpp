// The views reaching into the tokenizer's private headers: must not compile.
#include "tokenizer/bpe.h"
