// Progress of a fetch: on a terminal one redrawn bar (records fetched of
// total, rate, ETA); otherwise one plain log line per batch, so CI logs and
// pipes stay readable.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace prismaflow::fetch {

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
  std::ostream& out_;
  bool tty_;
  std::string label_;
  std::int64_t total_ = 0, done_ = 0, start_done_ = 0;
  std::chrono::steady_clock::time_point t0_;
  bool open_ = false;
};

}  // namespace prismaflow::fetch
