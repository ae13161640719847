// run_pipelined: every batch consumed once and in order, threaded or not; a
// producer failure rethrown only after the batches before it are consumed (so
// a fetch keeps every batch it committed); a consumer failure stops the
// producer; the producer runs ahead by at most the queue it is given; a
// consumer with nothing to store helps with the producer's shared tasks.
#include "fetch/batch_pipeline.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

namespace prismaflow::fetch {
namespace {

class BatchPipeline : public ::testing::TestWithParam<bool> {};

TEST_P(BatchPipeline, ConsumesEveryBatchInOrder) {
  int next = 0;
  std::vector<int> seen;
  run_pipelined<int>(
      [&]() -> std::optional<int> {
        if (next == 100) return std::nullopt;
        return next++;
      },
      [&](int& b) { seen.push_back(b); }, GetParam());
  ASSERT_EQ(seen.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], i);
}

TEST_P(BatchPipeline, ProducerErrorComesAfterEarlierBatches) {
  int next = 0;
  std::vector<int> seen;
  EXPECT_THROW(run_pipelined<int>(
                   [&]() -> std::optional<int> {
                     if (next == 5) throw std::runtime_error("efetch failed");
                     return next++;
                   },
                   [&](int& b) { seen.push_back(b); }, GetParam()),
               std::runtime_error);
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST_P(BatchPipeline, ConsumerErrorStopsTheProducer) {
  std::atomic<int> produced{0};
  EXPECT_THROW(run_pipelined<int>(
                   [&]() -> std::optional<int> { return produced++; },
                   [&](int& b) {
                     if (b == 3) throw std::runtime_error("disk full");
                   },
                   GetParam()),
               std::runtime_error);
  // Batch 3 was being stored; at most two more were prepared meanwhile.
  EXPECT_GE(produced.load(), 4);
  EXPECT_LE(produced.load(), 6);
}

TEST(BatchPipelineThreaded, ProducerRunsAheadByAtMostTheQueue) {
  for (std::size_t waiting : {1u, 3u}) {
    std::atomic<int> produced{0}, consumed{0}, max_ahead{0};
    run_pipelined<int>(
        [&]() -> std::optional<int> {
          if (produced == 200) return std::nullopt;
          int ahead = produced - consumed;
          if (ahead > max_ahead) max_ahead = ahead;
          return produced++;
        },
        [&](int&) { ++consumed; }, true, waiting);
    EXPECT_EQ(consumed.load(), 200);
    // One batch being stored, `waiting` queued, one being produced.
    EXPECT_LE(max_ahead.load(), static_cast<int>(waiting) + 1) << waiting;
  }
}

TEST(BatchPipelineThreaded, ConsumerHelpsWithTheBatchBeingProduced) {
  // Each batch is 20 shared tasks. The first batch's first task waits until
  // the consuming thread (this one) has run one of them: it has nothing to
  // store then, so it helps.
  const auto consumer = std::this_thread::get_id();
  TaskSharer sharer;
  std::atomic<int> by_consumer{0};
  int next = 0;
  std::vector<int> seen;
  std::vector<std::vector<int>> runs;
  run_pipelined<int>(
      [&]() -> std::optional<int> {
        if (next == 50) return std::nullopt;
        std::vector<std::atomic<int>> calls(20);
        sharer.run(calls.size(), [&](std::size_t i) {
          ++calls[i];
          if (std::this_thread::get_id() == consumer) ++by_consumer;
          if (next == 0 && i == 0)
            for (int spin = 0; spin < 10000 && by_consumer == 0; ++spin)
              std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
        std::vector<int> counts;
        for (auto& c : calls) counts.push_back(c.load());
        runs.push_back(counts);
        return next++;
      },
      [&](int& b) { seen.push_back(b); }, true, 1, &sharer);
  EXPECT_GT(by_consumer.load(), 0);
  ASSERT_EQ(seen.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], i);
  for (const auto& counts : runs) EXPECT_EQ(counts, std::vector<int>(20, 1));
}

TEST(BatchPipelineThreaded, ConsumerErrorWithSharedTasksStillEnds) {
  TaskSharer sharer;
  std::atomic<int> produced{0};
  EXPECT_THROW(run_pipelined<int>(
                   [&]() -> std::optional<int> {
                     sharer.run(8, [](std::size_t) {});
                     return produced++;
                   },
                   [&](int& b) {
                     if (b == 3) throw std::runtime_error("disk full");
                   },
                   true, 1, &sharer),
               std::runtime_error);
  EXPECT_LE(produced.load(), 6);
}

// The deferred work is flushed once the consumer has waited `after` for a
// slow producer, not between batches that come back to back; on one thread
// it is flushed before every produce().
TEST(BatchPipelineIdle, FlushesWhenTheProducerIsSlowOnly) {
  for (auto [pause, after, expect_flushes] :
       {std::tuple{std::chrono::milliseconds(150), std::chrono::milliseconds(20), true},
        std::tuple{std::chrono::milliseconds(0), std::chrono::milliseconds(10000), false}}) {
    int made = 0, flushes = 0;
    std::vector<int> flushed_after;  // batches consumed at each flush
    int consumed = 0;
    const IdleFlush idle{[&] {
                           ++flushes;
                           flushed_after.push_back(consumed);
                         },
                         after};
    run_pipelined<int>(
        [&]() -> std::optional<int> {
          if (made == 4) return std::nullopt;
          std::this_thread::sleep_for(pause);
          return made++;
        },
        [&](int) { ++consumed; }, true, 1, nullptr, &idle);
    EXPECT_EQ(consumed, 4);
    if (expect_flushes) {
      // Before the first batch and after each of the first three, at least.
      EXPECT_GE(flushes, 4);
      EXPECT_EQ(flushed_after.front(), 0);
    } else {
      EXPECT_EQ(flushes, 0);
    }
  }
  int flushes = 0, made = 0;
  const IdleFlush idle{[&] { ++flushes; }};
  run_pipelined<int>([&]() -> std::optional<int> { return made < 3 ? std::optional<int>(made++) : std::nullopt; },
                     [](int) {}, false, 1, nullptr, &idle);
  EXPECT_EQ(flushes, 4);
}

INSTANTIATE_TEST_SUITE_P(ThreadedAndNot, BatchPipeline, ::testing::Bool());

}  // namespace
}  // namespace prismaflow::fetch
