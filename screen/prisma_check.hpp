// The identities between the PRISMA 2020 counts (../shared/docs/prisma2020.md
// §3.5), checked per column, naming the records that break each one so a
// reviewer can fix the decision rather than the number. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "screen/record_state.hpp"

namespace prismaflow::screen {

struct Violation {
  std::string column;    ///< "databases and registers" or "other methods"
  std::string identity;  ///< e.g. "records screened = identified - removed before screening"
  std::int64_t expected = 0;  ///< the right-hand side
  std::int64_t actual = 0;    ///< the left-hand side as counted
  std::string why;            ///< what the listed records have in common
  std::vector<std::int64_t> records;
};

/// Every identity that does not hold for `records` (empty when all hold):
///  screened = identified - (duplicates + automation + other removals);
///  sought = screened - excluded (records with full-text decisions that were
///  not included at title/abstract break it); assessed = sought - not
///  retrieved; sum of exclusion reasons + included = assessed (a full-text
///  exclusion without a reason breaks it).
std::vector<Violation> check_prisma(const std::vector<RecordState>& records);

}  // namespace prismaflow::screen
