#pragma once
// SIGINT and SIGTERM (what Slurm and Kubernetes send before killing) asking a long run to stop
// cleanly: the run polls requested() between batches and leaves its output consistent.
namespace attnmap::explain {

// Installs the handlers while it lives and restores the previous ones after. A second signal
// stops the process at once (the default action is back after the first).
class StopOnSignals {
 public:
  StopOnSignals();
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;
  static bool requested();

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

}  // namespace attnmap::explain
