// The data set and report layer reaching into the renderer: must not compile.
#include "render/svg.h"
