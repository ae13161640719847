// Client-side rate limit for E-utilities: NCBI allows 3 requests/s per IP
// without an API key and 10/s with one (eutils-notes.md section 1). Requests
// are spaced evenly so a burst never trips the server's 429.
#pragma once

#include <chrono>

namespace prismaflow::fetch {

class RateLimiter {
 public:
  /// `per_second` <= 0 disables the spacing (replay); pause() still holds.
  explicit RateLimiter(double per_second);
  /// Blocks until the next request may start, then claims that slot.
  void acquire();
  /// Pushes the next slot at least `seconds` from now (after a 429).
  void pause(double seconds);
  double per_second() const { return per_second_; }

 private:
  double per_second_;
  std::chrono::steady_clock::time_point next_;
};

}  // namespace prismaflow::fetch
