// Control: the renderer includes what lies below it, public and internal headers alike.
#include "attnmap/error.h"
#include "attnmap/views.h"
#include "core/utf8.h"
#include "core/xml.h"
#include "render/canvas.h"

int main() { return 0; }
