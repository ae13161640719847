// run_pipelined: every batch consumed once and in order, threaded or not; a
// producer failure rethrown only after the batches before it are consumed (so
// a fetch keeps every batch it committed); a consumer failure stops the
// producer; the producer runs ahead by at most the queue it is given.
#include "fetch/batch_pipeline.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
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

INSTANTIATE_TEST_SUITE_P(ThreadedAndNot, BatchPipeline, ::testing::Bool());

}  // namespace
}  // namespace prismaflow::fetch
