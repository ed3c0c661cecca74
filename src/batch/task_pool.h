#pragma once
// Worker threads for the torch-free half of batch mode: laying figures out, encoding PNGs and
// writing files, while the main thread keeps the model busy.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace attnmap::batch {

// The cores this process may run on: its CPU affinity mask (what Slurm's task binding, taskset
// and Kubernetes' static CPU manager restrict) when it can be read, else every core; at least 1.
size_t usable_cores();

// Tasks submitted together and waited for together (one window of examples).
class TaskGroup {
 public:
  // Blocks until every task of the group has run; rethrows the first exception one threw.
  void wait();

 private:
  friend class TaskPool;
  void finished(std::exception_ptr error);

  std::mutex mutex_;
  std::condition_variable done_;
  size_t pending_ = 0;
  std::exception_ptr error_;
};

class TaskPool {
 public:
  // At least one worker; submit() blocks while `max_queued` tasks wait, which bounds the memory
  // the queued figures hold when drawing is slower than the model.
  explicit TaskPool(size_t threads, size_t max_queued = 0);
  // Joins the workers after their current task. Tasks still queued are dropped: the normal path
  // has waited for its groups; this is the path of an error.
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  void submit(TaskGroup& group, std::function<void()> task);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_, space_;
  size_t max_queued_;
  std::deque<std::pair<TaskGroup*, std::function<void()>>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace attnmap::batch
