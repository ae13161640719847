// A conversation with E-utilities: every request waits for the rate limiter,
// goes through the transport, and is retried (backoff, jitter, Retry-After)
// until the reply passes the caller's check or attempts run out. An esearch
// <ERROR> or a cut/short efetch body is a failed check, so it is retried and
// never handed on half.
#pragma once

#include <functional>
#include <string>

#include "fetch/eutils_transport.hpp"
#include "fetch/rate_limiter.hpp"
#include "fetch/retry_policy.hpp"

namespace prismaflow::fetch {

/// Returns "" when the reply is usable, else why it must be asked again.
using ReplyCheck = std::function<std::string(const EutilsResponse&)>;
/// Receives one line per retry, for the log.
using LogFn = std::function<void(const std::string&)>;

class EutilsSession {
 public:
  /// Keeps references to `transport` and `limiter`; both must outlive this.
  EutilsSession(EutilsTransport& transport, RateLimiter& limiter, RetrySettings retry,
                LogFn log);

  /// Sends `request` until `check` accepts the reply and returns it. Throws
  /// NetworkError naming the endpoint and the last fault after the last
  /// attempt, or at once for a permanent HTTP error (404…).
  EutilsResponse call(const EutilsRequest& request, const ReplyCheck& check);

  int requests_sent() const { return requests_; }
  int retries() const { return retries_; }
  int rate_limited() const { return rate_limited_; }
  EutilsTransport& transport() { return transport_; }

 private:
  EutilsTransport& transport_;
  RateLimiter& limiter_;
  RetrySettings retry_;
  LogFn log_;
  int requests_ = 0;
  int retries_ = 0;
  int rate_limited_ = 0;
};

}  // namespace prismaflow::fetch
