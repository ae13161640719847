#include "common/clock.hpp"

#include <cstdlib>
#include <ctime>

namespace prismaflow {

std::string now_utc_iso() {
  if (const char* fixed = std::getenv("PRISMAFLOW_NOW"); fixed && *fixed) return fixed;
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace prismaflow
