#include <cstdio>
#include <regex>

#include "attnmap/error.h"
#include "attnmap/figure.h"

namespace attnmap {

std::string format_number(double value, const std::string& spec) {
  static const std::regex kSpec(R"(^\.?(\d{0,2})([fFeEgG%])$)");
  std::smatch m;
  if (!std::regex_match(spec, m, kSpec))
    throw Error::usage("number format '" + spec + "' is not one of .Nf, .Ne, .Ng, .N%", "--fmt");
  int precision = m[1].length() > 0 ? std::stoi(m[1]) : 6;
  char kind = m[2].str()[0];
  char buf[64];
  if (kind == '%') {
    std::snprintf(buf, sizeof buf, "%.*f%%", precision, value * 100.0);
  } else {
    const char fmt[] = {'%', '.', '*', kind, '\0'};
    std::snprintf(buf, sizeof buf, fmt, precision, value);
  }
  std::string out = buf;
  if (out == "-0" || out.rfind("-0.", 0) == 0) {  // "-0.00" reads as a sign that is not there
    bool all_zero = out.find_first_not_of("-0.") == std::string::npos;
    if (all_zero) out.erase(0, 1);
  }
  return out;
}

}  // namespace attnmap
