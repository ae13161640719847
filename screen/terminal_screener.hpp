// The interactive screener: one record at a time on an ANSI terminal, one key
// per decision, a reason picker, undo, progress. Each decision commits on its
// own (record_decision), so a crash or a lost ssh session loses at most the
// record on screen, and a second reviewer in another process is never blocked
// for longer than one write.
#pragma once

#include <cstdint>
#include <vector>

#include "common/protocol.hpp"
#include "screen/stage.hpp"

namespace prismaflow::db {
class Database;
}

namespace prismaflow::screen {

struct ScreenerOptions {
  Stage stage = Stage::kTitleAbstract;
  std::string reviewer;
  std::vector<std::int64_t> order;  ///< records awaiting, in the order to show them
  int in_fd = 0;
  int out_fd = 1;
};

/// Runs the session until the queue is empty or the reviewer presses q.
/// Puts `in_fd` in raw mode while it runs (restored on return or throw).
/// Returns the number of decisions recorded. Throws UsageError when either
/// descriptor is not a terminal.
std::int64_t run_terminal_screener(db::Database& db, const Protocol& protocol,
                                   const ScreenerOptions& options);

}  // namespace prismaflow::screen
