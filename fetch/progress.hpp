// Progress of a fetch: on a terminal one redrawn bar (records fetched of
// total, rate, ETA); otherwise one plain log line per batch, so CI logs and
// pipes stay readable. The text itself comes from a pure formatter, so it is
// tested without a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace prismaflow::fetch {

/// Where a fetch stands: `done` of `total` records, `fetched` of them in
/// this session over `seconds` (the rate and ETA count only those, so a
/// resumed run does not claim the earlier run's records as speed).
struct ProgressState {
  std::string label;
  std::int64_t total = 0, done = 0, fetched = 0;
  double seconds = 0;
};

/// The bar line for a terminal: "\r" + "label [####......] done/total  R rec/s
/// ETA S s " (no newline; the next draw overwrites it). 30 cells; a total of
/// 0 draws a full bar. Rate and ETA are 0 until time has passed.
std::string format_progress_bar(const ProgressState& s);

/// The plain log line: "label: done/total records (R/s)\n".
std::string format_progress_line(const ProgressState& s);

/// Thread-safe: the fetch runner's producer thread may write retry notes
/// while the storing thread advances the bar.
class Progress {
 public:
  /// Writes to `out`; `tty` selects the redrawn bar.
  Progress(std::ostream& out, bool tty);
  /// Starts counting toward `total` records for `label` (a search name).
  void start(const std::string& label, std::int64_t total, std::int64_t done = 0);
  /// `n` more records fetched.
  void advance(std::int64_t n);
  /// Ends the bar with a newline.
  void finish();
  /// A message line (retries, warnings) that does not break the bar.
  void note(const std::string& line);

 private:
  void draw();
  std::mutex mutex_;
  std::ostream& out_;
  bool tty_;
  std::string label_;
  std::int64_t total_ = 0, done_ = 0, start_done_ = 0;
  std::chrono::steady_clock::time_point t0_;
  bool open_ = false;
};

}  // namespace prismaflow::fetch
