#include "fetch/eutils_session.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "common/error.hpp"

namespace prismaflow::fetch {

EutilsSession::EutilsSession(EutilsTransport& transport, RateLimiter& limiter,
                             RetrySettings retry, LogFn log)
    : transport_(transport), limiter_(limiter), retry_(retry), log_(std::move(log)) {}

EutilsResponse EutilsSession::call(const EutilsRequest& request, const ReplyCheck& check) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  std::string fault;
  for (int attempt = 1; attempt <= retry_.max_attempts; ++attempt) {
    limiter_.acquire();
    ++requests_;
    EutilsResponse r = transport_.send(request);
    if (is_permanent_http_error(r.http_status)) {
      throw NetworkError(request.endpoint + ": HTTP " + std::to_string(r.http_status) +
                         " from the E-utilities server; check --eutils-url");
    }
    fault = transient_fault(r);
    if (fault.empty()) fault = check(r);
    if (fault.empty()) return r;
    if (r.http_status == 429 || fault.rfind("rate limit", 0) == 0) ++rate_limited_;
    if (transport_.is_replay()) break;  // an archive answers the same every time
    if (attempt == retry_.max_attempts) break;
    ++retries_;
    double wait = backoff_delay(retry_, attempt + 1, jitter(rng), r.retry_after_s);
    if (log_) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", wait);
      log_("retrying " + request.endpoint + " in " + buf + " s (attempt " +
           std::to_string(attempt + 1) + "/" + std::to_string(retry_.max_attempts) +
           "): " + fault);
    }
    limiter_.pause(wait);
  }
  throw NetworkError(request.endpoint + ": " + fault + (transport_.is_replay() ? "" :
                     " (gave up after " + std::to_string(retry_.max_attempts) + " attempts)"));
}

}  // namespace prismaflow::fetch
