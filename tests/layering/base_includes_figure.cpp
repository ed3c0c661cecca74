// The lowest layer reaching for the renderer's public header: must not compile.
#include "attnmap/figure.h"
