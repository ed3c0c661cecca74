#pragma once
// Standard input as a stream buffer that hands on whatever each read(2) returns. std::cin's
// buffer, synchronised with stdio, reports nothing buffered, so a reader cannot tell how much it
// may take without blocking; this one can (in_avail), which lets rows that arrive through a pipe be
// processed as they come instead of once a whole buffer has filled.
#include <streambuf>
#include <vector>

namespace attnmap::batch {

class StdinReader : public std::streambuf {
 public:
  StdinReader();

 protected:
  int_type underflow() override;  // Error::io when read(2) fails

 private:
  std::vector<char> buffer_;
};

}  // namespace attnmap::batch
