// The one place that reads the wall clock. Setting PRISMAFLOW_NOW (an ISO 8601
// UTC timestamp) fixes "now" so that examples and tests are reproducible.
#pragma once

#include <string>

namespace prismaflow {

/// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ", or $PRISMAFLOW_NOW when set.
std::string now_utc_iso();

}  // namespace prismaflow
