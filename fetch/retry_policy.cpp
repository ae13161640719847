#include "fetch/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace prismaflow::fetch {

std::string transient_fault(const EutilsResponse& r) {
  if (r.http_status == 0) {
    return r.transport_error.empty() ? "no reply" : r.transport_error;
  }
  std::string_view body = r.body;
  auto first = body.find_first_not_of(" \t\r\n");
  bool json_error = first != std::string_view::npos && body.substr(first, 8) == "{\"error\"";
  if (r.http_status == 429 || json_error) {
    std::string text = std::string(body.substr(0, 200));
    return "rate limit exceeded (HTTP " + std::to_string(r.http_status) + ")" +
           (text.empty() ? "" : ": " + text);
  }
  if (r.http_status >= 500 || r.http_status == 400 || r.http_status == 408) {
    // NCBI reports transient backend faults as 400 with a small XML body.
    return "HTTP " + std::to_string(r.http_status) +
           (body.empty() ? "" : ": " + std::string(body.substr(0, 200)));
  }
  if (r.http_status >= 300 && !is_permanent_http_error(r.http_status)) {
    return "HTTP " + std::to_string(r.http_status);
  }
  if (r.http_status >= 200 && r.http_status < 300 && body.empty()) return "empty body";
  return {};
}

bool is_permanent_http_error(int status) {
  return status == 401 || status == 403 || status == 404 || status == 405 || status == 410 ||
         status == 414;
}

double backoff_delay(const RetrySettings& s, int attempt, double jitter01,
                     double retry_after_s) {
  double d = s.base_delay_s * std::pow(2.0, std::max(0, attempt - 2));
  d = std::min(d, s.max_delay_s);
  d *= 0.5 + 0.5 * std::clamp(jitter01, 0.0, 1.0);
  return std::max(d, retry_after_s);
}

}  // namespace prismaflow::fetch
