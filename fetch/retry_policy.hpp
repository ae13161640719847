// When and how long to wait before asking E-utilities again: HTTP 429 (with
// NCBI's JSON body), 5xx, NCBI's transient 400s, connection faults and
// stalls are retried with exponential backoff and jitter; Retry-After wins
// when it asks for longer. Pure functions, so the policy is tested as values.
#pragma once

#include <string>

#include "fetch/eutils_transport.hpp"

namespace prismaflow::fetch {

struct RetrySettings {
  int max_attempts = 6;       ///< first try included
  double base_delay_s = 1.0;  ///< delay before the 2nd attempt, doubled after
  double max_delay_s = 60.0;
};

/// Why `response` cannot be used as an HTTP reply and should be retried, or
/// "" when it is a usable reply (the endpoint's own check still applies).
/// A 2xx body starting with {"error" is a rate-limit reply (eutils-notes 1).
std::string transient_fault(const EutilsResponse& response);

/// True for statuses no retry can fix (a wrong --eutils-url gives 404).
bool is_permanent_http_error(int status);

/// Delay before attempt `attempt` (2 = first retry): base * 2^(attempt-2),
/// capped, scaled by `jitter01` in [0,1) to 50-100 %, and at least the
/// response's Retry-After.
double backoff_delay(const RetrySettings& settings, int attempt, double jitter01,
                     double retry_after_s);

}  // namespace prismaflow::fetch
