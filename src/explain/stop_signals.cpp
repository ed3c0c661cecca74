#include "explain/stop_signals.h"

#include <csignal>

namespace attnmap::explain {
namespace {

volatile std::sig_atomic_t g_stop_requested = 0;

extern "C" void request_stop(int signal_number) {
  g_stop_requested = 1;
  std::signal(signal_number, SIG_DFL);  // a second Ctrl-C stops at once
}

}  // namespace

StopOnSignals::StopOnSignals() {
  g_stop_requested = 0;
  previous_int_ = std::signal(SIGINT, request_stop);
  previous_term_ = std::signal(SIGTERM, request_stop);
}

StopOnSignals::~StopOnSignals() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

bool StopOnSignals::requested() { return g_stop_requested != 0; }

}  // namespace attnmap::explain
