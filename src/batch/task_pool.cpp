#include "batch/task_pool.h"

#include <sched.h>

#include <algorithm>

namespace attnmap::batch {

size_t usable_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<size_t>(CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

void TaskGroup::wait() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return pending_ == 0; });
  if (error_) {
    std::exception_ptr e = error_;
    error_ = nullptr;
    std::rethrow_exception(e);
  }
}

void TaskGroup::finished(std::exception_ptr error) {
  std::lock_guard lock(mutex_);
  if (error && !error_) error_ = error;
  if (--pending_ == 0) done_.notify_all();
}

TaskPool::TaskPool(size_t threads, size_t max_queued) : max_queued_(max_queued > 0 ? max_queued : 4 * std::max<size_t>(threads, 1)) {
  for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i) workers_.emplace_back([this] { work(); });
}

TaskPool::~TaskPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  space_.notify_all();
  for (auto& w : workers_) w.join();
}

void TaskPool::submit(TaskGroup& group, std::function<void()> task) {
  {
    std::lock_guard lock(group.mutex_);
    ++group.pending_;
  }
  {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return stopping_ || queue_.size() < max_queued_; });
    queue_.emplace_back(&group, std::move(task));
  }
  wake_.notify_one();
}

void TaskPool::work() {
  while (true) {
    std::pair<TaskGroup*, std::function<void()>> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    space_.notify_one();
    std::exception_ptr error;
    try {
      job.second();
    } catch (...) {
      error = std::current_exception();
    }
    job.first->finished(error);
  }
}

}  // namespace attnmap::batch
