// A two-stage pipeline for bulk loads: a worker thread produces batch N+1
// (efetch, parse, JSON, compression: work that needs no database) while the
// calling thread consumes batch N (the SQLite writes, which stay on the
// thread that owns the connection). A bounded hand-off queue, so at most
// `waiting` + 2 batches exist at once (being produced, waiting, being stored):
// memory is bounded by the batch size, not by the result set. Used by the fetch runner
// and by bench/fetch_parse_bench, so the bench times the path fetch takes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace prismaflow::fetch {

/// Calls `produce()` on a worker thread until it returns an empty optional,
/// and `consume(batch)` on the calling thread for each batch, in order.
/// Batches produced before a producer exception are all consumed first, then
/// that exception is rethrown here; a consumer exception stops the producer
/// (after its current batch) and is rethrown once the worker has ended.
/// `produce` must not touch what `consume` touches (the database, Progress).
/// With `threaded` false both run on the calling thread, one after the other
/// (the single-core baseline the bench reports beside the pipelined figure).
/// Up to `waiting` produced batches wait for the consumer, so each side can
/// run ahead while the other is descheduled on a busy machine.
template <class Batch, class Produce, class Consume>
void run_pipelined(Produce produce, Consume consume, bool threaded = true,
                   std::size_t waiting = 1) {
  if (!threaded) {
    while (std::optional<Batch> b = produce()) consume(*b);
    return;
  }
  if (waiting == 0) waiting = 1;
  std::mutex m;
  std::condition_variable cv;
  std::deque<Batch> ready;  // at most `waiting` batches
  // Consumed batches go back to the worker to be freed: for a parsed efetch
  // reply that is thousands of small frees, which would otherwise cost the
  // storing thread (the bottleneck) about a tenth of its time.
  std::vector<Batch> spent;
  bool done = false, stop = false;
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      for (;;) {
        std::vector<Batch> old;
        {
          std::lock_guard<std::mutex> l(m);
          if (stop) return;
          old.swap(spent);
        }
        old.clear();
        std::optional<Batch> b = produce();
        std::unique_lock<std::mutex> l(m);
        cv.wait(l, [&] { return ready.size() < waiting || stop; });
        if (stop) return;
        if (!b) {
          done = true;
          cv.notify_all();
          return;
        }
        ready.push_back(std::move(*b));
        cv.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> l(m);
      error = std::current_exception();
      done = true;
      cv.notify_all();
    }
  });
  try {
    for (;;) {
      std::optional<Batch> b;
      {
        std::unique_lock<std::mutex> l(m);
        cv.wait(l, [&] { return !ready.empty() || done; });
        if (ready.empty()) break;
        b = std::move(ready.front());
        ready.pop_front();
        cv.notify_all();
      }
      consume(*b);
      std::lock_guard<std::mutex> l(m);
      if (spent.size() < waiting + 1) spent.push_back(std::move(*b));  // else freed here
    }
  } catch (...) {
    {
      std::lock_guard<std::mutex> l(m);
      stop = true;
    }
    cv.notify_all();
    worker.join();
    throw;
  }
  worker.join();
  if (error) std::rethrow_exception(error);
}

/// A helper thread that shares one batch's independent tasks with the thread
/// producing the batch. The producer is the pipeline's slower side (parse,
/// JSON, compression against the SQLite writes), so part of its work moves
/// to whichever core has slack; the tasks are claimed one at a time, so a
/// helper that is descheduled (or never wakes) costs the caller at most the
/// one task it is in, never a fixed share of the batch.
class TaskSharer {
 public:
  TaskSharer() : thread_([this] { help(); }) {}
  ~TaskSharer() {
    {
      std::lock_guard<std::mutex> l(m_);
      quit_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  TaskSharer(const TaskSharer&) = delete;
  TaskSharer& operator=(const TaskSharer&) = delete;

  /// Calls `task(i)` once for every i in [0, n): the calling thread takes
  /// them from the front, the helper from the back, until they meet (so put
  /// the largest task last). Returns once every task has ended; if any threw,
  /// rethrows the exception of the lowest i, the one a loop in order would
  /// have met first. Tasks must be independent of each other. Called from
  /// one thread at a time.
  void run(std::size_t n, const std::function<void(std::size_t)>& task) {
    {
      std::lock_guard<std::mutex> l(m_);
      task_ = &task;
      front_ = 0;
      back_ = n;
      errors_.assign(n, nullptr);
      ++generation_;
    }
    cv_.notify_all();
    std::unique_lock<std::mutex> l(m_);
    while (front_ < back_) {
      const std::size_t i = front_++;
      l.unlock();
      call(i);
      l.lock();
    }
    // Nothing is left to claim; wait only for a task the helper is inside.
    cv_.wait(l, [&] { return !helper_busy_; });
    task_ = nullptr;
    for (auto& e : errors_)
      if (e) std::rethrow_exception(e);
  }

 private:
  void call(std::size_t i) {
    try {
      (*task_)(i);
    } catch (...) {
      errors_[i] = std::current_exception();  // slot i is this thread's alone
    }
  }

  void help() {
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> l(m_);
    for (;;) {
      cv_.wait(l, [&] { return quit_ || generation_ != seen; });
      if (quit_) return;
      seen = generation_;
      // A late wake-up finds the tasks all claimed and does nothing.
      while (front_ < back_) {
        const std::size_t i = --back_;
        helper_busy_ = true;
        l.unlock();
        call(i);
        l.lock();
        helper_busy_ = false;
      }
      cv_.notify_all();
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t front_ = 0, back_ = 0;  // tasks [front_, back_) are unclaimed
  std::vector<std::exception_ptr> errors_;
  std::uint64_t generation_ = 0;
  bool helper_busy_ = false, quit_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace prismaflow::fetch
