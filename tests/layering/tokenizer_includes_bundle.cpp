// The tokenizer reaching up for the bundle (the cycle there was before the layers): must not compile.
#include "attnmap/bundle.h"
