// A two-stage pipeline for bulk loads: a worker thread produces batch N+1
// (efetch, parse, JSON, compression: work that needs no database) while the
// calling thread consumes batch N (the SQLite writes, which stay on the
// thread that owns the connection). A bounded hand-off queue, so at most
// `waiting` + 2 batches exist at once (being produced, waiting, being stored):
// memory is bounded by the batch size, not by the result set. Used by the fetch runner
// and by bench/fetch_parse_bench, so the bench times the path fetch takes.
// When the producer is the slower side, the consumer helps it through a
// TaskSharer instead of waiting, so two cores are kept busy.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace prismaflow::fetch {

/// Tasks of one batch that the thread producing it shares with a thread
/// that would otherwise wait: in the pipeline below, the consuming thread
/// helps while no batch is ready for it. The producer is the slower side
/// (parse, JSON, compression against the SQLite writes), so part of its work
/// moves to the core with slack, with no third thread competing for two
/// cores. Tasks are claimed one at a time, so a helper busy elsewhere costs
/// the producer at most the one task it is in.
class TaskSharer {
 public:
  TaskSharer() = default;
  TaskSharer(const TaskSharer&) = delete;
  TaskSharer& operator=(const TaskSharer&) = delete;

  /// Called, on the thread in run() and with no lock held, each time run()
  /// offers tasks: how a helper learns there is work. Set while no run() is
  /// in progress.
  void set_on_offer(std::function<void()> on_offer) { on_offer_ = std::move(on_offer); }

  /// Calls `task(i)` once for every i in [0, n): the calling thread takes
  /// them from the front while helpers (help_one) take them from the back,
  /// so put the largest task last. Returns once every task has ended; if
  /// any threw, rethrows the exception of the lowest i, the one a loop in
  /// order would have met first. Tasks must be independent of each other.
  /// Called from one thread at a time.
  void run(std::size_t n, const std::function<void(std::size_t)>& task) {
    {
      std::lock_guard<std::mutex> l(m_);
      task_ = &task;
      front_ = 0;
      back_ = n;
      errors_.assign(n, nullptr);
    }
    if (on_offer_) on_offer_();
    std::unique_lock<std::mutex> l(m_);
    while (front_ < back_) {
      const std::size_t i = front_++;
      l.unlock();
      call(i);
      l.lock();
    }
    // Nothing is left to claim; wait only for tasks helpers are inside.
    cv_.wait(l, [&] { return helping_ == 0; });
    task_ = nullptr;
    for (auto& e : errors_)
      if (e) std::rethrow_exception(e);
  }

  /// Runs one task that a run() on another thread still offers, taken from
  /// the back; false when none is left to claim. Never throws a task's
  /// exception (run() rethrows it).
  bool help_one() {
    std::unique_lock<std::mutex> l(m_);
    if (!task_ || front_ >= back_) return false;
    const std::size_t i = --back_;
    ++helping_;
    l.unlock();
    call(i);
    l.lock();
    if (--helping_ == 0) cv_.notify_all();
    return true;
  }

 private:
  void call(std::size_t i) {
    try {
      (*task_)(i);
    } catch (...) {
      errors_[i] = std::current_exception();  // slot i is this thread's alone
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::function<void()> on_offer_;
  const std::function<void(std::size_t)>* task_ = nullptr;  // while a run() offers tasks
  std::size_t front_ = 0, back_ = 0;  // tasks [front_, back_) are unclaimed
  std::size_t helping_ = 0;           // tasks helpers are inside
  std::vector<std::exception_ptr> errors_;
};

/// Work the consuming thread defers (the fetch's open transaction) and does
/// once it has had nothing to do for `after`: so that what was consumed is
/// settled whenever the producer is slow (waiting on the network), but not
/// between batches that follow each other closely.
struct IdleFlush {
  std::function<void()> flush;
  std::chrono::milliseconds after{50};
};

/// Calls `produce()` on a worker thread until it returns an empty optional,
/// and `consume(batch)` on the calling thread for each batch, in order.
/// Batches produced before a producer exception are all consumed first, then
/// that exception is rethrown here; a consumer exception stops the producer
/// (after its current batch) and is rethrown once the worker has ended.
/// `produce` must not touch what `consume` touches (the database, Progress).
/// With `threaded` false both run on the calling thread, one after the other
/// (the single-core baseline the bench reports beside the pipelined figure).
/// Up to `waiting` produced batches wait for the consumer, so each side can
/// run ahead while the other is descheduled on a busy machine. With
/// `sharer`, which `produce` runs its batch's tasks through, the calling
/// thread helps with those tasks whenever no batch is ready for it. With
/// `idle`, its flush runs on the calling thread once that thread has waited
/// idle->after for a batch with nothing to help with; with `threaded`
/// false, before every produce() (which is where that thread then waits).
template <class Batch, class Produce, class Consume>
void run_pipelined(Produce produce, Consume consume, bool threaded = true,
                   std::size_t waiting = 1, TaskSharer* sharer = nullptr,
                   const IdleFlush* idle = nullptr) {
  if (!threaded) {
    for (;;) {
      if (idle) idle->flush();
      std::optional<Batch> b = produce();
      if (!b) return;
      consume(*b);
    }
  }
  if (waiting == 0) waiting = 1;
  std::mutex m;
  std::condition_variable cv;
  std::deque<Batch> ready;  // at most `waiting` batches
  // Consumed batches go back to the worker to be freed, with what it
  // allocated: glibc frees a chunk from another thread's arena under that
  // arena's lock, so frees on this thread contend with the worker's
  // allocations (freeing whole efetch batches here took 1.5-2 s per 100,000
  // records and slowed the worker by a third). A batch's producer should
  // free what its helpers built in the task that built it (prepare_batch
  // frees each record so).
  std::vector<Batch> spent;
  bool done = false, stop = false, offered = false;
  std::exception_ptr error;
  if (sharer) {
    sharer->set_on_offer([&] {
      std::lock_guard<std::mutex> l(m);
      offered = true;
      cv.notify_all();
    });
  }
  // Only the worker calls the hook, so it is safe to clear once it has ended.
  auto end_worker = [&](std::thread& w) {
    w.join();
    if (sharer) sharer->set_on_offer(nullptr);
  };
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
        const auto ready_or_offered = [&] { return !ready.empty() || done || offered; };
        for (;;) {
          if (idle && !ready_or_offered() &&
              !cv.wait_for(l, idle->after, ready_or_offered)) {
            l.unlock();
            idle->flush();
            l.lock();
          }
          cv.wait(l, ready_or_offered);
          if (!ready.empty() || done) break;
          // Nothing to store yet: help build the batch that is coming. The
          // flag is cleared first, so an offer made meanwhile is not missed.
          offered = false;
          l.unlock();
          while (sharer->help_one()) {
          }
          l.lock();
        }
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
    end_worker(worker);
    throw;
  }
  end_worker(worker);
  if (error) std::rethrow_exception(error);
}

}  // namespace prismaflow::fetch
