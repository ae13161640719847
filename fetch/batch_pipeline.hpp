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
#include <deque>
#include <exception>
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

}  // namespace prismaflow::fetch
