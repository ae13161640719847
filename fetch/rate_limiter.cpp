#include "fetch/rate_limiter.hpp"

#include <thread>

namespace prismaflow::fetch {

using Clock = std::chrono::steady_clock;

RateLimiter::RateLimiter(double per_second) : per_second_(per_second), next_(Clock::now()) {}

void RateLimiter::acquire() {
  auto now = Clock::now();
  if (next_ > now) {  // a pause (Retry-After) holds even without a limit
    std::this_thread::sleep_until(next_);
    now = next_;
  }
  if (per_second_ <= 0) return;
  // A small margin over 1/rate: NCBI counts requests per wall-clock second
  // on its side, and clocks and queues differ by milliseconds.
  auto interval = std::chrono::duration<double>(1.0 / per_second_ * 1.01);
  next_ = now + std::chrono::duration_cast<Clock::duration>(interval);
}

void RateLimiter::pause(double seconds) {
  auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(seconds));
  if (until > next_) next_ = until;
}

}  // namespace prismaflow::fetch
